"""The service levels of a period: every KPI, and every uptime item no KPI already measures.

One count for every surface: the CLI's summary line, the report's first page, the dashboard's cards and
the JSON (``service_levels``) all say "n of m met" from :func:`service_levels`, so "3 KPI(s) missed" on one
surface cannot be 4 on another. A level with no data is neither met nor missed and is not in ``m``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from servicepact.domain.evaluation.kpis import KpiResult, KpiStatus
from servicepact.domain.evaluation.uptime import UptimeResult

__all__ = ["ServiceLevel", "ServiceLevels", "service_levels"]


@dataclass(frozen=True)
class ServiceLevel:
    """One level: ``kpi.<id>`` or ``uptime.<id>``, its name and status."""

    key: str
    name: str | None
    status: KpiStatus

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "status": self.status.value}


@dataclass(frozen=True)
class ServiceLevels:
    items: tuple[ServiceLevel, ...]

    def _count(self, status: KpiStatus) -> int:
        return sum(1 for item in self.items if item.status is status)

    @property
    def met(self) -> int:
        return self._count(KpiStatus.MET)

    @property
    def missed(self) -> int:
        return self._count(KpiStatus.MISSED)

    @property
    def no_data(self) -> int:
        return self._count(KpiStatus.NO_DATA)

    @property
    def judged(self) -> int:
        """Levels that were met or missed (the ``m`` of "n of m met")."""
        return self.met + self.missed

    def summary(self) -> str:
        """``"4 of 6 service levels met, 2 missed, 1 with no data"`` (English, for the CLI)."""
        text = f"{self.met} of {self.judged} service levels met, {self.missed} missed"
        return text + (f", {self.no_data} with no data" if self.no_data else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "missed": self.missed,
            "no_data": self.no_data,
            "judged": self.judged,
            "items": [item.to_dict() for item in self.items],
        }


def service_levels(kpis: tuple[KpiResult, ...], uptime: tuple[UptimeResult, ...]) -> ServiceLevels:
    """The KPIs in their order, then the uptime items that no KPI names as its metric."""
    items = [ServiceLevel(f"kpi.{kpi.kpi_id}", kpi.name, kpi.status) for kpi in kpis]
    measured = {kpi.metric for kpi in kpis}
    for item in uptime:
        if f"uptime.{item.item_id}" in measured:
            continue
        met = item.met
        status = KpiStatus.NO_DATA if met is None else KpiStatus.MET if met else KpiStatus.MISSED
        items.append(ServiceLevel(f"uptime.{item.item_id}", item.name, status))
    return ServiceLevels(tuple(items))
