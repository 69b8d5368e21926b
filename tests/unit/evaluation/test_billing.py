"""After-hours and out-of-scope billing on Northwind: support hours Mon-Fri 08-12 and 13-18 (New York),
hourly rate 120.00, after-hours surcharge 1.5 (180.00 an hour), minimum 1 h per work event, increment 15 min.
"""

from decimal import Decimal

from servicepact.domain.evaluation import LineKind, evaluate

from .helpers import local, march, northwind_with, ticket_inputs

AGREEMENT = northwind_with()


def lines(work, service="helpdesk"):
    tickets = [{"id": "T", "created": "2027-03-01T08:00", "priority": "P2", "service": service}]
    events = [("T", start, "work", str(minutes)) for start, minutes in work]
    evaluation = evaluate(AGREEMENT, march(), ticket_inputs(tickets, events), local("2027-04-05T12:00"))
    return evaluation.billing


def billed(start, minutes, service="helpdesk"):
    result = lines([(start, minutes)], service)
    return [(line.kind, line.chargeable_seconds, line.billed_seconds, line.amount) for line in result.lines]


def test_work_inside_support_hours_is_not_billed():
    assert billed("2027-03-01T09:00", 60) == []


def test_the_part_outside_hours_is_billed_at_the_surcharge_with_the_minimum():
    # 17:30-18:30: 30 min outside, raised to the 1 h minimum → 1 × 180.00.
    assert billed("2027-03-01T17:30", 60) == [(LineKind.AFTER_HOURS, 1800, 3600, Decimal("180.00"))]


def test_after_hours_time_above_the_minimum_is_billed_as_worked():
    # 17:00-19:30: 90 min outside → 1.5 × 180.00 = 270.00.
    assert billed("2027-03-01T17:00", 150) == [(LineKind.AFTER_HOURS, 5400, 5400, Decimal("270.00"))]


def test_billed_time_is_rounded_up_to_the_increment():
    # 19:00-20:10: 70 min, rounded up to 75 min → 1.25 × 180.00 = 225.00.
    assert billed("2027-03-01T19:00", 70) == [(LineKind.AFTER_HOURS, 4200, 4500, Decimal("225.00"))]


def test_the_lunch_break_is_outside_support_hours():
    # 12:00-13:00 is not in the calendar: 60 min after hours.
    assert billed("2027-03-01T12:00", 60) == [(LineKind.AFTER_HOURS, 3600, 3600, Decimal("180.00"))]


def test_weekend_work_is_after_hours_throughout():
    # Saturday 6 March 10:00-12:05: 125 min → 135 min → 2.25 × 180.00 = 405.00.
    assert billed("2027-03-06T10:00", 125) == [(LineKind.AFTER_HOURS, 7500, 8100, Decimal("405.00"))]


def test_billable_out_of_scope_work_is_billed_in_full_at_the_hourly_rate():
    # Hardware repair is excluded with handling billable: 50 min → 1 h × 120.00 (no after-hours line).
    assert billed("2027-03-01T17:30", 50, "hardware-repair") == [
        (LineKind.OUT_OF_SCOPE, 3000, 3600, Decimal("120.00"))
    ]


def test_out_of_scope_work_to_be_quoted_is_not_billed():
    assert billed("2027-03-01T10:00", 50, "training") == []


def test_work_of_another_month_is_not_billed_in_this_one():
    result = lines([("2027-02-27T10:00", 60), ("2027-03-06T10:00", 60), ("2027-04-03T10:00", 60)])
    assert [line.started_at for line in result.lines] == [int(local("2027-03-06T10:00").timestamp())]
    assert result.to_dict()["total"] == "180.00"
