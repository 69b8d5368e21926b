"""The monthly SLA report as a view model (pure): first page, sections, tables and chart specifications.

>>> from datetime import UTC, datetime
>>> from servicepact import load_agreement
>>> from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files
>>> from servicepact.services.evaluation import evaluate_period
>>> from servicepact.testing import write_lines
>>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
>>> tickets = write_lines(TMP / "tickets.csv", "id,created_at,priority,first_response_at,resolved_at",
...     "INC1,2027-03-02T10:00,P1,2027-03-02T11:30,2027-03-03T16:00",
...     "INC2,2027-03-03T10:00,P2,2027-03-03T10:20,2027-03-03T12:00")
>>> inputs = read_evaluation_files(agreement, EvaluationFiles(tickets=tickets)).inputs
>>> evaluation = evaluate_period(agreement, "2027-03", inputs, datetime(2027, 4, 1, tzinfo=UTC))
>>> report = build_report(evaluation, agreement, "en", inputs)
>>> report.summary.verdict
'1 of 3 service levels met; missed: First responses within target and Resolutions within target.'
>>> [level.status_text for level in build_report(evaluation, agreement, "ru", inputs).summary.missed()]
['Не выполнен', 'Не выполнен']
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
