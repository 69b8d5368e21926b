# ruff: noqa: E501 - rows of test data are kept on one line each, as they appear in the files
from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from servicepact.adapters.inputs import csv_files
from servicepact.adapters.inputs.rows import DataFileError
from servicepact.adapters.inputs.tickets import read_ticket_batch, read_tickets
from servicepact.domain.errors import DataRowError
from servicepact.domain.records import EventType

from .helpers import priority_of, utc, write

MOSCOW = ZoneInfo("Europe/Moscow")
TICKETS = """id,created_at,impact,urgency,client_priority,service,title,first_response_at,resolved_at
T1,2026-03-02T10:00:00+03:00,high,high,P2,mail,"Mail is down,
for everyone",2026-03-02T10:05:00+03:00,2026-03-02T12:00:00Z
T2,2026-03-02 09:00:00,low,low,,,,,
"""
EVENTS = """ticket_id,at,type,value
T1,2026-03-02T10:30:00+03:00,status,waiting_for_customer
T1,2026-03-02T08:00:00Z,work,30
T2,2026-03-02T07:00:00Z,priority,P3
"""


def test_tickets_and_events_become_records_with_events_in_time_order(tmp_path: Path) -> None:
    tickets = write(tmp_path, "tickets.csv", TICKETS)
    events = write(tmp_path, "events.csv", EVENTS)
    read = read_tickets(tickets, MOSCOW, priority_of=priority_of, events_path=events)
    first, second = read.tickets
    assert read.problems == []
    assert first.priority == "P1"
    assert first.client_priority == "P2"
    assert first.title == "Mail is down,\nfor everyone"
    assert first.created_at == utc(2026, 3, 2, 7)
    assert [e.type for e in first.events] == [
        EventType.RESPONDED,
        EventType.STATUS,
        EventType.WORK,
        EventType.RESOLVED,
    ]
    assert first.events[2].minutes == 30
    assert second.created_at == utc(2026, 3, 2, 6)  # naive: Moscow time
    assert second.priority == "P4"
    assert second.service is None


def test_the_batch_holds_the_same_tickets_as_columns_with_lines(tmp_path: Path) -> None:
    tickets = write(tmp_path, "tickets.csv", TICKETS)
    events = write(tmp_path, "events.csv", EVENTS)
    batch, event_batch, problems = read_ticket_batch(tickets, events, MOSCOW, priority_of=priority_of)
    assert problems == []
    assert batch.ids.tolist() == ["T1", "T2"]
    assert batch.lines.tolist() == [2, 4]  # the quoted title spans lines 2 and 3
    assert batch.created_at.dtype == np.dtype("datetime64[s]")
    assert event_batch.ticket.tolist() == [0, 0, 0, 0, 1]
    assert np.all(np.diff(event_batch.at[:4].astype(np.int64)) >= 0)


def test_a_bad_timestamp_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\nT1,2026-03-02T10:00:00Z,P1\nT2,2026-13-01 10:00,P2\n",
    )
    with pytest.raises(DataRowError) as caught:
        read_tickets(path, MOSCOW)
    assert str(caught.value) == "tickets.csv:3: created_at: '2026-13-01 10:00' is not an ISO 8601 timestamp"
    assert isinstance(caught.value, DataFileError)
    assert caught.value.problems[0].line == 3


def test_skipping_bad_rows_returns_the_good_ones_and_reports_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\nT1,2026-03-02T10:00:00Z,P1\nT2,never,P2\nT1,2026-03-03T10:00:00Z,P1\n",
    )
    read = read_tickets(path, MOSCOW, skip_bad_rows=True)
    assert [t.id for t in read.tickets] == ["T1"]
    assert [str(p) for p in read.problems] == [
        "tickets.csv:3: created_at: 'never' is not an ISO 8601 timestamp",
        "tickets.csv:4: id: 'T1' repeats the ticket of line 2",
    ]


def test_an_unknown_column_is_an_error_on_the_header_line(tmp_path: Path) -> None:
    path = write(tmp_path, "tickets.csv", "id,created_at,priority,colour\nT1,2026-03-02T10:00:00Z,P1,red\n")
    with pytest.raises(DataFileError, match=r"tickets.csv:1: unknown column 'colour'"):
        read_tickets(path, MOSCOW, skip_bad_rows=True)


def test_a_missing_column_or_half_a_matrix_pair_is_an_error_on_the_header_line(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "tickets.csv", "id,impact\nT1,high\n")
    with pytest.raises(DataFileError) as caught:
        read_tickets(path, MOSCOW)
    text = str(caught.value)
    assert "tickets.csv:1: missing required column(s): created_at" in text
    assert "impact need(s) urgency too" in text


def test_an_unmapped_impact_and_urgency_pair_names_both_values(tmp_path: Path) -> None:
    path = write(tmp_path, "tickets.csv", "id,created_at,impact,urgency\nT1,2026-03-02T10:00:00Z,huge,high\n")
    with pytest.raises(
        DataFileError, match=r"tickets.csv:2: impact, urgency: impact 'huge' and urgency 'high'"
    ):
        read_tickets(path, MOSCOW, priority_of=priority_of)


def test_without_a_matrix_impact_and_urgency_are_kept_and_priority_stays_unknown(tmp_path: Path) -> None:
    path = write(tmp_path, "tickets.csv", "id,created_at,impact,urgency\nT1,2026-03-02T10:00:00Z,huge,high\n")
    (ticket,) = read_tickets(path, MOSCOW).tickets
    assert (ticket.priority, ticket.impact, ticket.urgency) == (None, "huge", "high")


def test_events_of_unknown_tickets_and_bad_values_are_bad_rows(tmp_path: Path) -> None:
    tickets = write(tmp_path, "tickets.csv", "id,created_at,priority\nT1,2026-03-02T10:00:00Z,P1\n")
    events = write(
        tmp_path,
        "events.csv",
        "ticket_id,at,type,value\nT9,2026-03-02T10:00:00Z,responded,\nT1,2026-03-02T10:00:00Z,work,-5\n"
        "T1,2026-03-02T10:00:00Z,work,ten\nT1,2026-03-02T10:00:00Z,status,\nT1,2026-03-02T10:00:00Z,called,\n"
        "T1,2026-03-02T11:00:00Z,work,12.5\n",
    )
    _, event_batch, problems = read_ticket_batch(tickets, events, MOSCOW, skip_bad_rows=True)
    assert [str(p) for p in problems] == [
        "events.csv:2: ticket_id: 'T9' is not a ticket of tickets.csv",
        "events.csv:3: value: '-5' is not a non-negative number of minutes",
        "events.csv:4: value: 'ten' is not a number of minutes",
        "events.csv:5: value: a status event needs the state",
        "events.csv:6: type: 'called' is not one of responded, acknowledged, status, priority, resolved, reopened, work, "
        "after_hours_approved",
    ]
    assert event_batch.value.tolist() == ["12.5"]


def test_an_error_lists_fifty_problems_and_counts_the_rest(tmp_path: Path) -> None:
    rows = "".join(f"T{i},not a time,P1\n" for i in range(120))
    path = write(tmp_path, "tickets.csv", "id,created_at,priority\n" + rows)
    with pytest.raises(DataFileError) as caught:
        read_tickets(path, MOSCOW)
    lines = str(caught.value).splitlines()
    assert len(lines) == 51
    assert lines[-1] == "... and 70 more"
    assert len(caught.value.problems) == 120


def test_a_json_list_is_read_like_the_csv_with_index_and_line(tmp_path: Path) -> None:
    objects = [
        {"id": "T1", "created_at": "2026-03-02T10:00:00Z", "priority": "P1", "first_response_at": None},
        {"id": "T2", "created_at": "soon", "priority": "P2"},
        ["not", "an", "object"],
    ]
    path = write(tmp_path, "tickets.json", json.dumps(objects, indent=2))
    read = read_tickets(path, MOSCOW, skip_bad_rows=True)
    assert [t.id for t in read.tickets] == ["T1"]
    assert [str(p) for p in read.problems] == [
        "tickets.json:8 [1]: created_at: 'soon' is not an ISO 8601 timestamp",
        "tickets.json:13 [2]: is not an object but list",
    ]


def test_a_file_without_extension_is_sniffed_as_json_by_its_first_bracket(tmp_path: Path) -> None:
    path = write(
        tmp_path, "tickets", ' \n[{"id": "T1", "created_at": "2026-03-02T10:00:00Z", "priority": "P1"}]'
    )
    assert [t.id for t in read_tickets(path, MOSCOW).tickets] == ["T1"]


def test_small_blocks_give_the_same_batch_as_one_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f"T{i},2026-03-02T10:{i % 60:02d}:00Z,P{i % 4 + 1}\r\n" for i in range(500))
    path = write(tmp_path, "tickets.csv", "id,created_at,priority\r\n" + rows + "T500,bad,P1\r\n")
    whole = read_ticket_batch(path, None, MOSCOW, skip_bad_rows=True)
    monkeypatch.setattr(csv_files, "BLOCK_BYTES", 97)
    seen: list[int] = []
    parts = read_ticket_batch(path, None, MOSCOW, skip_bad_rows=True, progress=seen.append)
    assert parts.tickets.ids.tolist() == whole.tickets.ids.tolist()
    assert parts.tickets.lines.tolist() == whole.tickets.lines.tolist() == list(range(2, 502))
    assert (parts.tickets.created_at == whole.tickets.created_at).all()
    assert [str(p) for p in parts.problems] == [
        "tickets.csv:502: created_at: 'bad' is not an ISO 8601 timestamp"
    ]
    assert seen[-1] == 501
    assert seen == sorted(seen)


def test_rows_with_the_wrong_number_of_cells_and_blank_lines_are_handled(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tickets.csv",
        "id,created_at,priority\n\nT1,2026-03-02T10:00:00Z,P1\nT2,2026-03-02T10:00:00Z\n",
    )
    read = read_tickets(path, MOSCOW, skip_bad_rows=True)
    assert [t.id for t in read.tickets] == ["T1"]
    assert [str(p) for p in read.problems] == ["tickets.csv:4: has 2 cells, the header has 3"]


def test_an_empty_file_and_a_missing_file_are_errors_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"tickets.csv: is empty"):
        read_tickets(write(tmp_path, "tickets.csv", ""), MOSCOW)
    with pytest.raises(DataFileError, match=r"nothing.csv: cannot be read"):
        read_tickets(tmp_path / "nothing.csv", MOSCOW)
