"""``servicepact sla -o out.csv`` is read by spreadsheets: an id or priority never runs as a formula and a
bare carriage return never splits a row (issue 13: ``=HYPERLINK(…)`` ids were written as formulas, and a
CR inside an id was written unquoted)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from servicepact.adapters.clock_exports import csv_blocks
from servicepact.domain.clocks.results import ClockStatus
from servicepact.entrypoints.cli import main
from tests.unit.clocks.test_clock_exports import results_of

HOSTILE = [
    '=HYPERLINK("http://x","click")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\tT",
    "\rR",
    "IN\rC7",
    "A\r\nB",
    "plain",
]


def row(ticket_id: str, priority: str = "P1") -> tuple[object, ...]:
    return (ticket_id, priority, 0, None, None, None, ClockStatus.MET, ClockStatus.RUNNING, 60, 120, 7, 12.5)


def read_back(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_formula_ids_and_priorities_come_out_neutralised_and_every_row_stays_one_row() -> None:
    results = results_of([row(ticket_id, "=cmd|' /C calc'!A0") for ticket_id in HOSTILE])
    written = b"".join(csv_blocks(results)).decode("utf-8")
    rows = read_back(written)
    assert len(rows) == len(HOSTILE)
    assert [r["id"] for r in rows] == [
        "'" + ticket_id if ticket_id[0] in "=+-@\t\r" else ticket_id for ticket_id in HOSTILE
    ]
    assert rows[0]["id"] == '\'=HYPERLINK("http://x","click")'
    assert rows[6]["id"] == "IN\rC7"
    assert {r["priority"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    # No cell a spreadsheet reads starts as a formula.
    assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for r in rows for cell in r.values())


def test_a_plain_column_is_written_as_it_was() -> None:
    written = b"".join(csv_blocks(results_of([row("INC1"), row("INC-2")]))).decode("utf-8")
    assert [r["id"] for r in read_back(written)] == ["INC1", "INC-2"]
    assert "'" not in written


def test_the_sla_command_writes_a_formula_id_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parents[3]
    tickets = tmp_path / "tickets.csv"
    with tickets.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["id", "created_at", "priority"])
        writer.writerow(['=HYPERLINK("http://x")', "2027-03-02T10:00:00Z", "P1"])
        writer.writerow(["IN\rC2", "2027-03-02T11:00:00Z", "P2"])
    out = tmp_path / "out.csv"
    agreement = root / "examples" / "northwind-acme.en.yaml"
    code = main(
        ["sla", str(agreement), "--tickets", str(tickets), "--now", "2027-04-01T00:00:00Z", "-o", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    rows = read_back(out.read_text(encoding="utf-8"))
    # The reader takes the id's line break as a line feed; the CSV keeps it inside its one row.
    assert [r["id"] for r in rows] == ['\'=HYPERLINK("http://x")', "IN\nC2"]
