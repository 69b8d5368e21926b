"""Fixed cases of spec §1: DST, holidays, midnight, closing time, overnight shifts, 24:00, overrides,
extra working days, day_length, pauses, errors and the supported range. Every case names its zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from servicepact.domain.agreement.calendar_spec import CalendarSpec
from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.errors import CalendarRangeError, InputError

from .helpers import at

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
H = timedelta(hours=1)


def calendar(zone: str, hours: object, **more: object) -> BusinessCalendar:
    return BusinessCalendar.from_spec({"timezone": zone, "hours": hours, **more})


# -- DST ------------------------------------------------------------------------------------------------


def test_berlin_night_shift_over_spring_forward_lasts_seven_real_hours() -> None:
    shifts = calendar(BERLIN, {"sat": ["22:00-06:00"]})
    assert shifts.between(at(BERLIN, 2025, 3, 29), at(BERLIN, 2025, 3, 31)) == 7 * H


def test_berlin_night_shift_over_fall_back_lasts_nine_real_hours() -> None:
    shifts = calendar(BERLIN, {"sat": ["22:00-06:00"]})
    assert shifts.between(at(BERLIN, 2025, 10, 25), at(BERLIN, 2025, 10, 27)) == 9 * H


def test_berlin_opening_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 02:30 does not exist on 30 March 2025: the day opens at 03:30 CEST (01:30 UTC).
    early = calendar(BERLIN, {"sun": ["02:30-05:00"]})
    assert early.open_intervals(at(BERLIN, 2025, 3, 30), at(BERLIN, 2025, 3, 31)) == [
        (datetime(2025, 3, 30, 1, 30, tzinfo=UTC), datetime(2025, 3, 30, 3, tzinfo=UTC))
    ]


def test_berlin_interval_wholly_inside_the_spring_gap_is_empty() -> None:
    # 02:30 moves to 03:30 but 03:15 is a real time: the interval ends before it starts.
    gap = calendar(BERLIN, {"sun": ["02:30-03:15"]})
    assert gap.between(at(BERLIN, 2025, 3, 30), at(BERLIN, 2025, 3, 31)) == timedelta(0)


def test_berlin_ambiguous_opening_on_fall_back_takes_the_first_occurrence() -> None:
    # 02:30 happens twice on 26 October 2025; the first is 00:30 UTC, so 02:30-04:00 lasts 2.5 hours.
    night = calendar(BERLIN, {"sun": ["02:30-04:00"]})
    assert night.next_open(at(BERLIN, 2025, 10, 26)) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)
    assert night.between(at(BERLIN, 2025, 10, 26), at(BERLIN, 2025, 10, 27)) == 2.5 * H


def test_new_york_business_day_is_eight_hours_on_both_dst_sundays_worked() -> None:
    weekend = calendar(NEW_YORK, {"sun": ["00:00-08:00"]})
    assert weekend.between(at(NEW_YORK, 2025, 3, 9), at(NEW_YORK, 2025, 3, 10)) == 7 * H
    assert weekend.between(at(NEW_YORK, 2025, 11, 2), at(NEW_YORK, 2025, 11, 3)) == 9 * H


def test_sao_paulo_2015_day_starting_in_the_midnight_gap_opens_at_one() -> None:
    # Clocks went 00:00 -> 01:00 on 18 October 2015: midnight does not exist that day.
    zone = "America/Sao_Paulo"
    days = calendar(zone, {"mon-sun": ["00:00-04:00"]})
    assert days.next_open(at(zone, 2015, 10, 17, 12)) == datetime(2015, 10, 18, 3, tzinfo=UTC)
    assert days.between(at(zone, 2015, 10, 17, 12), at(zone, 2015, 10, 18, 12)) == 3 * H


# -- holidays, extra working days, overrides ------------------------------------------------------------


def test_berlin_christmas_holidays_push_a_deadline_past_the_long_weekend() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]}, holidays={"country": "DE"})
    assert office.add(at(BERLIN, 2025, 12, 24, 17), 2 * H) == at(BERLIN, 2025, 12, 29, 10)


def test_new_york_extra_closed_dates_and_extra_working_days() -> None:
    office = calendar(
        NEW_YORK,
        {"mon": ["08:00-12:00"], "tue-fri": ["09:00-17:00"]},
        holidays={"dates": ["2027-12-24"]},
        working_days=[date(2027, 12, 25)],
    )
    assert office.between(at(NEW_YORK, 2027, 12, 24), at(NEW_YORK, 2027, 12, 25)) == timedelta(0)
    # Saturday 25 December takes Monday's hours.
    assert office.open_intervals(at(NEW_YORK, 2027, 12, 25), at(NEW_YORK, 2027, 12, 26)) == [
        (at(NEW_YORK, 2027, 12, 25, 8), at(NEW_YORK, 2027, 12, 25, 12))
    ]


def test_new_york_overrides_give_exactly_their_hours_even_on_a_holiday() -> None:
    office = calendar(
        NEW_YORK,
        {"mon-fri": ["08:00-12:00", "13:00-18:00"]},
        holidays={"country": "US", "subdivision": "NY"},
        overrides={"2027-12-31": ["08:00-12:00"], "2027-12-30": [], "2027-07-05": ["10:00-11:00"]},
    )
    assert office.between(at(NEW_YORK, 2027, 12, 31), at(NEW_YORK, 2028, 1, 1)) == 4 * H
    assert office.between(at(NEW_YORK, 2027, 12, 30), at(NEW_YORK, 2027, 12, 31)) == timedelta(0)
    # 5 July 2027 is the observed Independence Day; the override opens it for an hour.
    assert office.between(at(NEW_YORK, 2027, 7, 5), at(NEW_YORK, 2027, 7, 6)) == H


def test_utc_24x7_is_always_open_and_ignores_holidays() -> None:
    always = calendar("UTC", "24x7", holidays={"country": "GB"})
    assert always.always_open
    assert always.is_open(at("UTC", 2025, 12, 25, 3))
    assert always.add(at("UTC", 2025, 12, 24, 20), 10 * H) == at("UTC", 2025, 12, 25, 6)
    assert always.between(at("UTC", 2025, 1, 1), at("UTC", 2026, 1, 1)) == timedelta(days=365)


# -- midnight, 24:00, overnight -------------------------------------------------------------------------


def test_berlin_intervals_meeting_at_midnight_merge_into_one() -> None:
    late = calendar(BERLIN, {"mon": ["20:00-24:00"], "tue": ["00:00-02:00"]})
    assert late.open_intervals(at(BERLIN, 2025, 1, 6), at(BERLIN, 2025, 1, 8)) == [
        (at(BERLIN, 2025, 1, 6, 20), at(BERLIN, 2025, 1, 7, 2))
    ]
    assert late.add(at(BERLIN, 2025, 1, 6, 23), 2 * H) == at(BERLIN, 2025, 1, 7, 1)


def test_berlin_overnight_shift_belongs_to_the_date_it_starts_on() -> None:
    # Friday's 22:00-06:00 runs into Saturday even though Saturday has no hours of its own.
    nights = calendar(BERLIN, {"mon-fri": ["22:00-06:00"]})
    assert nights.is_open(at(BERLIN, 2025, 1, 11, 5, 59))
    assert not nights.is_open(at(BERLIN, 2025, 1, 11, 6))
    assert nights.add(at(BERLIN, 2025, 1, 10, 23), 8 * H) == at(BERLIN, 2025, 1, 13, 23)


def test_berlin_equal_start_and_end_means_a_full_24_hours() -> None:
    around = calendar(BERLIN, {"wed": ["08:00-08:00"]})
    assert around.between(at(BERLIN, 2025, 1, 1), at(BERLIN, 2025, 1, 3)) == 24 * H


def test_berlin_overlapping_intervals_merge() -> None:
    overlapping = calendar(BERLIN, {"mon-fri": ["09:00-13:00", "12:00-18:00"], "wed": ["17:00-19:00"]})
    assert overlapping.between(at(BERLIN, 2025, 1, 6), at(BERLIN, 2025, 1, 7)) == 9 * H
    assert overlapping.between(at(BERLIN, 2025, 1, 8), at(BERLIN, 2025, 1, 9)) == 10 * H


# -- closing time and starts outside hours --------------------------------------------------------------


def test_berlin_deadline_that_uses_the_last_second_stays_at_closing_time() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    assert office.add(at(BERLIN, 2025, 1, 10, 16), 2 * H) == at(BERLIN, 2025, 1, 10, 18)
    assert office.add(at(BERLIN, 2025, 1, 10, 16), 2 * H + timedelta(seconds=1)) == at(
        BERLIN, 2025, 1, 13, 9, 0, 1
    )


def test_berlin_add_zero_is_the_start_itself_even_when_closed() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    saturday = at(BERLIN, 2025, 1, 11, 12, 0, 7)
    assert office.add(saturday, timedelta(0)) == saturday
    assert office.add(saturday, timedelta(0), [(saturday - H, saturday + H)]) == saturday


def test_berlin_start_outside_hours_counts_from_the_next_opening() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    assert office.add(at(BERLIN, 2025, 1, 11, 12), 30 * timedelta(minutes=1)) == at(
        BERLIN, 2025, 1, 13, 9, 30
    )
    assert office.next_open(at(BERLIN, 2025, 1, 13, 10)) == at(BERLIN, 2025, 1, 13, 10)


def test_berlin_between_is_negative_when_the_end_comes_first() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    assert office.between(at(BERLIN, 2025, 1, 13, 12), at(BERLIN, 2025, 1, 13, 10)) == -2 * H


# -- pauses ---------------------------------------------------------------------------------------------


def test_berlin_overlapping_pauses_count_once() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    monday = (at(BERLIN, 2025, 1, 13, 9), at(BERLIN, 2025, 1, 13, 18))
    pauses = [
        (at(BERLIN, 2025, 1, 13, 10), at(BERLIN, 2025, 1, 13, 12)),
        (at(BERLIN, 2025, 1, 13, 11), at(BERLIN, 2025, 1, 13, 13)),
    ]
    assert office.between(*monday, pauses) == 6 * H
    assert office.add(monday[0], 4 * H, pauses) == at(BERLIN, 2025, 1, 13, 16)


def test_berlin_pause_over_closed_hours_changes_nothing() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    night = [(at(BERLIN, 2025, 1, 13, 18), at(BERLIN, 2025, 1, 14, 9))]
    assert office.add(at(BERLIN, 2025, 1, 13, 17), 2 * H, night) == at(BERLIN, 2025, 1, 14, 10)


def test_berlin_deadline_ends_at_the_start_of_a_pause_when_the_time_runs_out_there() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-18:00"]})
    pause = [(at(BERLIN, 2025, 1, 13, 11), at(BERLIN, 2025, 1, 13, 15))]
    assert office.add(at(BERLIN, 2025, 1, 13, 9), 2 * H, pause) == at(BERLIN, 2025, 1, 13, 11)
    assert office.add(at(BERLIN, 2025, 1, 13, 9), 3 * H, pause) == at(BERLIN, 2025, 1, 13, 16)


# -- day_length -----------------------------------------------------------------------------------------


def test_berlin_day_length_is_the_most_common_weekly_day() -> None:
    assert calendar(BERLIN, {"mon-thu": ["09:00-17:00"], "fri": ["09:00-14:00"]}).day_length == 8 * H
    assert (
        calendar(BERLIN, {"mon-fri": ["09:00-13:00", "14:00-18:00"], "sat": ["22:00-06:00"]}).day_length
        == 8 * H
    )


def test_berlin_day_length_tie_goes_to_mondays_length() -> None:
    assert calendar(BERLIN, {"mon": ["09:00-15:00"], "tue": ["09:00-17:00"]}).day_length == 6 * H


def test_berlin_day_length_explicit_24x7_and_missing() -> None:
    assert calendar(BERLIN, {"mon-fri": ["09:00-17:00"]}, day_length="7h30m").day_length == 7.5 * H
    assert calendar(BERLIN, "24x7").day_length == 24 * H
    with pytest.raises(InputError, match="day_length"):
        _ = calendar(BERLIN, {}).day_length


# -- API edges ------------------------------------------------------------------------------------------


def test_berlin_calendar_from_a_validated_spec_equals_one_from_a_mapping() -> None:
    written = {"timezone": BERLIN, "hours": {"mon-fri": ["09:00-17:00"]}, "holidays": {"country": "DE"}}
    spec = CalendarSpec.model_validate(written)
    start = at(BERLIN, 2025, 5, 30, 16)
    assert BusinessCalendar.from_spec(spec).add(start, 3 * H) == BusinessCalendar.from_spec(written).add(
        start, 3 * H
    )
    assert BusinessCalendar.from_spec(spec).timezone.key == BERLIN


def test_invalid_calendar_mapping_raises_an_input_error_naming_the_key() -> None:
    with pytest.raises(InputError, match="timezone"):
        BusinessCalendar.from_spec({"timezone": "Mars/Olympus", "hours": "24x7"})
    with pytest.raises(InputError, match="hours"):
        BusinessCalendar.from_spec({"timezone": BERLIN, "hours": {"mon-fri": ["9-17"]}})
    with pytest.raises(InputError, match="overrides"):
        BusinessCalendar.from_spec({"timezone": BERLIN, "hours": "24x7", "overrides": {"2025-02-30": []}})


def test_berlin_naive_datetimes_and_bad_durations_are_refused() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-17:00"]})
    with pytest.raises(InputError, match="timezone-aware"):
        office.add(datetime(2025, 1, 6, 9), H)
    with pytest.raises(InputError, match="negative"):
        office.add(at(BERLIN, 2025, 1, 6, 9), -H)
    with pytest.raises(InputError, match="before it starts"):
        office.between(
            at(BERLIN, 2025, 1, 6),
            at(BERLIN, 2025, 1, 7),
            [(at(BERLIN, 2025, 1, 6, 12), at(BERLIN, 2025, 1, 6, 11))],
        )


def test_berlin_instants_outside_the_supported_years_raise_a_range_error() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-17:00"]})
    with pytest.raises(CalendarRangeError, match="1900"):
        office.is_open(at("UTC", 1899, 12, 31, 12))
    with pytest.raises(CalendarRangeError):
        office.add(at("UTC", 2200, 12, 31, 12), 24 * H)


def test_berlin_calendar_with_no_open_time_cannot_add() -> None:
    closed = calendar(BERLIN, {})
    assert closed.add(at(BERLIN, 2025, 1, 6), timedelta(0)) == at(BERLIN, 2025, 1, 6)
    with pytest.raises(CalendarRangeError, match="2200"):
        closed.add(at(BERLIN, 2025, 1, 6), H)


def test_berlin_index_grows_to_reach_far_instants() -> None:
    office = calendar(BERLIN, {"mon-fri": ["09:00-17:00"]})
    assert office.between(at(BERLIN, 2025, 1, 6), at(BERLIN, 2025, 1, 7)) == 8 * H
    assert office.between(at(BERLIN, 1950, 1, 2), at(BERLIN, 1950, 1, 3)) == 8 * H
    assert office.between(at(BERLIN, 2150, 1, 1), at(BERLIN, 2150, 1, 3)) == 16 * H  # Thursday and Friday
    # 2025 has 261 weekdays; the deadline uses the last second of the year's last working day.
    assert office.add(at(BERLIN, 2025, 1, 1), 8 * H * 261) == at(BERLIN, 2025, 12, 31, 17)


def test_utc_add_far_ahead_widens_the_index_as_it_goes() -> None:
    every_day = calendar("UTC", {"mon-sun": ["00:00-24:00"]})
    assert every_day.add(at("UTC", 2025, 1, 1), timedelta(days=4 * 365 + 1)) == at("UTC", 2029, 1, 1)
    assert every_day.add(at("UTC", 2025, 1, 1), timedelta(days=36524)) == at(
        "UTC", 2125, 1, 1
    )  # 2100 is no leap year


def test_new_york_vectorised_add_and_between_return_utc_seconds() -> None:
    office = calendar(NEW_YORK, {"mon-fri": ["09:00-17:00"]})
    starts = np.array(
        ["2025-01-10T21:00:00", "2025-01-13T14:00:00"], dtype="datetime64[s]"
    )  # Fri 16:00, Mon 09:00
    due = office.add_many(starts, np.array([2 * 3600, 0], dtype="timedelta64[s]"))
    assert due.tolist() == [datetime(2025, 1, 13, 15), datetime(2025, 1, 13, 14)]
    spent = office.between_many(starts, starts[::-1])
    assert spent.tolist() == [timedelta(hours=1), -timedelta(hours=1)]


def test_new_york_vectorised_pauses_are_ragged_and_may_overlap() -> None:
    office = calendar(NEW_YORK, {"mon-fri": ["09:00-17:00"]})
    starts = np.array(["2025-01-13T14:00:00"] * 3, dtype="datetime64[s]")  # Monday 09:00 local
    pause_starts = np.array(
        ["2025-01-13T15:00", "2025-01-13T15:30", "2025-01-13T16:00"], dtype="datetime64[s]"
    )
    pause_ends = np.array(["2025-01-13T16:00", "2025-01-13T17:00", "2025-01-13T17:00"], dtype="datetime64[s]")
    rows = np.array([0, 0, 2])
    due = office.add_many(
        starts, np.array([4 * 3600] * 3, dtype="timedelta64[s]"), pause_starts, pause_ends, rows
    )
    assert due.tolist() == [datetime(2025, 1, 13, 20), datetime(2025, 1, 13, 18), datetime(2025, 1, 13, 19)]
    with pytest.raises(InputError, match="all three"):
        office.add_many(starts, np.array([0, 0, 0], dtype="timedelta64[s]"), pause_starts)
