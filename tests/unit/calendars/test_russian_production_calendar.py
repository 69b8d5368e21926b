"""The Russian production calendar 2025 (производственный календарь), Europe/Moscow, 40-hour week.

Official norm for 2025: 247 working days, 1,972 hours. Pre-holiday days shortened by one hour (art. 95 of
the Labour Code): 7 March, 30 April, 11 June and Saturday 1 November (a working day moved from 3 November).
31 December is a day off in 2025 (moved from 5 January). Monthly norms (hours): 136, 160, 167, 175, 144,
151, 184, 168, 176, 184, 151, 176.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from servicepact.domain.calendars import BusinessCalendar

from .helpers import at

MOSCOW = "Europe/Moscow"
TWO_SHIFTS = {"mon-fri": ["09:00-13:00", "14:00-18:00"]}
SHORTENED = ["09:00-13:00", "14:00-17:00"]
SPEC = {
    "timezone": MOSCOW,
    "hours": TWO_SHIFTS,
    "holidays": {"country": "RU"},
    "overrides": dict.fromkeys(["2025-03-07", "2025-04-30", "2025-06-11", "2025-11-01"], SHORTENED),
}
MONTHLY_NORMS = [136, 160, 167, 175, 144, 151, 184, 168, 176, 184, 151, 176]


def hours(calendar: BusinessCalendar, start: tuple[int, ...], end: tuple[int, ...]) -> float:
    return calendar.between(at(MOSCOW, *start), at(MOSCOW, *end)) / timedelta(hours=1)


def test_moscow_2025_gives_the_official_norm_of_1972_hours() -> None:
    calendar = BusinessCalendar.from_spec(SPEC)
    assert hours(calendar, (2025, 1, 1), (2026, 1, 1)) == 1972


def test_moscow_january_2025_has_136_hours() -> None:
    calendar = BusinessCalendar.from_spec(SPEC)
    assert hours(calendar, (2025, 1, 1), (2025, 2, 1)) == 136


def test_moscow_november_2025_has_151_hours_with_the_working_saturday() -> None:
    calendar = BusinessCalendar.from_spec(SPEC)
    assert hours(calendar, (2025, 11, 1), (2025, 12, 1)) == 151


def test_moscow_working_saturday_1_november_2025_comes_from_the_holidays_package() -> None:
    # No overrides: the Saturday gets Monday's full hours only because the package knows it as a
    # weekend working day, and 3 November (the day it moved) is closed.
    calendar = BusinessCalendar.from_spec(
        {"timezone": MOSCOW, "hours": TWO_SHIFTS, "holidays": {"country": "RU"}}
    )
    assert hours(calendar, (2025, 11, 1), (2025, 11, 2)) == 8
    assert hours(calendar, (2025, 11, 3), (2025, 11, 5)) == 0
    assert hours(calendar, (2025, 11, 1), (2025, 12, 1)) == 152


@pytest.mark.parametrize(("month", "norm"), list(enumerate(MONTHLY_NORMS, start=1)))
def test_moscow_each_month_of_2025_has_its_official_norm(month: int, norm: int) -> None:
    calendar = BusinessCalendar.from_spec(SPEC)
    end = (2026, 1, 1) if month == 12 else (2025, month + 1, 1)
    assert hours(calendar, (2025, month, 1), end) == norm


def test_moscow_new_year_break_2025_pushes_a_deadline_to_9_january() -> None:
    # 31 December 2024 is itself a day off (moved from Saturday 28 December), then 1-8 January.
    calendar = BusinessCalendar.from_spec(SPEC)
    assert calendar.add(at(MOSCOW, 2024, 12, 31, 17), timedelta(hours=2)) == at(MOSCOW, 2025, 1, 9, 11)
    assert calendar.add(at(MOSCOW, 2024, 12, 28, 17), timedelta(hours=2)) == at(MOSCOW, 2025, 1, 9, 10)
