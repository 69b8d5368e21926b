"""Aware datetimes and numpy arrays as UTC epoch seconds, and the range of instants calendars support."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.errors import CalendarRangeError, InputError

Seconds = npt.NDArray[np.int64]

FIRST_YEAR = 1900
"""The first (UTC) year a calendar supports."""
LAST_YEAR = 2200
"""The last (UTC) year a calendar supports."""

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def year_start(year: int) -> int:
    """Epoch seconds of 1 January of ``year``, 00:00 UTC."""
    return int((datetime(year, 1, 1, tzinfo=UTC) - EPOCH).total_seconds())


MIN_SECONDS = year_start(FIRST_YEAR)
MAX_SECONDS = year_start(LAST_YEAR + 1)


def year_of(seconds: int) -> int:
    """The UTC year of an instant given in epoch seconds."""
    return (EPOCH + timedelta(seconds=seconds)).year


def to_seconds(instant: object, name: str) -> int:
    """Epoch seconds of an aware datetime, floored to the whole second; naive datetimes are refused."""
    if not isinstance(instant, datetime):
        raise InputError(f"{name} must be a timezone-aware datetime, got {instant!r}")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise InputError(f"{name} must be timezone-aware (got the naive datetime {instant.isoformat()})")
    delta = instant - EPOCH
    return delta.days * 86400 + delta.seconds


def to_datetime(seconds: int) -> datetime:
    """The aware UTC datetime of epoch seconds."""
    return EPOCH + timedelta(seconds=int(seconds))


def duration_seconds(duration: object, name: str = "duration") -> int:
    """Whole seconds of a non-negative timedelta."""
    if not isinstance(duration, timedelta):
        raise InputError(f"{name} must be a timedelta, got {duration!r}")
    if duration.microseconds:
        raise InputError(f"{name} must be a whole number of seconds, got {duration}")
    if duration < timedelta(0):
        raise InputError(f"{name} cannot be negative, got {duration}")
    return duration.days * 86400 + duration.seconds


def instants_array(values: Any, name: str) -> Seconds:
    """A ``datetime64`` array (UTC; any unit, floored to seconds) as int64 epoch seconds."""
    array = np.asarray(values)
    if not np.issubdtype(array.dtype, np.datetime64):
        raise InputError(f"{name} must be a numpy datetime64 array (UTC), got dtype {array.dtype}")
    if np.isnat(array).any():
        raise InputError(f"{name} contains NaT")
    seconds = array.astype("datetime64[s]").astype(np.int64)
    return np.ascontiguousarray(seconds, dtype=np.int64)


def durations_array(values: Any, name: str) -> Seconds:
    """A ``timedelta64`` array as int64 seconds; negative or fractional durations are refused."""
    array = np.asarray(values)
    if not np.issubdtype(array.dtype, np.timedelta64):
        raise InputError(f"{name} must be a numpy timedelta64 array, got dtype {array.dtype}")
    if np.isnat(array).any():
        raise InputError(f"{name} contains NaT")
    seconds = array.astype("timedelta64[s]")
    if (seconds != array).any():
        raise InputError(f"{name} must be whole numbers of seconds")
    result = np.ascontiguousarray(seconds.astype(np.int64), dtype=np.int64)
    if (result < 0).any():
        raise InputError(f"{name} cannot be negative")
    return result


def check_range(low: int, high: int) -> None:
    """Refuse instants outside ``[FIRST_YEAR-01-01, LAST_YEAR+1-01-01)`` UTC."""
    if low < MIN_SECONDS or high >= MAX_SECONDS:
        bad = low if low < MIN_SECONDS else high
        raise CalendarRangeError(
            f"{to_datetime(bad).isoformat()} is outside the range calendars support "
            f"({FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31 UTC)"
        )
