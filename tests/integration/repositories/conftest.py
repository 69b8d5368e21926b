"""One unit of work per test: the in-memory fake, SQLite and PostgreSQL (as the database tests make them)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy

from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.services.ports import UnitOfWork
from servicepact.testing import FakeUnitOfWork, FixedTime
from tests.integration.db.conftest import LATER, postgres_url, schema_url


@pytest.fixture(params=["fake", "sqlite", "postgresql"])
def any_uow(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWork]:
    """A fresh unit of work on the fake or on a migrated database of its own; ``now`` is LATER."""
    time_source = FixedTime(LATER)
    if request.param == "fake":
        yield FakeUnitOfWork(time_source)
        return
    if request.param == "sqlite":
        database = Database(DatabaseSettings(f"sqlite:///{tmp_path / 'servicepact.db'}"))
        database.upgrade()
        try:
            yield database.unit_of_work(time_source)
        finally:
            database.dispose()
        return
    server = postgres_url()  # skips, or fails in CI, where there is none
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    database = Database(DatabaseSettings(schema_url(server, schema)))
    try:
        database.upgrade()
        yield database.unit_of_work(time_source)
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
