"""A slow, obviously correct business calendar written straight from spec §1, for checking the engine.

It shares no code with ``servicepact.domain.calendars``: it reads the calendar as written in YAML, works
out each local date's hours by the rules of the spec, turns local times into UTC by trying the zone's
offsets (never through ``fold``), and walks the open intervals one by one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Interval = tuple[datetime, datetime]


def _weekdays(key: str) -> list[int]:
    if "-" not in key:
        return [_DAYS.index(key)]
    first, last = (_DAYS.index(part) for part in key.split("-"))
    days = [first]
    while days[-1] != last:
        days.append((days[-1] + 1) % 7)
    return days


def _clock(text: str) -> timedelta:
    hours, minutes = text.split(":")
    return timedelta(hours=int(hours), minutes=int(minutes))


def _interval(text: str) -> tuple[timedelta, timedelta]:
    start, end = (_clock(part) for part in text.split("-"))
    if end <= start:
        end += timedelta(days=1)  # runs past midnight into the next date
    return start, end


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def local_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a naive local time: the first occurrence if it occurs twice, and for a time that
    does not exist, the time moved forward by the gap (which is local minus the offset before the gap)."""
    as_if_utc = local.replace(tzinfo=UTC)
    offsets = {
        (as_if_utc + timedelta(hours=hours)).astimezone(zone).utcoffset() for hours in range(-36, 37, 6)
    }
    candidates = sorted(as_if_utc - offset for offset in offsets if offset is not None)
    real = [u for u in candidates if u.astimezone(zone).replace(tzinfo=None) == local]
    if real:
        return real[0]
    # A time in a spring-forward gap: moved forward by the gap, which is local minus the offset in force
    # before the gap.
    before = (as_if_utc - timedelta(hours=36)).astimezone(zone).utcoffset()
    assert before is not None
    return as_if_utc - before


class Reference:
    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.zone = ZoneInfo(spec["timezone"])
        self.always = spec["hours"] == "24x7"
        self.week: list[list[tuple[timedelta, timedelta]]] = [[] for _ in range(7)]
        if not self.always:
            for key, texts in spec["hours"].items():
                for day in _weekdays(key):
                    self.week[day] += [_interval(text) for text in texts]
        self.overrides = {
            _as_date(day): [_interval(text) for text in texts]
            for day, texts in (spec.get("overrides") or {}).items()
        }
        self.working_days = {_as_date(day) for day in spec.get("working_days") or []}
        self.holiday_spec = spec.get("holidays") or {}
        self.extra_closed = {_as_date(day) for day in self.holiday_spec.get("dates") or []}
        self._years: dict[int, tuple[set[date], set[date]]] = {}

    def _package(self, year: int) -> tuple[set[date], set[date]]:
        if year not in self._years:
            country = self.holiday_spec.get("country")
            if country is None:
                self._years[year] = (set(), set())
            else:
                known = holidays.country_holidays(
                    country, subdiv=self.holiday_spec.get("subdivision"), years=year
                )
                self._years[year] = (set(known), set(getattr(known, "weekend_workdays", set())))
        return self._years[year]

    def hours(self, day: date) -> list[tuple[timedelta, timedelta]]:
        closed, weekend_workdays = self._package(day.year)
        if day in self.overrides:
            return self.overrides[day]
        if day in closed or day in self.extra_closed:
            return []
        if day in self.working_days or day in weekend_workdays:
            return self.week[0]
        return self.week[day.weekday()]

    def intervals(self, low: datetime, high: datetime) -> list[Interval]:
        """Merged open intervals (UTC) that meet [low, high]."""
        if self.always:
            return [(low, high)]
        found = []
        day = (low - timedelta(days=3)).date()
        while day <= (high + timedelta(days=2)).date():
            midnight = datetime(day.year, day.month, day.day)
            for start, end in self.hours(day):
                utc_start = local_to_utc(midnight + start, self.zone)
                utc_end = local_to_utc(midnight + end, self.zone)
                if utc_end > utc_start:
                    found.append((utc_start, utc_end))
            day += timedelta(days=1)
        found.sort()
        merged: list[Interval] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return [(s, e) for s, e in merged if e > low and s < high]

    def _open_minus_pauses(self, low: datetime, high: datetime, pauses: Sequence[Interval]) -> list[Interval]:
        pieces = self.intervals(low, high)
        for pause_start, pause_end in pauses:
            cut = []
            for start, end in pieces:
                if pause_end <= start or pause_start >= end:
                    cut.append((start, end))
                    continue
                if start < pause_start:
                    cut.append((start, pause_start))
                if pause_end < end:
                    cut.append((pause_end, end))
            pieces = cut
        return pieces

    def between(self, a: datetime, b: datetime, pauses: Sequence[Interval] = ()) -> timedelta:
        if b < a:
            return -self.between(b, a, pauses)
        total = timedelta(0)
        for start, end in self._open_minus_pauses(a, b, pauses):
            overlap = min(end, b) - max(start, a)
            if overlap > timedelta(0):
                total += overlap
        return total

    def add(self, start: datetime, duration: timedelta, pauses: Sequence[Interval] = ()) -> datetime:
        if duration == timedelta(0):
            return start
        left = duration
        horizon = timedelta(days=20)
        while True:
            for begin, end in self._open_minus_pauses(start, start + horizon, pauses):
                begin = max(begin, start)
                if end <= begin:
                    continue
                if left <= end - begin:
                    return begin + left
                left -= end - begin
            left = duration
            horizon *= 4
            assert horizon < timedelta(days=5000), "no open time"
