"""The pauses of tickets' resolution clocks, as the clock engine counts them (for timelines to draw)."""

from __future__ import annotations

import numpy as np

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks.timeline import Instants, Rows, Timeline
from servicepact.domain.records import EventBatch, TicketBatch

__all__ = ["resolution_pauses"]


def resolution_pauses(
    agreement: Agreement, tickets: TicketBatch, events: EventBatch, now: np.datetime64
) -> tuple[Instants, Instants, Rows]:
    """Pause intervals (starts, ends, ticket rows) of each ticket's resolution clock as of ``now``: in a
    ``support.pause_on`` state, and from a resolution to the reopening that follows it, up to the clock's
    stop (or ``now``). The very intervals :func:`~servicepact.domain.clocks.evaluate_clocks` leaves out."""
    now = now.astype("datetime64[s]")
    timeline = Timeline.of(events, len(tickets), now)
    resolved_at = timeline.resolution_stop()
    clock_end = np.where(np.isnat(resolved_at), now, resolved_at)
    states = agreement.support.pause_on if agreement.support is not None else []
    return timeline.pauses(states, clock_end)
