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

from servicepact.adapters.inputs.ids import IdIndex
from servicepact.adapters.inputs.rows import (
    Chunk,
    Columns,
    ObjectArray,
    ProblemLog,
    Progress,
    RowProblem,
    check_priorities,
    concat,
    read_chunks,
)
from servicepact.adapters.inputs.timestamps import Seconds, to_datetime
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import EventType, TicketEvent, none_cells

EVENT_COLUMNS = Columns(required=("ticket_id", "at", "type"), optional=("value",))
EVENT_TYPES = tuple(t.value for t in EventType)
_NEEDS_VALUE = {
    EventType.STATUS.code: "a status event needs the state",
    EventType.PRIORITY.code: "a priority event needs the new priority",
    EventType.WORK.code: "a work event needs its minutes",
}


@dataclass
class TicketIndex:
    """The tickets events may name: ``positions[id]`` (or ``hashed``, the same mapping over the ids'
    bytes) is the ticket's position among all rows of the tickets file, ``rows[position]`` its row in
    the batch (-1 when that ticket row was bad). ``created`` (when known) is the ``created_at`` of
    each batch row, in epoch seconds: the instant that chooses the version judging the ticket."""

    source: str
    positions: dict[str, int] | None
    rows: npt.NDArray[np.int64]
    lines: npt.NDArray[np.int64]
    hashed: IdIndex | None = None
    created: Seconds | None = None

    def find(self, chunk: Chunk, name: str) -> npt.NDArray[np.int64]:
        """The position of the ticket each cell of column ``name`` names (-1: none, or an empty cell)."""
        if self.hashed is not None:
            return self.hashed.find(*chunk.id_cells(name))
        assert self.positions is not None
        get = self.positions.get
        cells = chunk.text(name)
        positions = np.fromiter(map(get, cells, repeat(-1)), dtype=np.int64, count=len(cells))
        if "" in self.positions:  # an empty cell names no ticket
            positions[[row for row, cell in enumerate(cells) if not cell]] = -1
        return positions


@dataclass
class EventColumns:
    """Good event rows as columns; ``ticket`` is the batch row when a :class:`TicketIndex` was given.

    ``ticket_ids`` is empty when the reader was asked not to keep them (``keep_ids=False``).
    """

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
    *,
    keep_ids: bool = True,
    rules: InputRules | None = None,
) -> EventColumns:
    """Read an events file into columns, reporting bad rows to ``log``.

    With an ``index`` and ``keep_ids=False`` the ticket ids are matched by their bytes and never
    become strings (``ticket_ids`` is then empty): the columnar ticket reader needs only the rows.
    ``rules``: the value of a ``priority`` event goes through the ``priority`` value map and, when the
    index knows the tickets' ``created_at``, must be a level of the version judging the ticket.
    """
    rules = rules or InputRules()
    parts = _Parts()
    chunks = read_chunks(
        path, EVENT_COLUMNS, log, progress=progress, progress_base=progress_base, rules=rules
    )
    for chunk in chunks:
        if keep_ids or index is None:
            ticket_ids = chunk.required_text("ticket_id")
        else:
            ticket_ids = np.empty(0, dtype=object)
            _report_empty(chunk, "ticket_id")
        ticket = _ticket_rows(chunk, index)
        at, _ = chunk.instants("at", zone, required=True)
        types = chunk.choice("type", EVENT_TYPES)
        value = chunk.interned_text("value")
        _check_values(chunk, types, value)
        _priority_events(chunk, types, value, ticket, index)
        keep = ~chunk.bad
        if keep_ids or index is None:
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


def _report_empty(chunk: Chunk, name: str) -> None:
    """What :meth:`Chunk.required_text` reports, without making the column's strings."""
    _, lengths, _ = chunk.id_cells(name)
    for row in np.flatnonzero(lengths == 0).tolist():
        chunk.report(row, name, "is empty")


def _ticket_rows(chunk: Chunk, index: TicketIndex | None) -> npt.NDArray[np.int64]:
    if index is None:
        return np.full(len(chunk), -1, dtype=np.int64)
    positions = index.find(chunk, "ticket_id")
    present = positions >= 0
    rows = np.full(len(chunk), -1, dtype=np.int64)
    rows[present] = index.rows[positions[present]]
    for row in np.flatnonzero(~present).tolist():
        ticket_id = chunk.cell_text("ticket_id", row)
        if ticket_id:
            chunk.report(row, "ticket_id", f"{ticket_id!r} is not a ticket of {index.source}")
    for row in np.flatnonzero(present & (rows < 0)).tolist():
        line = int(index.lines[positions[row]])
        ticket_id = chunk.cell_text("ticket_id", row)
        chunk.report(row, "ticket_id", f"{ticket_id!r} is a bad row of {index.source} (line {line})")
    return rows


def _priority_events(
    chunk: Chunk,
    types: npt.NDArray[np.int64],
    value: ObjectArray,
    ticket: npt.NDArray[np.int64],
    index: TicketIndex | None,
) -> None:
    """Map the new priority of ``priority`` events, and check it against the version judging the ticket."""
    rows = np.flatnonzero((types == EventType.PRIORITY.code) & ~none_cells(value))
    if rows.size == 0:
        return
    values = chunk.rules.values
    if values.has("priority"):
        value[rows] = [values.map("priority", v) for v in value[rows].tolist()]
    levels = chunk.rules.priorities
    if levels is None or index is None or index.created is None:
        return
    rows = rows[(ticket[rows] >= 0) & ~chunk.bad[rows]]
    judged_at = np.zeros(len(chunk), dtype=np.int64)
    judged_at[rows] = index.created[ticket[rows]]
    check_priorities(chunk, "value", value, judged_at, levels, rows)


def _check_values(chunk: Chunk, types: npt.NDArray[np.int64], value: ObjectArray) -> None:
    missing = none_cells(value)
    for code, reason in _NEEDS_VALUE.items():
        for row in np.flatnonzero((types == code) & missing).tolist():
            chunk.report(row, "value", reason)
    work = np.flatnonzero((types == EventType.WORK.code) & ~missing)
    values = value[work].tolist()
    # Values are interned (a few hundred distinct minutes): check each distinct text once.
    problems = {text: minutes_problem(text) for text in dict.fromkeys(values)}
    if any(reason is not None for reason in problems.values()):
        for row, text in zip(work.tolist(), values, strict=True):
            problem = problems[text]
            if problem is not None:
                chunk.report(row, "value", problem)


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

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact.testing import write_lines
    >>> events = write_lines(TMP / "events.csv", "ticket_id,at,type", "INC1,2027-03-01T09:10Z,responded")
    >>> read_ticket_events(events, ZoneInfo("Europe/Moscow")).events[0].type
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
