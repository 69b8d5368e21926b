"""Database settings and the engine factory. Nothing here runs at import time.

``SERVICEPACT_DATABASE_URL`` chooses the database; the default is the SQLite file ``./servicepact.db``.
SQLite runs in WAL mode (readers never wait for the writer) with foreign keys on and a busy timeout;
PostgreSQL goes through psycopg 3 (``postgresql+psycopg://user@host/db``).

SQLite and concurrent writers: a transaction that has read and then writes cannot wait for the write lock
(SQLite answers ``database is locked`` at once, whatever the busy timeout, as its snapshot may be stale).
So every transaction begins ``DEFERRED`` (readers run side by side and never queue behind a writer), and
before its first write the transaction becomes a write transaction: its read snapshot is ended (nothing
was written yet, so nothing is lost) and ``BEGIN IMMEDIATE`` waits, up to the busy timeout, for the write
lock. What the transaction read before that is as fresh as under PostgreSQL's READ COMMITTED; from its
first write on, a writer holds the one write lock to its commit and sees every committed change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from servicepact.domain.errors import InputError

ENV_URL = "SERVICEPACT_DATABASE_URL"
DEFAULT_URL = "sqlite:///./servicepact.db"
BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class DatabaseSettings:
    """Where the database is. :meth:`from_env` refuses URLs that would lose data or that we cannot drive."""

    url: str = DEFAULT_URL
    echo: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DatabaseSettings:
        env = os.environ if environ is None else environ
        return cls(url=normalise_url(env.get(ENV_URL) or DEFAULT_URL))

    @property
    def dialect(self) -> str:
        return make_url(self.url).get_backend_name()

    def redacted(self) -> str:
        """The URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)


def normalise_url(url: str) -> str:
    """Check a database URL: SQLite files and PostgreSQL through psycopg 3 only.

    ``postgresql://`` and ``postgres://`` become ``postgresql+psycopg://``. An in-memory SQLite database is
    refused: every connection would see a different, empty database.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError(f"{ENV_URL}: {url!r} is not a database URL") from None
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise InputError(f"{ENV_URL}: an in-memory SQLite database would lose every change; name a file")
        return url
    if backend == "postgresql":
        if driver not in ("psycopg", "psycopg2") or "+" not in parsed.drivername:
            parsed = parsed.set(drivername="postgresql+psycopg")
        elif driver != "psycopg":
            raise InputError(f"{ENV_URL}: use postgresql+psycopg:// (psycopg 3), not {parsed.drivername}")
        return parsed.render_as_string(hide_password=False)
    raise InputError(f"{ENV_URL}: {backend} is not supported; use sqlite:/// or postgresql+psycopg://")


POOL_SIZE, POOL_OVERFLOW = 5, 25
"""Connections per process: 5 kept open, up to 30 at once. More than the API's thread pool
(``entrypoints/http/app.THREADS``) so that the short reads the event loop makes never wait for a
connection that a thread holds."""


def make_engine(settings: DatabaseSettings) -> Engine:
    """An engine for ``settings``; on SQLite every connection gets WAL, foreign keys and a busy timeout,
    and a transaction becomes a write transaction (``BEGIN IMMEDIATE``) before its first write."""
    options: dict[str, Any] = {"echo": settings.echo, "pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
    if settings.dialect == "sqlite":
        engine = create_engine(settings.url, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite starts transactions late and by itself; SQLAlchemy issues BEGIN instead (its recipe).
        event.listen(engine, "begin", _begin_deferred)
        event.listen(engine, "before_cursor_execute", _before_statement)
        event.listen(engine, "commit", _transaction_ended)
        event.listen(engine, "rollback", _transaction_ended)
        return engine
    return create_engine(settings.url, pool_pre_ping=True, **options)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" listener issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: commits are atomic and durable enough
    cursor.close()


_WRITING = "servicepact_writing"
"""Key of ``Connection.info``: False in a SQLite transaction that has not written yet, True once it has
become a write transaction, absent between transactions."""

_WRITES = frozenset(
    {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "SAVEPOINT", "VACUUM", "REINDEX"}
)
"""First words of the statements that write (a SAVEPOINT guards writes to come: taken inside the write
transaction, it is never ended by the switch to one)."""


def _begin_deferred(connection: Connection) -> None:
    connection.info[_WRITING] = False
    connection.exec_driver_sql("BEGIN")


def _transaction_ended(connection: Connection) -> None:
    connection.info.pop(_WRITING, None)


def _before_statement(
    connection: Connection, _cursor: Any, statement: str, _parameters: Any, context: Any, _many: bool
) -> None:
    if connection.info.get(_WRITING) is not False:
        return
    first = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    writes = context is not None and (context.isinsert or context.isupdate or context.isdelete)
    if writes or first in _WRITES:
        start_writing(connection)


def start_writing(connection: Connection) -> None:
    """Make the SQLite transaction of ``connection`` a write transaction before its first write (see the
    module's docstring); nothing when it already is one, or on PostgreSQL (whose writers wait for row
    locks by themselves).

    Raises the driver's ``OperationalError`` (``database is locked``) when the write lock stays taken
    longer than the busy timeout.
    """
    if connection.info.get(_WRITING) is not False:
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    if driver.in_transaction:
        driver.execute("COMMIT")  # a read-only snapshot: nothing written, nothing to keep
    driver.execute("BEGIN IMMEDIATE")  # waits for the write lock, up to the busy timeout
    connection.info[_WRITING] = True
