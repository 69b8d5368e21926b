"""Ticket metrics on Northwind in March 2027 (New York; business hours Mon-Fri 08-12 and 13-18).

P2 targets: response 1h, resolution 8h, business calendar. 2027-03-01 is a Monday.
"""

from decimal import Decimal

from servicepact.domain.clocks import ClockStatus
from servicepact.domain.evaluation import evaluate

from .helpers import local, march, northwind_with, ticket_inputs

AGREEMENT = northwind_with()

TICKETS = [
    {"id": "T1", "created": "2027-03-01T09:00", "priority": "P2"},
    {"id": "T2", "created": "2027-03-01T09:00", "priority": "P2"},
    {"id": "T3", "created": "2027-03-31T17:00", "priority": "P2"},  # still running at 17:30
    {"id": "T4", "created": "2027-02-26T09:00", "priority": "P2"},  # February: not this period
]
EVENTS = [
    ("T1", "2027-03-01T09:30", "responded"),  # met (due 10:00)
    ("T1", "2027-03-01T17:00", "resolved"),  # met (due 18:00)
    ("T2", "2027-03-01T10:30", "responded"),  # breached
    ("T2", "2027-03-02T12:00", "resolved"),  # breached
    ("T4", "2027-02-26T09:10", "responded"),
]


def run(tickets=TICKETS, events=EVENTS, now="2027-03-31T17:30", **more):
    return evaluate(AGREEMENT, march(), ticket_inputs(tickets, events, **more), local(now)).tickets


def test_ratios_count_met_over_met_or_breached_and_leave_running_clocks_out():
    tickets = run()
    # T1 met, T2 breached, T3 running (left out), T4 created in February (left out): 1 / 2.
    assert tickets.response_within_target.value == Decimal(50)
    assert (tickets.response_within_target.numerator, tickets.response_within_target.denominator) == (1, 2)
    assert (tickets.resolution_within_target.numerator, tickets.resolution_within_target.denominator) == (
        1,
        2,
    )
    assert tickets.created == 3


def test_mean_times_are_business_times_of_stopped_clocks():
    tickets = run()
    # Response: T1 30 min, T2 1 h 30 min → (1,800 + 5,400) / 2 = 3,600 s.
    assert tickets.mean_response_time.value == Decimal(3600)
    # Resolution: T1 09-12 + 13-17 = 7 h; T2 Monday 09-12 + 13-18 and Tuesday 08-12 = 12 h → 9.5 h.
    assert tickets.mean_resolution_time.value == Decimal(34200)
    assert tickets.mean_resolution_time.denominator == 2


def test_metrics_are_also_given_by_priority():
    tickets = run(
        [*TICKETS, {"id": "T5", "created": "2027-03-01T09:00", "priority": "P1"}],
        [*EVENTS, ("T5", "2027-03-01T09:20", "responded")],
    )
    p1, p2 = tickets.by_priority
    assert (p1.priority, p1.tickets, p1.response_within_target.value) == ("P1", 1, Decimal(100))
    assert (p2.priority, p2.tickets, p2.response_within_target.value) == ("P2", 3, Decimal(50))
    # Overall: T1 and T5 met, T2 breached → 2 / 3.
    assert (tickets.response_within_target.numerator, tickets.response_within_target.denominator) == (2, 3)


def test_a_clock_breached_without_a_stop_counts_as_breached_once_past_due():
    tickets = run([{"id": "T1", "created": "2027-03-01T09:00", "priority": "P2"}], [], now="2027-04-05T12:00")
    assert (tickets.response_within_target.numerator, tickets.response_within_target.denominator) == (0, 1)
    assert tickets.mean_response_time.value is None  # no stopped clock
    assert [entry.id for entry in tickets.breached] == ["T1"]


def test_reopen_rate_is_tickets_reopened_in_the_period_over_tickets_resolved_in_it():
    tickets = [{"id": n, "created": "2027-02-25T09:00", "priority": "P3"} for n in ("A", "B", "C")]
    events = [
        ("A", "2027-03-02T10:00", "resolved"),
        ("A", "2027-03-03T09:00", "reopened"),
        ("A", "2027-03-03T10:00", "resolved"),
        ("B", "2027-03-04T10:00", "resolved"),
        ("C", "2027-02-26T10:00", "resolved"),  # February
    ]
    reopen = run(tickets, events, now="2027-04-05T12:00").reopen_rate
    # Reopened in March: A. Resolved in March: A (twice, counted once) and B → 1 / 2.
    assert (reopen.numerator, reopen.denominator, reopen.value) == (1, 2, Decimal(50))


def test_priority_agreement_compares_the_claim_with_the_final_priority_and_lists_the_disputes():
    tickets = [
        {"id": "A", "created": "2027-03-01T09:00", "priority": "P2", "client_priority": "P1"},
        {"id": "B", "created": "2027-03-01T09:00", "priority": "P2", "client_priority": "P2"},
        {"id": "C", "created": "2027-03-01T09:00", "priority": "P2"},
        {"id": "D", "created": "2027-03-01T09:00", "priority": "P3", "client_priority": "P3"},
    ]
    events = [("D", "2027-03-01T09:30", "priority", "P4")]  # D agreed at first, then lowered
    tickets = run(tickets, events)
    # Claims: A, B, D; agreed: B → 1 / 3.
    assert (tickets.priority_agreement.numerator, tickets.priority_agreement.denominator) == (1, 3)
    assert [(d.ticket_id, d.client_priority, d.assigned_priority) for d in tickets.disputes] == [
        ("A", "P1", "P2"),
        ("D", "P3", "P4"),
    ]


def test_csat_is_the_mean_score_where_one_is_given():
    tickets = run(satisfaction={"T1": 5, "T2": 4, "T3": 2, "T4": 1})
    # T4 was created in February: (5 + 4 + 2) / 3.
    assert tickets.csat.value == Decimal(11) / Decimal(3)
    assert run().csat.value is None


def test_out_of_scope_tickets_are_listed_apart_with_their_handling_and_do_not_count():
    tickets = run(
        [
            {"id": "A", "created": "2027-03-01T09:00", "priority": "P2", "service": "helpdesk"},
            {"id": "B", "created": "2027-03-01T09:00", "priority": "P2", "service": "training"},
            {"id": "C", "created": "2027-03-01T09:00", "priority": "P2", "service": "window cleaning"},
        ],
        [("A", "2027-03-01T09:10", "responded"), ("B", "2027-03-01T12:00", "responded")],
    )
    assert (tickets.response_within_target.numerator, tickets.response_within_target.denominator) == (1, 1)
    listed = {entry.id: (entry.response_status, entry.handling) for entry in tickets.out_of_scope}
    assert listed == {
        "B": (ClockStatus.OUT_OF_SCOPE, "quote"),  # an excluded service's handling
        "C": (ClockStatus.OUT_OF_SCOPE, "billable"),  # services.unlisted
    }
    # A's resolution (never resolved) is breached; B and C are not listed as breached, though late.
    assert [entry.id for entry in tickets.breached] == ["A"]


def test_an_evaluation_after_the_month_judges_late_march_tickets_by_now():
    tickets = run(now="2027-04-05T12:00")
    # T3 (created 31 March 17:00, never answered) is breached by April: 1 / 3.
    assert (tickets.response_within_target.numerator, tickets.response_within_target.denominator) == (1, 3)
