"""The period export quotes every cell that needs it and keeps every value exact, formula-like ones too:
it is read back by ``servicepact evaluate`` (docs/decisions.md), so a ticket id with a bare carriage
return stays one row and ``=HYPERLINK(…)`` stays the id it is (issue 13)."""

from __future__ import annotations

import csv
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from servicepact import load_agreement, read_agreement
from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files
from servicepact.adapters.example_files import EXAMPLES
from servicepact.adapters.exports import write_export
from servicepact.domain.records import Ticket
from servicepact.services.agreements import upload_agreement
from servicepact.services.exports import export_period
from servicepact.testing import SYSTEM, FakeUnitOfWork, FixedTime, make_client

AGREEMENT = EXAMPLES / "northwind-acme.en.yaml"
IDS = ['=HYPERLINK("http://x","click")', "IN\rC7", "-5", "a,b", "plain"]


def exported(folder: Path) -> Path:
    now = datetime(2027, 4, 1, tzinfo=UTC)
    uow = FakeUnitOfWork(FixedTime(now))
    make_client(uow, "acme")
    upload_agreement(
        uow, SYSTEM, "acme", AGREEMENT.read_text(encoding="utf-8"), read_agreement, activate=True
    )
    export = export_period(uow, SYSTEM, "acme", "2027-03", read_agreement, now)
    created = datetime(2027, 3, 2, 10, tzinfo=UTC)
    tickets = tuple(
        Ticket(ticket_id, created, priority="P2", title=f"{ticket_id} title\r+cmd") for ticket_id in IDS
    )
    write_export(dataclasses.replace(export, tickets=tickets), folder)
    return folder / "tickets.csv"


def test_the_export_quotes_a_carriage_return_and_keeps_formula_like_values_exact(tmp_path: Path) -> None:
    tickets = exported(tmp_path)
    with tickets.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == IDS
    assert [row["title"] for row in rows] == [f"{ticket_id} title\r+cmd" for ticket_id in IDS]
    assert b'"IN\rC7"' in tickets.read_bytes()


def test_the_export_reads_back_through_evaluate_one_ticket_per_row(tmp_path: Path) -> None:
    tickets = exported(tmp_path)
    inputs = read_evaluation_files(load_agreement(AGREEMENT), EvaluationFiles(tickets=tickets)).inputs
    ids = list(inputs.tickets.ids.tolist())
    assert len(ids) == len(IDS)
    assert ids[0] == IDS[0]
    assert ids[2:] == IDS[2:]
