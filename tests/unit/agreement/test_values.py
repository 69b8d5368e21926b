from datetime import timedelta
from decimal import Decimal

import pytest

from servicepact.domain.agreement.values import (
    Comparator,
    Duration,
    KpiTarget,
    Percentage,
    RecurrenceRule,
    TimeInterval,
    parse_weekdays,
)


@pytest.mark.parametrize(
    ("text", "days", "business_days", "seconds"),
    [
        ("30m", 0, 0, 1800),
        ("4h", 0, 0, 14400),
        ("1h30m", 0, 0, 5400),
        ("3bd", 0, 3, 0),
        ("14d", 14, 0, 0),
        ("1.5h", 0, 0, 5400),
        ("90s", 0, 0, 90),
        ("1bd4h", 0, 1, 14400),
    ],
)
def test_durations_parse_into_days_business_days_and_seconds(text, days, business_days, seconds):
    duration = Duration.parse(text)
    assert (duration.days, duration.business_days, duration.seconds) == (days, business_days, seconds)


@pytest.mark.parametrize(
    "text", ["", "4", "h", "4x", "30m1h", "1h1h", "1.5bd", "-1h", "4 hours", "1.0000001s"]
)
def test_durations_that_do_not_parse_say_what_is_expected(text):
    with pytest.raises(ValueError, match=r"duration|whole|units|seconds|days"):
        Duration.parse(text)


def test_a_duration_that_is_not_text_is_refused():
    with pytest.raises(ValueError, match="expected a duration"):
        Duration.parse(30)


def test_business_days_count_in_the_calendars_day_length():
    assert Duration.parse("3bd").business_time(timedelta(hours=8)) == timedelta(hours=24)
    assert Duration.parse("1bd2h").business_time(timedelta(hours=9)) == timedelta(hours=11)


def test_percentages_keep_their_exact_decimal_value():
    assert Percentage.parse("99.9%").value == Decimal("99.9")
    assert Percentage.parse("99.9%").fraction == Decimal("0.999")
    assert str(Percentage.parse("99.90%")) == "99.9%"


@pytest.mark.parametrize("value", ["99.9", 99.9, "%", "abc%", None])
def test_a_percentage_needs_the_percent_sign(value):
    with pytest.raises(ValueError, match="percentage"):
        Percentage.parse(value)


def test_time_intervals_allow_24_00_and_run_past_midnight_when_the_end_is_not_after_the_start():
    assert TimeInterval.parse("08:00-24:00").length == timedelta(hours=16)
    overnight = TimeInterval.parse("22:00-06:00")
    assert overnight.crosses_midnight
    assert overnight.length == timedelta(hours=8)
    assert TimeInterval.parse("00:00-00:00").length == timedelta(hours=24)


@pytest.mark.parametrize(
    "text", ["8-12", "08:00", "25:00-26:00", "08:60-09:00", "24:00-08:00", "24:30-01:00"]
)
def test_bad_time_intervals_are_refused(text):
    with pytest.raises(ValueError, match=r"interval|time of day|24:00"):
        TimeInterval.parse(text)


def test_kpi_targets_read_comparator_and_value_of_any_kind():
    assert KpiTarget.parse(">= 95%") == KpiTarget(Comparator.AT_LEAST, Percentage(Decimal(95)))
    assert KpiTarget.parse("<= 5%").comparator is Comparator.AT_MOST
    assert KpiTarget.parse("<= 4h").value == Duration.parse("4h")
    assert KpiTarget.parse(">= 4.5").value == Decimal("4.5")
    assert KpiTarget.parse("95%").comparator is Comparator.AT_LEAST


def test_a_kpi_target_judges_measured_values():
    assert KpiTarget.parse(">= 95%").is_met(Decimal("95"))
    assert not KpiTarget.parse(">= 95%").is_met(Decimal("94.99"))
    assert KpiTarget.parse("<= 5%").is_met(Decimal("5"))
    assert not KpiTarget.parse("< 5%").is_met(Decimal("5"))


def test_rrules_are_checked_when_read():
    assert RecurrenceRule.parse("RRULE:FREQ=WEEKLY;BYDAY=SU").text == "FREQ=WEEKLY;BYDAY=SU"
    with pytest.raises(ValueError, match="RRULE"):
        RecurrenceRule.parse("FREQ=SOMETIMES")


def test_weekday_ranges_expand_and_may_wrap_around_the_week():
    assert parse_weekdays("mon-fri") == [0, 1, 2, 3, 4]
    assert parse_weekdays("fri-mon") == [4, 5, 6, 0]
    assert parse_weekdays("Sun") == [6]
    with pytest.raises(ValueError, match="weekday"):
        parse_weekdays("monday-friday")
