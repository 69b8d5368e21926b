"""The one place that wires concrete adapters: a database URL becomes a unit-of-work factory.

Used by :func:`servicepact.entrypoints.http.app.create_app` and by the command line. Nothing is built at
import time; each call builds one engine (with its connection pool) that every unit of work shares.

>>> from servicepact.services.access import SYSTEM, scope_of
>>> make_uow = database_uow_factory(f"sqlite:///{TMP / 'servicepact.db'}")
>>> with make_uow() as uow:
...     uow.clients.list(scope_of(SYSTEM))
[]
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from servicepact.adapters.db import Database, DatabaseSettings, normalise_url
from servicepact.domain.errors import ConflictError
from servicepact.services.ports import TimeSource, UnitOfWork

__all__ = ["DatabaseUowFactory", "database", "database_uow_factory"]

log = logging.getLogger("servicepact")


def database(url: str, *, prepare: bool = True) -> Database:
    """The database at ``url``. With ``prepare``, an empty database gets the schema (``serve`` needs no
    set-up), and one whose schema is behind the code is refused with the command that upgrades it."""
    db = Database(DatabaseSettings(url=normalise_url(url)))
    if not prepare:
        return db
    if db.upgrade_if_empty():
        log.info("created the schema of the empty database %s", db.settings.redacted())
        return db
    current, head = db.current_revision(), db.head_revision()
    if current != head:
        db.dispose()
        raise ConflictError(
            f"the database {db.settings.redacted()} is at schema revision {current or 'none'}, "
            f"this servicepact needs {head}: run `servicepact db upgrade` first"
        )
    return db


class DatabaseUowFactory:
    """Makes units of work over one :class:`Database`; ``database`` is there for tests and shutdown."""

    def __init__(self, db: Database, time_source: TimeSource | None = None) -> None:
        self.database = db
        self.time_source = time_source

    def __call__(self) -> UnitOfWork:
        return self.database.unit_of_work(self.time_source)


def database_uow_factory(
    url: str, *, time_source: TimeSource | None = None, prepare: bool = True
) -> Callable[[], UnitOfWork]:
    """A factory of units of work over one engine for ``url`` (see :func:`database`)."""
    return DatabaseUowFactory(database(url, prepare=prepare), time_source)
