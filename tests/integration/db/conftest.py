"""One database per test, on SQLite (a temporary file) and on PostgreSQL (a fresh schema).

PostgreSQL runs when ``SERVICEPACT_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it); with ``CI=true`` a
missing or unreachable server fails the tests instead of skipping them. Every database is built by the
migrations, so the tests also test the migrations.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy
from sqlalchemy.engine import make_url

from servicepact.adapters.db import Database, DatabaseSettings, SqlAlchemyUnitOfWork
from servicepact.testing import FixedTime

POSTGRES_ENV = "SERVICEPACT_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The server to test on, or skip (fail in CI) when there is none."""
    url = os.environ.get(POSTGRES_ENV)
    in_ci = os.environ.get("CI") == "true"
    if not url:
        if in_ci:
            pytest.fail(f"{POSTGRES_ENV} is not set in CI: the PostgreSQL half of the suite cannot run")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    try:
        engine = sqlalchemy.create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
    except sqlalchemy.exc.OperationalError as error:
        if in_ci:
            pytest.fail(f"PostgreSQL at {url} is not reachable: {error}")
        pytest.skip(f"PostgreSQL at {url} is not reachable")
    return url


@pytest.fixture(scope="session")
def postgres_server() -> str:
    return postgres_url()


def schema_url(url: str, schema: str) -> str:
    """``url`` (a PostgreSQL server) with ``schema`` as its search path: a database of the test's own."""
    return (
        make_url(url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of its own (not yet migrated)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'servicepact.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield schema_url(server, schema)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database of the test's own."""
    db = Database(DatabaseSettings(database_url))
    db.upgrade()
    try:
        yield db
    finally:
        db.dispose()


LATER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
"""The tests' ``now``: after every row they import (spec 1.1 §5: an instant after ``now`` is a bad row)."""


@pytest.fixture
def time_source() -> FixedTime:
    return FixedTime(LATER)


@pytest.fixture
def uow(database: Database, time_source: FixedTime) -> SqlAlchemyUnitOfWork:
    return database.unit_of_work(time_source)
