"""UK bank holidays from the holidays package against the GOV.UK list (../shared/data/ukgov-bank-holidays)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest

from servicepact.domain.calendars import BusinessCalendar

from .helpers import at

DATA = Path(__file__).parents[3] / ".." / "shared" / "data" / "ukgov-bank-holidays"
LONDON = "Europe/London"
# Announced after the GOV.UK snapshot (2025-08-17) that the shared data holds; the package knows it.
LATER_ANNOUNCED = {("SCT", date(2026, 6, 15))}


def gov_uk(name: str) -> dict[str, set[date]]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"the shared GOV.UK bank holiday data is absent ({path})")
    divisions = json.loads(path.read_text(encoding="utf-8"))
    return {key: {date.fromisoformat(e["date"]) for e in value["events"]} for key, value in divisions.items()}


@pytest.mark.parametrize(
    ("division", "subdivision"),
    [("england-and-wales", "ENG"), ("scotland", "SCT"), ("northern-ireland", "NIR")],
)
def test_weekday_closures_of_the_holidays_package_match_gov_uk_2024_2027(
    division: str, subdivision: str
) -> None:
    official = gov_uk("bank-holidays_2024-2027_all-divisions.json")[division]
    package = holidays.country_holidays("GB", subdiv=subdivision, years=range(2024, 2028))
    # The package also lists the weekend date a holiday falls on; only weekdays close a Mon-Fri desk.
    closed = {day for day in package if day.weekday() < 5} - {
        day for sub, day in LATER_ANNOUNCED if sub == subdivision
    }
    assert closed == official


def test_england_substitute_days_2012_2020_close_a_london_calendar() -> None:
    official = gov_uk("bank-holidays_2012-2020_england-and-wales.json")["england-and-wales"]
    calendar = BusinessCalendar.from_spec(
        {
            "timezone": LONDON,
            "hours": {"mon-fri": ["09:00-17:00"]},
            "holidays": {"country": "GB", "subdivision": "ENG"},
        }
    )
    for day in sorted(official):
        assert calendar.between(
            at(LONDON, day.year, day.month, day.day), at(LONDON, day.year, day.month, day.day, 23)
        ) == timedelta(0), day
    for substitute in (date(2015, 12, 28), date(2016, 12, 27), date(2020, 12, 28)):
        assert substitute in official


def test_st_andrews_day_substitute_2024_closes_scotland_only() -> None:
    hours = {"mon-fri": ["09:00-17:00"]}
    scotland = BusinessCalendar.from_spec(
        {"timezone": LONDON, "hours": hours, "holidays": {"country": "GB", "subdivision": "SCT"}}
    )
    england = BusinessCalendar.from_spec(
        {"timezone": LONDON, "hours": hours, "holidays": {"country": "GB", "subdivision": "ENG"}}
    )
    monday = (at(LONDON, 2024, 12, 2), at(LONDON, 2024, 12, 3))
    assert scotland.between(*monday) == timedelta(0)
    assert england.between(*monday) == timedelta(hours=8)


def test_london_christmas_2026_substitute_boxing_day_is_closed() -> None:
    calendar = BusinessCalendar.from_spec(
        {
            "timezone": LONDON,
            "hours": {"mon-fri": ["09:00-17:00"]},
            "holidays": {"country": "GB", "subdivision": "ENG"},
        }
    )
    # Thursday 24 Dec 16:00 + 2 h: one hour that day, then Fri 25 (Christmas) and Mon 28 (substitute for
    # Boxing Day on a Saturday) are closed.
    assert calendar.add(at(LONDON, 2026, 12, 24, 16), timedelta(hours=2)) == at(LONDON, 2026, 12, 29, 10)


def test_london_ticket_opened_friday_1700_before_easter_monday_is_due_on_tuesday() -> None:
    calendar = BusinessCalendar.from_spec(
        {
            "timezone": LONDON,
            "hours": {"mon-fri": ["09:00-17:30"]},
            "holidays": {"country": "GB", "subdivision": "ENG"},
        }
    )
    # Good Friday 18 April 2025 and Easter Monday 21 April are bank holidays: nothing counts until Tuesday.
    opened = at(LONDON, 2025, 4, 18, 17)
    assert calendar.next_open(opened) == at(LONDON, 2025, 4, 22, 9)
    assert calendar.add(opened, timedelta(hours=4)) == at(LONDON, 2025, 4, 22, 13)
    # The Thursday before, opened at 17:00: half an hour that day, the rest on Tuesday.
    assert calendar.add(at(LONDON, 2025, 4, 17, 17), timedelta(hours=4)) == at(LONDON, 2025, 4, 22, 12, 30)
