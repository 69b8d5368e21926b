"""Northwind's tiers: uptime.email below 99.9% → 5%, below 99.5% → 10%, below 99.0% → 25%;
kpi.first-response below 95% → 5%; cap 30%; monthly fee 4,500.00."""

from decimal import Decimal

import pytest

from servicepact.domain.evaluation.credits import band_for, evaluate_credits
from servicepact.domain.evaluation.kpis import evaluate_kpis
from servicepact.domain.evaluation.metrics import MetricValue, Unit

from .helpers import northwind_with


def agreement(cap="30%"):
    return northwind_with(("    cap: 30%", f"    cap: {cap}"))


def metrics(uptime, first_response):
    values = {
        "uptime.email": MetricValue("uptime.email", uptime, Unit.PERCENT, 0, 0),
        "response_within_target": MetricValue("response_within_target", first_response, Unit.PERCENT, 0, 0),
    }
    return {name: value for name, value in values.items() if value is not None}


def credits(uptime, first_response, cap="30%"):
    chosen = agreement(cap)
    measured = metrics(uptime, first_response)
    return evaluate_credits(chosen, measured, evaluate_kpis(chosen, measured))


@pytest.mark.parametrize(
    ("value", "credit"),
    [
        ("100", None),
        ("99.9", None),  # exactly at `below` is not under it
        ("99.8999", "5"),
        ("99.5", "5"),  # at 99.5 it is not under 99.5: the band below 99.9 applies
        ("99.4999", "10"),
        ("99.0", "10"),
        ("98.9999", "25"),
        ("0", "25"),
    ],
)
def test_the_band_is_the_smallest_below_that_the_value_is_strictly_under(value, credit):
    tiers = [t for t in agreement().performance.service_credits.tiers if t.metric == "uptime.email"]
    band = band_for(tiers, Decimal(value))
    assert (band.credit.value if band else None) == (Decimal(credit) if credit else None)


def test_a_credit_is_its_band_share_of_the_monthly_fee():
    result = credits(Decimal("99.7"), Decimal("96"))
    # 99.7 < 99.9: 5% of 4,500 = 225.00; 96% of first responses is not under 95%: nothing.
    assert [(line.metric, line.amount) for line in result.lines] == [
        ("uptime.email", Decimal("225.00")),
        ("kpi.first-response", Decimal("0.00")),
    ]
    assert (result.subtotal, result.total, result.capped) == (Decimal("225.00"), Decimal("225.00"), False)


def test_credits_exactly_at_the_cap_are_not_reduced():
    result = credits(Decimal("98"), Decimal("90"))
    # 25% (1,125.00) + 5% (225.00) = 1,350.00 = 30% of 4,500.00: the cap, not above it.
    assert (result.subtotal, result.cap_amount, result.total, result.capped) == (
        Decimal("1350.00"),
        Decimal("1350.00"),
        Decimal("1350.00"),
        False,
    )


def test_credits_above_the_cap_are_cut_to_the_cap():
    result = credits(Decimal("98"), Decimal("90"), cap="20%")
    # 1,350.00 due, capped at 20% of 4,500.00 = 900.00.
    assert (result.subtotal, result.total, result.capped) == (Decimal("1350.00"), Decimal("900.00"), True)
    assert result.to_dict()["total"] == "900.00"


def test_a_metric_with_no_value_in_the_period_gives_no_credit():
    result = credits(Decimal("99.95"), None)  # no tickets: the first-response KPI has no value
    assert result.lines[1].value is None
    assert result.total == Decimal("0.00")
