"""The monthly SLA report as a view model (pure): first page, sections, tables and chart specifications.

>>> from servicepact.domain.reporting import build_report  # doctest: +SKIP
>>> report = build_report(evaluation, agreement, "en", inputs)  # doctest: +SKIP
>>> report.summary.verdict  # doctest: +SKIP
'4 of 6 service levels met; missed: First responses within target and Uptime: E-mail service.'
"""

from servicepact.domain.reporting.build import build_report
from servicepact.domain.reporting.formatting import ReportWords
from servicepact.domain.reporting.model import (
    BandChart,
    BandPanel,
    BarChart,
    Card,
    Cell,
    Chart,
    Labels,
    LevelLine,
    Report,
    Section,
    Series,
    Span,
    Status,
    StepChart,
    StepPanel,
    Summary,
    Table,
    Timeline,
    TimelineRow,
    Tone,
)
from servicepact.domain.reporting.sections.context import LIST_LIMIT, SHORT_LIMIT
from servicepact.domain.reporting.series import (
    BackupAge,
    PriorityBands,
    backup_ages,
    largest_ages,
    time_bands,
)

__all__ = [
    "LIST_LIMIT",
    "SHORT_LIMIT",
    "BackupAge",
    "BandChart",
    "BandPanel",
    "BarChart",
    "Card",
    "Cell",
    "Chart",
    "Labels",
    "LevelLine",
    "PriorityBands",
    "Report",
    "ReportWords",
    "Section",
    "Series",
    "Span",
    "Status",
    "StepChart",
    "StepPanel",
    "Summary",
    "Table",
    "Timeline",
    "TimelineRow",
    "Tone",
    "backup_ages",
    "build_report",
    "largest_ages",
    "time_bands",
]
