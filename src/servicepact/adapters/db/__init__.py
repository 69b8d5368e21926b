"""Persistence: SQLAlchemy 2 tables, repositories, bulk imports, the unit of work and Alembic migrations.

One :class:`Database` per process, built by the entrypoint (never at import time)::

    database = Database(DatabaseSettings.from_env())
    database.upgrade()
    with database.unit_of_work() as uow:
        ...
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from servicepact.adapters.db import migrate
from servicepact.adapters.db.engine import DatabaseSettings, make_engine, normalise_url
from servicepact.adapters.db.errors import translate
from servicepact.adapters.db.uow import SqlAlchemyUnitOfWork
from servicepact.adapters.system_time import SystemTime
from servicepact.services.ports import TimeSource

__all__ = [
    "Database",
    "DatabaseSettings",
    "SqlAlchemyUnitOfWork",
    "SystemTime",
    "make_engine",
    "normalise_url",
    "translate",
]


class Database:
    """An engine and its session factory; makes units of work and runs migrations."""

    def __init__(self, settings: DatabaseSettings, *, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    def unit_of_work(self, time_source: TimeSource | None = None) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.sessions, time_source)

    def upgrade(self, revision: str = "head") -> None:
        migrate.upgrade(self.engine, revision)

    def current_revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def head_revision(self) -> str | None:
        return migrate.head_revision()

    def is_empty(self) -> bool:
        return migrate.is_empty(self.engine)

    def upgrade_if_empty(self) -> bool:
        """Create the schema of an empty database (what ``serve`` does); True when it did."""
        if self.is_empty():
            self.upgrade()
            return True
        return False

    def dispose(self) -> None:
        self.engine.dispose()
