from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from servicepact.adapters.db.tables.base import Base, text_enum
from servicepact.adapters.db.types import UtcDateTime
from servicepact.services.model import VersionStatus


class AgreementRow(Base):
    """An agreement of a client, named by the ``id`` in its YAML."""

    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("client_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AgreementVersionRow(Base):
    """A version's text never changes once activated (a trigger refuses it; see the migration)."""

    __tablename__ = "agreement_versions"
    __table_args__ = (
        UniqueConstraint("agreement_id", "number"),
        # At most one active version per agreement.
        Index(
            "uq_agreement_versions_one_active",
            "agreement_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    number: Mapped[int]
    status: Mapped[VersionStatus] = mapped_column(text_enum(VersionStatus, "version_status"))
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    priority_matrix: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    uploaded_by: Mapped[str] = mapped_column(String(320))
    activated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    effective_from: Mapped[datetime | None] = mapped_column(UtcDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
