"""Small factories of stored objects, principals, batches and files for tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np

from servicepact.domain.records import (
    EventBatch,
    EventType,
    TicketBatch,
    object_array,
)
from servicepact.services.access import SYSTEM
from servicepact.services.model import (
    Client,
    Principal,
    Role,
    User,
)
from servicepact.testing.uow import FakeUnitOfWork


def make_client(uow: FakeUnitOfWork, slug: str = "acme", time_zone: str = "UTC") -> Client:
    """Store a client directly (no audit entry)."""
    with uow:
        client = uow.clients.add(slug, slug.title(), time_zone, uow.time_source.now())
        uow.commit()
    return client


def make_user(
    uow: FakeUnitOfWork, email: str, role: Role = Role.ENGINEER, client: Client | None = None
) -> User:
    with uow:
        user = uow.users.add(email, role, client.id if client else None, None, uow.time_source.now())
        uow.commit()
    return user


def principal_for(role: Role, client: Client | None = None, name: str | None = None) -> Principal:
    """A principal of ``role`` (a client principal needs ``client``)."""
    if role is Role.ADMIN and client is None and name is None:
        return SYSTEM
    return Principal(name or f"{role.value}@msp.example", role, client.id if client else None)


def ticket_batch(*rows: tuple[str, datetime, str | None]) -> TicketBatch:
    """A ticket batch of ``(id, created_at, priority)`` rows."""

    n = len(rows)
    return TicketBatch(
        ids=object_array([r[0] for r in rows]),
        created_at=np.array([int(r[1].timestamp()) for r in rows], dtype="datetime64[s]"),
        priority=object_array([r[2] for r in rows]),
        client_priority=object_array([None] * n),
        service=object_array([None] * n),
        asset=object_array([None] * n),
        lines=np.arange(2, n + 2, dtype=np.int64),
    )


def event_batch(*rows: tuple[int, datetime, EventType, str | None]) -> EventBatch:
    """An event batch of ``(ticket row, at, type, value)`` rows."""
    return EventBatch(
        ticket=np.array([r[0] for r in rows], dtype=np.int64),
        at=np.array([int(r[1].timestamp()) for r in rows], dtype="datetime64[s]"),
        type=np.array([r[2].code for r in rows], dtype=np.int8),
        value=object_array([r[3] for r in rows]),
        lines=np.arange(2, len(rows) + 2, dtype=np.int64),
    )


def write_lines(path: Path, *lines: str) -> Path:
    """Write a small text file (CSV rows) and return its path."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
