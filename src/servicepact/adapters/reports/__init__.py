"""The monthly SLA report as HTML or PDF (issue 5); the JSON is ``Evaluation.to_dict()``.

:func:`render_report` is what ``servicepact evaluate -o report.html|report.pdf`` and the web UI call.
The PDF is WeasyPrint's print of the same HTML page, so its charts are the very SVG strings of the HTML.

>>> from datetime import UTC, datetime
>>> from servicepact import load_agreement
>>> from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files
>>> from servicepact.services.evaluation import evaluate_period
>>> from servicepact.testing import write_lines
>>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
>>> tickets = write_lines(TMP / "tickets.csv", "id,created_at,priority", "INC1,2027-03-02T10:00,P1")
>>> inputs = read_evaluation_files(agreement, EvaluationFiles(tickets=tickets)).inputs
>>> evaluation = evaluate_period(agreement, "2027-03", inputs, datetime(2027, 4, 1, tzinfo=UTC))
>>> render_report(evaluation, agreement, "html", "ru", TMP / "march.html", inputs=inputs).name
'march.html'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from servicepact.adapters.reports.charts import chart_svg
from servicepact.adapters.reports.html import ReportHtml
from servicepact.adapters.weasyprint_pdf import html_to_pdf
from servicepact.domain.agreement import Agreement
from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Evaluation, EvaluationInputs
from servicepact.domain.reporting import Report, build_report

FORMATS = ("html", "pdf")

__all__ = ["FORMATS", "RenderedReport", "ReportHtml", "chart_svg", "render_report", "report_html"]


@dataclass(frozen=True)
class RenderedReport:
    """The view model, each chart's SVG (by chart key) and the HTML page that holds them."""

    report: Report
    charts: dict[str, str]
    html: str


def report_html(
    evaluation: Evaluation,
    agreement: Agreement,
    language: str | None = None,
    inputs: EvaluationInputs | None = None,
) -> RenderedReport:
    """Build the report, draw its charts and lay it out as HTML (the PDF prints this page)."""
    report = build_report(evaluation, agreement, language, inputs)
    charts = {chart.key: chart_svg(chart) for chart in report.chart_specs()}
    return RenderedReport(report, charts, ReportHtml().html(report, charts))


def render_report(
    evaluation: Evaluation,
    agreement: Agreement,
    fmt: str,
    lang: str | None,
    output: Path,
    *,
    inputs: EvaluationInputs | None = None,
) -> Path:
    """Write the report of ``evaluation`` as ``fmt`` (``html`` or ``pdf``) in ``lang`` (None: the
    agreement's language) to ``output``; ``inputs`` add the charts drawn from the period's records.

    Returns ``output``.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r}; choose html or pdf (JSON is the evaluation itself)")
    if lang is not None and lang not in ("en", "ru"):
        raise InputError(f"unknown report language {lang!r}; choose en or ru")
    rendered = report_html(evaluation, agreement, lang, inputs)
    if fmt == "html":
        output.write_text(rendered.html, encoding="utf-8")
    else:
        output.write_bytes(html_to_pdf(rendered.html))
    return output
