"""Cases ported from public helpdesk and business-hours test suites, restated in spec §1 semantics.

Each case names its source (repository and path). Cases whose semantics differ from the spec are left out
and listed with the reason in docs/calendars.md.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from servicepact.domain.calendars import BusinessCalendar

from .helpers import at

H = timedelta(hours=1)

# OTRS/otrs scripts/test/Time.t: the default calendar, Europe/Berlin. TimeWorkingHours lists the hours
# 8..20 Mon-Fri (08:00-21:00); TimeVacationDays closes 1 Jan, 1 May, 24, 25, 26 and 31 Dec every year.
BERLIN = "Europe/Berlin"
OTRS = BusinessCalendar.from_spec(
    {
        "timezone": BERLIN,
        "hours": {"mon-fri": ["08:00-21:00"]},
        "holidays": {
            "dates": [
                date(year, month, day)
                for year in range(2003, 2008)
                for month, day in ((1, 1), (5, 1), (12, 24), (12, 25), (12, 26), (12, 31))
            ]
        },
    }
)


def berlin(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=at(BERLIN, 2000, 1, 1).tzinfo)


@pytest.mark.parametrize(
    ("start", "stop", "hours"),
    [
        ("2005-10-20 10:00:00", "2005-10-21 10:00:00", 13),  # WorkingHours - Thu-Fri
        ("2005-10-20 10:00:00", "2005-10-24 10:00:00", 26),  # Thu-Mon
        ("2005-10-20 10:00:00", "2005-10-27 10:00:00", 65),  # Thu-Thu
        ("2005-10-20 10:00:00", "2005-11-03 10:00:00", 130),  # Thu-Thu-Thu
        ("2005-12-21 10:00:00", "2005-12-31 10:00:00", 89),  # Fri-Fri-Mon, over Christmas
        ("2003-12-21 10:00:00", "2003-12-31 10:00:00", 52),  # over Christmas 2003
        ("2005-10-23 10:00:00", "2005-10-24 10:00:00", 2),  # Sun-Mon
        ("2005-10-23 10:00:00", "2005-10-25 13:00:00", 18),  # Sun-Tue
        ("2005-10-23 10:00:00", "2005-10-30 13:00:00", 65),  # Sun-Sun, over the 2005 fall-back
        ("2006-12-06 07:50:00", "2006-12-07 08:54:00", 13.9),  # Wed before opening - Thu
        ("2007-03-12 11:56:01", "2007-03-12 13:56:01", 2),  # Mon-Mon, odd seconds
    ],
)
def test_otrs_working_time_in_berlin(start: str, stop: str, hours: float) -> None:
    # Source: OTRS/otrs scripts/test/Time.t, WorkingTime() cases.
    assert OTRS.between(berlin(start), berlin(stop)) == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("start", "hours", "end"),
    [
        ("2006-11-12 10:15:00", 4, "2006-11-13 12:00:00"),  # Test 1: from a Sunday
        ("2006-11-13 10:15:00", 4, "2006-11-13 14:15:00"),  # Test 2
        ("2006-11-13 10:15:00", 11, "2006-11-14 08:15:00"),  # Test 3
        ("2006-12-31 10:15:00", 11, "2007-01-02 19:00:00"),  # Test 4: over New Year
        ("2006-12-29 10:15:00", 11, "2007-01-02 08:15:00"),  # Test 5
        ("2006-12-30 10:45:00", 11, "2007-01-02 19:00:00"),  # Test 6
        ("2006-12-06 07:50:00", 13.9, "2006-12-07 08:54:00"),  # Test 7
        ("2007-01-16 20:15:00", 1.25, "2007-01-17 08:30:00"),  # Test 8: across the night
        ("2007-03-14 21:21:02", 1, "2007-03-15 09:00:00"),  # Test 9: after closing
        ("2007-03-12 11:56:01", 2, "2007-03-12 13:56:01"),  # Test 10
        ("2007-03-15 17:21:27", 3, "2007-03-15 20:21:27"),  # Test 11
        ("2007-10-19 18:12:23", 5.5, "2007-10-22 10:42:23"),  # summertime -> wintertime, prepare
        ("2007-10-26 18:12:23", 5.5, "2007-10-29 10:42:23"),  # summertime -> wintertime
        ("2007-10-19 18:12:23", 18.5, "2007-10-23 10:42:23"),  # summertime -> wintertime, prepare
        ("2007-10-26 18:12:23", 18.5, "2007-10-30 10:42:23"),  # summertime -> wintertime
        ("2007-03-16 18:12:23", 5.5, "2007-03-19 10:42:23"),  # wintertime -> summertime, prepare
        ("2007-03-23 18:12:23", 5.5, "2007-03-26 10:42:23"),  # wintertime -> summertime
        ("2007-03-16 18:12:23", 18.5, "2007-03-20 10:42:23"),  # wintertime -> summertime, prepare
        ("2007-03-23 18:12:23", 18.5, "2007-03-27 10:42:23"),  # wintertime -> summertime
    ],
)
def test_otrs_destination_time_in_berlin(start: str, hours: float, end: str) -> None:
    # Source: OTRS/otrs scripts/test/Time.t, DestinationTime() cases (Znuny keeps the same tests).
    assert OTRS.add(berlin(start), timedelta(hours=hours)) == berlin(end)


def test_otrs_dst_destination_times_match_their_epoch_seconds() -> None:
    # Source: OTRS/otrs scripts/test/Time.t, the EndTimeSystem values of the DST cases.
    assert OTRS.add(berlin("2007-10-26 18:12:23"), 5.5 * H).timestamp() == 1193650943
    assert OTRS.add(berlin("2007-03-23 18:12:23"), 5.5 * H).timestamp() == 1174898543
    assert OTRS.add(berlin("2007-03-23 18:12:23"), 18.5 * H).timestamp() == 1174984943


# glpi-project/glpi tests/functionnal/Calendar.php: the default calendar, Monday-Friday 08:00-20:00 and no
# holidays; GLPI reads times in the server's zone, here Europe/Paris (no DST change in these weeks).
PARIS = "Europe/Paris"
GLPI = BusinessCalendar.from_spec({"timezone": PARIS, "hours": {"mon-fri": ["08:00-20:00"]}})


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        ((2019, 1, 1, 7), (2019, 1, 1, 9), 1),
        ((2019, 1, 1, 6), (2019, 1, 1, 7), 0),
        ((2019, 1, 1), (2019, 1, 8), 12 * 5),
    ],
)
def test_glpi_active_time_between_in_paris(start: tuple[int, ...], end: tuple[int, ...], hours: int) -> None:
    # Source: glpi-project/glpi tests/functionnal/Calendar.php, activeProvider / getActiveTimeBetween.
    assert GLPI.between(at(PARIS, *start), at(PARIS, *end)) == hours * H


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ((2019, 1, 1, 0), False),
        ((2019, 1, 2, 8, 30), True),
        ((2019, 1, 3, 18, 10), True),
        ((2019, 1, 4, 21), False),
        ((2019, 1, 5, 8, 30), False),
        ((2019, 1, 6, 0), False),
    ],
)
def test_glpi_working_hour_in_paris(moment: tuple[int, ...], expected: bool) -> None:
    # Source: glpi-project/glpi tests/functionnal/Calendar.php, workinghourProvider / isAWorkingHour.
    assert GLPI.is_open(at(PARIS, *moment)) is expected


def test_glpi_compute_end_date_seven_working_days_in_paris() -> None:
    # Source: glpi-project/glpi tests/functionnal/Calendar.php, testComputeEndDate (work in days):
    # seven business days of 12 h from Monday 10:00.
    assert GLPI.add(at(PARIS, 2018, 11, 19, 10), 7 * GLPI.day_length) == at(PARIS, 2018, 11, 28, 10)


# zendesk/biz spec/support/time.rb: the default schedule of the specs, Etc/UTC.
BIZ = {
    "timezone": "Etc/UTC",
    "hours": {
        "mon": ["09:00-17:00"],
        "tue": ["10:00-16:00"],
        "wed": ["09:00-17:00"],
        "thu": ["10:00-16:00"],
        "fri": ["09:00-17:00"],
        "sat": ["11:00-14:30"],
    },
}


def test_biz_for_duration_after_in_utc() -> None:
    # Source: zendesk/biz spec/calculation/for_duration_spec.rb, "#after": 19 h from Mon 11:00.
    schedule = BusinessCalendar.from_spec(BIZ)
    assert schedule.add(datetime(2006, 1, 2, 11, tzinfo=UTC), 19 * H) == datetime(2006, 1, 4, 16, tzinfo=UTC)


def test_biz_duration_within_a_week_in_utc() -> None:
    # Source: zendesk/biz spec/calculation/duration_within_spec.rb, start before end.
    schedule = BusinessCalendar.from_spec(BIZ)
    week = (datetime(2006, 1, 1, tzinfo=UTC), datetime(2006, 1, 8, tzinfo=UTC))
    assert schedule.between(*week) == 39.5 * H
    assert schedule.between(week[0], week[0]) == timedelta(0)


def test_biz_periods_after_skip_holidays_in_utc() -> None:
    # Source: zendesk/biz spec/periods/after_spec.rb, "when multiple periods on holidays are encountered".
    schedule = BusinessCalendar.from_spec({**BIZ, "holidays": {"dates": ["2006-01-16", "2006-01-18"]}})
    assert schedule.open_intervals(datetime(2006, 1, 14, tzinfo=UTC), datetime(2006, 1, 20, tzinfo=UTC)) == [
        (datetime(2006, 1, 14, 11, tzinfo=UTC), datetime(2006, 1, 14, 14, 30, tzinfo=UTC)),
        (datetime(2006, 1, 17, 10, tzinfo=UTC), datetime(2006, 1, 17, 16, tzinfo=UTC)),
        (datetime(2006, 1, 19, 10, tzinfo=UTC), datetime(2006, 1, 19, 16, tzinfo=UTC)),
    ]


def test_biz_periods_after_origin_inside_a_period_in_utc() -> None:
    # Source: zendesk/biz spec/periods/after_spec.rb, "when the origin is inside a period".
    schedule = BusinessCalendar.from_spec(BIZ)
    first = schedule.open_intervals(datetime(2006, 1, 2, 12, tzinfo=UTC), datetime(2006, 1, 3, tzinfo=UTC))[0]
    assert first == (datetime(2006, 1, 2, 12, tzinfo=UTC), datetime(2006, 1, 2, 17, tzinfo=UTC))


def test_biz_interval_in_the_los_angeles_spring_gap_is_filtered_out() -> None:
    # Source: zendesk/biz spec/periods/after_spec.rb, "when an empty interval is generated": Sunday
    # 02:30-03:15 on 2 April 2006, when Los Angeles skipped 02:00-03:00. The spec moves 02:30 to 03:30.
    zone = "America/Los_Angeles"
    schedule = BusinessCalendar.from_spec(
        {"timezone": zone, "hours": {"sun": ["02:30-03:15"], "mon": ["09:00-17:00"]}}
    )
    assert schedule.next_open(at(zone, 2006, 4, 2)) == at(zone, 2006, 4, 3, 9)


def test_biz_periods_after_origin_near_the_start_of_the_week_in_los_angeles() -> None:
    # Source: zendesk/biz spec/periods/after_spec.rb, "when the origin is near the beginning of the week".
    zone = "America/Los_Angeles"
    schedule = BusinessCalendar.from_spec({"timezone": zone, "hours": {"sat": ["06:00-18:00"]}})
    assert schedule.open_intervals(at(zone, 2006, 1, 7, 17), at(zone, 2006, 1, 8)) == [
        (at(zone, 2006, 1, 7, 17), at(zone, 2006, 1, 7, 18))
    ]


def test_biz_top_level_time_within_and_in_hours_in_abidjan() -> None:
    # Source: zendesk/biz spec/biz_spec.rb: Sundays 11:00-12:00, Africa/Abidjan (UTC+0), holiday 2015-12-25.
    zone = "Africa/Abidjan"
    schedule = BusinessCalendar.from_spec(
        {"timezone": zone, "hours": {"sun": ["11:00-12:00"]}, "holidays": {"dates": ["2015-12-25"]}}
    )
    assert schedule.add(datetime(2006, 1, 1, tzinfo=UTC), 2 * H) == datetime(2006, 1, 8, 12, tzinfo=UTC)
    assert (
        schedule.between(datetime(2006, 1, 1, 11, 30, tzinfo=UTC), datetime(2006, 1, 8, 11, 30, tzinfo=UTC))
        == H
    )
    assert schedule.is_open(datetime(2006, 1, 1, 11, tzinfo=UTC))
