"""Uptime: each item against its target, its outages, and what monitoring did not see."""

from __future__ import annotations

from collections.abc import Sequence

from servicepact.domain.evaluation import OutageTreatment, UptimeResult
from servicepact.domain.reporting.formatting import DASH
from servicepact.domain.reporting.model import Cell, Section, Span, Table, Timeline, TimelineRow, Tone
from servicepact.domain.reporting.sections.context import SHORT_LIMIT, ReportContext


def uptime_section(context: ReportContext) -> Section | None:
    """Uptime by item, the outages and a timeline of them; None when the agreement has no uptime."""
    words = context.words
    _ = words._
    items = context.evaluation.uptime
    if not items:
        return None
    rows = []
    for item in items:
        tone = Tone.MUTED if item.met is None else Tone.GOOD if item.met else Tone.BAD
        rows.append(
            (
                Cell(context.item_name(item.item_id)),
                Cell(words.at_least(item.target)),
                Cell(words.percent_or_no_data(item.value.value, item.target), tone),
                Cell(words.duration(item.downtime_seconds)),
                Cell(words.duration(item.scheduled_maintenance_seconds)),
                # No monitoring covered the item: no budget to speak of, neither used nor left.
                Cell(DASH, Tone.MUTED)
                if item.met is None
                else Cell(
                    words.duration(item.budget_left_seconds),
                    Tone.BAD if item.budget_left_seconds < 0 else Tone.PLAIN,
                ),
            )
        )
    items_table = Table(
        header=(
            _("Service"),
            _("Target"),
            _("Uptime"),
            _("Downtime"),
            _("Scheduled maintenance"),
            _("Downtime budget left"),
        ),
        rows=tuple(rows),
        numeric=(False, False, True, True, True, True),
        widths=(26, 16, 14, 14, 15, 15),
    )
    outages = sorted(
        ((item, outage) for item in items for outage in item.outages), key=lambda pair: pair[1].start
    )
    treatment = {
        OutageTreatment.DOWNTIME: _("downtime"),
        OutageTreatment.SCHEDULED: _("scheduled maintenance"),
        OutageTreatment.PARTLY_SCHEDULED: _("partly scheduled"),
    }
    outage_rows = tuple(
        (
            Cell(context.item_name(item.item_id)),
            Cell(words.instant(outage.start)),
            Cell(words.instant(outage.end) if outage.end is not None else _("still down")),
            Cell(words.duration(outage.seconds)),
            Cell(
                treatment[outage.treatment],
                Tone.BAD if outage.treatment is OutageTreatment.DOWNTIME else Tone.MUTED,
            ),
        )
        for item, outage in outages[:SHORT_LIMIT]
    )
    outage_table = Table(
        header=(_("Service"), _("Start"), _("End"), _("Length in the period"), _("Counted as")),
        rows=outage_rows,
        numeric=(False, False, False, True, False),
        widths=(26, 19, 19, 16, 20),
        more=words.more(len(outages), SHORT_LIMIT),
        empty=_("No outages in the period."),
        caption=_("Outages"),
    )
    low, high = context.evaluation.period.start_seconds, context.evaluation.period.end_seconds
    chart = Timeline(
        key="uptime",
        title=_("Outages and maintenance over the period"),
        rows=tuple(
            TimelineRow(
                context.item_name(item.item_id),
                tuple(
                    Span(
                        outage.start,
                        outage.end if outage.end is not None else item.measured_to,
                        outage.treatment.value,
                    )
                    for outage in item.outages
                ),
            )
            for item in items
        ),
        start=low,
        end=high,
        ticks=words.ticks(context.evaluation.period),
        kinds=(
            (OutageTreatment.DOWNTIME.value, _("downtime")),
            (OutageTreatment.SCHEDULED.value, _("scheduled maintenance")),
            (OutageTreatment.PARTLY_SCHEDULED.value, _("partly scheduled")),
        ),
    )
    paragraphs = [
        _(
            "Uptime is measured on the wall clock over the period. Scheduled maintenance inside the "
            "maintenance windows, or announced in time, is not downtime where the agreement excludes it."
        ),
    ]
    paragraphs += coverage_notes(context, items)
    return Section("uptime", _("Uptime"), tuple(paragraphs), (chart,), (items_table, outage_table))


def coverage_notes(context: ReportContext, items: Sequence[UptimeResult]) -> list[str]:
    """What monitoring did not see (spec §3: no data is not success): the items no source covered,
    and those measured over part of the period only."""
    words = context.words
    _ = words._
    notes = []
    unseen = [context.item_name(item.item_id) for item in items if item.covered_seconds == 0]
    if unseen:
        notes.append(
            _(
                "No monitoring covered {items} in this period, so there is no uptime figure for it: "
                "no data is neither met nor missed, and earns no credit."
            ).format(items=", ".join(unseen))
        )
    for item in items:
        if item.covered_seconds and item.uncovered_seconds:
            notes.append(
                _("{item}: measured over the {covered} that monitoring covered, of {length}.").format(
                    item=context.item_name(item.item_id),
                    covered=words.duration(item.covered_seconds),
                    length=words.duration(item.measured_to - item.measured_from),
                )
            )
    return notes
