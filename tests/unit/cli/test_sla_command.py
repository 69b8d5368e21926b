import csv
import json
from pathlib import Path

import pytest

from servicepact.entrypoints.cli import main

TICKETS = """id,created_at,priority,service,first_response_at,resolved_at
T1,2027-03-01T09:00,P2,helpdesk,2027-03-01T09:30,2027-03-01T17:00
T2,2027-03-01T09:00:00-05:00,P3,helpdesk,,
T3,2027-03-06T10:00,P1,m365,,
"""
EVENTS = """ticket_id,at,type,value
T2,2027-03-01T10:00,status,waiting_on_client
T2,2027-03-01T14:00,status,in_progress
T3,2027-03-06T10:20,responded,
T3,2027-03-06T11:00,work,90
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    tickets, events = tmp_path / "tickets.csv", tmp_path / "events.csv"
    tickets.write_text(TICKETS)
    events.write_text(EVENTS)
    return tickets, events


def test_sla_writes_one_row_per_ticket_with_due_times_statuses_and_business_seconds(
    capsys, files, tmp_path: Path, examples_dir: Path
):
    out = tmp_path / "sla.csv"
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    tickets, events = files
    code = main(
        ["sla", agreement, "--tickets", str(tickets), "--events", str(events), "--now", "2027-03-08T12:00"]
    )
    assert code == 0
    rows = {row["id"]: row for row in csv.DictReader(capsys.readouterr().out.splitlines())}
    assert list(rows["T1"])[:11] == [
        "id", "priority", "response_due", "responded_at", "response_status", "resolution_due", "resolved_at",
        "resolution_status", "response_business_seconds", "resolution_business_seconds", "percent_used",
    ]  # fmt: skip
    assert rows["T1"]["response_status"] == "met"
    assert rows["T1"]["resolution_due"] == "2027-03-01T23:00:00Z"
    # P3: 4h response from Monday 09:00 New York is 14:00 local; 3bd = 27h of business time, and the
    # 10:00-14:00 pause pushes it to Thursday 12:00 local.
    assert rows["T2"]["response_due"] == "2027-03-01T19:00:00Z"
    assert rows["T2"]["resolution_due"] == "2027-03-04T17:00:00Z"
    assert rows["T2"]["resolution_status"] == "breached"
    assert rows["T3"]["after_hours_seconds"] == "5400"  # Saturday work is all outside business hours
    assert not out.exists()


def test_sla_writes_json_to_a_file_and_summarises_on_stderr(
    capsys, files, tmp_path: Path, examples_dir: Path
):
    out = tmp_path / "sla.json"
    tickets, events = files
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(
        ["sla", agreement, "--tickets", str(tickets), "--events", str(events), "--now", "2027-03-06T12:00",
         "-o", str(out)]
    )  # fmt: skip
    assert code == 0
    rows = json.loads(out.read_text())
    assert [row["resolution_status"] for row in rows] == ["met", "breached", "running"]
    assert rows[2]["response_due"] == "2027-03-06T15:30:00Z"
    assert "3 tickets" in capsys.readouterr().err


def test_sla_refuses_a_file_with_bad_rows_naming_file_line_and_column(
    capsys, tmp_path: Path, examples_dir: Path
):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,created_at,priority\nT1,2027-03-01T09:00,P2\nT2,yesterday,P2\n")
    out = tmp_path / "out.csv"
    code = main(["sla", str(examples_dir / "northwind-acme.en.yaml"), "--tickets", str(bad), "-o", str(out)])
    assert code == 1
    assert "bad.csv:3: created_at:" in capsys.readouterr().err
    assert not out.exists()


def test_sla_can_skip_bad_rows_and_says_which(capsys, tmp_path: Path, examples_dir: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,created_at,priority\nT1,2027-03-01T09:00,P2\nT2,yesterday,P2\n")
    out = tmp_path / "out.csv"
    args = ["sla", str(examples_dir / "northwind-acme.en.yaml"), "--tickets", str(bad), "-o", str(out)]
    code = main([*args, "--skip-bad-rows", "--now", "2027-03-01T10:00"])
    assert code == 0
    assert "skipped:" in capsys.readouterr().err
    assert [row["id"] for row in csv.DictReader(out.read_text().splitlines())] == ["T1"]


def test_sla_maps_impact_and_urgency_through_the_agreements_matrix(
    capsys, tmp_path: Path, examples_dir: Path
):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "id,created_at,impact,urgency\nT1,2027-03-01T09:00,high,medium\nT2,2027-03-01T09:00,low,low\n"
    )
    code = main(
        [
            "sla",
            str(examples_dir / "northwind-acme.en.yaml"),
            "--tickets",
            str(tickets),
            "--now",
            "2027-03-02",
        ]
    )
    assert code == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [row["priority"] for row in rows] == ["P2", "P4"]


def test_sla_rejects_an_output_it_cannot_write(capsys, files, examples_dir: Path):
    tickets, _ = files
    code = main(
        ["sla", str(examples_dir / "northwind-acme.en.yaml"), "--tickets", str(tickets), "-o", "out.xlsx"]
    )
    assert code == 1
    assert "write .csv or .json" in capsys.readouterr().err


def test_sla_names_an_unknown_priority_with_its_file_line_and_value(
    capsys, tmp_path: Path, examples_dir: Path
):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("id,created_at,priority\nT1,2027-03-01T09:00,P2\nT2,2027-03-01T09:00,Critical\n")
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(["sla", agreement, "--tickets", str(tickets), "--now", "2027-03-02"])
    err = capsys.readouterr().err
    assert code == 1
    assert "tickets.csv:3: priority: 'Critical' is not a priority of the agreement (P1, P2, P3, P4)" in err


def test_sla_maps_an_exports_priority_names_to_levels(capsys, tmp_path: Path, examples_dir: Path):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("id,created_at,priority\nT1,2027-03-01T09:00,P2\nT2,2027-03-01T09:00,Critical\n")
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(
        [
            "sla",
            agreement,
            "--tickets",
            str(tickets),
            "--now",
            "2027-03-02",
            "--map-value",
            "priority:critical=P1",
        ]
    )
    assert code == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [row["priority"] for row in rows] == ["P2", "P1"]


def test_sla_refuses_a_value_map_that_is_not_field_from_to(capsys, files, examples_dir: Path):
    tickets, _ = files
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(["sla", agreement, "--tickets", str(tickets), "--map-value", "Critical=P1"])
    assert code == 1
    assert "--map-value 'Critical=P1': write field:from=to" in capsys.readouterr().err


def test_tickets_and_events_after_now_are_bad_rows_and_no_clock_is_negative(
    capsys, files, tmp_path: Path, examples_dir: Path
):
    tickets, events = files
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    args = ["sla", agreement, "--tickets", str(tickets), "--events", str(events), "--now", "2027-03-01T09:45"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "tickets.csv:2: resolved_at: '2027-03-01T17:00' is after now (2027-03-01T14:45:00+00:00)" in err
    assert "tickets.csv:4: created_at: '2027-03-06T10:00' is after now" in err
    assert "events.csv:3: at: '2027-03-01T14:00' is after now" in err
    out = tmp_path / "sla.json"
    assert main([*args, "--skip-bad-rows", "-o", str(out)]) == 0
    rows = json.loads(out.read_text())
    assert [row["id"] for row in rows] == ["T2"]
    assert all(row["percent_used"] is None or row["percent_used"] >= 0 for row in rows)


def test_an_event_of_a_ticket_not_in_the_file_is_a_bad_row(capsys, files, tmp_path: Path, examples_dir: Path):
    tickets, _ = files
    events = tmp_path / "more.csv"
    events.write_text("ticket_id,at,type,value\nT9,2027-03-01T10:00,responded,\n")
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(["sla", agreement, "--tickets", str(tickets), "--events", str(events), "--now", "2027-03-08"])
    assert code == 1
    assert "more.csv:2: ticket_id: 'T9' is not a ticket of tickets.csv" in capsys.readouterr().err
