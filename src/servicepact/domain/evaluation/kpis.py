"""KPIs (``performance.kpis``): each metric of the catalogue against its target."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from servicepact.domain.agreement import Agreement
from servicepact.domain.evaluation.metrics import MetricValue, number


class KpiStatus(enum.StrEnum):
    MET = "met"
    MISSED = "missed"
    # Nothing to measure in the period (no tickets), no source for the metric (no monitoring covering the
    # period, no backups imported), or no target: never met nor missed (spec §3).
    NO_DATA = "no_data"


@dataclass(frozen=True)
class KpiResult:
    kpi_id: str
    name: str | None
    metric: str
    target: str | None
    goal: Decimal | None
    value: MetricValue | None
    status: KpiStatus

    @property
    def measured(self) -> Decimal | None:
        return self.value.value if self.value is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.kpi_id,
            "name": self.name,
            "metric": self.metric,
            "target": self.target,
            "goal": number(self.goal),
            "value": self.value.to_dict() if self.value is not None else None,
            "status": self.status.value,
        }


def evaluate_kpis(agreement: Agreement, metrics: Mapping[str, MetricValue]) -> tuple[KpiResult, ...]:
    """Every KPI: its metric's value (percent, seconds or score) against its target.

    A duration target (``<= 4h``) is compared in seconds, read on the wall clock as the measured mean
    business times are.
    """
    performance = agreement.performance
    if performance is None:
        return ()
    results = []
    for kpi in performance.kpis:
        value = metrics.get(kpi.metric)
        measured = value.value if value is not None else None
        if kpi.target is None or measured is None:
            status = KpiStatus.NO_DATA
        else:
            status = KpiStatus.MET if kpi.target.is_met(measured) else KpiStatus.MISSED
        results.append(
            KpiResult(
                kpi_id=kpi.id,
                name=kpi.name,
                metric=kpi.metric,
                target=str(kpi.target) if kpi.target is not None else None,
                goal=kpi.target.goal if kpi.target is not None else None,
                value=value,
                status=status,
            )
        )
    return tuple(results)
