"""Readers for the input data of spec §5 (CSV or JSON lists) and for two real-world exports.

Every reader reports bad rows as :class:`RowProblem` (file, line, column, reason) and raises
:class:`DataFileError` (a ``DataRowError``) listing them unless ``skip_bad_rows`` is set.
"""

from servicepact.adapters.inputs.assets import AssetsRead, read_assets
from servicepact.adapters.inputs.backups import (
    BackupRunsRead,
    RestoreTestsRead,
    read_backup_runs,
    read_restore_tests,
)
from servicepact.adapters.inputs.coverage import CoverageRead, CoverageSpan, read_coverage, spans_to_coverage
from servicepact.adapters.inputs.events import EventsRead, read_ticket_events
from servicepact.adapters.inputs.outages import OutagesRead, read_outages
from servicepact.adapters.inputs.problems import DataFileError, RowProblem
from servicepact.adapters.inputs.tickets import TicketBatchRead, TicketsRead, read_ticket_batch, read_tickets
from servicepact.adapters.inputs.uci import ServiceNowLog, ServiceNowUpdate, read_servicenow_log
from servicepact.adapters.inputs.upptime import Check, checks_coverage, checks_to_outages, read_monitor_checks

__all__ = [
    "AssetsRead",
    "BackupRunsRead",
    "Check",
    "CoverageRead",
    "CoverageSpan",
    "DataFileError",
    "EventsRead",
    "OutagesRead",
    "RestoreTestsRead",
    "RowProblem",
    "ServiceNowLog",
    "ServiceNowUpdate",
    "TicketBatchRead",
    "TicketsRead",
    "checks_coverage",
    "checks_to_outages",
    "read_assets",
    "read_backup_runs",
    "read_coverage",
    "read_monitor_checks",
    "read_outages",
    "read_restore_tests",
    "read_servicenow_log",
    "read_ticket_batch",
    "read_ticket_events",
    "read_tickets",
    "spans_to_coverage",
]
