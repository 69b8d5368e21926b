"""Clocks of tickets judged by different agreement versions (spec 1.1 §6).

A ticket is judged by the version in force at its ``created_at``; a period mixes tickets of an amended
agreement with the tickets of the version before it, and stored history may hold tickets no version
covers. :func:`judged_clocks` evaluates each group with its own agreement and puts the results back in
the order of the batch; rows without an agreement get :attr:`ClockStatus.NO_AGREEMENT` and no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks.engine import evaluate_clocks
from servicepact.domain.clocks.results import NOT_A_TIME, ClockResults, ClockStatus
from servicepact.domain.clocks.scope import ClockOptions
from servicepact.domain.records import EventBatch, TicketBatch, object_array

__all__ = ["TicketJudges", "in_force_index", "judged_clocks", "select_tickets"]


@dataclass(frozen=True)
class TicketJudges:
    """For each ticket row, the index in ``agreements`` of the agreement that judges it (-1: none)."""

    agreements: tuple[Agreement, ...]
    index: npt.NDArray[np.int64]

    @classmethod
    def single(cls, agreement: Agreement, count: int) -> TicketJudges:
        return cls((agreement,), np.zeros(count, dtype=np.int64))

    @classmethod
    def by_creation(
        cls,
        agreements: Sequence[Agreement],
        effective_from: npt.NDArray[np.int64],
        created_at: npt.NDArray[np.datetime64],
    ) -> TicketJudges:
        """Spec §6: each ticket judged by the agreement in force at its creation. ``agreements`` are in
        the order they take effect, with their ``effective_from`` (epoch seconds, ascending; of two
        equal ones the later in the list wins); a ticket created before the first has no judge (-1)."""
        return cls(tuple(agreements), in_force_index(effective_from, created_at))


def in_force_index(
    effective_from: npt.NDArray[np.int64], instants: npt.NDArray[np.datetime64]
) -> npt.NDArray[np.int64]:
    """Spec §6, the one rule: for each instant, the index of the last version whose ``effective_from``
    (epoch seconds, ascending; of equal ones the later wins) is not after it; -1 before the first."""
    if np.any(np.diff(effective_from) < 0):
        raise ValueError("the versions must be given in the order they take effect")
    seconds = instants.astype("datetime64[s]").astype(np.int64)
    return np.searchsorted(effective_from, seconds, side="right").astype(np.int64) - 1


def select_tickets(
    tickets: TicketBatch, events: EventBatch, rows: npt.NDArray[np.intp]
) -> tuple[TicketBatch, EventBatch]:
    """The tickets at ``rows`` (in that order) with their events, renumbered to the new rows."""
    new_row = np.full(len(tickets), -1, dtype=np.int64)
    new_row[rows] = np.arange(len(rows), dtype=np.int64)

    def take(column: npt.NDArray[Any] | None) -> npt.NDArray[Any] | None:
        return None if column is None else column[rows]

    picked = TicketBatch(
        ids=tickets.ids[rows],
        created_at=tickets.created_at[rows],
        priority=tickets.priority[rows],
        client_priority=tickets.client_priority[rows],
        service=tickets.service[rows],
        asset=tickets.asset[rows],
        impact=take(tickets.impact),
        urgency=take(tickets.urgency),
        title=take(tickets.title),
        lines=take(tickets.lines),
    )
    keep = new_row[events.ticket] >= 0 if len(events) else np.zeros(0, dtype=bool)
    chosen = EventBatch(
        ticket=new_row[events.ticket[keep]],
        at=events.at[keep],
        type=events.type[keep],
        value=events.value[keep],
        lines=events.lines[keep] if events.lines is not None else None,
    )
    return picked, chosen


def judged_clocks(
    judges: TicketJudges,
    tickets: TicketBatch,
    events: EventBatch,
    now: np.datetime64,
    options: Sequence[ClockOptions | None] | None = None,
) -> ClockResults:
    """Both clocks of every ticket, each judged by its own agreement (``options`` per agreement)."""
    count = len(tickets)
    if len(judges.index) != count:
        raise ValueError(f"{len(judges.index)} judges for {count} tickets")
    if len(judges.agreements) == 1 and bool(np.all(judges.index == 0)):
        return evaluate_clocks(judges.agreements[0], tickets, events, now, options[0] if options else None)
    out = _unjudged(tickets)
    for position, agreement in enumerate(judges.agreements):
        rows = np.flatnonzero(judges.index == position)
        if rows.size == 0:
            continue
        group_tickets, group_events = select_tickets(tickets, events, rows)
        result = evaluate_clocks(
            agreement, group_tickets, group_events, now, options[position] if options else None
        )
        for f in fields(ClockResults):
            getattr(out, f.name)[rows] = getattr(result, f.name)
    return out


def _unjudged(tickets: TicketBatch) -> ClockResults:
    count = len(tickets)

    never = np.full(count, NOT_A_TIME, dtype="datetime64[s]")
    no_time = np.full(count, np.timedelta64("NaT", "s"), dtype="timedelta64[s]")
    return ClockResults(
        ids=tickets.ids.copy(),
        priority=tickets.priority.copy(),
        response_due=never.copy(),
        responded_at=never.copy(),
        response_status=object_array([ClockStatus.NO_AGREEMENT] * count),
        resolution_due=never.copy(),
        resolved_at=never.copy(),
        resolution_status=object_array([ClockStatus.NO_AGREEMENT] * count),
        response_business=no_time.copy(),
        resolution_business=no_time.copy(),
        percent_used=np.full(count, np.nan),
        response_percent_used=np.full(count, np.nan),
        after_hours=no_time.copy(),
        created_at=tickets.created_at.astype("datetime64[s]").copy(),
    )
