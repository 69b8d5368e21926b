"""Response and resolution times: each priority's means against its targets, and when the clocks stopped."""

from __future__ import annotations

from servicepact.domain.evaluation import MetricValue
from servicepact.domain.reporting.formatting import DASH, ReportWords
from servicepact.domain.reporting.model import BandChart, BandPanel, Cell, Chart, Section, Table, Tone
from servicepact.domain.reporting.sections.context import ReportContext
from servicepact.domain.reporting.series import time_bands


def times_section(context: ReportContext) -> Section:
    """Mean times against targets by priority; with the records, a chart of the clocks' bands."""
    words = context.words
    _ = words._
    support = context.agreement.support
    rows = []
    for stats in context.evaluation.tickets.by_priority:
        response_target, resolution_target = targets_of(context, stats.priority)
        rows.append(
            (
                Cell(context.priority_label(stats.priority)),
                Cell(response_target[0]),
                mean_cell(words, stats.mean_response_time, response_target[1]),
                Cell(resolution_target[0]),
                mean_cell(words, stats.mean_resolution_time, resolution_target[1]),
            )
        )
    table = Table(
        header=(
            _("Priority"),
            _("Response target"),
            _("Mean response"),
            _("Resolution target"),
            _("Mean resolution"),
        ),
        rows=tuple(rows),
        numeric=(False, True, True, True, True),
        widths=(28, 18, 18, 18, 18),
        empty=_("No tickets in the period."),
    )
    charts: tuple[Chart, ...] = ()
    if context.inputs is not None and support is not None:
        bands = time_bands(context.agreement, context.evaluation, context.inputs)
        if bands:
            charts = (
                BandChart(
                    key="times",
                    title=_("When the clocks stopped, against their targets"),
                    panels=(
                        BandPanel(
                            _("Response"),
                            tuple(context.priority_label(band.priority) for band in bands),
                            tuple(_shares(band.response) for band in bands),
                        ),
                        BandPanel(
                            _("Resolution"),
                            tuple(context.priority_label(band.priority) for band in bands),
                            tuple(_shares(band.resolution) for band in bands),
                        ),
                    ),
                    bands=(
                        _("within half the target"),
                        _("within the target"),
                        _("late, within twice the target"),
                        _("later"),
                    ),
                    x_label=_("% of the tickets of the priority"),
                    empty=_("no stopped clocks"),
                ),
            )
    paragraphs = (
        _(
            "Times are business time in the calendar of each priority, pauses excluded. Means are over "
            "the clocks that stopped."
        ),
    )
    return Section("times", _("Response and resolution times"), paragraphs, charts, (table,))


def targets_of(
    context: ReportContext, priority: str
) -> tuple[tuple[str, int | None], tuple[str, int | None]]:
    """The response and the resolution target of ``priority``: as written, and in business seconds."""
    support = context.agreement.support
    words = context.words
    target = support.targets.get(priority) if support is not None else None
    if support is None or target is None:
        return (DASH, None), (DASH, None)
    calendar = context.agreement.calendar(support.target_calendar(priority))
    found: list[tuple[str, int | None]] = []
    for duration in (target.response, target.resolution):
        if duration is None:
            found.append((DASH, None))
            continue
        seconds = int(duration.business_time(calendar.day_length).total_seconds())
        found.append((words.target(duration, seconds), seconds))
    return found[0], found[1]


def mean_cell(words: ReportWords, value: MetricValue, target_seconds: int | None) -> Cell:
    """A mean time, good or bad against its target; a muted dash when no clock stopped."""
    if value.value is None:
        return Cell(DASH, Tone.MUTED)
    tone = Tone.PLAIN if target_seconds is None else Tone.GOOD if value.value <= target_seconds else Tone.BAD
    return Cell(words.duration(value.value, days=False), tone)


def _shares(counts: tuple[int, ...]) -> tuple[float, ...]:
    """Each count as a percentage of their sum (all zero when the sum is)."""
    total = sum(counts)
    return tuple(100 * count / total if total else 0.0 for count in counts)
