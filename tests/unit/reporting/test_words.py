"""Numbers in the report as each language writes them (Babel), through the contract's Wording."""

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from servicepact.domain.evaluation import Period
from servicepact.domain.reporting import ReportWords

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
