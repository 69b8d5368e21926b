"""The precomputed open time of a calendar over a span of UTC years, and the two searches on it.

The open set is a sorted array of disjoint intervals ``[starts[i], ends[i])`` in UTC epoch seconds, and
``before[i]`` is the open time before interval ``i``. ``cumulative(t)`` (the open time between the start of
the span and ``t``) is then one ``searchsorted``; open time between two instants is a difference of two
cumulatives, and adding business time is the inverse search on ``before + length``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from servicepact.domain.calendars.day_rules import DayRules
from servicepact.domain.calendars.instants import Seconds, year_start
from servicepact.domain.calendars.local_days import utc_intervals, utc_service_days
from servicepact.domain.calendars.search import BucketSearch
from servicepact.domain.intervals import merge


@dataclass(frozen=True)
class OpenIndex:
    """Open intervals of the UTC span ``[low, high)`` (the years ``first_year..last_year``)."""

    first_year: int
    last_year: int
    low: int
    high: int
    starts: Seconds
    ends: Seconds
    before: Seconds
    through: Seconds
    by_start: BucketSearch
    by_through: BucketSearch

    @classmethod
    def from_intervals(
        cls, first_year: int, last_year: int, low: int, high: int, starts: Seconds, ends: Seconds
    ) -> OpenIndex:
        starts, ends = merge(np.clip(starts, low, high), np.clip(ends, low, high))
        through = np.cumsum(ends - starts, dtype=np.int64)
        before = through - (ends - starts)
        total = int(through[-1]) if through.size else 0
        return cls(
            first_year,
            last_year,
            low,
            high,
            starts,
            ends,
            before,
            through,
            BucketSearch.over(starts, low, high),
            BucketSearch.over(through, 0, total),
        )

    @property
    def total(self) -> int:
        """Open seconds in the whole span."""
        return int(self.through[-1]) if self.through.size else 0

    @property
    def nbytes(self) -> int:
        return self.by_start.nbytes + self.ends.nbytes + self.before.nbytes + self.by_through.nbytes

    def covers(self, low: int, high: int) -> bool:
        """Whether every instant of ``[low, high]`` lies inside the span (before ``high`` strictly)."""
        return self.low <= low and high < self.high

    def cumulative(self, instants: Seconds) -> Seconds:
        """Open seconds in ``[low, t)`` for each ``t`` (which must lie in ``[low, high]``)."""
        if self.starts.size == 0:
            return np.zeros_like(instants)
        position = self.by_start.count_at_most(instants) - 1
        inside = position >= 0
        safe = np.maximum(position, 0)
        into = np.minimum(instants - self.starts[safe], self.ends[safe] - self.starts[safe])
        return np.where(inside, self.before[safe] + into, 0)

    def invert(self, targets: Seconds) -> Seconds:
        """The earliest instant ``T`` with ``cumulative(T) == target``, for targets in ``(0, total]``.

        The result lies in ``(start, end]`` of an interval: using up the last second of a day gives the
        closing time itself, not the next opening.
        """
        if self.starts.size == 0:
            return targets.copy()  # no open time: callers only ask with targets <= total == 0
        position = self.by_through.count_at_most(targets - 1)  # the first interval with through >= target
        safe = np.minimum(position, max(self.starts.size - 1, 0))
        return self.starts[safe] + (targets - self.before[safe])

    def position(self, instant: int) -> int:
        """Index of the last interval starting at or before ``instant`` (-1 if none)."""
        return int(np.searchsorted(self.starts, instant, side="right")) - 1


def build_index(
    rules: DayRules, zone: ZoneInfo, first_year: int, last_year: int, service_days: bool = False
) -> OpenIndex:
    """The index of the UTC years ``first_year..last_year``: of the open intervals, or with
    ``service_days`` of the service days (each date's first opening to its last closing, spec 1.1 §2).

    Local dates from a few days before to a day after the span are converted, so that offsets of up to
    ±26 h and intervals that run into the next date are complete at both edges; the result is clipped.
    """
    low, high = year_start(first_year), year_start(last_year + 1)
    first = date(first_year, 1, 1) - timedelta(days=3)
    last = date(last_year + 1, 1, 1) + timedelta(days=1)
    starts, ends = (utc_service_days if service_days else utc_intervals)(rules, zone, first, last)
    return OpenIndex.from_intervals(first_year, last_year, low, high, starts, ends)


def always_open_index(first_year: int, last_year: int) -> OpenIndex:
    """A ``24x7`` calendar: one interval over the whole span."""
    low, high = year_start(first_year), year_start(last_year + 1)
    one = np.array([low], dtype=np.int64), np.array([high], dtype=np.int64)
    return OpenIndex.from_intervals(first_year, last_year, low, high, *one)
