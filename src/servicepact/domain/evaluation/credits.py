"""Service credits (spec §3).

For each metric with tiers, the band is the one with the smallest ``below`` that the measured value is
under (strictly: a value exactly at ``below`` is not under it); the credit is that band's ``credit`` ×
``basis`` (the monthly fee). Credits are summed over metrics, then capped at ``cap`` × basis. A metric
with no value in the period (``no_data``: nothing to measure, or no source for it) gives no credit and
its line says so. Amounts are rounded to cents (half up).

``kpi.<id>`` names a KPI (its metric's value), ``uptime.<id>`` an uptime item; any other name is read as a
catalogue metric.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import CreditTier
from servicepact.domain.evaluation.kpis import KpiResult
from servicepact.domain.evaluation.metrics import MetricStatus, MetricValue, money, number

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CreditLine:
    """One metric with tiers: its value, the band it fell in (None: no credit) and the amount.

    A metric with no value is ``no_data``: never credited (spec §3)."""

    metric: str
    value: Decimal | None
    band_below: Decimal | None
    credit_percent: Decimal
    amount: Decimal

    @property
    def status(self) -> MetricStatus:
        return MetricStatus.NO_DATA if self.value is None else MetricStatus.MEASURED

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "status": self.status.value,
            "value": number(self.value),
            "band_below": number(self.band_below),
            "credit_percent": number(self.credit_percent),
            "amount": money(self.amount),
        }


@dataclass(frozen=True)
class CreditsResult:
    basis: str
    basis_amount: Decimal | None
    lines: tuple[CreditLine, ...]
    subtotal: Decimal
    cap_percent: Decimal | None
    cap_amount: Decimal | None
    total: Decimal

    @property
    def capped(self) -> bool:
        return self.total < self.subtotal

    def to_dict(self) -> dict[str, Any]:
        return {
            "basis": self.basis,
            "basis_amount": money(self.basis_amount),
            "lines": [line.to_dict() for line in self.lines],
            "subtotal": money(self.subtotal),
            "cap_percent": number(self.cap_percent),
            "cap_amount": money(self.cap_amount),
            "capped": self.capped,
            "total": money(self.total),
        }


def band_for(tiers: list[CreditTier], value: Decimal) -> CreditTier | None:
    """The tier with the smallest ``below`` that ``value`` is strictly under (None: no credit).

    >>> from servicepact.domain.agreement.values import Percentage
    >>> tiers = [CreditTier(metric="m", below=Percentage.parse(b), credit=Percentage.parse(c))
    ...          for b, c in (("99.9%", "5%"), ("99.5%", "10%"))]
    >>> band_for(tiers, Decimal("99.5")).credit.value, band_for(tiers, Decimal("99.9"))
    (Decimal('5'), None)
    """
    under = [tier for tier in tiers if value < tier.below.value]
    return min(under, key=lambda tier: tier.below.value) if under else None


def evaluate_credits(
    agreement: Agreement, metrics: Mapping[str, MetricValue], kpis: tuple[KpiResult, ...]
) -> CreditsResult:
    """Credits per metric with tiers, their sum, and the sum after the cap."""
    performance = agreement.performance
    credits = performance.service_credits if performance else None
    fee = agreement.billing.monthly_fee if agreement.billing else None
    basis = credits.basis.value if credits else "monthly_fee"
    if credits is None:
        zero = Decimal("0.00")
        return CreditsResult(basis, fee, (), zero, None, None, zero)
    by_metric: dict[str, list[CreditTier]] = {}
    for tier in credits.tiers:
        by_metric.setdefault(tier.metric, []).append(tier)
    kpi_values = {f"kpi.{kpi.kpi_id}": kpi.measured for kpi in kpis}
    lines = []
    for name, tiers in by_metric.items():
        if name in kpi_values:
            value = kpi_values[name]
        else:
            metric = metrics.get(name)
            value = metric.value if metric is not None else None
        # No data is not success, nor failure: a metric without a value is never credited.
        band = band_for(tiers, value) if value is not None else None
        percent = band.credit.value if band else Decimal(0)
        money = (
            (fee * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
            if fee is not None
            else Decimal("0.00")
        )
        lines.append(CreditLine(name, value, band.below.value if band else None, percent, money))
    subtotal = sum((line.amount for line in lines), Decimal("0.00"))
    cap_percent = credits.cap.value if credits.cap is not None else None
    cap_amount = (
        (fee * cap_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if fee is not None and cap_percent is not None
        else None
    )
    total = min(subtotal, cap_amount) if cap_amount is not None else subtotal
    return CreditsResult(basis, fee, tuple(lines), subtotal, cap_percent, cap_amount, total)
