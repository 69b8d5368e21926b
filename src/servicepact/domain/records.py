"""What the service produced, as spec §5 describes it: tickets and their events, outages, backups, assets.

Two shapes of the same data: one record per row (for the API, storage and small inputs) and columnar
batches of NumPy arrays (for the vectorised clock and evaluation engines over millions of rows). All
instants are timezone-aware UTC in records and ``datetime64[s]`` UTC in batches.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt


class EventType(enum.StrEnum):
    """Ticket events of spec §2; the order is the code used in :class:`EventBatch`."""

    RESPONDED = "responded"
    ACKNOWLEDGED = "acknowledged"
    STATUS = "status"
    PRIORITY = "priority"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    WORK = "work"
    AFTER_HOURS_APPROVED = "after_hours_approved"  # spec 1.1: the client asked for work outside hours

    @property
    def code(self) -> int:
        # A dict lookup: batches of millions of events ask for it once an event.
        return _EVENT_CODES[self]


_EVENT_CODES = {kind: position for position, kind in enumerate(EventType)}


class OutageKind(enum.StrEnum):
    UNPLANNED = "unplanned"
    MAINTENANCE = "maintenance"


class BackupStatus(enum.StrEnum):
    SUCCESS = "success"
    FAILED = "failed"
    PARTIAL = "partial"


@dataclass(frozen=True)
class TicketEvent:
    """One event of a ticket. ``value`` is the state (status), the new priority, or minutes of work."""

    ticket_id: str
    at: datetime
    type: EventType
    value: str | None = None
    external_id: str | None = None

    @property
    def minutes(self) -> int:
        """Minutes of a ``work`` event (0 for other events)."""
        if self.type is not EventType.WORK or self.value is None:
            return 0
        return int(float(self.value))


@dataclass(frozen=True)
class Ticket:
    """A ticket: priority given, or impact and urgency for the agreement's matrix."""

    id: str
    created_at: datetime
    priority: str | None = None
    impact: str | None = None
    urgency: str | None = None
    client_priority: str | None = None
    service: str | None = None
    asset: str | None = None
    title: str | None = None
    events: tuple[TicketEvent, ...] = ()


TICKET_TEXT_FIELDS = ("priority", "impact", "urgency", "client_priority", "service", "asset", "title")
"""The optional text fields of a :class:`Ticket` (and columns of a :class:`TicketBatch`), in the order of
the spec §5 tickets file, whose columns bear the same names."""


@dataclass(frozen=True)
class Outage:
    """An interruption of an uptime item (by id) or of a service; ``end`` None means still going on."""

    start: datetime
    end: datetime | None
    kind: OutageKind = OutageKind.UNPLANNED
    uptime_id: str | None = None
    service: str | None = None
    announced_at: datetime | None = None


@dataclass(frozen=True)
class BackupRun:
    started_at: datetime
    finished_at: datetime
    status: BackupStatus
    backup_id: str | None = None
    system: str | None = None


@dataclass(frozen=True)
class RestoreTest:
    backup_id: str
    at: datetime
    status: BackupStatus


@dataclass(frozen=True)
class Asset:
    """A client asset: its id, type, and the fields the requirement rules read."""

    id: str
    type: str
    fields: dict[str, Any] = field(default_factory=dict)


ObjectArray = npt.NDArray[np.object_]
Instants = npt.NDArray[np.datetime64]
IntArray = npt.NDArray[np.int64]

_NONE = np.array(None, dtype=object)


def object_array(values: Sequence[object]) -> ObjectArray:
    """``values`` as a one-dimensional object array, one cell a value.

    (``np.array`` would guess a dtype, or unpack values that are sequences themselves.)

    >>> object_array(["P1", None])
    array(['P1', None], dtype=object)
    """
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def none_cells(column: ObjectArray) -> npt.NDArray[np.bool_]:
    """Where ``column`` holds None (an empty cell), element by element.

    >>> none_cells(object_array(["P1", None]))
    array([False,  True])
    """
    found: npt.NDArray[np.bool_] = np.equal(column, _NONE)
    return found


@dataclass
class TicketBatch:
    """Tickets as columns. ``priority`` holds the assigned priority after the matrix (None where unknown)."""

    ids: ObjectArray
    created_at: Instants
    priority: ObjectArray
    client_priority: ObjectArray
    service: ObjectArray
    asset: ObjectArray
    impact: ObjectArray | None = None
    urgency: ObjectArray | None = None
    title: ObjectArray | None = None
    lines: IntArray | None = None  # the line of each ticket in its source file, for messages

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class EventBatch:
    """Events as columns; ``ticket`` is the row of the ticket in its :class:`TicketBatch`.

    ``type`` holds :attr:`EventType.code` values; ``value`` the raw value text (or None).
    """

    ticket: IntArray
    at: Instants
    type: npt.NDArray[np.int8]
    value: ObjectArray
    lines: IntArray | None = None

    def __len__(self) -> int:
        return len(self.ticket)


def tickets_as_columns(
    tickets: Sequence[Ticket], priorities: Sequence[str | None], *, events_by_time: bool
) -> tuple[TicketBatch, EventBatch, ObjectArray]:
    """Tickets given as records, as the columns the engines read: the tickets with ``priorities`` (one
    per ticket: the caller decides what a ticket's priority is), their events in ticket order, and the
    events' external ids (None where an event has none).

    ``events_by_time`` sorts each ticket's events by time (stored tickets); otherwise they keep the order
    given (a log's order).

    >>> from datetime import UTC, datetime
    >>> at = datetime(2027, 3, 1, 9, tzinfo=UTC)
    >>> ticket = Ticket("T1", at, events=(TicketEvent("T1", at, EventType.RESPONDED),))
    >>> batch, events, ids = tickets_as_columns([ticket], ["P2"], events_by_time=True)
    >>> batch.priority.tolist(), events.ticket.tolist(), ids.tolist()
    (['P2'], [0], [None])
    """
    batch = TicketBatch(
        ids=object_array([t.id for t in tickets]),
        created_at=np.array([int(t.created_at.timestamp()) for t in tickets], dtype="datetime64[s]"),
        priority=object_array(priorities),
        client_priority=object_array([t.client_priority for t in tickets]),
        service=object_array([t.service for t in tickets]),
        asset=object_array([t.asset for t in tickets]),
        impact=object_array([t.impact for t in tickets]),
        urgency=object_array([t.urgency for t in tickets]),
        title=object_array([t.title for t in tickets]),
    )
    rows: list[int] = []
    at: list[int] = []
    types: list[int] = []
    values: list[str | None] = []
    external_ids: list[str | None] = []
    for row, ticket in enumerate(tickets):
        ordered = sorted(ticket.events, key=lambda e: e.at) if events_by_time else ticket.events
        for event in ordered:
            rows.append(row)
            at.append(int(event.at.timestamp()))
            types.append(event.type.code)
            values.append(event.value)
            external_ids.append(event.external_id)
    events = EventBatch(
        ticket=np.array(rows, dtype=np.int64),
        at=np.array(at, dtype="datetime64[s]"),
        type=np.array(types, dtype=np.int8),
        value=object_array(values),
    )
    return batch, events, object_array(external_ids)
