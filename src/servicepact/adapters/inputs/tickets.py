"""Tickets (spec §5): ``id, created_at, priority | impact+urgency, client_priority?, service?, asset?,
title?, first_response_at?, resolved_at?``, with their events from a separate file.

Two shapes: :func:`read_ticket_batch` gives columnar batches for millions of tickets;
:func:`read_tickets` gives :class:`~servicepact.domain.records.Ticket` records (built from the batch, so
both check exactly the same things).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from servicepact.adapters.inputs.events import TicketIndex, read_event_columns
from servicepact.adapters.inputs.ids import KEY_BYTES, IdIndex
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
    source_name,
)
from servicepact.adapters.inputs.timestamps import Seconds, to_datetime, to_datetime64
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import (
    TICKET_TEXT_FIELDS,
    EventBatch,
    EventType,
    Ticket,
    TicketBatch,
    TicketEvent,
    none_cells,
    object_array,
)

PriorityOf = Callable[[str, str], "str | None"]
"""Maps (impact, urgency) to a priority through the agreement's matrix (None: no such cell)."""

TICKET_COLUMNS = Columns(
    required=("id", "created_at"),
    groups=(("priority",), ("impact", "urgency")),
    optional=("client_priority", "service", "asset", "title", "first_response_at", "resolved_at"),
)
_TEXT = TICKET_TEXT_FIELDS
_FEW_VALUES = ("priority", "impact", "urgency", "client_priority", "service", "asset")
"""Columns of few distinct values: interned, one string per distinct value (see Chunk.interned_text)."""


class TicketBatchRead(NamedTuple):
    """What :func:`read_ticket_batch` returns (unpacks as ``tickets, events, problems``)."""

    tickets: TicketBatch
    events: EventBatch
    problems: list[RowProblem]


@dataclass
class TicketsRead:
    """Tickets read from a file (with their events), and the problems of rows left out."""

    tickets: list[Ticket]
    problems: list[RowProblem]


@dataclass
class _Parts:
    all_ids: list[ObjectArray] = field(default_factory=list)
    id_matrix: list[npt.NDArray[np.uint8]] = field(default_factory=list)
    id_lengths: list[npt.NDArray[np.int64]] = field(default_factory=list)
    long_ids: dict[int, str] = field(default_factory=dict)
    named: int = 0
    all_lines: list[npt.NDArray[np.int64]] = field(default_factory=list)
    all_good: list[npt.NDArray[np.bool_]] = field(default_factory=list)
    created: list[Seconds] = field(default_factory=list)
    text: dict[str, list[ObjectArray]] = field(default_factory=lambda: {name: [] for name in _TEXT})
    responded: list[Seconds] = field(default_factory=list)
    responded_ok: list[npt.NDArray[np.bool_]] = field(default_factory=list)
    resolved: list[Seconds] = field(default_factory=list)
    resolved_ok: list[npt.NDArray[np.bool_]] = field(default_factory=list)


def read_ticket_batch(
    tickets_path: Path | str,
    events_path: Path | str | None,
    default_zone: tzinfo,
    priority_of: PriorityOf | None = None,
    progress: Progress | None = None,
    skip_bad_rows: bool = False,
    rules: InputRules | None = None,
) -> TicketBatchRead:
    """Read a tickets file (and an events file) into columnar batches.

    ``first_response_at`` and ``resolved_at`` become ``responded`` and ``resolved`` events. Events are
    ordered by ticket row, then time, then source order (the tickets file's events first). ``priority``
    is the given priority, else ``priority_of(impact, urgency)``, else None when no ``priority_of`` is
    given. ``progress(rows_done)`` is called after each chunk of rows (of both files together).

    ``rules`` (spec 1.1 §5): values go through the user's value maps first (``priority:Critical=P1``
    also maps the value of ``priority`` events); a priority that is not a level of the agreement version
    in force at the ticket's ``created_at`` (on the ticket or on a ``priority`` event), an instant after
    ``now`` and an event of a ticket not in the file are bad rows.

    Raises :class:`~servicepact.adapters.inputs.rows.DataFileError` listing every bad row unless
    ``skip_bad_rows``; header and syntax problems always raise.

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact.testing import write_lines
    >>> tickets_csv = write_lines(TMP / "t.csv", "id,created_at,priority", "INC1,2027-03-01T09:00Z,P2")
    >>> events_csv = write_lines(TMP / "e.csv", "ticket_id,at,type", "INC1,2027-03-01T09:10Z,responded")
    >>> tickets, events, problems = read_ticket_batch(tickets_csv, events_csv, ZoneInfo("UTC"))
    >>> len(tickets.ids), len(events.at), problems
    (1, 1, [])
    """
    log = ProblemLog()
    rules = rules or InputRules()
    tickets_path = Path(tickets_path)
    parts = _Parts()
    for chunk in read_chunks(tickets_path, TICKET_COLUMNS, log, progress=progress, rules=rules):
        _ticket_chunk(chunk, default_zone, priority_of, parts)
    batch, index, derived = _assemble(parts, source_name(tickets_path), log)
    done = int(sum(len(part) for part in parts.all_ids))
    if events_path is not None:
        events = read_event_columns(
            events_path, default_zone, log, index, progress, done, keep_ids=False, rules=rules
        )
        derived_parts = [*derived, (events.ticket, events.at, events.type, events.value, events.lines)]
    else:
        derived_parts = list(derived)
    event_batch = _event_batch(derived_parts)
    log.check(skip_bad_rows)
    return TicketBatchRead(batch, event_batch, log.problems)


def _ticket_chunk(chunk: Chunk, zone: tzinfo, priority_of: PriorityOf | None, parts: _Parts) -> None:
    ids = chunk.required_text("id")
    id_matrix, id_lengths, long_ids = chunk.id_cells("id")
    created, _ = chunk.instants("created_at", zone, required=True)
    text = {
        name: chunk.interned_text(name) if name in _FEW_VALUES else chunk.optional_text(name)
        for name in _TEXT
    }
    _assign_priorities(chunk, text, priority_of)
    if chunk.rules.priorities is not None:
        check_priorities(chunk, "priority", text["priority"], created, chunk.rules.priorities)
    responded, responded_ok = chunk.instants("first_response_at", zone, required=False)
    resolved, resolved_ok = chunk.instants("resolved_at", zone, required=False)
    keep = ~chunk.bad
    named = ~none_cells(ids)
    parts.all_ids.append(ids[named])
    parts.id_matrix.append(id_matrix[named])
    parts.id_lengths.append(id_lengths[named])
    # Positions among the named rows of the file, as the index counts them.
    position = np.cumsum(named) - 1 + parts.named
    parts.long_ids.update((int(position[row]), text) for row, text in long_ids.items())
    parts.named += int(named.sum())
    parts.all_lines.append(chunk.lines[named])
    parts.all_good.append(keep[named])
    parts.created.append(created[keep])
    for name in _TEXT:
        parts.text[name].append(text[name][keep])
    parts.responded.append(responded[keep])
    parts.responded_ok.append(responded_ok[keep])
    parts.resolved.append(resolved[keep])
    parts.resolved_ok.append(resolved_ok[keep])


def _assign_priorities(chunk: Chunk, text: dict[str, ObjectArray], priority_of: PriorityOf | None) -> None:
    priority, impact, urgency = text["priority"], text["impact"], text["urgency"]
    unset = np.flatnonzero(none_cells(priority))
    if unset.size == 0:
        return
    impacts, urgencies = impact[unset].tolist(), urgency[unset].tolist()
    # The matrix is asked once per distinct (impact, urgency) pair, found from codes of each column.
    impact_codes, impact_values = _codes(impacts)
    urgency_codes, urgency_values = _codes(urgencies)
    pairs, inverse = np.unique(impact_codes * len(urgency_values) + urgency_codes, return_inverse=True)
    mapped = object_array(
        [
            _priority(
                (impact_values[pair // len(urgency_values)], urgency_values[pair % len(urgency_values)]),
                priority_of,
            )
            for pair in pairs.tolist()
        ]
    )
    found = mapped[inverse.reshape(-1)]
    priority[unset] = found
    for position in np.flatnonzero(none_cells(found)).tolist():
        row, i, u = int(unset[position]), impacts[position], urgencies[position]
        if i is None or u is None:
            if not chunk.has("impact"):
                chunk.report(row, "priority", "is empty")
                continue
            missing = ", ".join(n for n, v in (("impact", i), ("urgency", u)) if v is None)
            if chunk.has("priority"):
                chunk.report(row, "priority", f"is empty and so is {missing}")
            else:
                chunk.report(row, missing, "is empty")
        elif priority_of is not None:
            reason = f"impact {i!r} and urgency {u!r} have no priority in the matrix"
            chunk.report(row, "impact, urgency", reason)


def _codes(values: list[str | None]) -> tuple[npt.NDArray[np.int64], list[str | None]]:
    """Each value's index among the distinct values (in order of first appearance), and those values."""
    distinct = list(dict.fromkeys(values))
    code = {value: i for i, value in enumerate(distinct)}
    return np.fromiter(map(code.__getitem__, values), dtype=np.int64, count=len(values)), distinct


def _priority(pair: tuple[str | None, str | None], priority_of: PriorityOf | None) -> str | None:
    impact, urgency = pair
    if impact is None or urgency is None or priority_of is None:
        return None
    return priority_of(impact, urgency)


def _assemble(
    parts: _Parts, source: str, log: ProblemLog
) -> tuple[
    TicketBatch,
    TicketIndex,
    list[tuple[npt.NDArray[np.int64], Seconds, npt.NDArray[np.int8], ObjectArray, npt.NDArray[np.int64]]],
]:
    all_ids = concat(parts.all_ids, object)
    all_lines = concat(parts.all_lines, np.int64)
    good = concat(parts.all_good, bool)
    n = len(all_ids)
    # The first occurrence of an id wins. Ids are matched by their bytes (see ids.py); when two
    # different ids share a hash, by a dict of the strings.
    hashed, first = IdIndex.build(
        concat(parts.id_matrix, np.uint8).reshape(-1, KEY_BYTES),
        concat(parts.id_lengths, np.int64),
        parts.long_ids,
    )
    positions: dict[str, int] | None = None
    if hashed is None:
        # Built from the end so that earlier positions overwrite.
        positions = dict(zip(all_ids[::-1].tolist(), range(n - 1, -1, -1), strict=True))
        first = np.fromiter(map(positions.__getitem__, all_ids.tolist()), dtype=np.int64, count=n)
    duplicate = first != np.arange(n)
    for position in np.flatnonzero(duplicate).tolist():
        line = int(all_lines[first[position]])
        log.add(
            RowProblem(
                source,
                int(all_lines[position]),
                "id",
                f"{all_ids[position]!r} repeats the ticket of line {line}",
            )
        )
    # Rows kept by the chunk pass, in order; a duplicate among them is dropped now.
    kept_duplicate = duplicate[good]
    keep = ~kept_duplicate
    rows = np.full(n, -1, dtype=np.int64)
    final = good & ~duplicate
    rows[final] = np.arange(int(final.sum()), dtype=np.int64)
    text = {name: concat(parts.text[name], object)[keep] for name in _TEXT}
    created = concat(parts.created, np.int64)[keep]
    index = TicketIndex(
        source=source, positions=positions, rows=rows, lines=all_lines, hashed=hashed, created=created
    )
    lines = all_lines[good][keep]
    batch = TicketBatch(
        ids=all_ids[final],
        created_at=to_datetime64(created),
        priority=text["priority"],
        client_priority=text["client_priority"],
        service=text["service"],
        asset=text["asset"],
        impact=text["impact"],
        urgency=text["urgency"],
        title=text["title"],
        lines=lines,
    )
    ticket_rows = np.arange(len(lines), dtype=np.int64)
    derived = []
    for times, ok, kind in (
        (parts.responded, parts.responded_ok, EventType.RESPONDED),
        (parts.resolved, parts.resolved_ok, EventType.RESOLVED),
    ):
        present = concat(ok, bool)[keep]
        count = int(present.sum())
        values = np.empty(count, dtype=object)
        derived.append(
            (
                ticket_rows[present],
                concat(times, np.int64)[keep][present],
                np.full(count, kind.code, dtype=np.int8),
                values,
                lines[present],
            )
        )
    return batch, index, derived


def _event_batch(
    parts: list[
        tuple[npt.NDArray[np.int64], Seconds, npt.NDArray[np.int8], ObjectArray, npt.NDArray[np.int64]]
    ],
) -> EventBatch:
    ticket = concat([p[0] for p in parts], np.int64)
    at = concat([p[1] for p in parts], np.int64)
    order = _order(ticket, at)
    return EventBatch(
        ticket=ticket[order],
        at=to_datetime64(at[order]),
        type=concat([p[2] for p in parts], np.int8)[order],
        value=concat([p[3] for p in parts], object)[order],
        lines=concat([p[4] for p in parts], np.int64)[order],
    )


def _order(ticket: npt.NDArray[np.int64], at: Seconds) -> npt.NDArray[np.intp]:
    """The stable order by ticket, then time: one sort of a combined key when it fits in 63 bits."""
    if ticket.size == 0:
        return np.arange(0)
    low = int(at.min())
    span = int(at.max()) - low + 1
    if span * (int(ticket.max()) + 1) < 2**62:
        return np.argsort(ticket * span + (at - low), kind="stable")
    return np.lexsort((at, ticket))


def read_tickets(
    path: Path | str,
    default_zone: tzinfo,
    skip_bad_rows: bool = False,
    priority_of: PriorityOf | None = None,
    *,
    events_path: Path | str | None = None,
) -> TicketsRead:
    """Read a tickets file (and optionally its events file) as records, events attached in time order.

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact.testing import write_lines
    >>> tickets_csv = write_lines(TMP / "tickets.csv", "id,created_at,priority", "INC1,2027-03-01 09:00,P2")
    >>> read_tickets(tickets_csv, ZoneInfo("Europe/London")).tickets[0].priority
    'P2'
    """
    batch, events, problems = read_ticket_batch(
        path, events_path, default_zone, priority_of=priority_of, skip_bad_rows=skip_bad_rows
    )
    return TicketsRead(batch_to_tickets(batch, events), problems)


def batch_to_tickets(batch: TicketBatch, events: EventBatch) -> list[Ticket]:
    """Records of a ticket batch and its events (events sorted by ticket row, as the readers give them)."""
    types = list(EventType)
    ids = batch.ids.tolist()
    ticket_rows = events.ticket.tolist()
    seconds = events.at.astype(np.int64).tolist()
    codes = events.type.tolist()
    values = events.value.tolist()
    by_ticket: list[list[TicketEvent]] = [[] for _ in ids]
    for row, at, code, value in zip(ticket_rows, seconds, codes, values, strict=True):
        by_ticket[row].append(TicketEvent(ids[row], to_datetime(at), types[code], value))

    def column(values: ObjectArray | None) -> list[str | None]:
        return [None] * len(ids) if values is None else values.tolist()

    created = batch.created_at.astype(np.int64).tolist()
    return [
        Ticket(
            id=tid,
            created_at=to_datetime(at),
            priority=priority,
            impact=impact,
            urgency=urgency,
            client_priority=client_priority,
            service=service,
            asset=asset,
            title=title,
            events=tuple(ticket_events),
        )
        for tid, at, priority, impact, urgency, client_priority, service, asset, title, ticket_events in zip(
            ids,
            created,
            column(batch.priority),
            column(batch.impact),
            column(batch.urgency),
            column(batch.client_priority),
            column(batch.service),
            column(batch.asset),
            column(batch.title),
            by_ticket,
            strict=True,
        )
    ]
