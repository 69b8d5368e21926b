"""The first page: which service levels were met or missed, which credits are due, what is billed on top.

The service levels are the KPIs and the uptime items that :attr:`Evaluation.levels` counts (the CLI and
the dashboard count the same); the credits and the billing come from :mod:`.money`.
"""

from __future__ import annotations

from collections.abc import Sequence

from servicepact.domain.reporting.formatting import DASH
from servicepact.domain.reporting.model import Card, Cell, LevelLine, Status, Summary, Table, Tone
from servicepact.domain.reporting.sections import money
from servicepact.domain.reporting.sections.context import ReportContext

TONE_OF_STATUS = {Status.MET: Tone.GOOD, Status.MISSED: Tone.BAD, Status.NO_DATA: Tone.MUTED}


def summary(context: ReportContext) -> Summary:
    """The first page: the verdict, four cards, the service levels, the credits due and the extras."""
    evaluation, words = context.evaluation, context.words
    _ = words._
    lines = levels(context)
    met = [line for line in lines if line.status is Status.MET]
    missed = [line for line in lines if line.status is Status.MISSED]
    judged = len(met) + len(missed)
    if not judged:
        verdict, tone = _("No service level could be measured in this period."), Tone.MUTED
    elif not missed:
        verdict = (
            _("The service level was met.")
            if judged == 1
            else _("All {n} service levels were met.").format(n=words.number(judged))
        )
        tone = Tone.GOOD
    else:
        verdict = _("{met} of {total} service levels met; missed: {names}.").format(
            met=words.number(len(met)),
            total=words.number(judged),
            names=words.wording.join(line.name for line in missed),
        )
        tone = Tone.BAD
    credits = evaluation.credits
    billing = evaluation.billing
    tickets = evaluation.tickets
    failing = len(evaluation.requirements.failing)
    cards = (
        Card(
            _("Service levels met"),
            _("{met} of {total}").format(met=words.number(len(met)), total=words.number(judged)),
            words.ngettext("{n} missed", "{n} missed", len(missed)) if missed else _("none missed"),
            Tone.BAD if missed else Tone.GOOD if judged else Tone.MUTED,
        ),
        Card(
            _("Service credits due"),
            words.money(credits.total, context.currency),
            money.credits_card_note(context),
            Tone.BAD if credits.total > 0 else Tone.GOOD,
        ),
        Card(
            _("Billed in addition"),
            words.money(billing.total, context.currency),
            money.extras_card_note(context),
        ),
        Card(
            _("Tickets"),
            words.number(tickets.created),
            words.ngettext("{n} breached", "{n} breached", len(tickets.breached)),
            Tone.BAD if tickets.breached else Tone.PLAIN,
        ),
    )
    facts = [
        words.ngettext(
            "{n} ticket was created in the period; {in_scope} within the scope of the SLA.",
            "{n} tickets were created in the period; {in_scope} within the scope of the SLA.",
            tickets.created,
            in_scope=words.number(tickets.in_scope),
        ),
    ]
    if tickets.disputes:
        facts.append(
            words.ngettext(
                "{n} ticket has a priority dispute.",
                "{n} tickets have a priority dispute.",
                len(tickets.disputes),
            )
        )
    if failing:
        facts.append(
            words.ngettext(
                "{n} asset does not meet the client requirements.",
                "{n} assets do not meet the client requirements.",
                failing,
            )
        )
    return Summary(
        verdict=verdict,
        tone=tone,
        cards=cards,
        levels=lines,
        levels_table=levels_table(context, lines),
        credits_table=money.credits_table(context),
        credits_note=money.credits_note(context),
        extras_table=money.extras_table(context),
        extras_note=money.extras_note(context),
        facts=tuple(facts),
    )


def levels(context: ReportContext) -> tuple[LevelLine, ...]:
    """Every service level of the period: the KPIs, then the uptime items that are levels of their own."""
    evaluation, agreement, words = context.evaluation, context.agreement, context.words
    lines = []
    targets = {kpi.id: kpi.target for kpi in (agreement.performance.kpis if agreement.performance else [])}
    for kpi in evaluation.kpis:
        target = targets.get(kpi.kpi_id)
        status = Status(kpi.status.value)
        lines.append(
            LevelLine(
                key=f"kpi.{kpi.kpi_id}",
                name=kpi.name or context.metric_name(kpi.metric),
                target=words.wording.kpi_target(target) if target is not None else DASH,
                value=words.metric_value(kpi.value, kpi.goal),
                status=status,
                status_text=words.status_text(status),
            )
        )
    # The same levels as Evaluation.levels (the CLI and the dashboard count these): an uptime item
    # that a KPI already measures is not a second level.
    counted = {level.key for level in evaluation.levels.items}
    for item in evaluation.uptime:
        if f"uptime.{item.item_id}" not in counted:
            continue
        met = item.met
        status = Status.NO_DATA if met is None else Status.MET if met else Status.MISSED
        lines.append(
            LevelLine(
                key=f"uptime.{item.item_id}",
                name=context.uptime_name(item.item_id),
                target=words.at_least(item.target),
                value=words.percent_or_no_data(item.value.value, item.target),
                status=status,
                status_text=words.status_text(status),
            )
        )
    return tuple(lines)


def levels_table(context: ReportContext, lines: Sequence[LevelLine]) -> Table:
    """The service levels as a table: name, target, result and status."""
    _ = context.words._
    return Table(
        header=(_("Service level"), _("Target"), _("Result"), _("Status")),
        rows=tuple(
            (
                Cell(line.name),
                Cell(line.target),
                Cell(line.value, TONE_OF_STATUS[line.status]),
                Cell(line.status_text, TONE_OF_STATUS[line.status]),
            )
            for line in lines
        ),
        numeric=(False, False, True, False),
        widths=(44, 22, 16, 18),
        empty=_("The agreement sets no KPIs and no uptime targets."),
    )
