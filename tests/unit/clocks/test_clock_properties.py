"""The vectorised clocks agree with a slow per-ticket reading of spec §2 on random tickets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepact import load_agreement
from servicepact.domain.clocks import ClockStatus, evaluate_clocks
from servicepact.domain.records import EventBatch, EventType, TicketBatch
from tests.hypothesis_budget import examples

AGREEMENT = load_agreement(Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml")
BASE = datetime(2027, 3, 5, 12, tzinfo=UTC)  # a Friday, a week before the US DST change
PAUSE = "waiting_on_client"


def reference(created, priority, events, now):
    """Spec §2 for one ticket, with the scalar calendar API: (response status, resolution status, due)."""
    events = sorted((e for e in events if e[0] <= now), key=lambda e: e[0])
    for _, kind, value in events:
        if kind == "priority":
            priority = value
    target = AGREEMENT.support.targets[priority]
    calendar = AGREEMENT.calendar(AGREEMENT.support.target_calendar(priority))
    responded = next((at for at, kind, _ in events if kind == "responded"), None)
    stop = None
    reopened_after = False
    for at, kind, _ in events:
        if kind == "resolved":
            stop, reopened_after = at, False
        elif kind == "reopened" and stop is not None:
            reopened_after = True
    if reopened_after:
        stop = None
    end = stop or now
    pauses = []
    pause_start = None
    resolved_at = None
    for at, kind, value in events:
        if kind == "status":
            if value == PAUSE and pause_start is None:
                pause_start = at
            elif value != PAUSE and pause_start is not None:
                pauses.append((pause_start, at))
                pause_start = None
        elif kind == "resolved" and resolved_at is None:
            resolved_at = at
        elif kind == "reopened" and resolved_at is not None:
            pauses.append((resolved_at, at))
            resolved_at = None
    if pause_start is not None:
        pauses.append((pause_start, end))
    pauses = [(s, min(e, end)) for s, e in pauses if s < min(e, end)]

    def judge(duration, stop_at, clock_pauses):
        due = calendar.add(created, duration.business_time(calendar.day_length), clock_pauses)
        if stop_at is not None:
            return (ClockStatus.MET if stop_at <= due else ClockStatus.BREACHED), due
        return (ClockStatus.BREACHED if now > due else ClockStatus.RUNNING), due

    response_status, _ = judge(target.response, responded, ())
    resolution_status, due = judge(target.resolution, stop, pauses)
    return response_status, resolution_status, due


event_kinds = st.sampled_from(["responded", "status", "status", "resolved", "reopened", "priority"])


@st.composite
def tickets(draw):
    created = BASE + timedelta(minutes=draw(st.integers(0, 7 * 24 * 60)))
    priority = draw(st.sampled_from(["P1", "P2", "P3", "P4"]))
    events = []
    for _ in range(draw(st.integers(0, 6))):
        at = created + timedelta(minutes=draw(st.integers(0, 10 * 24 * 60)))
        kind = draw(event_kinds)
        value = None
        if kind == "status":
            value = draw(st.sampled_from([PAUSE, "in_progress"]))
        elif kind == "priority":
            value = draw(st.sampled_from(["P1", "P2", "P3", "P4"]))
        events.append((at, kind, value))
    return created, priority, events


def to_instant(value: datetime) -> np.datetime64:
    return np.datetime64(int(value.timestamp()), "s")


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tickets(), min_size=1, max_size=8), st.integers(0, 20 * 24 * 60))
def test_batch_clocks_equal_the_per_ticket_reading_of_the_spec(batch, now_minutes):
    now = BASE + timedelta(minutes=now_minutes)
    flat = [(row, at, kind, value) for row, (_, _, events) in enumerate(batch) for at, kind, value in events]
    # Same-second events are ordered by input order in both readings: keep them distinct here.
    seen = set()
    flat = [e for e in flat if (e[0], e[1]) not in seen and not seen.add((e[0], e[1]))]
    ticket_batch = TicketBatch(
        ids=np.array([f"T{i}" for i in range(len(batch))], dtype=object),
        created_at=np.array([to_instant(t[0]) for t in batch], dtype="datetime64[s]"),
        priority=np.array([t[1] for t in batch], dtype=object),
        client_priority=np.full(len(batch), None, dtype=object),
        service=np.full(len(batch), None, dtype=object),
        asset=np.full(len(batch), None, dtype=object),
    )
    event_batch = EventBatch(
        ticket=np.array([e[0] for e in flat], dtype=np.int64),
        at=np.array([to_instant(e[1]) for e in flat], dtype="datetime64[s]"),
        type=np.array([EventType(e[2]).code for e in flat], dtype=np.int8),
        value=np.array([e[3] for e in flat], dtype=object),
    )
    results = evaluate_clocks(AGREEMENT, ticket_batch, event_batch, to_instant(now))
    for row, (created, priority, _) in enumerate(batch):
        events = [(e[1], e[2], e[3]) for e in flat if e[0] == row]
        response, resolution, due = reference(created, priority, events, now)
        assert results.response_status[row] is response, (row, events)
        assert results.resolution_status[row] is resolution, (row, events)
        assert results.row(row)["resolution_due"] == due
