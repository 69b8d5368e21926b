"""Time arithmetic the rules need, on top of the calendar engine (``Agreement.calendar``).

Durations in targets are business time in their calendar (``Nbd`` = N x ``day_length``); ``Nd`` is
wall-clock days. The "first year" of an agreement is the year from ``term.start`` (local midnight in the
calendar's zone).
"""

from __future__ import annotations

import calendar as calendar_module
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.agreement.values import Duration
from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.intervals import merge

STEP = np.timedelta64(15 * 60, "s")


def business_time(agreement: Agreement, duration: Duration, calendar_id: str) -> timedelta:
    """The business time of ``duration`` in a calendar (needs the calendar only for ``bd``)."""
    if duration.business_days == 0:
        return duration.business_time(timedelta(0))
    return duration.business_time(agreement.calendar(calendar_id).day_length)


def first_year(agreement: Agreement, calendar: BusinessCalendar) -> tuple[datetime, datetime]:
    """The first year of the term, from local midnight of ``term.start`` in the calendar's zone (aware)."""
    first = agreement.term.start
    after = _year_after(first)
    zone = calendar.timezone
    return datetime.combine(first, time(0), tzinfo=zone), datetime.combine(after, time(0), tzinfo=zone)


def _datetime64(instant: datetime) -> np.datetime64:
    return np.datetime64(int(instant.timestamp()), "s")


def longest_wall_clock(agreement: Agreement, duration: Duration, calendar_id: str) -> timedelta:
    """The longest wall-clock time ``duration`` can take in the calendar: the maximum of ``add(s, d) - s``
    over starts every 15 minutes of the first year and every closing instant in it."""
    calendar = agreement.calendar(calendar_id)
    wall = timedelta(days=duration.days)
    business = duration.business_time(calendar.day_length if duration.business_days else timedelta(0)) - wall
    if business <= timedelta(0):
        return wall
    low, high = first_year(agreement, calendar)
    starts = np.arange(_datetime64(low), _datetime64(high), STEP)
    closings = [_datetime64(end) for _, end in calendar.open_intervals(low, high)]
    if closings:
        starts = np.concatenate([starts, np.array(closings, dtype="datetime64[s]")])
    ends: npt.NDArray[np.datetime64] = calendar.add_many(
        starts, np.timedelta64(int(business.total_seconds()), "s")
    )
    longest = int((ends - starts).astype("timedelta64[s]").astype(np.int64).max())
    return wall + timedelta(seconds=longest)


def open_outside(agreement: Agreement, wide_id: str, narrow_id: str) -> timedelta:
    """Open time of calendar ``wide_id`` in the first year during which ``narrow_id`` is closed."""
    wide, narrow = agreement.calendar(wide_id), agreement.calendar(narrow_id)
    low, high = first_year(agreement, narrow)
    intervals = wide.open_intervals(low, high)
    if not intervals:
        return timedelta(0)
    starts = np.array([_datetime64(start) for start, _ in intervals], dtype="datetime64[s]")
    ends = np.array([_datetime64(end) for _, end in intervals], dtype="datetime64[s]")
    inside = narrow.between_many(starts, ends).astype("timedelta64[s]").astype(np.int64)
    lengths = (ends - starts).astype("timedelta64[s]").astype(np.int64)
    return timedelta(seconds=int((lengths - inside).sum()))


MAX_OCCURRENCES = 200_000


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a maintenance window: its local start in the window's calendar, and its span in
    UTC seconds."""

    local: datetime
    start: int
    end: int


def maintenance_occurrences(agreement: Agreement, until: date) -> list[Occurrence]:
    """Every occurrence of every maintenance window from local midnight of ``term.start`` to local midnight
    of ``until``, in the local time of the window's calendar. Each lasts the window's ``duration`` (``bd``
    counts as the calendar's ``day_length``). A window on an unknown calendar is skipped (SP002 reports it);
    at most ``MAX_OCCURRENCES`` are taken per window."""
    availability = agreement.availability
    maintenance = availability.maintenance if availability else None
    if maintenance is None:
        return []
    found: list[Occurrence] = []
    for window in maintenance.windows:
        if window.calendar not in agreement.calendars:
            continue
        calendar = agreement.calendar(window.calendar)
        length = int(
            window.duration.business_time(
                calendar.day_length if window.duration.business_days else timedelta(0)
            ).total_seconds()
        )
        low, _ = first_year(agreement, calendar)
        horizon = datetime.combine(until, time(0))  # naive: RRULEs are read in local time
        for count, local in enumerate(window.schedule.occurrences(low.replace(tzinfo=None))):
            if local >= horizon or count >= MAX_OCCURRENCES:
                break
            start = int(local.replace(tzinfo=calendar.timezone).timestamp())
            found.append(Occurrence(local, start, start + length))
    return found


def worst_month_of_maintenance(agreement: Agreement) -> timedelta:
    """The most scheduled maintenance (windows merged where they overlap) in any 30-day span starting in the
    first year of the term. Windows are read in the local time of their calendar; a window on an unknown
    calendar is skipped (SP002 reports it)."""
    occurrences = maintenance_occurrences(agreement, _year_after(agreement.term.start) + timedelta(days=30))
    if not occurrences:
        return timedelta(0)
    merged_starts, merged_ends = merge(
        np.array([o.start for o in occurrences], dtype=np.int64),
        np.array([o.end for o in occurrences], dtype=np.int64),
    )
    if merged_starts.size == 0:  # every window lasts no time
        return timedelta(0)
    lengths = merged_ends - merged_starts
    before = np.concatenate([[0], np.cumsum(lengths)[:-1]])

    def covered(instants: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        k = np.searchsorted(merged_starts, instants, side="right") - 1
        safe = np.maximum(k, 0)
        inside = before[safe] + np.minimum(instants, merged_ends[safe]) - merged_starts[safe]
        return np.where(k >= 0, inside, 0).astype(np.int64)

    month = 30 * 86400
    worst = int((covered(merged_starts + month) - covered(merged_starts)).max())
    return timedelta(seconds=worst)


def months_with_five_weekends(agreement: Agreement) -> list[date]:
    """The first days of the months with five Saturdays and five Sundays (31-day months that start on a
    Friday or a Saturday) that start in the first year of the term; when the first year has none, the
    first such month after it (every calendar year has one). For a term from 2027-01-01: January and
    October 2027 (they start on a Friday) and May 2027 (on a Saturday)."""
    first = agreement.term.start
    month = first if first.day == 1 else _next_month(first)
    after = _year_after(first)
    found: list[date] = []
    while month < after or not found:
        if _has_five_weekends(month):
            found.append(month)
        month = _next_month(month)
    return found


def maintenance_in_months(agreement: Agreement, months: list[date]) -> list[timedelta]:
    """For each month (given by its first day), the maintenance windows that start in it, as local dates
    of their calendars, each counted for its whole ``duration``; overlapping windows count once."""
    if not months:
        return []
    occurrences = maintenance_occurrences(agreement, _next_month(max(months)))
    totals: list[timedelta] = []
    for first in months:
        after = _next_month(first)
        inside = [o for o in occurrences if first <= o.local.date() < after]
        if not inside:
            totals.append(timedelta(0))
            continue
        starts, ends = merge(
            np.array([o.start for o in inside], dtype=np.int64),
            np.array([o.end for o in inside], dtype=np.int64),
        )
        totals.append(timedelta(seconds=int((ends - starts).sum())))
    return totals


def _has_five_weekends(first: date) -> bool:
    days = calendar_module.monthrange(first.year, first.month)[1]
    return days == 31 and first.weekday() in (calendar_module.FRIDAY, calendar_module.SATURDAY)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)
