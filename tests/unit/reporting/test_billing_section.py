"""The report's billed work (spec 1.1 §2) on the worked example: each line shows its ticket, intervals, rule
and times, and the first page explains the total, the after-hours work not billed included."""

from __future__ import annotations

import pytest

from servicepact import load_agreement
from servicepact.domain.reporting import build_report
from servicepact.domain.reporting.model import Report
from tests.unit.evaluation.test_billing_worked_example import EXAMPLE, evaluation

NBSP = "\xa0"


@pytest.fixture(scope="module")
def english() -> Report:
    return build_report(evaluation(), load_agreement(EXAMPLE.read_text(encoding="utf-8")), "en")


def money_tables(report: Report):  # type: ignore[no-untyped-def]
    [section] = [section for section in report.sections if section.anchor == "money"]
    return {table.caption: table for table in section.tables}


def texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row] for row in table.rows]


def test_a_call_out_line_shows_its_ticket_rule_intervals_and_times(english: Report) -> None:
    table = money_tables(english)["Billed work"]
    assert table.header == (
        "Ticket",
        "Rule",
        "Work",
        "Worked",
        "With the minimum",
        "Billed",
        "Rate",
        "Amount",
    )
    assert texts(table) == [
        [
            "A · P1",
            "after-hours call-out (its priority has after-hours service)",
            "Mar 2, 7:10\u202fPM–7:40\u202fPM, 8:20\u202fPM–9:00\u202fPM",
            "1 h 10 min",
            "1 h 10 min",
            "1 h 15 min",
            "RUB5,000",
            "RUB6,250",
        ]
    ]


def test_after_hours_work_not_billed_is_listed_with_its_reason(english: Report) -> None:
    table = money_tables(english)["After-hours work reported, not billed"]
    assert texts(table) == [
        ["B · P2", "Mar 2, 10:00\u202fPM–10:30\u202fPM", "30 min", "no after-hours service for this priority"]
    ]


def test_the_first_page_explains_the_total(english: Report) -> None:
    summary = english.summary
    assert summary.extras_table is not None
    assert texts(summary.extras_table) == [
        ["After-hours call-outs", "1", "1 h 10 min", "1 h 15 min", "RUB6,250"],
        ["After-hours work reported, not billed", "1", "30 min", "—", "RUB0"],
        ["Total billed", "", "", "", "RUB6,250"],
    ]
    assert (
        "After-hours work is billed for P1, or where the client asked for it beforehand."
        in summary.extras_note
    )
    assert "less than 1 h apart is one call-out" in summary.extras_note
    assert summary.extras_note.endswith(
        "30 min of after-hours work without after-hours service is reported, not billed."
    )


def test_the_russian_report_names_the_call_out_in_russian() -> None:
    report = build_report(evaluation(), load_agreement(EXAMPLE.read_text(encoding="utf-8")))
    [row] = texts(money_tables(report)["Оплачиваемые работы"])
    assert row[:3] == [
        "A · P1",
        "выезд в нерабочее время (приоритет обслуживается в нерабочее время)",
        "2 мар., 19:10–19:40, 20:20–21:00",
    ]
    assert row[-1] == f"6{NBSP}250{NBSP}₽"
