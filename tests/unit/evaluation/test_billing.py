"""After-hours and out-of-scope billing (spec 1.1 §2) on Northwind: support hours Mon-Fri 08-12 and 13-18
(New York), after-hours service for P1 and P2, hourly rate 120.00, surcharge 1.5 (180.00 an hour), minimum
1 h per call-out, call-outs joined within 1 h, increment 15 min.
"""

from decimal import Decimal

from servicepact.domain.evaluation import evaluate
from servicepact.domain.evaluation.billing import BillingRule, CalloutBasis, UnbilledReason

from .helpers import local, march, northwind_with, seconds, ticket_inputs

AGREEMENT = northwind_with()
CALLOUT = BillingRule.AFTER_HOURS_CALLOUT
DAY = BillingRule.OUT_OF_SCOPE_DAY


def result(work, service="helpdesk", priority="P2", agreement=AGREEMENT, more_events=()):
    """work: (start, minutes) pairs of ticket T, or (ticket, start, minutes) triples of tickets T/U."""
    tickets = [
        {"id": "T", "created": "2027-02-26T08:00", "priority": priority, "service": service},
        {"id": "U", "created": "2027-02-26T08:00", "priority": priority, "service": service},
    ]
    entries = [item if len(item) == 3 else ("T", *item) for item in work]
    events = [(ticket, start, "work", str(minutes)) for ticket, start, minutes in entries]
    events += list(more_events)
    evaluation = evaluate(agreement, march(), ticket_inputs(tickets, events), local("2027-04-05T12:00"))
    return evaluation.billing


def billed(work, service="helpdesk", **options):
    return [
        (line.rule, line.worked_seconds, line.billed_seconds, line.amount)
        for line in result(work, service, **options).lines
    ]


def span(start, end):
    return (seconds(start), seconds(end))


def test_work_inside_support_hours_is_not_billed():
    assert billed([("2027-03-01T09:00", 60)]) == []


def test_the_part_outside_hours_is_billed_at_the_surcharge_with_the_minimum():
    # 17:30-18:30: 30 min outside, raised to the 1 h minimum → 1 × 180.00.
    assert billed([("2027-03-01T17:30", 60)]) == [(CALLOUT, 1800, 3600, Decimal("180.00"))]


def test_after_hours_time_above_the_minimum_is_billed_as_worked():
    # 17:00-19:30: 90 min outside → 1.5 × 180.00 = 270.00.
    assert billed([("2027-03-01T17:00", 150)]) == [(CALLOUT, 5400, 5400, Decimal("270.00"))]


def test_billed_time_is_rounded_up_to_the_increment():
    # 19:00-20:10: 70 min, rounded up to 75 min → 1.25 × 180.00 = 225.00.
    assert billed([("2027-03-01T19:00", 70)]) == [(CALLOUT, 4200, 4500, Decimal("225.00"))]


def test_the_lunch_break_inside_the_service_day_is_not_after_hours():
    # 12:00-13:00 lies between the day's first opening (08:00) and its last closing (18:00).
    billing = result([("2027-03-01T12:00", 60)])
    assert billing.lines == ()
    assert billing.after_hours_unbilled_seconds == 0


def test_work_before_the_first_opening_is_after_hours():
    # 07:00-08:30: 60 min before the 08:00 opening.
    assert billed([("2027-03-01T07:00", 90)]) == [(CALLOUT, 3600, 3600, Decimal("180.00"))]


def test_weekend_work_is_after_hours_throughout():
    # Saturday 6 March 10:00-12:05: 125 min → 135 min → 2.25 × 180.00 = 405.00.
    assert billed([("2027-03-06T10:00", 125)]) == [(CALLOUT, 7500, 8100, Decimal("405.00"))]


def test_overlapping_entries_are_counted_once():
    # 19:00-20:00 and 19:30-20:30: 90 min of work, one call-out → 270.00 (not 2 × 180.00).
    billing = result([("2027-03-01T19:00", 60), ("2027-03-01T19:30", 60)])
    assert [(line.worked_seconds, line.amount) for line in billing.lines] == [(5400, Decimal("270.00"))]
    assert billing.lines[0].intervals == (span("2027-03-01T19:00", "2027-03-01T20:30"),)


def test_the_minimum_applies_per_call_out_not_per_entry():
    # 19:00-19:20 and 19:40-20:00: 40 min of work, 20 min apart: one call-out raised to 1 h.
    billing = result([("2027-03-01T19:00", 20), ("2027-03-01T19:40", 20)])
    assert [
        (line.worked_seconds, line.after_minimum_seconds, line.billed_seconds) for line in billing.lines
    ] == [(2400, 3600, 3600)]
    assert billing.total == Decimal("180.00")
    assert billing.lines[0].intervals == (
        span("2027-03-01T19:00", "2027-03-01T19:20"),
        span("2027-03-01T19:40", "2027-03-01T20:00"),
    )


def test_stretches_less_than_the_gap_apart_are_one_call_out_and_its_time_leaves_the_gap_out():
    # 19:00-19:30, then 20:29-21:00: 59 min apart → one call-out of 61 min → 75 min → 225.00.
    assert billed([("2027-03-01T19:00", 30), ("2027-03-01T20:29", 31)]) == [
        (CALLOUT, 3660, 4500, Decimal("225.00"))
    ]


def test_stretches_exactly_the_gap_apart_are_two_call_outs():
    # 19:00-19:30, then 20:30-21:00: 60 min apart is not "less than" the gap: two minimums.
    assert billed([("2027-03-01T19:00", 30), ("2027-03-01T20:30", 30)]) == [
        (CALLOUT, 1800, 3600, Decimal("180.00")),
        (CALLOUT, 1800, 3600, Decimal("180.00")),
    ]


def test_the_gap_is_the_agreements_callout_gap():
    longer = northwind_with(("callout_gap: 1h ", "callout_gap: 2h "))
    assert billed([("2027-03-01T19:00", 30), ("2027-03-01T20:30", 30)], agreement=longer) == [
        (CALLOUT, 3600, 3600, Decimal("180.00"))
    ]


def test_call_outs_of_two_tickets_are_billed_apart():
    work = [("T", "2027-03-01T19:00", 30), ("U", "2027-03-01T19:10", 30)]
    assert [line.ticket_id for line in result(work).lines] == ["T", "U"]


def test_p3_work_after_hours_is_reported_not_billed():
    billing = result([("2027-03-01T19:00", 45)], priority="P3")
    assert billing.lines == ()
    assert billing.after_hours_unbilled_seconds == 45 * 60
    [unbilled] = billing.unbilled
    assert (unbilled.ticket_id, unbilled.priority, unbilled.reason) == ("T", "P3", UnbilledReason.NOT_COVERED)
    assert unbilled.intervals == (span("2027-03-01T19:00", "2027-03-01T19:45"),)


def test_p3_work_the_client_approved_beforehand_is_billed():
    approval = [("T", "2027-03-01T18:30", "after_hours_approved", "J. Smith")]
    billing = result([("2027-03-01T19:00", 45)], priority="P3", more_events=approval)
    assert [(line.priority, line.billed_seconds, line.amount) for line in billing.lines] == [
        ("P3", 3600, Decimal("180.00"))
    ]
    assert billing.lines[0].basis is CalloutBasis.APPROVED  # the line says why P3 work was billed
    assert billing.after_hours_unbilled_seconds == 0


def test_an_approval_after_the_work_started_does_not_make_it_billable():
    approval = [("T", "2027-03-01T19:10", "after_hours_approved")]
    billing = result([("2027-03-01T19:00", 45)], priority="P3", more_events=approval)
    assert billing.lines == ()
    assert billing.after_hours_unbilled_seconds == 45 * 60


def test_the_priority_in_force_when_the_work_starts_decides():
    # Raised from P3 to P1 at 20:00: the 19:00 entry is not billed, the 21:00 one is.
    raised = [("T", "2027-03-01T20:00", "priority", "P1")]
    billing = result([("2027-03-01T19:00", 30), ("2027-03-01T21:00", 30)], priority="P3", more_events=raised)
    assert [(line.priority, line.intervals) for line in billing.lines] == [
        ("P1", (span("2027-03-01T21:00", "2027-03-01T21:30"),))
    ]
    assert billing.after_hours_unbilled_seconds == 30 * 60


def test_without_after_hours_service_nothing_is_billed_and_all_is_reported():
    closed = northwind_with(
        ("    available: true\n    calendar: always", "    available: false\n    calendar: always")
    )
    billing = result([("2027-03-01T19:00", 45)], agreement=closed)
    assert billing.lines == ()
    assert [(u.seconds, u.reason) for u in billing.unbilled] == [(2700, UnbilledReason.UNAVAILABLE)]


def test_without_a_priorities_list_every_priority_gets_after_hours_service():
    every = northwind_with(("    priorities: [P1, P2]          # which", "    # which"))
    assert billed([("2027-03-01T19:00", 45)], priority="P4", agreement=every) == [
        (CALLOUT, 2700, 3600, Decimal("180.00"))
    ]


def test_billable_out_of_scope_work_is_billed_in_full_at_the_hourly_rate():
    # Hardware repair is excluded with handling billable: 50 min → 1 h × 120.00 (no after-hours line).
    assert billed([("2027-03-01T17:30", 50)], "hardware-repair") == [(DAY, 3000, 3600, Decimal("120.00"))]


def test_out_of_scope_work_is_the_union_of_the_days_entries():
    # 10:00-11:00 and 10:30-11:20 on one day: 80 min → 90 min; the next day's 20 min → 30 min.
    billing = result(
        [("2027-03-01T10:00", 60), ("2027-03-01T10:30", 50), ("2027-03-02T09:00", 20)], "hardware-repair"
    )
    assert [(line.rule, line.worked_seconds, line.billed_seconds, line.amount) for line in billing.lines] == [
        (DAY, 4800, 5400, Decimal("180.00")),
        (DAY, 1200, 1800, Decimal("60.00")),
    ]
    assert billing.lines[0].intervals == (span("2027-03-01T10:00", "2027-03-01T11:20"),)
    assert billing.after_hours_unbilled_seconds == 0


def test_out_of_scope_work_to_be_quoted_is_not_billed():
    assert billed([("2027-03-01T10:00", 50)], "training") == []


def test_work_of_another_month_is_not_billed_in_this_one():
    billing = result([("2027-02-27T10:00", 60), ("2027-03-06T10:00", 60), ("2027-04-03T10:00", 60)])
    assert [line.started_at for line in billing.lines] == [seconds("2027-03-06T10:00")]
    assert billing.to_dict()["total"] == "180.00"


def test_a_call_out_belongs_to_the_period_its_first_work_starts_in():
    # Sunday 28 Feb 23:30 to Monday 1 Mar 00:40 is February's; Wednesday 31 Mar 23:30-00:40 is March's.
    billing = result([("2027-02-28T23:30", 70), ("2027-03-31T23:30", 70)])
    assert [(line.started_at, line.worked_seconds) for line in billing.lines] == [
        (seconds("2027-03-31T23:30"), 4200)
    ]


def test_every_line_names_its_ticket_intervals_rule_priority_and_times():
    line = result([("2027-03-01T19:00", 20), ("2027-03-01T19:40", 20)]).to_dict()["lines"][0]
    assert line == {
        "rule": "after_hours_callout",
        "ticket": "T",
        "priority": "P2",
        "started_at": "2027-03-02T00:00:00Z",
        "intervals": [
            ["2027-03-02T00:00:00Z", "2027-03-02T00:20:00Z"],
            ["2027-03-02T00:40:00Z", "2027-03-02T01:00:00Z"],
        ],
        "worked_seconds": 2400,
        "after_minimum_seconds": 3600,
        "billed_seconds": 3600,
        "rate": "180.00",
        "amount": "180.00",
        "basis": "covered_priority",
    }


def test_the_json_keeps_the_totals_and_explains_the_unbilled_time():
    work = [("T", "2027-03-01T19:00", 30), ("U", "2027-03-01T21:00", 30)]
    tickets = [
        {"id": "T", "created": "2027-02-26T08:00", "priority": "P2", "service": "helpdesk"},
        {"id": "U", "created": "2027-02-26T08:00", "priority": "P4", "service": "helpdesk"},
    ]
    events = [(t, start, "work", str(minutes)) for t, start, minutes in work]
    data = evaluate(
        AGREEMENT, march(), ticket_inputs(tickets, events), local("2027-04-05T12:00")
    ).billing.to_dict()
    assert (data["after_hours_total"], data["out_of_scope_total"], data["total"]) == (
        "180.00",
        "0.00",
        "180.00",
    )
    assert data["after_hours_unbilled_seconds"] == 1800
    assert data["after_hours_unbilled"][0]["ticket"] == "U"
    assert data["callout_gap_seconds"] == 3600
    assert data["after_hours_priorities"] == ["P1", "P2"]


def test_after_hours_work_on_an_out_of_scope_ticket_to_be_quoted_is_reported_not_billed():
    billing = result([("2027-03-01T19:00", 45)], "training", priority="P1")
    assert billing.lines == ()
    assert [(u.ticket_id, u.seconds, u.reason) for u in billing.unbilled] == [
        ("T", 2700, UnbilledReason.OUT_OF_SCOPE)
    ]


def test_the_service_day_keeps_its_local_hours_across_the_dst_change():
    # New York goes EST -> EDT on Sunday 14 March 2027: 07:30-08:30 local is 30 min before the 08:00
    # opening on Friday (12:30Z) and on Monday (11:30Z) alike.
    billing = result([("2027-03-12T07:30", 60), ("2027-03-15T07:30", 60)])
    assert [(line.intervals, line.worked_seconds) for line in billing.lines] == [
        ((span("2027-03-12T07:30", "2027-03-12T08:00"),), 1800),
        ((span("2027-03-15T07:30", "2027-03-15T08:00"),), 1800),
    ]
    assert billing.lines[1].intervals[0][1] - billing.lines[0].intervals[0][1] == 3 * 86400 - 3600
