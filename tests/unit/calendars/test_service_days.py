"""Service days (spec 1.1 §2): each date's first opening to its last closing; work outside them is
after-hours. Every test names its zone."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.calendars.spans import outside, outside_by_row, union_by_row

from .helpers import at

BERLIN_OFFICE = {
    "timezone": "Europe/Berlin",
    "hours": {"mon-fri": ["09:00-12:00", "13:00-17:00"]},
    "overrides": {"2027-03-26": []},
}


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type, misc]


def after_hours(
    calendar: BusinessCalendar, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    rows, starts, ends = calendar.outside_service_days_many(
        np.array([np.datetime64(int(start.timestamp()), "s")]),
        np.array([np.datetime64(int(end.timestamp()), "s")]),
    )
    assert (rows == 0).all()
    return [
        (
            datetime.fromtimestamp(int(s.astype(np.int64)), UTC),
            datetime.fromtimestamp(int(e.astype(np.int64)), UTC),
        )
        for s, e in zip(starts, ends, strict=True)
    ]


def test_a_service_day_runs_from_the_first_opening_to_the_last_closing_lunch_included():
    calendar = BusinessCalendar.from_spec(BERLIN_OFFICE)
    # Tuesday 2 March 2027, CET (UTC+1): 09:00-17:00 local is 08:00-16:00Z.
    assert calendar.service_days(utc(2027, 3, 2), utc(2027, 3, 3)) == [
        (utc(2027, 3, 2, 8), utc(2027, 3, 2, 16))
    ]
    assert (
        after_hours(calendar, at("Europe/Berlin", 2027, 3, 2, 12), at("Europe/Berlin", 2027, 3, 2, 13)) == []
    )


def test_work_before_the_opening_and_after_the_closing_is_after_hours():
    calendar = BusinessCalendar.from_spec(BERLIN_OFFICE)
    start, end = at("Europe/Berlin", 2027, 3, 2, 8), at("Europe/Berlin", 2027, 3, 2, 18)
    assert after_hours(calendar, start, end) == [
        (utc(2027, 3, 2, 7), utc(2027, 3, 2, 8)),
        (utc(2027, 3, 2, 16), utc(2027, 3, 2, 17)),
    ]


def test_a_closed_date_weekend_and_override_is_after_hours_throughout():
    calendar = BusinessCalendar.from_spec(BERLIN_OFFICE)
    friday_override = (at("Europe/Berlin", 2027, 3, 26, 10), at("Europe/Berlin", 2027, 3, 26, 11))
    saturday = (at("Europe/Berlin", 2027, 3, 27, 10), at("Europe/Berlin", 2027, 3, 27, 11))
    assert after_hours(calendar, *friday_override) == [tuple(t.astimezone(UTC) for t in friday_override)]
    assert after_hours(calendar, *saturday) == [tuple(t.astimezone(UTC) for t in saturday)]


def test_a_holiday_has_no_service_day():
    calendar = BusinessCalendar.from_spec({**BERLIN_OFFICE, "holidays": {"country": "DE"}})
    # Easter Monday, 29 March 2027.
    assert calendar.service_days(utc(2027, 3, 29), utc(2027, 3, 30)) == []


def test_across_the_spring_forward_change_the_service_day_keeps_its_local_hours():
    calendar = BusinessCalendar.from_spec(BERLIN_OFFICE)
    # Clocks go 02:00 -> 03:00 on Sunday 28 March 2027: Friday 09:00 CET is 08:00Z, Monday 09:00 CEST 07:00Z.
    assert calendar.service_days(utc(2027, 3, 25), utc(2027, 3, 30)) == [
        (utc(2027, 3, 25, 8), utc(2027, 3, 25, 16)),
        (utc(2027, 3, 29, 7), utc(2027, 3, 29, 15)),
    ]
    # 07:30-08:00Z is after-hours on Thursday (08:30 local) but not on Monday (09:30 local).
    assert after_hours(calendar, utc(2027, 3, 25, 7, 30), utc(2027, 3, 25, 8)) == [
        (utc(2027, 3, 25, 7, 30), utc(2027, 3, 25, 8))
    ]
    assert after_hours(calendar, utc(2027, 3, 29, 7, 30), utc(2027, 3, 29, 8)) == []


def test_a_service_day_in_the_dst_gap_is_an_hour_shorter_in_real_time():
    calendar = BusinessCalendar.from_spec({"timezone": "Europe/Berlin", "hours": {"sun": ["01:00-04:00"]}})
    # 28 March 2027: 01:00 CET is 00:00Z, 04:00 CEST is 02:00Z: two real hours.
    assert calendar.service_days(utc(2027, 3, 27), utc(2027, 3, 29)) == [
        (utc(2027, 3, 28, 0), utc(2027, 3, 28, 2))
    ]


def test_a_night_shift_makes_one_service_day_over_midnight():
    calendar = BusinessCalendar.from_spec(
        {"timezone": "Europe/Berlin", "hours": {"mon-fri": ["22:00-06:00"]}}
    )
    # Tuesday 2 March 2027 22:00 CET to Wednesday 06:00: 21:00Z to 05:00Z.
    assert calendar.service_days(utc(2027, 3, 2, 12), utc(2027, 3, 3, 12)) == [
        (utc(2027, 3, 2, 21), utc(2027, 3, 3, 5))
    ]
    assert (
        after_hours(calendar, at("Europe/Berlin", 2027, 3, 2, 23), at("Europe/Berlin", 2027, 3, 3, 1)) == []
    )


def test_an_always_open_calendar_has_no_after_hours():
    calendar = BusinessCalendar.from_spec({"timezone": "Europe/Berlin", "hours": "24x7"})
    assert after_hours(calendar, utc(2027, 3, 27), utc(2027, 3, 28)) == []


def test_the_union_per_row_merges_overlapping_and_touching_intervals_of_a_row_only():
    rows, starts, ends = union_by_row(
        np.array([1, 0, 0, 0, 1]), np.array([5, 10, 15, 30, 0]), np.array([8, 20, 30, 35, 5])
    )
    assert list(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True)) == [(0, 10, 35), (1, 0, 8)]


def test_the_parts_outside_the_holes_of_its_own_row():
    rows, starts, ends = outside_by_row(
        np.array([0, 1]), np.array([0, 0]), np.array([10, 10]), np.array([0]), np.array([2]), np.array([4])
    )
    assert list(zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True)) == [
        (0, 0, 2),
        (0, 4, 10),
        (1, 0, 10),
    ]


intervals = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), max_size=12)


@given(intervals, intervals)
def test_outside_and_inside_the_holes_add_up_to_the_interval(work, holes):
    _rows, hole_starts, hole_ends = union_by_row(
        np.zeros(len(holes), dtype=np.int64),
        np.array([s for s, _ in holes], dtype=np.int64),
        np.array([s + n for s, n in holes], dtype=np.int64),
    )
    covered = set()
    for s, e in zip(hole_starts.tolist(), hole_ends.tolist(), strict=True):
        covered.update(range(s, e))
    starts = np.array([s for s, _ in work], dtype=np.int64)
    ends = np.array([s + n for s, n in work], dtype=np.int64)
    which, part_starts, part_ends = outside(starts, ends, hole_starts, hole_ends)
    for row, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        mine = which == row
        found = set()
        for low, high in zip(part_starts[mine].tolist(), part_ends[mine].tolist(), strict=True):
            found.update(range(low, high))
        assert found == set(range(s, e)) - covered
