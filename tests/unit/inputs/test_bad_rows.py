"""Spec 1.1 §5 bad rows: unknown priorities, value maps, instants after now, repeats in a DST gap."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servicepact.adapters.inputs import (
    DataFileError,
    read_backup_runs,
    read_outages,
    read_restore_tests,
    read_ticket_batch,
)
from servicepact.adapters.inputs.timestamps import to_datetime
from servicepact.domain.input_rules import InputRules, PriorityLevels, ValueMap, parse_value_map
from tests.unit.inputs.helpers import utc, write

LONDON = ZoneInfo("Europe/London")
LEVELS = PriorityLevels.always(["P1", "P2", "P3", "P4"])
NOW = int(utc(2026, 4, 1).timestamp())


def _rules(values: list[str] | None = None, now: int | None = NOW) -> InputRules:
    return InputRules(now=now, values=parse_value_map(values or []), priorities=LEVELS)


def test_an_unknown_priority_is_a_bad_row_naming_the_file_line_and_value(tmp_path: Path) -> None:
    tickets = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\nT1,2026-03-02T10:00:00Z,P1\nT2,2026-03-02T11:00:00Z,Critical\n"
        "T3,2026-03-02T12:00:00Z,P5\n",
    )
    with pytest.raises(DataFileError) as raised:
        read_ticket_batch(tickets, None, LONDON, rules=_rules())
    lines = str(raised.value).splitlines()
    assert lines[0].startswith(
        "tickets.csv:3: priority: 'Critical' is not a priority of the agreement (P1, P2"
    )
    assert "--map-value priority:Critical=LEVEL" in lines[0]
    assert lines[1].startswith("tickets.csv:4: priority: 'P5' is not a priority of the agreement")


def test_a_value_map_turns_an_exports_names_into_levels_ignoring_case(tmp_path: Path) -> None:
    tickets = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\nT1,2026-03-02T10:00:00Z,Critical\nT2,2026-03-02T11:00:00Z, critical\n"
        "T3,2026-03-02T12:00:00Z,1 - High\nT4,2026-03-02T13:00:00Z,P3\n",
    )
    batch, _, problems = read_ticket_batch(
        tickets, None, LONDON, rules=_rules(["priority:Critical=P1", "priority:1 - High=P2"])
    )
    assert problems == []
    assert batch.priority.tolist() == ["P1", "P1", "P2", "P3"]


def test_a_priority_mapped_to_a_level_the_agreement_lacks_names_both_values(tmp_path: Path) -> None:
    tickets = write(
        tmp_path, "tickets.json", '[{"id": "T1", "created_at": "2026-03-02T10:00:00Z", "priority": "Urgent"}]'
    )
    with pytest.raises(DataFileError, match=r"tickets.json:1 \[0\]: priority: 'Urgent' \(mapped to 'P0'\)"):
        read_ticket_batch(tickets, None, LONDON, rules=_rules(["priority:urgent=P0"]))


def test_a_priority_event_to_an_unknown_level_is_a_bad_row_and_its_value_is_mapped(tmp_path: Path) -> None:
    tickets = write(tmp_path, "tickets.csv", "id,created_at,priority\nT1,2026-03-02T10:00:00Z,P3\n")
    events = write(
        tmp_path,
        "events.csv",
        "ticket_id,at,type,value\nT1,2026-03-02T10:30:00Z,priority,Critical\nT1,2026-03-02T11:00:00Z,priority,P7\n",
    )
    _, event_batch, problems = read_ticket_batch(
        tickets, events, LONDON, skip_bad_rows=True, rules=_rules(["priority:Critical=P1"])
    )
    assert [str(p).split(";")[0] for p in problems] == [
        "events.csv:3: value: 'P7' is not a priority of the agreement (P1, P2, P3, P4)"
    ]
    assert event_batch.value.tolist() == ["P1"]


def test_a_ticket_is_checked_against_the_version_in_force_at_its_creation_and_not_before_any(
    tmp_path: Path,
) -> None:
    start = int(utc(2026, 3, 1).timestamp())
    levels = PriorityLevels.of_versions([("msa", start, ["P1", "P2"]), ("msa", start + 86400 * 10, ["Gold"])])
    tickets = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\nOLD,2026-02-01T10:00:00Z,Whatever\nT1,2026-03-02T10:00:00Z,P1\n"
        "T2,2026-03-02T10:00:00Z,Gold\nT3,2026-03-20T10:00:00Z,Gold\nT4,2026-03-20T10:00:00Z,P1\n",
    )
    batch, _, problems = read_ticket_batch(
        tickets, None, LONDON, skip_bad_rows=True, rules=InputRules(priorities=levels)
    )
    assert batch.ids.tolist() == ["OLD", "T1", "T3"]
    assert [(p.line, p.field) for p in problems] == [(4, "priority"), (6, "priority")]
    assert "(Gold)" in problems[1].reason


def test_instants_after_now_are_bad_rows_in_every_kind_of_file(tmp_path: Path) -> None:
    tickets = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority,resolved_at\nT1,2026-03-02T10:00:00Z,P1,\nT2,2026-05-02T10:00:00Z,P1,\n"
        "T3,2026-03-02T10:00:00Z,P1,2026-04-02T10:00:00Z\n",
    )
    events = write(
        tmp_path,
        "events.csv",
        "ticket_id,at,type,value\nT1,2026-03-02T11:00:00Z,responded,\nT1,2026-04-01T00:00:01Z,resolved,\n",
    )
    batch, event_batch, problems = read_ticket_batch(
        tickets, events, LONDON, skip_bad_rows=True, rules=_rules()
    )
    assert [str(p) for p in problems] == [
        "tickets.csv:3: created_at: '2026-05-02T10:00:00Z' is after now (2026-04-01T00:00:00+00:00)",
        "tickets.csv:4: resolved_at: '2026-04-02T10:00:00Z' is after now (2026-04-01T00:00:00+00:00)",
        "events.csv:3: at: '2026-04-01T00:00:01Z' is after now (2026-04-01T00:00:00+00:00)",
    ]
    assert batch.ids.tolist() == ["T1"]
    assert len(event_batch) == 1
    outages = write(
        tmp_path,
        "outages.csv",
        "uptime_id,start,end,kind\nweb,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,unplanned\n"
        "web,2026-04-02T10:00:00Z,,unplanned\n",
    )
    with pytest.raises(DataFileError, match=r"outages.csv:3: start: '2026-04-02T10:00:00Z' is after now"):
        read_outages(outages, LONDON, rules=_rules())
    backups = write(
        tmp_path,
        "backups.csv",
        "backup_id,started_at,finished_at,status\nnightly,2026-04-03T01:00:00,2026-04-03T01:20:00,success\n",
    )
    with pytest.raises(DataFileError, match=r"backups.csv:2: started_at: '2026-04-03T01:00:00' is after now"):
        read_backup_runs(backups, LONDON, rules=_rules())
    restores = write(tmp_path, "restores.csv", "backup_id,at,status\nnightly,2026-06-01T10:00:00Z,success\n")
    with pytest.raises(DataFileError, match=r"restores.csv:2: at: '2026-06-01T10:00:00Z' is after now"):
        read_restore_tests(restores, LONDON, rules=_rules())


def test_skipping_bad_rows_keeps_the_good_ones(tmp_path: Path) -> None:
    tickets = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\nT1,2026-03-02T10:00:00Z,Critical\nT2,2026-03-02T10:00:00Z,P5\n"
        "T3,2026-05-02T10:00:00Z,P1\nT4,2026-03-03T10:00:00Z,P2\n",
    )
    batch, _, problems = read_ticket_batch(
        tickets, None, LONDON, skip_bad_rows=True, rules=_rules(["priority:critical=P1"])
    )
    assert batch.ids.tolist() == ["T1", "T4"]
    assert batch.priority.tolist() == ["P1", "P2"]
    assert [p.line for p in problems] == [3, 4]


def test_a_value_map_applies_to_a_column_of_fixed_choices(tmp_path: Path) -> None:
    backups = write(
        tmp_path,
        "backups.csv",
        "backup_id,started_at,finished_at,status\nnightly,2026-03-02T01:00:00Z,2026-03-02T01:20:00Z,OK\n",
    )
    runs = read_backup_runs(
        backups, LONDON, rules=InputRules(values=ValueMap.of({"status": {"ok": "success"}}))
    )
    assert [r.status.value for r in runs.runs] == ["success"]


def test_two_hourly_backups_written_around_the_spring_forward_gap_are_one_instant_and_a_repeat(
    tmp_path: Path,
) -> None:
    # London, 2026-03-29: 01:00 GMT becomes 02:00 BST. 01:30 does not exist and moves forward by the
    # gap to 02:30 BST (01:30Z); 02:30 is 02:30 BST (01:30Z) too: the second row repeats the first.
    backups = write(
        tmp_path,
        "backups.csv",
        "backup_id,started_at,finished_at,status\n"
        "hourly,2026-03-29T00:30:00,2026-03-29T00:40:00,success\n"
        "hourly,2026-03-29T01:30:00,2026-03-29T02:40:00,success\n"
        "hourly,2026-03-29T02:30:00,2026-03-29T02:40:00,success\n"
        "hourly,2026-03-29T03:30:00,2026-03-29T03:40:00,success\n",
    )
    read = read_backup_runs(backups, LONDON, skip_bad_rows=True)
    assert [r.started_at for r in read.runs] == [
        utc(2026, 3, 29, 0, 30),
        utc(2026, 3, 29, 1, 30),
        utc(2026, 3, 29, 2, 30),
    ]
    assert [str(p) for p in read.problems] == [
        "backups.csv:4: started_at: repeats the run of line 3 ('2026-03-29T01:30:00' is a local time "
        "the clocks skipped, read as 2026-03-29T02:30:00+01:00)"
    ]


def test_a_repeated_outage_is_a_bad_row_naming_the_line_it_repeats(tmp_path: Path) -> None:
    outages = write(
        tmp_path,
        "outages.csv",
        "uptime_id,start,end,kind\nweb,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,unplanned\n"
        "web,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,unplanned\n"
        "web,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,maintenance\n",
    )
    with pytest.raises(DataFileError, match=r"^outages.csv:3: start: repeats the outage of line 2$"):
        read_outages(outages, LONDON)


@pytest.mark.parametrize(
    ("item", "reason"),
    [("priority=P1", "write field:from=to"), ("priority:Critical", "write field:from=to"), (":a=b", "write")],
)
def test_a_value_map_item_that_is_not_field_from_to_is_refused(item: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_value_map([item])


def test_a_value_mapped_twice_to_different_levels_is_refused() -> None:
    with pytest.raises(ValueError, match="already mapped to 'P1'"):
        parse_value_map(["priority:Critical=P1", "priority:critical=P2"])


def test_the_local_time_rule_reads_a_gap_time_forward_and_an_ambiguous_one_as_its_first_occurrence() -> None:
    from servicepact.adapters.inputs.timestamps import parse_instant, parse_instants

    cells = ["2026-03-29T01:30:00", "2026-10-25T01:30:00"]
    one_by_one = [to_datetime(parse_instant(c, LONDON) or 0) for c in cells]
    as_column = [to_datetime(s) for s in parse_instants(cells * 10, LONDON)[0][:2].tolist()]
    assert one_by_one == as_column == [utc(2026, 3, 29, 1, 30), utc(2026, 10, 25, 0, 30)]


def test_a_check_after_now_is_a_bad_row(tmp_path: Path) -> None:
    from servicepact.adapters.inputs import read_monitor_checks

    path = write(
        tmp_path,
        "checks.csv",
        "monitor,at,status\nweb,2026-03-01T10:00:00Z,up\nweb,2026-05-01T10:00:00Z,down\n",
    )
    with pytest.raises(DataFileError, match=r"^checks.csv:3: at: '2026-05-01T10:00:00Z' is after now"):
        read_monitor_checks(path, LONDON, rules=_rules())


def test_a_servicenow_incident_with_a_priority_the_agreement_lacks_is_left_out_whole(tmp_path: Path) -> None:
    from servicepact.adapters.inputs import read_servicenow_log

    header = (
        "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,opened_at,"
        "sys_updated_at,impact,urgency,priority,cmdb_ci,resolved_at,closed_at\n"
    )
    rows = (
        "INC1,New,true,0,0,0,true,1/3/2026 09:00,1/3/2026 09:05,2 - Medium,2 - Medium,3 - Moderate,?,?,?\n"
        "INC1,Active,true,0,0,1,true,1/3/2026 09:00,1/3/2026 10:00,1 - High,1 - High,1 - Critical,?,?,?\n"
        "INC2,New,true,0,0,0,true,2/3/2026 09:00,2/3/2026 09:05,3 - Low,3 - Low,4 - Low,?,?,?\n"
    )
    path = write(tmp_path, "log.csv", header + rows)
    rules = InputRules(now=NOW, values=parse_value_map(["priority:1=P1", "priority:4=P4"]), priorities=LEVELS)
    log = read_servicenow_log(path, LONDON, skip_bad_rows=True, rules=rules)
    assert [(t.id, t.priority) for t in log.tickets] == [("INC2", "P4")]
    assert [str(p).split(" (")[0] for p in log.problems] == [
        "log.csv:2: priority: '3' is not a priority of the agreement"
    ]
