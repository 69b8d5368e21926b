"""A time source for tests that says what it is told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
"""Where a :class:`FixedTime` starts unless told otherwise: a Monday morning."""


class FixedTime:
    """A time source that says ``at`` until moved with :meth:`advance` or :meth:`set`."""

    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta

    def set(self, at: datetime) -> None:
        self.at = at
