"""The SQLAlchemy unit of work: one session, one transaction; database errors become ServicepactErrors
(``errors.translate``)."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from servicepact.adapters.db.bulk import SqlImports
from servicepact.adapters.db.errors import is_database_error, translate
from servicepact.adapters.db.records import SqlRecords
from servicepact.adapters.db.repositories import SqlAgreements, SqlAudit, SqlClients, SqlTokens, SqlUsers
from servicepact.adapters.db.tables import REVISION_ROW, DataRevisionRow
from servicepact.adapters.system_time import SystemTime
from servicepact.services.ports import TimeSource


class SqlAlchemyUnitOfWork:
    """A :class:`~servicepact.services.ports.UnitOfWork` over a SQLAlchemy session factory.

    ``with uow:`` opens a session (nested ``with`` blocks share it); leaving the outermost block rolls back
    what was not committed and closes the session.
    """

    def __init__(self, sessions: sessionmaker[Session], time_source: TimeSource | None = None) -> None:
        self._sessions = sessions
        self.time_source: TimeSource = time_source or SystemTime()
        self._session: Session | None = None
        self._depth = 0
        bind = sessions.kw.get("bind")
        # The driver's own errors (sqlite3.Error, psycopg.Error) escape SQLAlchemy on the bulk paths.
        self._driver_error: type[BaseException] = (
            bind.dialect.loaded_dbapi.Error if bind is not None else SQLAlchemyError
        )

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside `with uow:`")
        return self._session

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._session = self._sessions()
            session = self._session
            self.clients = SqlClients(session)
            self.agreements = SqlAgreements(session)
            self.users = SqlUsers(session)
            self.tokens = SqlTokens(session)
            self.audit = SqlAudit(session)
            self.records = SqlRecords(session)
            self.imports = SqlImports(session)
        self._depth += 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        session, self._session = self._session, None
        assert session is not None
        try:
            session.rollback()
        finally:
            session.close()
        if exc is not None and is_database_error(exc, self._driver_error):
            raise translate(exc) from exc

    def commit(self, *, changes_data: bool = True) -> None:
        try:
            if changes_data:
                # Raised last, just before COMMIT, so that concurrent writers wait on its row lock briefly.
                self.session.execute(
                    update(DataRevisionRow)
                    .where(DataRevisionRow.id == REVISION_ROW)
                    .values(value=DataRevisionRow.value + 1)
                )
            self.session.commit()
        except SQLAlchemyError as error:
            raise translate(error) from error

    def rollback(self) -> None:
        self.session.rollback()

    def data_revision(self) -> int | None:
        try:
            return self.session.scalar(
                select(DataRevisionRow.value).where(DataRevisionRow.id == REVISION_ROW)
            )
        except SQLAlchemyError as error:
            raise translate(error) from error
