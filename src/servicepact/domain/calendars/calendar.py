"""``BusinessCalendar``: the operations of spec §1 on one calendar, scalar and vectorised."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement.calendar_spec import CalendarSpec
from servicepact.domain.calendars.day_rules import day_rules
from servicepact.domain.calendars.index import OpenIndex, always_open_index, build_index
from servicepact.domain.calendars.instants import (
    FIRST_YEAR,
    LAST_YEAR,
    Seconds,
    check_range,
    duration_seconds,
    durations_array,
    instants_array,
    to_datetime,
    to_seconds,
    year_of,
)
from servicepact.domain.calendars.pauses import Pauses, merge_pauses, read_pauses
from servicepact.domain.calendars.spans import outside
from servicepact.domain.errors import CalendarRangeError, InputError, Location

Pause = tuple[datetime, datetime]


class BusinessCalendar:
    """Open intervals of one agreement calendar, and business time counted in them (spec §1).

    Instants go in timezone-aware and come out in UTC, at one-second precision (sub-second parts are
    floored). The open intervals are computed for a span of years when first needed and the span grows on
    demand, within the UTC years ``FIRST_YEAR..LAST_YEAR`` (1900..2200); instants outside raise
    ``CalendarRangeError``.

        >>> calendar = BusinessCalendar.from_spec(
        ...     {"timezone": "UTC", "hours": {"mon-fri": ["09:00-17:00"]}}
        ... )
        >>> calendar.between(datetime(2025, 1, 3, 16, tzinfo=UTC), datetime(2025, 1, 6, 10, tzinfo=UTC))
        datetime.timedelta(seconds=7200)
    """

    def __init__(self, spec: CalendarSpec) -> None:
        self._spec = spec
        self._index: OpenIndex | None = None
        self._service_index: OpenIndex | None = None

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any] | CalendarSpec) -> BusinessCalendar:
        """A calendar from a validated ``CalendarSpec`` or from the mapping written in YAML.

        A mapping that does not validate raises ``InputError`` naming the key.
        """
        if isinstance(spec, CalendarSpec):
            return cls(spec)
        if not isinstance(spec, Mapping):
            raise InputError(f"a calendar must be a mapping or a CalendarSpec, got {type(spec).__name__}")
        try:
            return cls(CalendarSpec.model_validate(dict(spec)))
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            raise _input_error(error) from None

    # -- properties -------------------------------------------------------------------------------------

    @property
    def spec(self) -> CalendarSpec:
        return self._spec

    @property
    def timezone(self) -> ZoneInfo:
        return self._spec.timezone

    @property
    def always_open(self) -> bool:
        return self._spec.always_open

    @property
    def day_length(self) -> timedelta:
        """The length of one business day (``bd``): the spec's ``day_length``, else the most common length
        of the weekly working days (Monday's wins a tie; ``24x7`` gives 24 h)."""
        if self._spec.day_length is not None:
            return timedelta(seconds=self._spec.day_length.seconds)
        if self.always_open:
            return timedelta(hours=24)
        lengths = [length for length in map(_nominal_length, self._spec.weekly_hours()) if length]
        if not lengths:
            raise InputError("the calendar has no weekly working hours: set day_length for 'bd' durations")
        return timedelta(seconds=Counter(lengths).most_common(1)[0][0])

    # -- scalar operations ------------------------------------------------------------------------------

    def add(self, start: datetime, duration: timedelta, pauses: Sequence[Pause] = ()) -> datetime:
        """The earliest instant ``T >= start`` with ``between(start, T, pauses) == duration`` (UTC)."""
        begin = np.array([to_seconds(start, "start")], dtype=np.int64)
        length = np.array([duration_seconds(duration)], dtype=np.int64)
        result = self._add(begin, length, *_scalar_pauses(pauses))
        return to_datetime(int(result[0]))

    def between(self, a: datetime, b: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Open time in ``[a, b)`` not covered by a pause; negative when ``b < a``."""
        first = np.array([to_seconds(a, "a")], dtype=np.int64)
        second = np.array([to_seconds(b, "b")], dtype=np.int64)
        result = self._between(first, second, *_scalar_pauses(pauses))
        return timedelta(seconds=int(result[0]))

    def is_open(self, t: datetime) -> bool:
        """Whether the calendar is open at the instant ``t``."""
        moment = to_seconds(t, "t")
        index = self._covering(moment, moment)
        position = index.position(moment)
        return position >= 0 and moment < int(index.ends[position])

    def next_open(self, t: datetime) -> datetime:
        """``t`` (in UTC) if the calendar is open then, else the next opening."""
        moment = to_seconds(t, "t")
        index = self._covering(moment, moment)
        while True:
            position = index.position(moment)
            if position >= 0 and moment < int(index.ends[position]):
                return to_datetime(moment)
            if position + 1 < index.starts.size:
                return to_datetime(int(index.starts[position + 1]))
            index = self._grow_forward(index, "no opening")

    def open_intervals(self, a: datetime, b: datetime) -> list[tuple[datetime, datetime]]:
        """The open intervals that meet ``[a, b)``, clipped to it, merged where they touch (UTC)."""
        low, high = to_seconds(a, "a"), to_seconds(b, "b")
        if high <= low:
            return []
        index = self._covering(low, high)
        first = int(np.searchsorted(index.ends, low, side="right"))
        last = int(np.searchsorted(index.starts, high, side="left"))
        return [
            (to_datetime(max(int(index.starts[i]), low)), to_datetime(min(int(index.ends[i]), high)))
            for i in range(first, last)
        ]

    def service_days(self, a: datetime, b: datetime) -> list[tuple[datetime, datetime]]:
        """The service days that meet ``[a, b)``, clipped to it (UTC; spec 1.1 §2).

        A date's service day runs from its first opening to its last closing, so a lunch break is inside
        it; a closed date (holiday, weekend, ``[]`` override) has none. ``24x7`` is one endless service day.
        Work outside the service days is after-hours work.

            >>> calendar = BusinessCalendar.from_spec(
            ...     {"timezone": "UTC", "hours": {"mon-fri": ["09:00-13:00", "14:00-18:00"]}}
            ... )
            >>> [(s.hour, e.hour) for s, e in calendar.service_days(
            ...     datetime(2025, 1, 3, tzinfo=UTC), datetime(2025, 1, 6, 12, tzinfo=UTC))]
            [(9, 18), (9, 12)]
        """
        low, high = to_seconds(a, "a"), to_seconds(b, "b")
        if high <= low:
            return []
        index = self._service_covering(low, high)
        first = int(np.searchsorted(index.ends, low, side="right"))
        last = int(np.searchsorted(index.starts, high, side="left"))
        return [
            (to_datetime(max(int(index.starts[i]), low)), to_datetime(min(int(index.ends[i]), high)))
            for i in range(first, last)
        ]

    # -- vectorised operations --------------------------------------------------------------------------

    def outside_service_days_many(
        self, starts: npt.ArrayLike, ends: npt.ArrayLike
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.datetime64], npt.NDArray[np.datetime64]]:
        """The parts of each interval ``[starts[i], ends[i])`` outside the service days (after-hours time).

        ``starts`` and ``ends`` are ``datetime64`` (UTC). Returns ``(i, part_starts, part_ends)``: the
        row of each part and its bounds as ``datetime64[s]``, in the order of the rows and then of time;
        rows wholly inside a service day have no part. See :meth:`service_days`.
        """
        first = instants_array(starts, "starts").ravel()
        second = instants_array(ends, "ends").ravel()
        if first.shape != second.shape:
            raise InputError("starts and ends must have the same length")
        if first.size == 0 or self.always_open:
            empty = np.array([], dtype=np.int64)
            return empty, empty.view("datetime64[s]"), empty.copy().view("datetime64[s]")
        index = self._service_covering(int(first.min()), int(max(second.max(), first.max())))
        rows, part_starts, part_ends = outside(first, second, index.starts, index.ends)
        return rows, part_starts.view("datetime64[s]"), part_ends.view("datetime64[s]")

    def add_many(
        self,
        starts: npt.ArrayLike,
        durations: npt.ArrayLike,
        pause_starts: npt.ArrayLike | None = None,
        pause_ends: npt.ArrayLike | None = None,
        pause_rows: npt.ArrayLike | None = None,
    ) -> npt.NDArray[np.datetime64]:
        """``add`` for every row: ``starts`` ``datetime64`` (UTC), ``durations`` ``timedelta64``.

        Pauses are ragged: flat ``pause_starts``/``pause_ends`` and ``pause_rows``, the row of each pause.
        Returns ``datetime64[s]`` in the shape of ``starts`` and ``durations`` broadcast together.
        """
        begin = instants_array(starts, "starts")
        length = durations_array(durations, "durations")
        begin, length = np.broadcast_arrays(begin, length)
        shape = begin.shape
        pauses = read_pauses(pause_starts, pause_ends, pause_rows, begin.size)
        result = self._add(begin.ravel(), length.ravel(), *pauses)
        return result.reshape(shape).view("datetime64[s]")

    def between_many(
        self,
        starts: npt.ArrayLike,
        ends: npt.ArrayLike,
        pause_starts: npt.ArrayLike | None = None,
        pause_ends: npt.ArrayLike | None = None,
        pause_rows: npt.ArrayLike | None = None,
    ) -> npt.NDArray[np.timedelta64]:
        """``between`` for every row; ``timedelta64[s]``, negative where an end precedes its start."""
        first = instants_array(starts, "starts")
        second = instants_array(ends, "ends")
        first, second = np.broadcast_arrays(first, second)
        shape = first.shape
        pauses = read_pauses(pause_starts, pause_ends, pause_rows, first.size)
        result = self._between(first.ravel(), second.ravel(), *pauses)
        return result.reshape(shape).view("timedelta64[s]")

    # -- the core, on int64 epoch seconds ---------------------------------------------------------------

    def _add(
        self, starts: Seconds, durations: Seconds, pause_starts: Seconds, pause_ends: Seconds, rows: Seconds
    ) -> Seconds:
        if starts.size == 0:
            return starts.copy()
        index = self._covering(*_bounds(starts, pause_starts, pause_ends))
        pauses = merge_pauses(pause_starts, pause_ends, rows)
        while True:
            current, remaining = _skip_pauses(index, starts, durations, pauses)
            targets = index.cumulative(current) + remaining
            if (targets <= index.total).all():
                return np.where(remaining == 0, current, index.invert(targets))
            index = self._grow_forward(index, "not enough open time")

    def _between(
        self, a: Seconds, b: Seconds, pause_starts: Seconds, pause_ends: Seconds, rows: Seconds
    ) -> Seconds:
        if a.size == 0:
            return a.copy()
        index = self._covering(*_bounds(a, b, pause_starts, pause_ends))
        low, high = np.minimum(a, b), np.maximum(a, b)
        total = index.cumulative(high) - index.cumulative(low)
        pauses = merge_pauses(pause_starts, pause_ends, rows)
        if pauses.rows.size:
            row_low, row_high = low[pauses.rows], high[pauses.rows]
            paused = index.cumulative(np.clip(pauses.ends, row_low, row_high)) - index.cumulative(
                np.clip(pauses.starts, row_low, row_high)
            )
            per_row = np.bincount(pauses.rows, weights=paused, minlength=a.size)
            total = total - np.rint(per_row).astype(np.int64)
        return np.where(b < a, -total, total)

    # -- the index, built for the years needed ----------------------------------------------------------

    def _covering(self, low: int, high: int) -> OpenIndex:
        """An index whose span holds ``[low, high]``, built or widened when needed."""
        years = _years_to_build(self._index, low, high)
        return self._build(*years) if years is not None else cast(OpenIndex, self._index)

    def _service_covering(self, low: int, high: int) -> OpenIndex:
        """An index of the service days whose span holds ``[low, high]``, built or widened when needed."""
        years = _years_to_build(self._service_index, low, high)
        if years is None:
            return cast(OpenIndex, self._service_index)
        first, last = years
        if self.always_open:
            index = always_open_index(FIRST_YEAR, LAST_YEAR)
        else:
            rules = day_rules(self._spec, range(first - 1, last + 2))
            index = build_index(rules, self.timezone, first, last, service_days=True)
        self._service_index = index
        return index

    def _grow_forward(self, index: OpenIndex, reason: str) -> OpenIndex:
        if index.last_year >= LAST_YEAR:
            raise CalendarRangeError(
                f"{reason} in this calendar before the end of {LAST_YEAR}, the last year calendars support"
            )
        span = index.last_year - index.first_year + 1
        return self._build(index.first_year, min(LAST_YEAR, index.last_year + max(2, span)))

    def _build(self, first: int, last: int) -> OpenIndex:
        if self.always_open:
            index = always_open_index(FIRST_YEAR, LAST_YEAR)
        else:
            rules = day_rules(self._spec, range(first - 1, last + 2))
            index = build_index(rules, self.timezone, first, last)
        self._index = index
        return index

    def index_nbytes(self, first_year: int, last_year: int) -> int:
        """Memory held by the open-interval arrays for the UTC years ``first_year..last_year``."""
        return self._covering(
            to_seconds(datetime(first_year, 1, 1, tzinfo=UTC), "first_year"),
            to_seconds(datetime(last_year, 12, 31, tzinfo=UTC), "last_year"),
        ).nbytes

    def __repr__(self) -> str:
        return f"BusinessCalendar(timezone={self.timezone.key!r}, hours={self._spec.hours!r})"


def _skip_pauses(
    index: OpenIndex, starts: Seconds, durations: Seconds, pauses: Pauses
) -> tuple[Seconds, Seconds]:
    """Walk every row past its pauses, the k-th pause of all rows at once.

    Returns for each row the instant to count from and the business time still to count: a row stops at
    the first pause that begins at or after its deadline; otherwise the open time before the pause is used
    and counting resumes when the pause ends.
    """
    current, remaining = starts.copy(), durations.copy()
    done = remaining == 0
    for k in range(pauses.most_per_row):
        chosen = pauses.rank == k
        rows = pauses.rows[chosen]
        active = ~done[rows]
        rows = rows[active]
        pause_start, pause_end = pauses.starts[chosen][active], pauses.ends[chosen][active]
        here, left = current[rows], remaining[rows]
        gained = index.cumulative(np.maximum(pause_start, here)) - index.cumulative(here)
        finished = gained >= left
        done[rows[finished]] = True
        going = ~finished
        remaining[rows[going]] = left[going] - gained[going]
        current[rows[going]] = np.maximum(here[going], pause_end[going])
    return current, remaining


def _bounds(*arrays: Seconds) -> tuple[int, int]:
    present = [array for array in arrays if array.size]
    return min(int(array.min()) for array in present), max(int(array.max()) for array in present)


def _scalar_pauses(pauses: Sequence[Pause]) -> tuple[Seconds, Seconds, Seconds]:
    starts, ends = [], []
    for number, pause in enumerate(pauses):
        try:
            start, end = pause
        except (TypeError, ValueError):
            raise InputError(f"pause {number} must be a (start, end) pair, got {pause!r}") from None
        starts.append(to_seconds(start, f"pause {number} start"))
        ends.append(to_seconds(end, f"pause {number} end"))
        if ends[-1] < starts[-1]:
            raise InputError(f"pause {number} ends before it starts")
    rows = np.zeros(len(starts), dtype=np.int64)
    return np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), rows


def _nominal_length(hours: list[Any]) -> int:
    """Seconds of one weekday's hours on the clock face (overlaps merged, overnight intervals included)."""
    spans = sorted((i.start, i.end + (86400 if i.end <= i.start else 0)) for i in hours)
    total, reach = 0, -1
    for start, end in spans:
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def _input_error(error: ValueError) -> InputError:
    details = getattr(error, "errors", None)
    problems: list[dict[str, Any]] = details() if callable(details) else []
    if not problems:
        return InputError(f"invalid calendar: {error}")
    messages = []
    for problem in problems:
        key = ".".join(str(part) for part in problem.get("loc", ())) or "calendar"
        messages.append(f"{key}: {problem.get('msg', 'invalid')}")
    first_key = ".".join(str(part) for part in problems[0].get("loc", ())) or None
    return InputError("invalid calendar: " + "; ".join(messages), location=Location(path=first_key))


def _years_to_build(index: OpenIndex | None, low: int, high: int) -> tuple[int, int] | None:
    """The years an index must span to hold ``[low, high]`` (a year of margin each side, and every year
    ``index`` already has), or None when ``index`` holds it already."""
    check_range(low, high)
    if index is not None and index.covers(low, high):
        return None
    first = max(FIRST_YEAR, year_of(low) - 1)
    last = min(LAST_YEAR, year_of(high) + 1)
    if index is not None:
        first, last = min(first, index.first_year), max(last, index.last_year)
    return first, last
