"""The evaluation of one period for one agreement: every metric, KPI, credit and billing line.

:func:`evaluate` is pure: it takes what was already read (:class:`EvaluationInputs`) and returns a frozen
:class:`Evaluation`, whose :meth:`Evaluation.to_dict` carries every number for JSON (Decimals as text,
instants as ISO 8601 UTC with ``Z``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import numpy as np

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import evaluate_clocks
from servicepact.domain.clocks.judges import TicketJudges, judged_clocks
from servicepact.domain.clocks.scope import classify_scope
from servicepact.domain.evaluation.backups import BackupResult, BackupRuns, evaluate_backups
from servicepact.domain.evaluation.billing import BillingResult, billing_lines
from servicepact.domain.evaluation.credits import CreditsResult, evaluate_credits
from servicepact.domain.evaluation.kpis import KpiResult, KpiStatus, evaluate_kpis
from servicepact.domain.evaluation.levels import ServiceLevels, service_levels
from servicepact.domain.evaluation.metrics import MetricValue, epoch, iso_z
from servicepact.domain.evaluation.period import Period
from servicepact.domain.evaluation.requirements import RequirementsResult, evaluate_requirements
from servicepact.domain.evaluation.tickets import TicketMetrics, ticket_metrics
from servicepact.domain.evaluation.uptime import Coverage, UptimeConvention, UptimeResult, evaluate_uptime
from servicepact.domain.records import Asset, BackupRun, EventBatch, Outage, RestoreTest, TicketBatch

FORMAT = "servicepact-evaluation/v1"


def empty_tickets() -> TicketBatch:
    nothing = np.array([], dtype=object)
    return TicketBatch(
        ids=nothing,
        created_at=np.array([], dtype="datetime64[s]"),
        priority=nothing.copy(),
        client_priority=nothing.copy(),
        service=nothing.copy(),
        asset=nothing.copy(),
    )


def empty_events() -> EventBatch:
    return EventBatch(
        ticket=np.array([], dtype=np.int64),
        at=np.array([], dtype="datetime64[s]"),
        type=np.array([], dtype=np.int8),
        value=np.array([], dtype=object),
    )


@dataclass(frozen=True)
class EvaluationInputs:
    """What the service produced, already read. ``satisfaction`` maps ticket ids to scores 1-5.

    No data is not success (spec §3): ``coverage`` is what monitoring watched per uptime item (by default
    nothing, so uptime is ``no_data``; an outages file given to ``evaluate`` covers everything).
    ``backup_source`` / ``restore_source`` say whether backup runs / restore tests were given at all (None:
    when there is at least one); without a source the backup metrics are ``no_data``.
    """

    tickets: TicketBatch = field(default_factory=empty_tickets)
    events: EventBatch = field(default_factory=empty_events)
    outages: Sequence[Outage] = ()
    backup_runs: Sequence[BackupRun] = ()
    restore_tests: Sequence[RestoreTest] = ()
    assets: Sequence[Asset] = ()
    satisfaction: Mapping[str, float | int | Decimal] | None = None
    coverage: Coverage = field(default_factory=Coverage)
    backup_source: bool | None = None
    restore_source: bool | None = None

    @property
    def has_backup_source(self) -> bool:
        return self.backup_source if self.backup_source is not None else bool(self.backup_runs)

    @property
    def has_restore_source(self) -> bool:
        return self.restore_source if self.restore_source is not None else bool(self.restore_tests)


@dataclass(frozen=True)
class Evaluation:
    """One period of one agreement, evaluated. See ``docs/evaluation.md`` for each definition."""

    agreement_id: str
    agreement_title: str
    agreement_version: str
    provider: str
    client: str
    currency: str
    period: Period
    evaluated_at: int
    convention: UptimeConvention
    metrics: tuple[MetricValue, ...]
    kpis: tuple[KpiResult, ...]
    tickets: TicketMetrics
    uptime: tuple[UptimeResult, ...]
    backups: BackupResult
    requirements: RequirementsResult
    billing: BillingResult
    credits: CreditsResult

    def metric(self, name: str) -> MetricValue | None:
        """A metric by its catalogue name (``uptime.<id>`` for an uptime item)."""
        return next((m for m in self.metrics if m.name == name), None)

    def kpi(self, kpi_id: str) -> KpiResult | None:
        return next((k for k in self.kpis if k.kpi_id == kpi_id), None)

    @property
    def kpis_missed(self) -> tuple[KpiResult, ...]:
        return tuple(k for k in self.kpis if k.status is KpiStatus.MISSED)

    @property
    def levels(self) -> ServiceLevels:
        """The period's service levels (KPIs, and uptime items no KPI measures): one "n of m met"."""
        return service_levels(self.kpis, self.uptime)

    @property
    def kpis_no_data(self) -> tuple[KpiResult, ...]:
        return tuple(k for k in self.kpis if k.status is KpiStatus.NO_DATA)

    def to_dict(self) -> dict[str, Any]:
        """Every number of the evaluation as JSON-ready values."""
        return {
            "format": FORMAT,
            "agreement": {
                "id": self.agreement_id,
                "title": self.agreement_title,
                "version": self.agreement_version,
                "provider": self.provider,
                "client": self.client,
                "currency": self.currency,
            },
            "period": {
                "label": self.period.label,
                "kind": self.period.kind.value,
                "first_day": self.period.first_day.isoformat(),
                "end_day": self.period.end_day.isoformat(),
                "timezone": self.period.zone.key,
                "start": iso_z(epoch(self.period.start)),
                "end": iso_z(epoch(self.period.end)),
            },
            "evaluated_at": iso_z(self.evaluated_at),
            "uptime_convention": self.convention.value,
            "metrics": {metric.name: metric.to_dict() for metric in self.metrics},
            "kpis": [kpi.to_dict() for kpi in self.kpis],
            "service_levels": self.levels.to_dict(),
            "tickets": self.tickets.to_dict(),
            "uptime": [item.to_dict() for item in self.uptime],
            "backups": self.backups.to_dict(),
            "requirements": self.requirements.to_dict(),
            "billing": self.billing.to_dict(),
            "credits": self.credits.to_dict(),
        }


def evaluate(
    agreement: Agreement,
    period: Period,
    inputs: EvaluationInputs,
    now: datetime,
    convention: UptimeConvention = UptimeConvention.SERVICEPACT,
    judges: TicketJudges | None = None,
) -> Evaluation:
    """Evaluate ``period`` as of ``now`` (an aware instant; the clocks see only events up to it).

    ``judges`` names the agreement that judges each ticket when it is not ``agreement`` (spec §6).
    """
    now_seconds = epoch(now)
    requirements = evaluate_requirements(agreement, inputs.assets, period.last_day)
    options = requirements.clock_options()
    # Spec §6: each ticket is judged by the version in force at its creation (``judges``); the period's
    # own agreement judges the rest of the period.
    instant = np.datetime64(now_seconds, "s")
    if judges is None:
        clocks = evaluate_clocks(agreement, inputs.tickets, inputs.events, instant, options)
    else:
        # Each version's own client requirements decide which of its tickets are best effort.
        per_version = [
            options
            if judge is agreement
            else evaluate_requirements(judge, inputs.assets, period.last_day).clock_options()
            for judge in judges.agreements
        ]
        clocks = judged_clocks(judges, inputs.tickets, inputs.events, instant, per_version)
    scope = classify_scope(agreement, inputs.tickets, options)
    tickets = ticket_metrics(
        agreement, period, inputs.tickets, inputs.events, clocks, scope, now_seconds, inputs.satisfaction
    )
    uptime = evaluate_uptime(agreement, period, inputs.outages, now_seconds, convention, inputs.coverage)
    backups = evaluate_backups(
        agreement,
        period,
        BackupRuns.of(inputs.backup_runs),
        inputs.restore_tests,
        now_seconds,
        backup_source=inputs.has_backup_source,
        restore_source=inputs.has_restore_source,
    )
    billing = billing_lines(
        agreement, period, inputs.tickets, inputs.events, scope.out_of_scope, scope.handling, now_seconds
    )
    metrics = (
        *tickets.metrics(),
        *(item.value for item in uptime),
        *backups.metrics(),
        requirements.compliance,
    )
    by_name = {metric.name: metric for metric in metrics}
    kpis = evaluate_kpis(agreement, by_name)
    credits = evaluate_credits(agreement, by_name, kpis)
    return Evaluation(
        agreement_id=agreement.id,
        agreement_title=agreement.title,
        agreement_version=agreement.version,
        provider=agreement.parties.provider.name,
        client=agreement.parties.client.name,
        currency=agreement.currency,
        period=period,
        evaluated_at=now_seconds,
        convention=convention,
        metrics=metrics,
        kpis=kpis,
        tickets=tickets,
        uptime=uptime,
        backups=backups,
        requirements=requirements,
        billing=billing,
        credits=credits,
    )
