from datetime import date
from zoneinfo import ZoneInfo

import pytest

from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Period, PeriodKind

NEW_YORK = ZoneInfo("America/New_York")
MOSCOW = ZoneInfo("Europe/Moscow")


def test_a_month_runs_from_local_midnight_to_local_midnight_across_the_dst_change():
    period = Period.parse("2027-03", NEW_YORK)
    assert period.start.isoformat() == "2027-03-01T05:00:00+00:00"  # EST
    assert period.end.isoformat() == "2027-04-01T04:00:00+00:00"  # EDT
    assert period.seconds == (31 * 24 - 1) * 3600  # the spring-forward hour is missing
    assert period.kind is PeriodKind.MONTH
    assert period.last_day == date(2027, 3, 31)


def test_a_quarter_covers_three_months():
    period = Period.parse("2027-q1", MOSCOW)
    assert (period.first_day, period.end_day, period.months) == (date(2027, 1, 1), date(2027, 4, 1), 3)
    assert period.label == "2027-Q1"
    assert period.start.isoformat() == "2026-12-31T21:00:00+00:00"  # UTC+3
    assert period.kind is PeriodKind.QUARTER


def test_a_range_of_dates_ends_before_its_end_date():
    period = Period.parse("2027-03-10..2027-03-12", MOSCOW)
    assert period.seconds == 2 * 86400
    assert period.last_day == date(2027, 3, 11)
    assert period.kind is PeriodKind.RANGE


def test_december_ends_at_the_next_new_year():
    assert Period.parse("2027-12", MOSCOW).end_day == date(2028, 1, 1)


@pytest.mark.parametrize(
    "text", ["2027-13", "2027-Q5", "March 2027", "2027-03-10..2027-03-10", "2027-02-30..2027-03-01", ""]
)
def test_text_that_is_not_a_period_is_an_input_error_that_names_it(text):
    with pytest.raises(InputError) as caught:
        Period.parse(text, MOSCOW)
    assert repr(text) in str(caught.value)
