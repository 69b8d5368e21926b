"""The time source of a running service: the system's clock, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemTime:
    """A :class:`~servicepact.services.ports.TimeSource` that reads the system's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)
