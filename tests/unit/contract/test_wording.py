"""Numbers, durations, dates, calendars and schedules in words, in English and Russian."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from servicepact.domain.agreement.calendar_spec import CalendarSpec
from servicepact.domain.agreement.values import Duration, KpiTarget, Percentage, RecurrenceRule
from servicepact.domain.contract import Wording

RU = Wording("ru")
EN = Wording("en")
NBSP = "\u00a0"


def plain(text: str) -> str:
    """Text with no-break spaces as plain spaces, as a reader sees it."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h", "1 рабочий час"),
        ("2h", "2 рабочих часа"),
        ("4h", "4 рабочих часа"),
        ("5h", "5 рабочих часов"),
        ("11h", "11 рабочих часов"),
        ("21h", "21 рабочий час"),
        ("1bd", "1 рабочий день"),
        ("2bd", "2 рабочих дня"),
        ("5bd", "5 рабочих дней"),
        ("11bd", "11 рабочих дней"),
        ("21bd", "21 рабочий день"),
    ],
)
def test_russian_business_durations_take_the_plural_form_of_their_number(text: str, expected: str) -> None:
    assert RU.duration(Duration.parse(text), business=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1m", "1 минута"),
        ("2m", "2 минуты"),
        ("4m", "4 минуты"),
        ("5m", "5 минут"),
        ("11m", "11 минут"),
        ("21m", "21 минута"),
        ("30m", "30 минут"),
        ("30d", "30 календарных дней"),
        ("1d", "1 календарный день"),
    ],
)
def test_russian_wall_clock_durations_take_the_plural_form_of_their_number(text: str, expected: str) -> None:
    assert RU.duration(Duration.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "business", "expected"),
    [
        ("4h", True, "4 business hours"),
        ("1h", True, "1 business hour"),
        ("1bd", True, "1 business day"),
        ("10bd", True, "10 business days"),
        ("30m", False, "30 minutes"),
        ("1h30m", False, "1 hour and 30 minutes"),
        ("14d", False, "14 calendar days"),
    ],
)
def test_english_durations_say_business_time_where_a_business_calendar_applies(
    text: str, business: bool, expected: str
) -> None:
    assert EN.duration(Duration.parse(text), business=business) == expected


def test_a_percentage_is_written_the_russian_way_with_a_comma_and_a_space() -> None:
    assert plain(RU.percent(Percentage.parse("99.9%"))) == "99,9 %"
    assert EN.percent(Percentage.parse("99.9%")) == "99.9%"


def test_whole_amounts_of_money_have_no_kopecks_or_cents() -> None:
    assert plain(RU.money(Decimal("180000"), "RUB")) == "180 000 ₽"
    assert EN.money(Decimal("4500.00"), "USD") == "$4,500"
    assert EN.money(Decimal("99.50"), "USD") == "$99.50"


def test_dates_are_written_in_the_long_form_of_the_locale() -> None:
    assert plain(RU.date(date(2026, 1, 1))) == "1 января 2026 г."
    assert EN.date(date(2027, 1, 1)) == "January 1, 2027"


def test_kpi_targets_say_at_least_or_at_most() -> None:
    assert plain(RU.kpi_target(KpiTarget.parse(">= 95%"))) == "не менее 95 %"
    assert EN.kpi_target(KpiTarget.parse("<= 5%")) == "at most 5%"


def test_a_new_york_business_calendar_reads_as_the_issue_words_it() -> None:
    spec = CalendarSpec.model_validate(
        {
            "timezone": "America/New_York",
            "hours": {"mon-fri": ["08:00-12:00", "13:00-18:00"]},
            "holidays": {"country": "US", "subdivision": "NY"},
        }
    )
    assert EN.calendar(spec) == (
        "Monday to Friday, 08:00–12:00 and 13:00–18:00, New York time, "
        "public holidays of New York State excluded"
    )


def test_a_moscow_business_calendar_reads_as_the_issue_words_it() -> None:
    spec = CalendarSpec.model_validate(
        {
            "timezone": "Europe/Moscow",
            "hours": {"mon-fri": ["09:00-13:00", "14:00-18:00"]},
            "holidays": {"country": "RU"},
        }
    )
    assert RU.calendar(spec) == (
        "понедельник — пятница, 09:00–13:00 и 14:00–18:00 по московскому времени, "
        "кроме нерабочих праздничных дней"
    )


def test_different_hours_on_different_days_are_listed_group_by_group() -> None:
    spec = CalendarSpec.model_validate(
        {"timezone": "Europe/Berlin", "hours": {"mon-fri": ["09:00-17:00"], "sat": ["10:00-14:00"]}}
    )
    assert EN.weekly_hours(spec) == "Monday to Friday, 09:00–17:00; Saturday, 10:00–14:00"


def test_a_calendar_open_around_the_clock_says_so() -> None:
    spec = CalendarSpec.model_validate({"timezone": "Europe/Moscow", "hours": "24x7"})
    assert RU.calendar(spec).startswith("круглосуточно")


def test_partial_days_with_the_same_hours_are_listed_together() -> None:
    spec = CalendarSpec.model_validate(
        {
            "timezone": "Europe/Moscow",
            "hours": {"mon-fri": ["09:00-18:00"]},
            "overrides": {"2026-04-30": ["09:00-17:00"], "2026-05-08": ["09:00-17:00"], "2026-12-31": []},
        }
    )
    assert [plain(sentence) for sentence in RU.calendar_exceptions(spec)] == [
        "Часы обслуживания 30 апреля 2026 г. и 8 мая 2026 г.: 09:00–17:00.",
        "Нерабочие дни: 31 декабря 2026 г.",
    ]


def test_a_weekly_maintenance_rule_reads_as_a_weekday_and_hours() -> None:
    rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0")
    assert EN.recurrence(rule, Duration.parse("2h")) == "every Sunday, 02:00–04:00"
    assert RU.recurrence(rule, Duration.parse("2h")) == "каждое воскресенье, 02:00–04:00"


def test_a_maintenance_window_past_midnight_says_it_ends_the_next_day() -> None:
    rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=SA;BYHOUR=22")
    assert (
        RU.recurrence(rule, Duration.parse("3h"))
        == "каждую субботу, 22:00–01:00 (с окончанием на следующие сутки)"
    )


def test_daily_and_monthly_rules_are_put_in_words_and_others_are_quoted() -> None:
    assert (
        EN.recurrence(RecurrenceRule.parse("FREQ=DAILY;BYHOUR=1"), Duration.parse("1h"))
        == "every day, 01:00–02:00"
    )
    assert EN.recurrence(
        RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=3"), Duration.parse("1h")
    ) == ("every month on day 1, 03:00–04:00")
    quoted = EN.recurrence(RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=1SU;BYHOUR=3"), Duration.parse("1h"))
    assert quoted == "according to the rule FREQ=MONTHLY;BYDAY=1SU;BYHOUR=3, for 1 hour"


def test_an_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        Wording("de")
