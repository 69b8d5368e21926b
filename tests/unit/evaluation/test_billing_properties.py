"""Properties of after-hours billing (spec 1.1 §2) on random work in mid-March 2027 (Northwind, New York)."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from servicepact.domain.clocks import evaluate_clocks
from servicepact.domain.evaluation import evaluate
from servicepact.domain.evaluation.billing import BillingRule
from tests.hypothesis_budget import examples

from .helpers import batches, local, march, northwind_with, ticket_inputs

AGREEMENT = northwind_with()
START = datetime(2027, 3, 8)  # a Monday (local), after which the month has three weeks left
GAP = 3600

entries = st.lists(
    st.tuples(
        st.sampled_from(["T", "U"]),
        st.integers(0, 10 * 24 * 60),  # minutes after the start
        st.integers(0, 240),  # minutes of work
    ),
    max_size=12,
)
priorities = st.sampled_from(["P1", "P2", "P3"])


def inputs(work, priority_t, priority_u):
    """Two tickets; the work entries at New York wall-clock times (the DST change of 14 March included)."""
    tickets = [
        {"id": "T", "created": "2027-03-01T08:00", "priority": priority_t, "service": "helpdesk"},
        {"id": "U", "created": "2027-03-01T08:00", "priority": priority_u, "service": "helpdesk"},
    ]
    events = [
        (ticket, (START + timedelta(minutes=offset)).isoformat(), "work", str(minutes))
        for ticket, offset, minutes in work
    ]
    return tickets, events


@settings(max_examples=examples(60), deadline=None)
@given(entries, priorities, priorities)
def test_every_call_out_bills_at_least_its_work_and_nothing_is_lost_or_counted_twice(work, first, second):
    tickets, events = inputs(work, first, second)
    now = local("2027-04-05T12:00")
    billing = evaluate(AGREEMENT, march(), ticket_inputs(tickets, events), now).billing
    by_ticket: dict[str, list[tuple[int, int]]] = {}
    for line in billing.lines:
        assert line.rule is BillingRule.AFTER_HOURS_CALLOUT
        union = sum(end - start for start, end in line.intervals)
        assert line.worked_seconds == union
        assert line.billed_seconds >= line.after_minimum_seconds >= line.worked_seconds
        assert line.billed_seconds >= 3600  # the minimum
        assert line.billed_seconds % 900 == 0  # the increment
        gaps = [b[0] - a[1] for a, b in pairwise(line.intervals)]
        assert all(0 < gap < GAP for gap in gaps)
        by_ticket.setdefault(line.ticket_id, []).extend(line.intervals)
    for intervals in by_ticket.values():
        intervals.sort()
        assert all(b[0] - a[1] >= 0 for a, b in pairwise(intervals))
    # Billed and unbilled after-hours time together are the clock engine's after-hours column.
    batch, event_batch = batches(tickets, events)
    clocks = evaluate_clocks(AGREEMENT, batch, event_batch, np.datetime64(int(now.timestamp()), "s"))
    unbilled = {work.ticket_id: work.seconds for work in billing.unbilled}
    for row, ticket in enumerate(("T", "U")):
        billed = sum(end - start for start, end in by_ticket.get(ticket, []))
        assert billed + unbilled.get(ticket, 0) == int(clocks.after_hours[row].astype(np.int64))
