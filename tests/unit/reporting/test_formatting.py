"""Numbers in the report as each language writes them (Babel), through the contract's Wording."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from servicepact.domain.evaluation import Period
from servicepact.domain.reporting import ReportWords, Status

NBSP = "\u00a0"
EN = ReportWords("en", ZoneInfo("America/New_York"))
RU = ReportWords("ru", ZoneInfo("Europe/Moscow"))


def test_a_measured_percentage_has_at_most_two_decimals_in_each_language() -> None:
    assert EN.percent(Decimal("99.9512")) == "99.95%"
    assert RU.percent(Decimal("99.9512")) == f"99,95{NBSP}%"
    assert EN.percent(Decimal("80")) == "80%"


def test_a_value_just_under_its_goal_never_reads_as_the_goal() -> None:
    assert EN.percent(Decimal("99.89999"), Decimal("99.9")) == "99.89999%"
    assert EN.percent(Decimal("99.8951"), Decimal("99.9")) == "99.895%"
    assert EN.percent(Decimal("99.9"), Decimal("99.9")) == "99.9%"


def test_no_value_is_a_dash() -> None:
    assert EN.percent(None) == "—"
    assert RU.duration(None) == "—"


@pytest.mark.parametrize(
    ("seconds", "english", "russian"),
    [
        (5400, "1 h 30 min", "1 ч 30 мин"),
        (45, "45 s", "45 с"),
        (1800, "30 min", "30 мин"),
        (3 * 86400 + 7200, "3 d 2 h", "3 д 2 ч"),
        (-3900, "−1 h 5 min", "−1 ч 5 мин"),
    ],
)
def test_durations_are_short_and_in_two_units_at_most(seconds: int, english: str, russian: str) -> None:
    assert EN.duration(seconds) == english
    assert RU.duration(seconds) == russian


def test_business_time_stays_in_hours_because_a_business_day_is_not_24_hours() -> None:
    assert EN.duration(27 * 3600, days=False) == "27 h"


def test_money_is_written_as_in_the_contract() -> None:
    assert RU.money(Decimal(180000), "RUB") == f"180{NBSP}000{NBSP}₽"
    assert EN.money(Decimal("4500.00"), "USD") == "$4,500"
    assert EN.money(Decimal("225.50"), "USD") == "$225.50"


def test_a_month_and_a_quarter_are_named_in_each_language() -> None:
    march = Period.parse("2027-03", ZoneInfo("Europe/Moscow"))
    quarter = Period.parse("2027-Q1", ZoneInfo("Europe/Moscow"))
    assert EN.period(march) == "March 2027"
    assert RU.period(march) == "Март 2027"
    assert RU.period(march, sentence=True) == "март 2027"
    assert RU.period(quarter) == "1-й квартал 2027"


def test_an_instant_is_shown_in_the_agreements_zone() -> None:
    # 2027-03-03 19:05 UTC is 14:05 in New York (EST) and 22:05 in Moscow.
    at = 1_804_100_700
    assert EN.instant(at) == "Mar 3, 2:05\u202fPM"
    assert RU.instant(at) == "3 мар., 22:05"


def test_a_list_cut_at_its_limit_says_how_many_more_the_json_holds() -> None:
    assert EN.more(100, 100) is None
    assert EN.more(112, 100) == "… and 12 more (all of them are in the JSON export)"
    assert RU.more(1100, 100) == f"… и ещё 1{NBSP}000 (полный список — в выгрузке JSON)"


def test_no_data_is_written_as_no_data_never_as_a_percentage() -> None:
    assert EN.percent_or_no_data(None) == "No data"
    assert EN.percent_or_no_data(Decimal("99.95")) == "99.95%"
    assert EN.status_text(Status.MISSED) == "Missed"


def test_chart_ticks_fall_weekly_in_a_month_and_monthly_in_a_quarter() -> None:
    zone = ZoneInfo("America/New_York")
    march = EN.ticks(Period.parse("2027-03", zone))
    assert [label for _at, label in march] == ["Mar 1", "Mar 8", "Mar 15", "Mar 22", "Mar 29"]
    assert march[0][0] == 1_803_877_200  # 2027-03-01 00:00 in New York (EST)
    assert [label for _at, label in EN.ticks(Period.parse("2027-Q1", zone))] == ["Jan", "Feb", "Mar"]


def test_work_on_one_day_names_the_day_once() -> None:
    # 2027-03-02 19:10-19:40 and 20:20-21:00 in New York (EST, UTC-5).
    start = 1_804_032_600
    intervals = [(start, start + 1800), (start + 4200, start + 6600)]
    assert EN.work_intervals(intervals) == "Mar 2, 7:10\u202fPM–7:40\u202fPM, 8:20\u202fPM–9:00\u202fPM"
