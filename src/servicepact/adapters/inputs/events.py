"""Ticket events (spec §5): ``ticket_id, at, type, value?``.

``value`` is the state of a ``status`` event, the new priority of a ``priority`` event and the minutes of
a ``work`` event (a non-negative number; ``at`` is when the work started). It is required for those three
types and kept, when given, for the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import repeat
from pathlib import Path

import numpy as np
import numpy.typing as npt

from servicepact.adapters.inputs.rows import (
    Chunk,
    Columns,
    ObjectArray,
    ProblemLog,
    Progress,
    RowProblem,
    concat,
    read_chunks,
)
from servicepact.adapters.inputs.timestamps import Seconds, to_datetime
from servicepact.domain.records import EventType, TicketEvent

EVENT_COLUMNS = Columns(required=("ticket_id", "at", "type"), optional=("value",))
EVENT_TYPES = tuple(t.value for t in EventType)
_NEEDS_VALUE = {
    EventType.STATUS.code: "a status event needs the state",
    EventType.PRIORITY.code: "a priority event needs the new priority",
    EventType.WORK.code: "a work event needs its minutes",
}


@dataclass
class TicketIndex:
    """The tickets events may name: ``positions[id]`` is the ticket's position among all rows of the
    tickets file, ``rows[position]`` its row in the batch (-1 when that ticket row was bad)."""

    source: str
    positions: dict[str, int]
    rows: npt.NDArray[np.int64]
    lines: npt.NDArray[np.int64]


@dataclass
class EventColumns:
    """Good event rows as columns; ``ticket`` is the batch row when a :class:`TicketIndex` was given."""

    ticket_ids: ObjectArray
    ticket: npt.NDArray[np.int64]
    at: Seconds
    type: npt.NDArray[np.int8]
    value: ObjectArray
    lines: npt.NDArray[np.int64]


@dataclass
class _Parts:
    ticket_ids: list[ObjectArray] = field(default_factory=list)
    ticket: list[npt.NDArray[np.int64]] = field(default_factory=list)
    at: list[Seconds] = field(default_factory=list)
    type: list[npt.NDArray[np.int64]] = field(default_factory=list)
    value: list[ObjectArray] = field(default_factory=list)
    lines: list[npt.NDArray[np.int64]] = field(default_factory=list)


def read_event_columns(
    path: Path | str,
    zone: tzinfo,
    log: ProblemLog,
    index: TicketIndex | None = None,
    progress: Progress | None = None,
    progress_base: int = 0,
) -> EventColumns:
    """Read an events file into columns, reporting bad rows to ``log``."""
    parts = _Parts()
    for chunk in read_chunks(path, EVENT_COLUMNS, log, progress=progress, progress_base=progress_base):
        ticket_ids = chunk.required_text("ticket_id")
        ticket = _ticket_rows(chunk, ticket_ids, index)
        at, _ = chunk.instants("at", zone, required=True)
        types = chunk.choice("type", EVENT_TYPES)
        value = chunk.optional_text("value")
        _check_values(chunk, types, value)
        keep = ~chunk.bad
        parts.ticket_ids.append(ticket_ids[keep])
        parts.ticket.append(ticket[keep])
        parts.at.append(at[keep])
        parts.type.append(types[keep])
        parts.value.append(value[keep])
        parts.lines.append(chunk.lines[keep])
    return EventColumns(
        ticket_ids=concat(parts.ticket_ids, object),
        ticket=concat(parts.ticket, np.int64),
        at=concat(parts.at, np.int64),
        type=concat(parts.type, np.int8),
        value=concat(parts.value, object),
        lines=concat(parts.lines, np.int64),
    )


def _ticket_rows(chunk: Chunk, ticket_ids: ObjectArray, index: TicketIndex | None) -> npt.NDArray[np.int64]:
    if index is None:
        return np.full(len(chunk), -1, dtype=np.int64)
    get = index.positions.get
    positions = np.fromiter(map(get, ticket_ids, repeat(-1)), dtype=np.int64, count=len(chunk))
    present = positions >= 0
    rows = np.full(len(chunk), -1, dtype=np.int64)
    rows[present] = index.rows[positions[present]]
    for row in np.flatnonzero(~present).tolist():
        if ticket_ids[row] is not None:
            chunk.report(row, "ticket_id", f"{ticket_ids[row]!r} is not a ticket of {index.source}")
    for row in np.flatnonzero(present & (rows < 0)).tolist():
        line = int(index.lines[positions[row]])
        chunk.report(row, "ticket_id", f"{ticket_ids[row]!r} is a bad row of {index.source} (line {line})")
    return rows


def _check_values(chunk: Chunk, types: npt.NDArray[np.int64], value: ObjectArray) -> None:
    missing = np.equal(value, None)
    for code, reason in _NEEDS_VALUE.items():
        for row in np.flatnonzero((types == code) & missing).tolist():
            chunk.report(row, "value", reason)
    work = np.flatnonzero((types == EventType.WORK.code) & ~missing)
    try:
        minutes = np.array(value[work], dtype=np.float64)
        wrong = work[~(np.isfinite(minutes) & (minutes >= 0))]
    except ValueError:  # some value is not a number at all: look at each
        wrong = work
    for row in wrong.tolist():
        reason = minutes_problem(value[row])
        if reason is not None:
            chunk.report(row, "value", reason)


def minutes_problem(text: str) -> str | None:
    """Why ``text`` is not a number of minutes of work (None when it is one)."""
    try:
        minutes = float(text)
    except ValueError:
        return f"{text!r} is not a number of minutes"
    if not math.isfinite(minutes) or minutes < 0:
        return f"{text!r} is not a non-negative number of minutes"
    return None


def events_as_records(columns: EventColumns) -> list[TicketEvent]:
    """Event columns as :class:`TicketEvent` records, in file order."""
    types = list(EventType)
    return [
        TicketEvent(ticket_id=str(tid), at=to_datetime(at), type=types[code], value=value)
        for tid, at, code, value in zip(
            columns.ticket_ids.tolist(),
            columns.at.tolist(),
            columns.type.tolist(),
            columns.value.tolist(),
            strict=True,
        )
    ]


@dataclass
class EventsRead:
    """Events read from a file, and the problems of the rows left out (empty unless skipping)."""

    events: list[TicketEvent]
    problems: list[RowProblem]


def read_ticket_events(
    path: Path | str,
    default_zone: tzinfo,
    skip_bad_rows: bool = False,
    *,
    ticket_ids: Iterable[str] | None = None,
) -> EventsRead:
    """Read a ticket events file as records.

    ``ticket_ids`` (any collection of ids) makes an event naming another ticket a bad row. Raises
    :class:`~servicepact.adapters.inputs.rows.DataFileError` on bad rows unless ``skip_bad_rows``.

    >>> read_ticket_events("events.csv", ZoneInfo("Europe/Moscow")).events[0].type  # doctest: +SKIP
    <EventType.RESPONDED: 'responded'>
    """
    log = ProblemLog()
    index = None
    if ticket_ids is not None:
        ids = list(dict.fromkeys(ticket_ids))
        index = TicketIndex(
            source="the tickets",
            positions={str(t): i for i, t in enumerate(ids)},
            rows=np.arange(len(ids), dtype=np.int64),
            lines=np.zeros(len(ids), dtype=np.int64),
        )
    columns = read_event_columns(path, default_zone, log, index)
    log.check(skip_bad_rows)
    return EventsRead(events_as_records(columns), log.problems)
