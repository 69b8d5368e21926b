"""What the events of each ticket say, worked out for all tickets at once.

Events are sorted once by (ticket, instant, input order); every question below is then a pass over
that order with NumPy: the first response, the last resolution not followed by a reopening, the priority
in force, and the intervals during which the resolution clock is paused.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from servicepact.domain.records import EventBatch, EventType

Instants = npt.NDArray[np.datetime64]
Rows = npt.NDArray[np.int64]
NAT = np.datetime64("NaT", "s")


@dataclass
class Timeline:
    """Events of a batch sorted by ticket, instant and input order (only those at or before ``now``)."""

    ticket: Rows
    at: Instants
    type: npt.NDArray[np.int8]
    value: npt.NDArray[np.object_]
    tickets: int

    @classmethod
    def of(cls, events: EventBatch, tickets: int, now: np.datetime64) -> Timeline:
        at = events.at.astype("datetime64[s]")
        keep = at <= now
        ticket, value, types = events.ticket, events.value, events.type
        if not keep.all():
            ticket, at, value, types = ticket[keep], at[keep], value[keep], types[keep]
        if not _in_order(ticket, at):  # the readers give them in order: then sorting would change nothing
            order = np.lexsort((np.arange(len(at)), at, ticket))
            ticket, at, value, types = ticket[order], at[order], value[order], types[order]
        return cls(ticket=ticket.astype(np.int64), at=at, type=types, value=value, tickets=tickets)

    def positions(self, *types: EventType) -> Rows:
        mask = self.type == types[0].code
        for other in types[1:]:
            mask |= self.type == other.code
        return np.flatnonzero(mask)

    def first_at(self, *types: EventType) -> Instants:
        """Per ticket, the instant of its first event of these types (NaT where none)."""
        positions = self.positions(*types)
        result = np.full(self.tickets, NAT)
        tickets, first = np.unique(self.ticket[positions], return_index=True)
        result[tickets] = self.at[positions[first]]
        return result

    def last_position(self, *types: EventType) -> Rows:
        """Per ticket, the position in the timeline of its last event of these types (-1 where none)."""
        positions = self.positions(*types)
        result = np.full(self.tickets, -1, dtype=np.int64)
        reversed_positions = positions[::-1]
        tickets, last = np.unique(self.ticket[reversed_positions], return_index=True)
        result[tickets] = reversed_positions[last]
        return result

    def last_value(self, event_type: EventType) -> npt.NDArray[np.object_]:
        """Per ticket, the value of its last event of this type (None where none)."""
        last = self.last_position(event_type)
        result = np.full(self.tickets, None, dtype=object)
        has = last >= 0
        result[has] = self.value[last[has]]
        return result

    def resolution_stop(self) -> Instants:
        """The last ``resolved`` not followed by a ``reopened``: the stop of the resolution clock."""
        resolved = self.last_position(EventType.RESOLVED)
        reopened = self.last_position(EventType.REOPENED)
        stopped = (resolved >= 0) & (resolved > reopened)
        result = np.full(self.tickets, NAT)
        result[stopped] = self.at[resolved[stopped]]
        return result

    def pauses(self, pause_states: Collection[str], clock_end: Instants) -> tuple[Instants, Instants, Rows]:
        """Pause intervals of the resolution clock as flat arrays (starts, ends, ticket rows).

        Paused while the ticket is in one of ``pause_states`` (from that status event to the next status
        event) and from each ``resolved`` to the ``reopened`` that follows it. An interval still open is
        closed at the clock's end (its stop, or now); intervals after that end are dropped.
        """
        starts: list[Instants] = []
        ends: list[Instants] = []
        rows: list[Rows] = []

        status = self.positions(EventType.STATUS)
        if len(status) and pause_states:
            status_ticket = self.ticket[status]
            following = np.append(status[1:], -1)
            same_ticket = np.append(status_ticket[1:] == status_ticket[:-1], False)
            paused = text_in(self.value[status], pause_states)
            end = np.where(same_ticket, self.at[np.where(same_ticket, following, 0)], NAT)
            starts.append(self.at[status][paused])
            ends.append(end[paused])
            rows.append(status_ticket[paused])

        resolved = self.positions(EventType.RESOLVED)
        reopened = self.positions(EventType.REOPENED)
        if len(resolved) and len(reopened):
            # For each resolution, the first reopening of the same ticket that comes after it.
            next_reopen = np.searchsorted(reopened, resolved, side="right")
            found = next_reopen < len(reopened)
            found[found] = self.ticket[reopened[next_reopen[found]]] == self.ticket[resolved[found]]
            starts.append(self.at[resolved[found]])
            ends.append(self.at[reopened[next_reopen[found]]])
            rows.append(self.ticket[resolved[found]])

        if not starts:
            empty = np.array([], dtype="datetime64[s]")
            return empty, empty.copy(), np.array([], dtype=np.int64)
        pause_starts = np.concatenate(starts)
        pause_ends = np.concatenate(ends)
        pause_rows = np.concatenate(rows)
        limit = clock_end[pause_rows]
        pause_ends = np.where(np.isnat(pause_ends) | (pause_ends > limit), limit, pause_ends)
        keep = pause_starts < pause_ends
        return pause_starts[keep], pause_ends[keep], pause_rows[keep]

    def work(self) -> tuple[Instants, npt.NDArray[np.timedelta64], Rows]:
        """``work`` events as (start, length, ticket row); the value is minutes of work."""
        positions = self.positions(EventType.WORK)
        codes, distinct = factorize(self.value[positions])
        # Minutes are a few hundred distinct texts: parse each once.
        try:  # the readers check minutes, so one vectorised parse usually does it
            texts = np.array([str(value) for value in distinct], dtype=str)
            minutes = np.maximum(np.rint(texts.astype(np.float64)), 0).astype(np.int64)
        except ValueError:
            minutes = np.array([_minutes(v) for v in distinct], dtype=np.int64)
        length = (minutes[codes] * 60).astype("timedelta64[s]")
        return self.at[positions], length, self.ticket[positions]


def _in_order(ticket: Rows, at: Instants) -> bool:
    """Whether events are sorted by ticket, then instant (so a stable sort would keep them as they are)."""
    if len(ticket) < 2:
        return True
    step = np.diff(ticket)
    return bool(np.all((step > 0) | ((step == 0) & (at[1:] >= at[:-1]))))


def factorize(values: npt.NDArray[np.object_]) -> tuple[Rows, list[object]]:
    """Each value's index among the distinct values (in order of first appearance), and those values.

    For columns of few distinct texts (priorities, states, services): one dict lookup per row in C,
    where comparing or converting the object array would make a Python call or a string per row.
    """
    items = values.tolist()
    distinct = list(dict.fromkeys(items))
    code = {value: i for i, value in enumerate(distinct)}
    return np.fromiter(map(code.__getitem__, items), dtype=np.int64, count=len(items)), distinct


def text_in(values: npt.NDArray[np.object_], texts: Collection[str]) -> npt.NDArray[np.bool_]:
    """Whether ``str(value)`` of each value is one of ``texts``."""
    codes, distinct = factorize(values)
    wanted = set(texts)
    return np.array([str(value) in wanted for value in distinct], dtype=bool)[codes]


def _minutes(value: object) -> int:
    try:
        return max(0, round(float(str(value))))
    except ValueError:
        return 0
