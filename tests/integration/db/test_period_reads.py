"""The reads a period's evaluation makes (``period_tickets`` and spans), the same on SQL and on the fake.

One contract for both repositories: the tests run the same checks on SQLite, PostgreSQL and the
in-memory fake of ``servicepact.testing``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from servicepact.services.access import SYSTEM, scope_of
from servicepact.services.model import ImportKind, Page, Span
from servicepact.services.ports import UnitOfWork
from servicepact.testing import FakeUnitOfWork, FixedTime
from tests.integration.db.helpers import add_client, run_import, write

SPAN = Span(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
NOW = datetime(2026, 5, 1, tzinfo=UTC)


def _store_history(uow: UnitOfWork, folder: Path) -> int:
    client = add_client(uow)
    write(
        folder / "tickets.csv",
        "id,created_at,priority",
        "CLOSED,2026-02-01T10:00:00Z,P3",
        "OPEN,2026-02-02T10:00:00Z,P3",
        "REOPENED,2026-02-03T10:00:00Z,P3",
        "TOUCHED,2026-02-04T10:00:00Z,P3",
        "CREATED,2026-03-05T10:00:00Z,P3",
        "LATER,2026-04-02T10:00:00Z,P3",
        "CLOSED_AGAIN,2026-02-05T10:00:00Z,P3",
    )
    write(
        folder / "events.csv",
        "ticket_id,at,type,value",
        "CLOSED,2026-02-01T12:00:00Z,resolved,",
        "REOPENED,2026-02-03T12:00:00Z,resolved,",
        "REOPENED,2026-02-04T12:00:00Z,reopened,",
        "TOUCHED,2026-02-04T12:00:00Z,resolved,",
        "TOUCHED,2026-03-10T12:00:00Z,work,30",
        "CLOSED_AGAIN,2026-02-05T12:00:00Z,resolved,",
        "CLOSED_AGAIN,2026-02-06T12:00:00Z,reopened,",
        "CLOSED_AGAIN,2026-02-07T12:00:00Z,resolved,",
    )
    write(
        folder / "outages.csv",
        "uptime_id,start,end,kind",
        "email,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,unplanned",
        "email,2026-02-28T23:00:00Z,2026-03-01T01:00:00Z,unplanned",
        "email,2026-03-15T00:00:00Z,2026-03-15T01:00:00Z,unplanned",
        "email,2026-04-01T00:00:00Z,2026-04-01T01:00:00Z,unplanned",
    )
    write(
        folder / "backups.csv",
        "backup_id,started_at,finished_at,status",
        "nightly,2026-02-28T23:30:00Z,2026-03-01T00:30:00Z,success",
        "nightly,2026-02-27T23:30:00Z,2026-02-28T00:30:00Z,success",
        "nightly,2026-03-31T23:30:00Z,2026-04-01T00:30:00Z,success",
        "nightly,2026-04-01T23:30:00Z,2026-04-02T00:30:00Z,success",
    )
    for kind, name in (
        (ImportKind.TICKETS, "tickets.csv"),
        (ImportKind.EVENTS, "events.csv"),
        (ImportKind.OUTAGES, "outages.csv"),
        (ImportKind.BACKUPS, "backups.csv"),
    ):
        run_import(uow, kind, folder / name)
    return client.id


def check_period_reads(uow: UnitOfWork, folder: Path) -> None:
    client_id = _store_history(uow, folder)
    scope = scope_of(SYSTEM)
    with uow:
        judged = uow.records.period_tickets(client_id, scope, Page(100), SPAN)
        live = uow.records.period_tickets(client_id, scope, Page(100), SPAN, open_before=True)
        paged = uow.records.period_tickets(client_id, scope, Page(1, 1), SPAN, open_before=True)
        outages = uow.records.outages(client_id, scope, Page(100), SPAN)
        runs = uow.records.backup_runs(client_id, scope, Page(100), SPAN)
    # Created in the period, or touched in it; created before its end.
    assert [t.id for t in judged] == ["TOUCHED", "CREATED"]
    # Live clocks add what is still open: never resolved, or reopened after the last resolution.
    assert [t.id for t in live] == ["OPEN", "REOPENED", "TOUCHED", "CREATED"]
    assert [t.id for t in paged] == ["REOPENED"]
    assert [e.type.value for e in live[2].events] == ["resolved", "work"]
    # Outages meeting the period; runs that finished in it or after its start and started before its end.
    assert [o.start.day for o in outages] == [28, 15]
    assert [r.finished_at.date().isoformat() for r in runs] == ["2026-03-01", "2026-04-01"]


def test_period_reads_on_the_database(uow, time_source: FixedTime, tmp_path: Path):
    time_source.set(NOW)  # the files hold no instant after now
    check_period_reads(uow, tmp_path)


def test_period_reads_on_the_fake(tmp_path: Path):
    check_period_reads(FakeUnitOfWork(FixedTime(NOW)), tmp_path)
