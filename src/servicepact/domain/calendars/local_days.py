"""Local hours of a span of dates as UTC intervals (epoch seconds), through the IANA zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from servicepact.domain.calendars.day_rules import DayRules
from servicepact.domain.calendars.instants import Seconds

_NAIVE_EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001 - local wall-clock time, placed in a zone below
_EPOCH_DAY = date(1970, 1, 1)
_DAY = 86400


def local_to_utc(local_seconds: int, zone: ZoneInfo) -> int:
    """UTC epoch seconds of a local wall-clock time given as seconds since 1970-01-01 00:00 local.

    ``fold=0`` does what the spec asks: in a spring-forward gap Python uses the offset from before the
    change, which moves the time forward by the gap (02:30 -> 03:30 in Berlin); in a fall-back overlap
    it takes the first occurrence.
    """
    local = (_NAIVE_EPOCH + timedelta(seconds=local_seconds)).replace(tzinfo=zone, fold=0)
    offset = local.utcoffset()
    assert offset is not None
    return local_seconds - (offset.days * _DAY + offset.seconds)


def utc_intervals(rules: DayRules, zone: ZoneInfo, first: date, last: date) -> tuple[Seconds, Seconds]:
    """Start and end (UTC epoch seconds) of the open intervals of the local dates ``first..last``.

    Unsorted and unmerged; intervals that come out empty (an interval that lies in a spring-forward gap,
    such as 02:30-03:15 on the night clocks go 02:00 -> 03:00) are dropped. Each endpoint is converted on
    its own, so a 22:00-06:00 shift over a DST change lasts 7 or 9 real hours.
    """
    starts: list[int] = []
    ends: list[int] = []
    cache: dict[int, int] = {}
    day = first
    while day <= last:
        hours = rules.hours(day)
        if hours:
            base = (day - _EPOCH_DAY).days * _DAY
            for interval in hours:
                end = interval.end + (_DAY if interval.end <= interval.start else 0)
                for local, out in ((base + interval.start, starts), (base + end, ends)):
                    utc = cache.get(local)
                    if utc is None:
                        utc = cache[local] = local_to_utc(local, zone)
                    out.append(utc)
        day += timedelta(days=1)
    start_array = np.array(starts, dtype=np.int64)
    end_array = np.array(ends, dtype=np.int64)
    keep = end_array > start_array
    return start_array[keep], end_array[keep]


def utc_service_days(rules: DayRules, zone: ZoneInfo, first: date, last: date) -> tuple[Seconds, Seconds]:
    """The service day of each local date ``first..last`` that has hours, as UTC epoch seconds.

    A date's service day runs from its first opening to its last closing (spec 1.1 §2): a break inside
    it (a lunch hour) belongs to it, a closed date has none. An interval that runs past midnight ends the
    service day on the next date. Endpoints are converted on their own, as in :func:`utc_intervals`, so
    across a DST change a service day is an hour shorter or longer in real time.
    """
    starts: list[int] = []
    ends: list[int] = []
    day = first
    while day <= last:
        hours = rules.hours(day)
        if hours:
            base = (day - _EPOCH_DAY).days * _DAY
            opening = min(interval.start for interval in hours)
            closing = max(
                interval.end + (_DAY if interval.end <= interval.start else 0) for interval in hours
            )
            starts.append(local_to_utc(base + opening, zone))
            ends.append(local_to_utc(base + closing, zone))
        day += timedelta(days=1)
    start_array = np.array(starts, dtype=np.int64)
    end_array = np.array(ends, dtype=np.int64)
    keep = end_array > start_array
    return start_array[keep], end_array[keep]


def local_day_numbers(instants: Seconds, zone: ZoneInfo) -> Seconds:
    """The local date of each instant (UTC epoch seconds) in ``zone``, as days since 1970-01-01.

    Vectorised: the local midnights of the dates spanned are converted once each, and every instant is
    placed among them with one search (correct across DST changes, whatever the offset).
    """
    if instants.size == 0:
        return instants.copy()
    first = int(instants.min()) // _DAY - 2
    last = int(instants.max()) // _DAY + 2
    days = np.arange(first, last + 1, dtype=np.int64)
    midnights = np.array([local_to_utc(int(d) * _DAY, zone) for d in days], dtype=np.int64)
    return days[np.searchsorted(midnights, instants, side="right") - 1]
