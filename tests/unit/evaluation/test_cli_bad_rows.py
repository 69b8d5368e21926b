"""``servicepact evaluate`` and spec 1.1 §5: unknown priorities, value maps, instants after now."""

import json
from pathlib import Path

from servicepact.entrypoints.cli import main

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"
TICKETS = (
    "id,created_at,priority,service\nT1,2027-03-01T09:00,P2,helpdesk\nT2,2027-03-01T10:00,Critical,helpdesk\n"
)


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_evaluate_names_an_unknown_priority_with_its_file_line_and_value(capsys, tmp_path: Path):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(TICKETS)
    out = tmp_path / "march.json"
    code, _, err = run(
        capsys, "evaluate", EXAMPLE, "-p", "2027-03", "--tickets", tickets, "--now", "2027-04-05", "-o", out
    )
    assert code == 1
    assert "tickets.csv:3: priority: 'Critical' is not a priority of the agreement (P1, P2, P3, P4)" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_evaluate_maps_critical_to_p1_and_counts_the_ticket_by_its_targets(capsys, tmp_path: Path):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(TICKETS)
    out = tmp_path / "march.json"
    code, _, err = run(
        capsys, "evaluate", EXAMPLE, "-p", "2027-03", "--tickets", tickets, "--now", "2027-04-05",
        "--map-value", "priority:Critical=P1", "-o", out,
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out.read_text())
    assert data["tickets"]["created"] == 2
    assert data["tickets"]["best_effort"] == []


def test_evaluate_skips_rows_after_now_and_events_of_unknown_tickets_when_asked(capsys, tmp_path: Path):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("id,created_at,priority\nT1,2027-03-01T09:00,P2\nT2,2027-03-20T09:00,P2\n")
    events = tmp_path / "events.csv"
    events.write_text(
        "ticket_id,at,type,value\nT1,2027-03-01T09:30,responded,\nT7,2027-03-01T09:30,responded,\n"
    )
    out = tmp_path / "march.json"
    args = ["evaluate", EXAMPLE, "-p", "2027-03", "--tickets", tickets, "--events", events,
            "--now", "2027-03-10T12:00", "-o", out]  # fmt: skip
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "tickets.csv:3: created_at: '2027-03-20T09:00' is after now" in err
    assert "events.csv:3: ticket_id: 'T7' is not a ticket of tickets.csv" in err
    code, _, err = run(capsys, *args, "--skip-bad-rows")
    assert code == 0, err
    assert json.loads(out.read_text())["tickets"]["created"] == 1
    assert err.count("skipped:") == 2
