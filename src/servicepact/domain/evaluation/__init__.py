"""Evaluation of a period (spec §3): metrics, KPIs, uptime, backups, requirements, billing and credits.

>>> from datetime import UTC, datetime
>>> from zoneinfo import ZoneInfo
>>> from servicepact import load_agreement
>>> from servicepact.domain.evaluation import Period, evaluate
>>> from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files
>>> from servicepact.testing import write_lines
>>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
>>> tickets = write_lines(TMP / "tickets.csv", "id,created_at,priority,first_response_at,resolved_at",
...     "INC1,2027-03-02T10:00,P1,2027-03-02T11:30,2027-03-03T16:00",
...     "INC2,2027-03-03T10:00,P2,2027-03-03T10:20,2027-03-03T12:00")
>>> inputs = read_evaluation_files(agreement, EvaluationFiles(tickets=tickets)).inputs
>>> period = Period.parse("2027-03", ZoneInfo("America/New_York"))  # the support calendar's zone
>>> evaluation = evaluate(agreement, period, inputs, datetime(2027, 4, 1, tzinfo=UTC))
>>> evaluation.to_dict()["credits"]["total"]
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
