"""Attainment by priority: the share of tickets within their response and resolution targets."""

from __future__ import annotations

from decimal import Decimal

from servicepact.domain.evaluation import KpiStatus, MetricValue
from servicepact.domain.reporting.formatting import DASH, ReportWords
from servicepact.domain.reporting.model import BarChart, Cell, Section, Series, Table, Tone
from servicepact.domain.reporting.sections.context import ReportContext


def attainment_section(context: ReportContext) -> Section:
    """Tickets within target by priority, as a bar chart against the KPI goals and a table."""
    words = context.words
    _ = words._
    by_priority = context.evaluation.tickets.by_priority
    response_goal = kpi_goal(context, "response_within_target")
    resolution_goal = kpi_goal(context, "resolution_within_target")
    chart = BarChart(
        key="attainment",
        title=_("Tickets within target by priority"),
        categories=tuple(context.priority_label(stats.priority) for stats in by_priority),
        series=(
            Series(
                _("Response"),
                tuple(_float(stats.response_within_target.value) for stats in by_priority),
                _float(response_goal),
            ),
            Series(
                _("Resolution"),
                tuple(_float(stats.resolution_within_target.value) for stats in by_priority),
                _float(resolution_goal),
            ),
        ),
        target_label=_("{series} target"),
        y_label=_("% of tickets within target"),
        empty=_("No tickets in the period"),
    )
    rows = []
    for stats in by_priority:
        rows.append(
            (
                Cell(context.priority_label(stats.priority)),
                Cell(words.number(stats.tickets)),
                ratio_cell(words, stats.response_within_target, response_goal),
                ratio_cell(words, stats.resolution_within_target, resolution_goal),
            )
        )
    tickets = context.evaluation.tickets
    rows.append(
        (
            Cell(_("All priorities")),
            Cell(words.number(tickets.in_scope)),
            ratio_cell(words, tickets.response_within_target, response_goal),
            ratio_cell(words, tickets.resolution_within_target, resolution_goal),
        )
    )
    table = Table(
        header=(
            _("Priority"),
            _("Tickets in scope"),
            _("Responses within target"),
            _("Resolutions within target"),
        ),
        rows=tuple(rows),
        numeric=(False, True, True, True),
        widths=(34, 18, 24, 24),
    )
    paragraphs = [
        _(
            "Tickets created in the period and within the scope of the SLA; a ratio counts the clocks "
            "that stopped (in time or late), not those still running."
        )
    ]
    return Section("attainment", _("Attainment by priority"), tuple(paragraphs), (chart,), (table,))


def kpi_goal(context: ReportContext, metric: str) -> Decimal | None:
    """The goal of the KPI on ``metric`` (one with data first); None when no KPI measures it."""
    return next(
        (
            kpi.goal
            for kpi in context.evaluation.kpis
            if kpi.metric == metric and kpi.goal is not None and kpi.status != KpiStatus.NO_DATA
        ),
        next((kpi.goal for kpi in context.evaluation.kpis if kpi.metric == metric), None),
    )


def ratio_cell(words: ReportWords, value: MetricValue, goal: Decimal | None) -> Cell:
    """A share within target, good or bad against ``goal``; a muted dash when nothing was measured."""
    if value.value is None:
        return Cell(DASH, Tone.MUTED)
    tone = Tone.PLAIN if goal is None else Tone.GOOD if value.value >= goal else Tone.BAD
    return Cell(words.percent(value.value, goal), tone)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
