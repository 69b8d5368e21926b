"""One counter that every committed change raises: readers compare it to tell whether anything changed."""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from servicepact.adapters.db.tables.base import Base

REVISION_ROW = 1


class DataRevisionRow(Base):
    """A single row (``id`` 1). ``value`` goes up by one in the transaction of every commit, so a reader
    that sees a value also sees every change committed up to it (and none after)."""

    __tablename__ = "data_revision"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger())
