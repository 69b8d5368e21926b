"""ISO 8601 timestamps of input files as UTC epoch seconds: one at a time, or a whole column at once.

A timestamp with an offset (``Z``, ``+03:00``) is that instant; one without is local time in the zone
the caller gives (the agreement's support calendar zone). A local time that does not exist (the
spring-forward gap) moves forward by the gap and an ambiguous one (fall-back) takes its first
occurrence (spec §1). Every path here - one cell, a column, the fast path - turns local time into UTC
with the one function the calendars use, :func:`servicepact.domain.calendars.local_days.local_to_utc`,
so ``import``, ``evaluate`` and ``sla`` read the same row as the same instant. Fractions of a second
are dropped (truncated towards the past).

On the night London's clocks go forward (2026-03-29, 01:00 -> 02:00), ``01:30`` does not exist and is
read as ``02:30`` BST, which is ``01:30Z``; ``02:30`` is ``02:30`` BST, the same instant. Two hourly
backups written as ``01:30`` and ``02:30`` local on that night are therefore one instant, and the
readers report the second as repeating the first (see :func:`skipped_local_time`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo

import numpy as np
import numpy.typing as npt

from servicepact.domain.calendars.local_days import local_to_utc

Seconds = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001 - local wall-clock arithmetic on purpose
_TIME_SEPARATORS = frozenset("Tt ")


def parse_instant(text: str, zone: tzinfo) -> int | None:
    """Epoch seconds of one ISO 8601 timestamp, or None when ``text`` is not one (with a time of day).

    >>> parse_instant("2026-03-02T10:00:00+03:00", UTC)
    1772434800
    """
    text = text.strip()
    if len(text) < 11 or text[10] not in _TIME_SEPARATORS:
        return None  # a date alone, or a form we do not read (week dates, basic format)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        wall = value - _NAIVE_EPOCH
        return local_to_utc(wall.days * 86400 + wall.seconds, zone)  # type: ignore[arg-type]
    delta = value - EPOCH
    return delta.days * 86400 + delta.seconds


def skipped_local_time(text: str, zone: tzinfo) -> str | None:
    """The local time ``text`` is read as, when it names a local time the clocks skipped (None otherwise).

    >>> from zoneinfo import ZoneInfo
    >>> skipped_local_time("2026-03-29T01:30:00", ZoneInfo("Europe/London"))
    '2026-03-29T02:30:00+01:00'
    """
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is not None:
        return None
    seconds = parse_instant(text, zone)
    if seconds is None:
        return None
    local = to_datetime(seconds).astimezone(zone)
    if local.replace(tzinfo=None) == value.replace(microsecond=0):
        return None
    return local.isoformat()


def local_seconds_to_utc(local: Seconds, zone: tzinfo, bucket: int = 86400) -> Seconds:
    """UTC epoch seconds of local wall-clock times (given as seconds since 1970-01-01 00:00 local).

    Works per distinct local day: a day whose first and last second have the same UTC offset has that
    offset throughout (no zone has two transitions that cancel out within a day). The few days holding
    a transition are done per hour, and the hours holding one value by value.
    """
    if local.size == 0:
        return local.astype(np.int64)
    if bucket == 1 or local.size <= 16:
        return np.array([value - _offset(value, zone) for value in local.tolist()], dtype=np.int64)
    keys, inverse = np.unique(local // bucket, return_inverse=True)
    offsets = np.empty(keys.size, dtype=np.int64)
    mixed = np.zeros(keys.size, dtype=bool)
    for i, key in enumerate(keys.tolist()):
        offsets[i], mixed[i] = _bucket_offset(zone, key * bucket, bucket)
    result = local - offsets[inverse]
    odd = np.flatnonzero(mixed[inverse])
    if odd.size:
        result[odd] = local_seconds_to_utc(local[odd], zone, 3600 if bucket > 3600 else 1)
    return result


@functools.lru_cache(maxsize=1 << 16)
def _bucket_offset(zone: tzinfo, start: int, size: int) -> tuple[int, bool]:
    """The UTC offset at local second ``start``, and whether it changes before ``start + size``."""
    first = _offset(start, zone)
    return first, first != _offset(start + size - 1, zone)


def _offset(local_second: int, zone: tzinfo) -> int:
    """The UTC offset (seconds) of a local wall-clock second, by the one rule (see the module docstring)."""
    return local_second - local_to_utc(local_second, zone)  # type: ignore[arg-type]


def parse_instants(values: Sequence[str], zone: tzinfo) -> tuple[Seconds, Mask, Mask]:
    """Parse a column of timestamps: ``(seconds, ok, empty)``.

    ``ok`` is False where a non-empty cell is not a timestamp; ``seconds`` is 0 where not ok or empty.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=n)
    # Cells longer than the width are cut here, but their length keeps them off the fast path.
    chars = np.array(values, dtype=f"U{WIDTH}").view(np.uint32).reshape(n, WIDTH)
    ascii_rows = np.asarray((chars <= 127).all(axis=1))  # NumPy's stubs type .all(axis=1) "bool or array"
    matrix = np.where(ascii_rows[:, None], chars, 0).astype(np.uint8)
    return parse_instant_matrix(matrix, lengths, zone, values.__getitem__)


WIDTH = 25
"""Characters of the longest form the fast path reads (``YYYY-MM-DDTHH:MM:SS+HH:MM``)."""


def parse_instant_matrix(
    matrix: npt.NDArray[np.uint8], lengths: Seconds, zone: tzinfo, cell: Callable[[int], str]
) -> tuple[Seconds, Mask, Mask]:
    """Like :func:`parse_instants`, for cells given as an ``(n, WIDTH)`` matrix of ASCII bytes (zero
    padded; a row of zeros for a cell that is not ASCII) and their lengths.

    The common exact forms ``YYYY-MM-DDTHH:MM:SS`` with nothing, ``Z`` or ``±HH:MM`` after them are
    parsed with array arithmetic; any other cell is fetched with ``cell(row)`` and goes through
    :func:`parse_instant`.
    """
    n = len(lengths)
    seconds = np.zeros(n, dtype=np.int64)
    empty = lengths == 0
    ok = _fast_path(matrix, lengths, seconds, zone)
    for i in np.flatnonzero(~ok & ~empty).tolist():
        text = cell(i)
        if not text.strip():
            empty[i] = True
            continue
        parsed = parse_instant(text, zone)
        if parsed is not None:
            seconds[i] = parsed
            ok[i] = True
    return seconds, ok, empty


_DIGITS = (0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18)


def _fast_path(chars: npt.NDArray[np.uint8], lengths: Seconds, out: Seconds, zone: tzinfo) -> Mask:
    """Fill ``out`` for the cells of the exact common forms; return which cells those were."""
    # One row per character position: each position is then a contiguous array (a column of the
    # (n, WIDTH) matrix would be read with a stride of WIDTH bytes, once per test).
    t = np.ascontiguousarray(chars.T)
    shape: Mask = (lengths == 19) | (lengths == 20) | (lengths == 25)
    c: npt.NDArray[np.uint8] = t - np.uint8(
        ord("0")
    )  # as bytes minus '0', every non-digit wraps to 10 or more
    for position in _DIGITS:
        shape &= c[position] <= 9
    shape &= (t[4] == ord("-")) & (t[7] == ord("-"))
    shape &= (t[10] == ord("T")) | (t[10] == ord(" "))
    shape &= (t[13] == ord(":")) & (t[16] == ord(":"))
    zulu = (lengths == 20) & (t[19] == ord("Z"))
    sign = np.where(t[19] == ord("-"), -1, 1)
    offset_form = (lengths == 25) & ((t[19] == ord("+")) | (t[19] == ord("-"))) & (t[22] == ord(":"))
    for position in (20, 21, 23, 24):
        offset_form &= c[position] <= 9
    naive = lengths == 19
    shape &= naive | zulu | offset_form

    def two(tens: int, ones: int) -> npt.NDArray[np.int64]:
        # Wrapped non-digits give nonsense here, but only for cells that `shape` already refuses.
        number: npt.NDArray[np.int64] = c[tens].astype(np.int64) * 10 + c[ones]
        return number

    year = two(0, 1) * 100 + two(2, 3)
    month = two(5, 6)
    day = two(8, 9)
    hour = two(11, 12)
    minute = two(14, 15)
    second = two(17, 18)
    off_hour = two(20, 21)
    off_minute = two(23, 24)
    # Months are looked up in a table of the months in use (the first day of each, its length), which
    # is much cheaper than the calendar arithmetic for every cell; cells of other shapes get any month.
    serial = np.clip(year, 1, 9999) * 12 + np.clip(month, 1, 12) - 1
    if not shape.any():
        return shape
    first_month, last_month = int(serial[shape].min()), int(serial[shape].max())
    table = np.arange(first_month, last_month + 2)
    month_start = _days_from_civil(table // 12, table % 12 + 1, np.ones_like(table))
    month_length = np.diff(month_start)
    slot = np.clip(serial, first_month, last_month) - first_month
    last_day = month_length[slot]
    valid: Mask = shape & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= last_day)
    valid &= (hour <= 23) & (minute <= 59) & (second <= 59)
    valid &= ~offset_form | ((off_hour <= 23) & (off_minute <= 59))

    wall = (month_start[slot] + day - 1) * 86400 + hour * 3600 + minute * 60 + second
    offsets = np.where(offset_form, sign * (off_hour * 3600 + off_minute * 60), 0)
    result = wall - offsets
    local = np.flatnonzero(valid & naive)
    if local.size:
        result[local] = local_seconds_to_utc(wall[local], zone)
    out[valid] = result[valid]
    return valid


def _days_from_civil(year: Seconds, month: Seconds, day: Seconds) -> Seconds:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm), vectorised."""
    y = year - (month <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days: Seconds = era * 146097 + doe - 719468
    return days


def to_datetime64(seconds: Seconds) -> npt.NDArray[np.datetime64]:
    """Epoch seconds as ``datetime64[s]`` (UTC)."""
    return seconds.astype("datetime64[s]")


def to_datetime(seconds: int) -> datetime:
    """The aware UTC datetime of epoch seconds."""
    return EPOCH + timedelta(seconds=int(seconds))
