"""Evaluation of a period (spec §3): metrics, KPIs, uptime, backups, requirements, billing and credits.

>>> from servicepact.domain.evaluation import Period, evaluate, EvaluationInputs  # doctest: +SKIP
>>> period = Period.parse("2027-03", zone)  # doctest: +SKIP
>>> evaluation = evaluate(agreement, period, EvaluationInputs(...), now)  # doctest: +SKIP
>>> evaluation.to_dict()["credits"]["total"]  # doctest: +SKIP
'225.00'
"""

from servicepact.domain.evaluation.backups import BackupResult, BackupRuns, RestoreCompliance, SystemRpo
from servicepact.domain.evaluation.billing import BillingLine, BillingResult, CalloutBasis
from servicepact.domain.evaluation.credits import CreditLine, CreditsResult
from servicepact.domain.evaluation.evaluation import Evaluation, EvaluationInputs, evaluate
from servicepact.domain.evaluation.kpis import KpiResult, KpiStatus
from servicepact.domain.evaluation.levels import ServiceLevel, ServiceLevels, service_levels
from servicepact.domain.evaluation.metrics import MetricStatus, MetricValue, NoDataReason, Unit
from servicepact.domain.evaluation.period import Period, PeriodKind
from servicepact.domain.evaluation.requirements import AssetCompliance, FailedRule, RequirementsResult
from servicepact.domain.evaluation.tickets import Dispute, PriorityStats, TicketEntry, TicketMetrics
from servicepact.domain.evaluation.uptime import (
    ALL_ITEMS,
    Coverage,
    CoveredSpan,
    OutageEntry,
    OutageTreatment,
    UpptimeFigures,
    UptimeConvention,
    UptimeResult,
    upptime_figures,
)

__all__ = [
    "ALL_ITEMS",
    "AssetCompliance",
    "BackupResult",
    "BackupRuns",
    "BillingLine",
    "BillingResult",
    "CalloutBasis",
    "Coverage",
    "CoveredSpan",
    "CreditLine",
    "CreditsResult",
    "Dispute",
    "Evaluation",
    "EvaluationInputs",
    "FailedRule",
    "KpiResult",
    "KpiStatus",
    "MetricStatus",
    "MetricValue",
    "NoDataReason",
    "OutageEntry",
    "OutageTreatment",
    "Period",
    "PeriodKind",
    "PriorityStats",
    "RequirementsResult",
    "RestoreCompliance",
    "ServiceLevel",
    "ServiceLevels",
    "SystemRpo",
    "TicketEntry",
    "TicketMetrics",
    "Unit",
    "UpptimeFigures",
    "UptimeConvention",
    "UptimeResult",
    "evaluate",
    "service_levels",
    "upptime_figures",
]
