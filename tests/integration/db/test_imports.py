"""Imports into the database: idempotent, all or nothing, bad rows with line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from servicepact.domain.errors import DataRowError
from servicepact.domain.records import EventType
from servicepact.services import clients, records
from servicepact.services.access import SYSTEM
from servicepact.services.model import ImportKind, Page
from tests.integration.db.helpers import add_client, events_file, run_import, tickets_file, write

pytestmark = pytest.mark.db


def test_tickets_and_events_are_stored_with_their_instants_in_utc(uow, tmp_path: Path):
    add_client(uow)
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    run_import(uow, ImportKind.EVENTS, events_file(tmp_path))
    t1 = records.get_ticket(uow, SYSTEM, "acme", "T1")
    assert [e.type for e in t1.events] == [
        EventType.RESPONDED,
        EventType.WORK,
        EventType.WORK,
        EventType.RESOLVED,
    ]
    t3 = records.get_ticket(uow, SYSTEM, "acme", "T3")
    assert t3.created_at.isoformat() == "2026-01-07T06:00:00+00:00"
    # A time without an offset is read in the client's zone (Europe/London, UTC+0 in January).
    t2 = records.get_ticket(uow, SYSTEM, "acme", "T2")
    assert t2.created_at.isoformat() == "2026-01-06T09:00:00+00:00"


def test_importing_the_same_files_again_changes_nothing(uow, tmp_path: Path):
    add_client(uow)
    first = run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    events = run_import(uow, ImportKind.EVENTS, events_file(tmp_path))
    before = clients.client_counts(uow, SYSTEM, "acme")
    again = run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    events_again = run_import(uow, ImportKind.EVENTS, events_file(tmp_path))
    assert first.added == {"tickets": 3, "events": 3}
    assert events.added == {"events": 4}
    assert again.added == {"tickets": 0, "events": 0}
    assert again.present == {"tickets": 3, "events": 3}
    assert events_again.added == {"events": 0}
    assert events_again.present == {"events": 4}
    assert clients.client_counts(uow, SYSTEM, "acme") == before
    assert before.tickets == 3
    assert before.events == 7


def test_a_later_file_with_more_rows_adds_only_the_new_ones(uow, tmp_path: Path):
    add_client(uow)
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    run_import(uow, ImportKind.EVENTS, events_file(tmp_path))
    more = events_file(tmp_path, "more.csv")
    more.write_text(more.read_text() + "T1,2026-01-05T10:00:00Z,work,30\nT3,2026-01-08T10:00:00Z,reopened,\n")
    report = run_import(uow, ImportKind.EVENTS, more)
    # A third identical work row is a third event; the reopening is new.
    assert report.added == {"events": 2}
    assert report.present == {"events": 4}


def test_a_bad_row_is_reported_with_its_line_and_nothing_of_the_file_is_stored(uow, tmp_path: Path):
    add_client(uow)
    bad = write(
        tmp_path / "bad.csv",
        "id,created_at,priority",
        "A1,2026-01-05T09:00:00Z,P1",
        "A2,yesterday,P2",
        "A3,2026-01-05T09:00:00Z,P3",
    )
    with pytest.raises(DataRowError) as raised:
        run_import(uow, ImportKind.TICKETS, bad)
    assert "bad.csv:3" in str(raised.value)
    assert "yesterday" in str(raised.value)
    assert clients.client_counts(uow, SYSTEM, "acme").tickets == 0


def test_events_of_tickets_that_are_not_stored_stop_the_import(uow, tmp_path: Path):
    add_client(uow)
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    stray = write(
        tmp_path / "stray.csv",
        "ticket_id,at,type,value",
        "T1,2026-01-05T10:00:00Z,work,15",
        "NOPE,2026-01-05T10:00:00Z,work,15",
    )
    with pytest.raises(DataRowError, match=r"stray.csv:3: ticket_id: 'NOPE' is not a stored ticket"):
        run_import(uow, ImportKind.EVENTS, stray)
    assert clients.client_counts(uow, SYSTEM, "acme").events == 3  # only those of the tickets file


def test_skipping_bad_rows_stores_the_good_ones_and_lists_the_bad(uow, tmp_path: Path):
    add_client(uow)
    bad = write(
        tmp_path / "bad.csv",
        "id,created_at,priority",
        "A1,2026-01-05T09:00:00Z,P1",
        "A2,yesterday,P2",
        "A3,2026-01-05T09:00:00Z,P3",
    )
    report = run_import(uow, ImportKind.TICKETS, bad, skip=True)
    assert report.added["tickets"] == 2
    assert [(row.line, row.column) for row in report.bad_rows] == [(3, "created_at")]
    stray = write(
        tmp_path / "stray.csv",
        "ticket_id,at,type",
        "A1,2026-01-05T10:00:00Z,responded",
        "ZZ,2026-01-05T10:00:00Z,responded",
    )
    events = run_import(uow, ImportKind.EVENTS, stray, skip=True)
    assert events.added == {"events": 1}
    assert [row.line for row in events.bad_rows] == [3]


def test_outages_backups_restore_tests_and_assets_import_idempotently(uow, tmp_path: Path):
    add_client(uow)
    files = {
        ImportKind.OUTAGES: write(
            tmp_path / "outages.csv",
            "uptime_id,start,end,kind,announced_at",
            "email,2026-01-05T09:00:00Z,2026-01-05T10:00:00Z,unplanned,",
            "email,2026-01-10T22:00:00Z,2026-01-10T23:00:00Z,maintenance,2026-01-03T09:00:00Z",
        ),
        ImportKind.BACKUPS: write(
            tmp_path / "runs.csv",
            "backup_id,started_at,finished_at,status",
            "nightly,2026-01-05T01:00:00Z,2026-01-05T01:30:00Z,success",
            "nightly,2026-01-06T01:00:00Z,2026-01-06T01:40:00Z,failed",
        ),
        ImportKind.RESTORES: write(
            tmp_path / "restores.csv", "backup_id,at,status", "nightly,2026-01-07T10:00:00Z,success"
        ),
        ImportKind.ASSETS: write(
            tmp_path / "assets.csv",
            "id,type,encrypted,warranty_until",
            "PC-1,laptop,yes,2027-01-31",
            "PC-2,laptop,no,",
        ),
    }
    for kind, path in files.items():
        first, again = run_import(uow, kind, path), run_import(uow, kind, path)
        assert sum(first.added.values()) > 0, kind
        assert sum(again.added.values()) == 0, kind
    counts = clients.client_counts(uow, SYSTEM, "acme")
    assert (counts.outages, counts.backup_runs, counts.restore_tests, counts.assets) == (2, 2, 1, 2)
    assets = {a.id: a for a in records.list_assets(uow, SYSTEM, "acme")}
    assert assets["PC-1"].fields["encrypted"] is True
    assert str(assets["PC-1"].fields["warranty_until"]) == "2027-01-31"
    outages = records.list_outages(uow, SYSTEM, "acme")
    assert outages[1].announced_at is not None
    assert outages[1].kind.value == "maintenance"


def test_column_names_can_be_mapped_onto_the_format(uow, tmp_path: Path):
    from servicepact.adapters.db.input_files import FileInputReader
    from servicepact.services import importing

    add_client(uow)
    path = write(tmp_path / "export.csv", "Number,Opened,Prio", "X1,2026-01-05T09:00:00Z,P1")
    request = importing.ImportRequest(
        ImportKind.TICKETS,
        path,
        "acme",
        importing.parse_mapping(["Number=id", "Opened=created_at", "Prio=priority"]),
    )
    report = importing.import_file(uow, SYSTEM, request, FileInputReader())
    assert report.added["tickets"] == 1
    assert records.get_ticket(uow, SYSTEM, "acme", "X1").priority == "P1"


def test_upptime_checks_become_stored_checks_and_outages(uow, shared_dir: Path):
    add_client(uow)
    report = run_import(uow, ImportKind.CHECKS, shared_dir / "data" / "upptime-curc" / "status_checks.csv")
    again = run_import(uow, ImportKind.CHECKS, shared_dir / "data" / "upptime-curc" / "status_checks.csv")
    assert report.added["checks"] > 13_000
    assert report.added["outages"] > 100
    assert sum(again.added.values()) == 0
    outages = records.list_outages(uow, SYSTEM, "acme", page=Page(limit=10_000))
    assert len(outages) == report.added["outages"]
    assert all(o.end is None or o.end > o.start for o in outages)
