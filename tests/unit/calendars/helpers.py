"""Small helpers shared by the calendar tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def at(zone: str, *parts: int) -> datetime:
    """An aware datetime in ``zone`` (first occurrence where the local time is ambiguous)."""
    return datetime(*parts, tzinfo=ZoneInfo(zone))  # type: ignore[arg-type, misc]
