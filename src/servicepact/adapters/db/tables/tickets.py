from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from servicepact.adapters.db.tables.base import Base, BigId
from servicepact.adapters.db.types import UtcDateTime


class TicketRow(Base):
    """A ticket as imported; it never changes afterwards (changes arrive as events)."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("client_id", "external_id"),
        Index("ix_tickets_client_id_created_at", "client_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    priority: Mapped[str | None] = mapped_column(String(64))
    impact: Mapped[str | None] = mapped_column(String(64))
    urgency: Mapped[str | None] = mapped_column(String(64))
    client_priority: Mapped[str | None] = mapped_column(String(64))
    service: Mapped[str | None] = mapped_column(String(200))
    asset: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)


class EventRow(Base):
    """An event of a ticket. ``key`` makes imports idempotent (servicepact.services.fingerprints).

    ``ticket_id`` has no FOREIGN KEY on purpose: on PostgreSQL the per-row referential trigger costs
    about 12 µs an event, three quarters of a bulk import of millions of events. The only writers (the
    import sink and ``add_event``) take ticket ids from the tickets table in the same transaction.
    """

    __tablename__ = "ticket_events"
    __table_args__ = (UniqueConstraint("ticket_id", "key"), Index("ix_ticket_events_at", "at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    type: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(200))
    key: Mapped[int] = mapped_column(BigInteger)
