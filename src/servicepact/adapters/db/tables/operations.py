"""Outages, monitoring checks, backup runs, restore tests and assets of a client."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from servicepact.adapters.db.tables.base import Base, BigId, text_enum
from servicepact.adapters.db.types import TypedJson, UtcDateTime
from servicepact.domain.records import BackupStatus, OutageKind


class OutageRow(Base):
    """``target`` is ``uptime_id|service`` (either may be empty): the key, with ``start`` and ``kind``."""

    __tablename__ = "outages"
    __table_args__ = (UniqueConstraint("client_id", "target", "start", "kind"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(401))
    uptime_id: Mapped[str | None] = mapped_column(String(200))
    service: Mapped[str | None] = mapped_column(String(200))
    start: Mapped[datetime] = mapped_column(UtcDateTime())
    end: Mapped[datetime | None] = mapped_column(UtcDateTime())
    kind: Mapped[OutageKind] = mapped_column(text_enum(OutageKind, "outage_kind"))
    announced_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CoverageRow(Base):
    """A span an uptime item was watched in (spec §3): ``uptime_id`` ``*`` is every item (an outages
    file); ``end`` None means still watched; ``source`` names the import that said so."""

    __tablename__ = "uptime_coverage"
    __table_args__ = (UniqueConstraint("client_id", "uptime_id", "start", "source"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    uptime_id: Mapped[str] = mapped_column(String(200))
    start: Mapped[datetime] = mapped_column(UtcDateTime())
    end: Mapped[datetime | None] = mapped_column(UtcDateTime())
    source: Mapped[str] = mapped_column(String(300))


class CheckRow(Base):
    __tablename__ = "monitoring_checks"
    __table_args__ = (UniqueConstraint("client_id", "monitor", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    monitor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    up: Mapped[bool]
    name: Mapped[str | None] = mapped_column(String(200))
    http_code: Mapped[int | None]
    response_ms: Mapped[int | None]


class BackupRunRow(Base):
    """``target`` is ``backup_id|system``."""

    __tablename__ = "backup_runs"
    __table_args__ = (UniqueConstraint("client_id", "target", "started_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(401))
    backup_id: Mapped[str | None] = mapped_column(String(200))
    system: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[BackupStatus] = mapped_column(text_enum(BackupStatus, "backup_status"))


class RestoreTestRow(Base):
    __tablename__ = "restore_tests"
    __table_args__ = (UniqueConstraint("client_id", "backup_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    backup_id: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[BackupStatus] = mapped_column(text_enum(BackupStatus, "restore_status"))


class AssetRow(Base):
    """An asset; a later import of the same id replaces its type and fields."""

    __tablename__ = "assets"
    __table_args__ = (UniqueConstraint("client_id", "external_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(200))
    fields: Mapped[dict[str, Any]] = mapped_column(TypedJson)
