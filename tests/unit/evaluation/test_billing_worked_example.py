"""The worked example of spec 1.1 §2 on the Russian example agreement: business hours 09:00-13:00 and
14:00-18:00 (Moscow), after-hours service for P1 only, 2 500 ₽ an hour, surcharge 2.0, minimum 1 h,
increment 15 min, the default call-out gap of 1 h."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from servicepact import load_agreement
from servicepact.domain.evaluation import EvaluationInputs, Period, evaluate
from servicepact.domain.evaluation.billing import BillingRule, UnbilledReason
from servicepact.domain.records import EventBatch, EventType, TicketBatch

MOSCOW = ZoneInfo("Europe/Moscow")
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "severny-veter-romashka.ru.yaml"


def moscow(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=MOSCOW).timestamp())


def evaluation():
    tickets = [("A", "P1"), ("B", "P2"), ("C", "P1")]
    work = [
        ("A", "2027-03-02T19:10", 30),  # Tuesday evening
        ("A", "2027-03-02T20:20", 40),
        ("B", "2027-03-02T22:00", 30),  # the same night, P2, no after_hours_approved
        ("C", "2027-03-03T13:10", 30),  # Wednesday, during the lunch break
    ]
    ids = [t for t, _ in tickets]
    batch = TicketBatch(
        ids=np.array(ids, dtype=object),
        created_at=np.full(3, np.datetime64(moscow("2027-03-02T18:50"), "s")),
        priority=np.array([p for _, p in tickets], dtype=object),
        client_priority=np.full(3, None, dtype=object),
        service=np.full(3, "helpdesk", dtype=object),
        asset=np.full(3, None, dtype=object),
    )
    events = EventBatch(
        ticket=np.array([ids.index(t) for t, _, _ in work], dtype=np.int64),
        at=np.array([np.datetime64(moscow(at), "s") for _, at, _ in work], dtype="datetime64[s]"),
        type=np.full(len(work), EventType.WORK.code, dtype=np.int8),
        value=np.array([str(minutes) for _, _, minutes in work], dtype=object),
    )
    agreement = load_agreement(EXAMPLE.read_text(encoding="utf-8"))
    period = Period.parse("2027-03", MOSCOW)
    return evaluate(
        agreement, period, EvaluationInputs(tickets=batch, events=events), datetime(2027, 4, 5, tzinfo=UTC)
    )


def test_the_p1_call_out_is_one_line_of_6250_roubles():
    billing = evaluation().billing
    [line] = billing.lines
    assert line.rule is BillingRule.AFTER_HOURS_CALLOUT
    assert (line.ticket_id, line.priority) == ("A", "P1")
    assert line.intervals == (
        (moscow("2027-03-02T19:10"), moscow("2027-03-02T19:40")),
        (moscow("2027-03-02T20:20"), moscow("2027-03-02T21:00")),
    )
    # 70 min of work (the 40 min gap is not billed) → 75 min → 1.25 h × 5 000 ₽ = 6 250 ₽.
    assert (line.worked_seconds, line.after_minimum_seconds, line.billed_seconds) == (4200, 4200, 4500)
    assert line.rate == Decimal("5000.0")
    assert line.amount == Decimal("6250.00")
    assert billing.to_dict()["after_hours_total"] == "6250.00"
    assert billing.to_dict()["total"] == "6250.00"


def test_the_p2_work_at_night_is_reported_not_billed():
    [unbilled] = evaluation().billing.unbilled
    assert (unbilled.ticket_id, unbilled.priority, unbilled.seconds) == ("B", "P2", 1800)
    assert unbilled.reason is UnbilledReason.NOT_COVERED
    assert unbilled.intervals == ((moscow("2027-03-02T22:00"), moscow("2027-03-02T22:30")),)


def test_the_p1_work_in_the_wednesday_lunch_break_is_not_after_hours():
    result = evaluation()
    assert "C" not in {line.ticket_id for line in result.billing.lines}
    assert "C" not in {work.ticket_id for work in result.billing.unbilled}
