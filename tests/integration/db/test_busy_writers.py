"""A writer waits for another's lock; past the wait it is a BusyError (503 with Retry-After), never a
driver's error; the driver's own errors from the bulk paths are translated like SQLAlchemy's."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import psycopg
import pytest
import sqlalchemy
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from servicepact.adapters.db import Database, DatabaseSettings, copy_rows, engine, translate
from servicepact.adapters.inputs import read_ticket_batch
from servicepact.domain.errors import BusyError, ConflictError, ExternalServiceError
from servicepact.entrypoints.http.errors import install_error_handlers
from servicepact.services.access import SYSTEM, scope_of
from servicepact.services.model import ImportKind
from servicepact.services.ports import TicketRows
from servicepact.testing import FixedTime
from tests.integration.db.helpers import add_client, run_import, write

pytestmark = pytest.mark.db


def _tickets(folder: Path, name: str, prefix: str) -> Path:
    rows = [f"{prefix}-{i},2026-01-05T09:{i:02d}:00Z,P2" for i in range(20)]
    return write(folder / name, "id,created_at,priority", *rows)


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)


def test_a_writer_waits_for_the_other_writers_lock_and_both_store(
    database: Database, time_source: FixedTime, tmp_path: Path
) -> None:
    add_client(database.unit_of_work(time_source))
    first, second = _tickets(tmp_path, "a.csv", "A"), _tickets(tmp_path, "b.csv", "B")
    holding = threading.Event()

    def slow_import() -> None:
        with database.unit_of_work(time_source) as uow:
            client = uow.clients.get_by_slug("acme", scope_of(SYSTEM))
            assert client is not None
            uow.imports.tickets(client.id, _rows_of(first), None)
            holding.set()
            time.sleep(0.5)  # holds the write lock (SQLite) while the other import starts
            uow.commit()

    with ThreadPoolExecutor(1) as pool:
        done = pool.submit(slow_import)
        assert holding.wait(10)
        report = run_import(database.unit_of_work(time_source), ImportKind.TICKETS, second)
        done.result()
    assert report.added["tickets"] == 20
    assert _count(database, "tickets") == 40


def _rows_of(path: Path) -> TicketRows:
    tickets, events, _ = read_ticket_batch(path, None, ZoneInfo("UTC"))
    return TicketRows(tickets, events)


@pytest.fixture
def impatient(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The test's database, migrated, whose writers wait 0.2 s for a lock instead of 30 s."""
    if database_url.startswith("sqlite"):
        monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
        url = database_url
    else:
        parsed = make_url(database_url)
        options = f"{parsed.query.get('options', '')} -clock_timeout=200".strip()
        url = parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)
    db = Database(DatabaseSettings(url))
    db.upgrade()
    try:
        yield db
    finally:
        db.dispose()


def test_a_lock_held_past_the_wait_is_a_busy_error_and_nothing_is_stored(
    impatient: Database, time_source: FixedTime, tmp_path: Path
) -> None:
    add_client(impatient.unit_of_work(time_source))
    tickets = _tickets(tmp_path, "t.csv", "T")
    url = impatient.settings.url
    if url.startswith("sqlite"):
        blocker = sqlite3.connect(str(make_url(url).database), isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another process's write transaction
        release = blocker.close
    else:
        other = sqlalchemy.create_engine(url)
        holder = other.connect()
        holder.exec_driver_sql("UPDATE data_revision SET value = value")  # every commit raises it

        def release() -> None:
            holder.close()
            other.dispose()

    try:
        with pytest.raises(BusyError, match="busy with other changes") as caught:
            run_import(impatient.unit_of_work(time_source), ImportKind.TICKETS, tickets)
        assert caught.value.retry_after >= 1
        assert not caught.value.permanent
        assert _count(impatient, "tickets") == 0
    finally:
        release()
    report = run_import(impatient.unit_of_work(time_source), ImportKind.TICKETS, tickets)
    assert report.added["tickets"] == 20


def test_driver_errors_are_translated_like_sqlalchemys() -> None:
    assert isinstance(translate(sqlite3.OperationalError("database is locked")), BusyError)
    assert isinstance(translate(psycopg.errors.DeadlockDetected("deadlock detected")), BusyError)
    assert isinstance(translate(psycopg.errors.SerializationFailure("could not serialize")), BusyError)
    unique = psycopg.errors.UniqueViolation("duplicate key value violates unique constraint")
    assert isinstance(translate(unique), ConflictError)
    assert isinstance(translate(sqlite3.IntegrityError("UNIQUE constraint failed")), ConflictError)
    failed = translate(sqlite3.OperationalError("disk I/O error"))
    assert type(failed) is ExternalServiceError
    assert not failed.permanent


def test_busy_is_a_503_with_retry_after() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/busy")
    def busy() -> None:
        raise BusyError("the database is busy with other changes; nothing was changed, try again")

    response = TestClient(app).get("/busy")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.json()["error"]["code"] == "busy"


def test_the_times_of_day_are_whole_in_every_thread() -> None:
    """The table of times of day was a global list filled by the first caller, which other threads read
    half-filled; it is made whole once."""
    copy_rows._times_of_day.cache_clear()
    start = datetime(2026, 1, 5, tzinfo=UTC)
    seconds = np.array([int((start + timedelta(seconds=s)).timestamp()) for s in (0, 3661, 86399)])
    barrier = threading.Barrier(16)

    def stamps(_: int) -> list[str]:
        barrier.wait()
        return copy_rows.stamps(seconds)

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(stamps, range(16)))
    assert all(r == ["2026-01-05T00:00:00", "2026-01-05T01:01:01", "2026-01-05T23:59:59"] for r in results)
