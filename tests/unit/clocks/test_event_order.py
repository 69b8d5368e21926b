"""Events in any order give the clocks of the same events sorted by ticket and time (the readers give
them sorted, and then the timeline does not sort them again)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepact.domain.clocks import evaluate_clocks
from servicepact.domain.records import EventBatch, EventType, TicketBatch
from tests.hypothesis_budget import examples

from .test_clock_properties import AGREEMENT, BASE, tickets, to_instant


def batches(batch, flat) -> tuple[TicketBatch, EventBatch]:
    ticket_batch = TicketBatch(
        ids=np.array([f"T{i}" for i in range(len(batch))], dtype=object),
        created_at=np.array([to_instant(t[0]) for t in batch], dtype="datetime64[s]"),
        priority=np.array([t[1] for t in batch], dtype=object),
        client_priority=np.full(len(batch), None, dtype=object),
        service=np.full(len(batch), None, dtype=object),
        asset=np.full(len(batch), None, dtype=object),
    )
    events = EventBatch(
        ticket=np.array([e[0] for e in flat], dtype=np.int64),
        at=np.array([to_instant(e[1]) for e in flat], dtype="datetime64[s]"),
        type=np.array([EventType(e[2]).code for e in flat], dtype=np.int8),
        value=np.array([e[3] for e in flat], dtype=object),
    )
    return ticket_batch, events


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tickets(), min_size=1, max_size=8), st.integers(0, 20 * 24 * 60), st.randoms())
def test_shuffled_events_give_the_clocks_of_sorted_events(batch, now_minutes, random):
    now = to_instant(BASE + timedelta(minutes=now_minutes))
    flat = [(row, at, kind, value) for row, (_, _, events) in enumerate(batch) for at, kind, value in events]
    random.shuffle(flat)
    in_order = sorted(flat, key=lambda e: (e[0], e[1]))  # stable: same-second events keep their order
    shuffled = evaluate_clocks(AGREEMENT, *batches(batch, flat), now)
    ordered = evaluate_clocks(AGREEMENT, *batches(batch, in_order), now)
    for name in ("priority", "response_status", "resolution_status", "response_due", "resolution_due"):
        assert getattr(shuffled, name).tolist() == getattr(ordered, name).tolist(), name
    for name in ("resolution_business", "response_business", "after_hours"):
        assert getattr(shuffled, name).tolist() == getattr(ordered, name).tolist(), name
