"""Spec 1.1 §5 bad rows on import: unknown priorities by the version in force, value maps, instants after
now, events of unknown tickets, and the local-time rule read the same way as ``evaluate`` reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files
from servicepact.domain.errors import DataRowError
from servicepact.domain.input_rules import parse_value_map
from servicepact.services import agreements, importing, records
from servicepact.services.access import SYSTEM
from servicepact.services.importing import ImportReport, ImportRequest
from servicepact.services.model import ImportKind
from servicepact.testing import FixedTime
from tests.integration.db.helpers import EXAMPLE, add_client, write

pytestmark = pytest.mark.db

# The example agreement, its calendars moved to London so that its spring-forward night is 2026-03-29.
LONDON_TEXT = EXAMPLE.read_text(encoding="utf-8").replace("America/New_York", "Europe/London")
JANUARY = datetime(2026, 1, 1, tzinfo=UTC)


def activate(uow, text: str = LONDON_TEXT, effective_from: datetime = JANUARY) -> None:
    agreements.upload_agreement(
        uow, SYSTEM, "acme", text, read_agreement, activate=True, effective_from=effective_from
    )


def run(
    uow, kind: ImportKind, path: Path, *, skip: bool = False, values: list[str] | None = None
) -> ImportReport:
    request = ImportRequest(kind, path, "acme", skip_bad_rows=skip, values=parse_value_map(values or []))
    return importing.import_file(uow, SYSTEM, request, FileInputReader(), parser=read_agreement)


def test_an_unknown_priority_stops_the_import_naming_the_file_line_and_value(uow, tmp_path: Path):
    add_client(uow)
    activate(uow)
    path = write(
        tmp_path / "tickets.csv",
        "id,created_at,priority",
        "T1,2026-01-02T09:00:00Z,P1",
        "T2,2026-01-02T10:00:00Z,Critical",
    )
    with pytest.raises(DataRowError) as raised:
        run(uow, ImportKind.TICKETS, path)
    assert "tickets.csv:3: priority: 'Critical' is not a priority of the agreement (P1, P2, P3, P4)" in str(
        raised.value
    )
    assert records.list_tickets(uow, SYSTEM, "acme") == []


def test_a_value_map_turns_critical_into_p1_on_import(uow, tmp_path: Path):
    add_client(uow)
    activate(uow)
    path = write(tmp_path / "tickets.csv", "id,created_at,priority", "T1,2026-01-02T10:00:00Z,Critical")
    run(uow, ImportKind.TICKETS, path, values=["priority:Critical=P1"])
    assert records.get_ticket(uow, SYSTEM, "acme", "T1").priority == "P1"


def test_a_priority_event_to_a_level_the_agreement_lacks_is_refused_with_its_line(uow, tmp_path: Path):
    add_client(uow)
    activate(uow)
    path = write(
        tmp_path / "tickets.csv",
        "id,created_at,priority",
        "T1,2026-01-02T10:00:00Z,P3",
        "T2,2026-01-02T11:00:00Z,P3",
    )
    run(uow, ImportKind.TICKETS, path)
    events = write(tmp_path / "events.csv", "ticket_id,at,type,value", "T1,2026-01-02T12:00:00Z,priority,P9")
    with pytest.raises(DataRowError, match=r"events.csv:2: value: 'P9' is not a priority of the agreement"):
        run(uow, ImportKind.EVENTS, events)


def test_rows_no_version_covers_are_stored_unchecked_and_judged_later(uow, tmp_path: Path):
    add_client(uow)
    path = write(tmp_path / "history.csv", "id,created_at,priority", "OLD,2025-11-02T10:00:00Z,Critical")
    run(uow, ImportKind.TICKETS, path)  # no agreement at all yet
    activate(uow)
    older = write(tmp_path / "older.csv", "id,created_at,priority", "OLDER,2025-12-02T10:00:00Z,Sev1")
    run(uow, ImportKind.TICKETS, older)  # before the version's effective_from
    assert [t.priority for t in records.list_tickets(uow, SYSTEM, "acme")] == ["Critical", "Sev1"]


def test_instants_after_now_are_bad_rows_and_skipping_keeps_the_good_ones(
    uow, time_source: FixedTime, tmp_path: Path
):
    add_client(uow)
    activate(uow)
    now = time_source.now()
    path = write(
        tmp_path / "tickets.csv",
        "id,created_at,priority",
        "T1,2026-01-02T09:00:00Z,P1",
        "T2,2027-01-02T09:00:00Z,P2",
        "T3,2026-01-03T09:00:00Z,Sev9",
    )
    with pytest.raises(DataRowError) as raised:
        run(uow, ImportKind.TICKETS, path)
    assert f"tickets.csv:3: created_at: '2027-01-02T09:00:00Z' is after now ({now.isoformat()})" in str(
        raised.value
    )
    report = run(uow, ImportKind.TICKETS, path, skip=True)
    assert report.added["tickets"] == 1
    assert [(row.line, row.column) for row in report.bad_rows] == [(3, "created_at"), (4, "priority")]
    outages = write(
        tmp_path / "outages.csv", "uptime_id,start,end,kind", "email,2027-02-01T10:00:00Z,,unplanned"
    )
    with pytest.raises(DataRowError, match=r"outages.csv:2: start: '2027-02-01T10:00:00Z' is after now"):
        run(uow, ImportKind.OUTAGES, outages)


def test_events_of_tickets_that_are_not_stored_are_bad_rows(uow, tmp_path: Path):
    add_client(uow)
    path = write(tmp_path / "tickets.csv", "id,created_at,priority", "T1,2026-01-02T09:00:00Z,P1")
    run(uow, ImportKind.TICKETS, path)
    events = write(
        tmp_path / "events.csv",
        "ticket_id,at,type,value",
        "T1,2026-01-02T09:30:00Z,responded,",
        "T404,2026-01-02T09:30:00Z,responded,",
    )
    with pytest.raises(DataRowError, match=r"events.csv:3: ticket_id: 'T404' is not a stored ticket"):
        run(uow, ImportKind.EVENTS, events)
    report = run(uow, ImportKind.EVENTS, events, skip=True)
    assert report.added == {"events": 1}


def test_import_and_evaluate_read_hourly_backups_around_the_spring_forward_gap_the_same_way(
    uow, time_source: FixedTime, tmp_path: Path
):
    # London, 2026-03-29: 01:00 GMT -> 02:00 BST. 01:30 does not exist and is read as 02:30 BST (01:30Z),
    # the instant 02:30 names too: in both paths the 02:30 row repeats the 01:30 row and is left out.
    add_client(uow)
    activate(uow)
    time_source.set(datetime(2026, 4, 1, tzinfo=UTC))
    path = write(
        tmp_path / "backups.csv",
        "backup_id,started_at,finished_at,status",
        "hourly,2026-03-29T00:30:00,2026-03-29T00:40:00,success",
        "hourly,2026-03-29T01:30:00,2026-03-29T02:40:00,success",
        "hourly,2026-03-29T02:30:00,2026-03-29T02:45:00,failed",
        "hourly,2026-03-29T03:30:00,2026-03-29T03:40:00,success",
    )
    with pytest.raises(DataRowError, match=r"backups.csv:4: started_at: repeats the run of line 3 \("):
        run(uow, ImportKind.BACKUPS, path)
    imported = run(uow, ImportKind.BACKUPS, path, skip=True)
    agreement = read_agreement(LONDON_TEXT).agreement
    assert agreement is not None
    evaluated = read_evaluation_files(agreement, EvaluationFiles(backups=path), skip_bad_rows=True)

    stored = [(r.started_at, r.status) for r in records.list_backup_runs(uow, SYSTEM, "acme")]
    read = [(r.started_at.astimezone(UTC), r.status) for r in evaluated.inputs.backup_runs]
    assert stored == read
    assert [s.isoformat() for s, _ in stored] == [
        "2026-03-29T00:30:00+00:00",
        "2026-03-29T01:30:00+00:00",
        "2026-03-29T02:30:00+00:00",
    ]
    assert [str(row) for row in imported.bad_rows] == [str(p) for p in evaluated.problems]
    assert imported.added == {"backup_runs": 3}


def test_the_import_command_names_an_unknown_priority_and_takes_map_value(
    database_url: str, monkeypatch, capsys, tmp_path: Path
):
    from servicepact.entrypoints.cli import main

    def cli(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", database_url)
    assert cli("db", "upgrade")[0] == 0
    assert cli("client", "add", "acme", "--name", "Acme", "--time-zone", "Europe/London")[0] == 0
    code, _, err = cli(
        "agreement",
        "upload",
        "acme",
        str(EXAMPLE),
        "--activate",
        "--effective-from",
        "2026-01-01T00:00:00+00:00",
    )
    assert code == 0, err
    path = write(tmp_path / "export.csv", "id,created_at,priority", "X1,2026-01-05T09:00:00Z,Critical")
    code, _, err = cli("import", "tickets", str(path), "--client", "acme")
    assert code == 1
    assert "export.csv:2: priority: 'Critical' is not a priority of the agreement (P1, P2, P3, P4)" in err
    assert "nothing was stored" in err
    code, out, err = cli(
        "import", "tickets", str(path), "--client", "acme", "--map-value", "priority:critical=P1"
    )
    assert code == 0, err
    assert "tickets: 1 added" in out
    code, _, err = cli("import", "tickets", str(path), "--client", "acme", "--map-value", "priority=P1")
    assert code == 1
    assert "write field:from=to" in err
