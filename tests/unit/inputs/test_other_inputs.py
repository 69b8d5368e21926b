# ruff: noqa: E501 - rows of test data are kept on one line each, as they appear in the files
from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servicepact.adapters.inputs.assets import read_assets
from servicepact.adapters.inputs.backups import read_backup_runs, read_restore_tests
from servicepact.adapters.inputs.events import read_ticket_events
from servicepact.adapters.inputs.outages import read_outages
from servicepact.adapters.inputs.rows import DataFileError
from servicepact.adapters.inputs.uci import UCI_MATRIX, read_servicenow_log
from servicepact.adapters.inputs.upptime import checks_to_outages, read_monitor_checks
from servicepact.domain.records import BackupStatus, EventType, OutageKind

from .helpers import utc, write

LONDON = ZoneInfo("Europe/London")


def test_outages_keep_open_ones_and_refuse_an_end_before_the_start(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "outages.csv",
        "service,start,end,kind,announced_at\n"
        "mail,2026-07-01T10:00:00,2026-07-01T11:00:00,maintenance,2026-06-20T09:00:00Z\n"
        "mail,2026-07-02T10:00:00Z,,unplanned,\n"
        "mail,2026-07-03T10:00:00Z,2026-07-03T09:00:00Z,unplanned,\n",
    )
    read = read_outages(path, LONDON, skip_bad_rows=True)
    first, second = read.outages
    assert first.start == utc(2026, 7, 1, 9)  # BST
    assert first.kind is OutageKind.MAINTENANCE
    assert first.announced_at == utc(2026, 6, 20, 9)
    assert second.end is None
    assert [str(p) for p in read.problems] == ["outages.csv:4: end: '2026-07-03T09:00:00Z' is before start"]


def test_backup_runs_and_restore_tests_are_read_with_their_statuses(tmp_path: Path) -> None:
    runs = write(
        tmp_path,
        "runs.csv",
        "backup_id,started_at,finished_at,status\nnightly,2026-01-01T01:00:00Z,2026-01-01T02:00:00Z,SUCCESS\n"
        "nightly,2026-01-02T01:00:00Z,2026-01-02T02:00:00Z,lost\n",
    )
    read = read_backup_runs(runs, LONDON, skip_bad_rows=True)
    assert [r.status for r in read.runs] == [BackupStatus.SUCCESS]
    assert [str(p) for p in read.problems] == [
        "runs.csv:3: status: 'lost' is not one of success, failed, partial"
    ]
    tests = write(tmp_path, "tests.csv", "backup_id,at,status\nnightly,2026-01-05T10:00:00Z,partial\n")
    assert read_restore_tests(tests, LONDON).tests[0].status is BackupStatus.PARTIAL


def test_a_backup_run_needs_a_backup_id_or_a_system_column(tmp_path: Path) -> None:
    runs = write(tmp_path, "runs.csv", "started_at,finished_at,status\n")
    with pytest.raises(DataFileError, match="needs the column"):
        read_backup_runs(runs, LONDON)


def test_asset_fields_are_typed_and_repeated_ids_are_bad_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "assets.csv",
        "id,type,encrypted,ram_gb,purchased,serial,score,os\n"
        "PC-1,laptop,Yes,16,2024-01-31,00123,0.5,\nPC-1,laptop,no,8,2024-02-01,9,1,Linux\n",
    )
    read = read_assets(path, skip_bad_rows=True)
    (asset,) = read.assets
    assert asset.fields == {
        "encrypted": True,
        "ram_gb": 16,
        "purchased": date(2024, 1, 31),
        "serial": "00123",
        "score": 0.5,
        "os": None,
    }
    assert [str(p) for p in read.problems] == ["assets.csv:3: id: 'PC-1' repeats the asset of line 2"]


def test_json_assets_keep_their_json_types(tmp_path: Path) -> None:
    path = write(
        tmp_path, "assets.json", '[{"id": "S1", "type": "server", "disks": [1, 2], "patched": "2026-01-02"}]'
    )
    (asset,) = read_assets(path).assets
    assert asset.fields == {"disks": [1, 2], "patched": date(2026, 1, 2)}


def test_events_read_alone_can_be_checked_against_known_ticket_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "events.csv",
        "ticket_id,at,type\nT1,2026-01-01T10:00:00Z,acknowledged\nT2,2026-01-01T10:00:00Z,resolved\n",
    )
    read = read_ticket_events(path, LONDON, skip_bad_rows=True, ticket_ids=["T1"])
    assert [(e.ticket_id, e.type) for e in read.events] == [("T1", EventType.ACKNOWLEDGED)]
    assert [str(p) for p in read.problems] == ["events.csv:3: ticket_id: 'T2' is not a ticket of the tickets"]


def test_generic_checks_become_outages_from_first_down_to_next_up(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "checks.csv",
        "monitor,at,status\nweb,2026-01-01T10:00:00Z,up\nweb,2026-01-01T10:05:00Z,down\n"
        "web,2026-01-01T10:10:00Z,down\nweb,2026-01-01T10:15:00Z,up\ndb,2026-01-01T10:20:00Z,down\n",
    )
    outages = checks_to_outages(read_monitor_checks(path))
    assert [(o.uptime_id, o.start, o.end) for o in outages] == [
        ("db", utc(2026, 1, 1, 10, 20), None),
        ("web", utc(2026, 1, 1, 10, 5), utc(2026, 1, 1, 10, 15)),
    ]


def test_upptime_checks_are_told_apart_by_their_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "status_checks.csv",
        "commit,committed_at,slug,site_name,status,http_code,response_ms\n"
        "a,2026-05-10T17:13:31+00:00,site,Site,down,0,0\nb,2026-05-10T17:18:31+00:00,site,Site,up,200,133\n",
    )
    checks = read_monitor_checks(path)
    assert [(c.monitor, c.up, c.http_code, c.line) for c in checks] == [
        ("site", False, 0, 2),
        ("site", True, 200, 3),
    ]
    assert checks_to_outages(checks)[0].end == utc(2026, 5, 10, 17, 18, 31)


UCI_HEADER = (
    "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,opened_at,"
    "sys_updated_at,impact,urgency,priority,cmdb_ci,resolved_at,closed_at\n"
)
UCI_ROWS = [
    "INC1,New,true,0,0,0,true,1/3/2016 09:00,1/3/2016 09:05,2 - Medium,2 - Medium,3 - Moderate,?,2/3/2016 10:00,?",
    "INC1,Resolved,true,0,0,1,true,1/3/2016 09:00,1/3/2016 12:00,2 - Medium,2 - Medium,3 - Moderate,?,2/3/2016 10:00,?",
    "INC1,Active,true,0,1,2,true,1/3/2016 09:00,1/3/2016 15:00,1 - High,2 - Medium,2 - High,?,2/3/2016 10:00,?",
    "INC1,Resolved,true,0,1,3,false,1/3/2016 09:00,2/3/2016 10:00,1 - High,2 - Medium,2 - High,?,2/3/2016 10:00,?",
    "INC2,New,true,0,0,0,true,27/3/2016 01:30,27/3/2016 02:00,3 - Low,3 - Low,4 - Low,CI 1,?,?",
    "INC2,Closed,false,0,0,1,true,27/3/2016 01:30,28/3/2016 09:00,3 - Low,3 - Low,4 - Low,CI 1,?,?",
]


def test_a_servicenow_log_gives_one_ticket_per_incident_with_its_history(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("incident_event_log.csv", UCI_HEADER + "\n".join(UCI_ROWS) + "\n")
    path = tmp_path / "log.zip"
    path.write_bytes(buffer.getvalue())
    log = read_servicenow_log(path, LONDON)
    first, second = log.tickets
    assert (first.id, first.priority, first.impact, first.urgency) == ("INC1", "2", "1", "2")
    assert [(e.type.value, e.at.hour) for e in first.events] == [
        ("status", 9),
        ("status", 12),
        ("resolved", 12),
        ("status", 15),
        ("priority", 15),
        ("reopened", 15),
        ("status", 10),
        ("resolved", 10),
    ]
    assert [u.external_id for u in log.updates] == [
        "INC1:0",
        "INC1:1",
        "INC1:2",
        "INC1:3",
        "INC2:0",
        "INC2:1",
    ]
    assert log.made_sla == {"INC1": False, "INC2": True}
    # On 27/3/2016 London skips 01:00-02:00: 01:30 moves forward to 02:30 BST (01:30 UTC); 02:00 is BST.
    assert second.created_at == utc(2016, 3, 27, 1, 30)
    assert second.events[0].at == utc(2016, 3, 27, 1, 0)
    assert second.events[-1].type is EventType.RESOLVED  # no resolved_at: the Closed row
    assert second.asset == "CI 1"
    assert all(UCI_MATRIX[u.impact or ""][u.urgency or ""] == u.priority for u in log.updates)
