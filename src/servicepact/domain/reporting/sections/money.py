"""Service credits and billed work: the first page's credits and extras, and the section with every line.

The first page shows what is due and billed, with a note on how; the section lists each credit line
against its band and each billed or unbilled piece of work.
"""

from __future__ import annotations

from decimal import Decimal

from servicepact.domain.evaluation.billing import BillingRule, CalloutBasis, UnbilledReason
from servicepact.domain.reporting.formatting import DASH
from servicepact.domain.reporting.model import Cell, Section, Table, Tone
from servicepact.domain.reporting.sections.context import SHORT_LIMIT, ReportContext


def credits_card_note(context: ReportContext) -> str:
    """The note under the credits card: of which monthly fee, and whether capped."""
    credits, words = context.evaluation.credits, context.words
    if credits.basis_amount is None:
        return words._("no monthly fee to base credits on")
    note = words._("of the {fee} monthly fee").format(fee=words.money(credits.basis_amount, context.currency))
    if credits.capped:
        note += words._(", capped")
    return note


def credits_table(context: ReportContext) -> Table | None:
    """The credits due on the first page, with their total; None when none is due."""
    words = context.words
    _ = words._
    due = [line for line in context.evaluation.credits.lines if line.amount > 0]
    if not due:
        return None
    rows = [
        (
            Cell(credit_metric_name(context, line.metric)),
            Cell(words.percent(line.value, line.band_below), Tone.BAD),
            Cell(
                _("below {value}").format(value=words.target_percent(line.band_below))
                if line.band_below
                else DASH
            ),
            Cell(words.target_percent(line.credit_percent)),
            Cell(words.money(line.amount, context.currency)),
        )
        for line in due
    ]
    rows.append(
        (
            Cell(_("Total due")),
            Cell(""),
            Cell(""),
            Cell(""),
            Cell(words.money(context.evaluation.credits.total, context.currency), Tone.BAD),
        )
    )
    return Table(
        header=(_("Credit for"), _("Result"), _("Band"), _("Credit"), _("Amount")),
        rows=tuple(rows),
        numeric=(False, True, False, True, True),
        widths=(36, 14, 17, 15, 18),
    )


def credits_note(context: ReportContext) -> str:
    """The sentence under the credits due: the total, and the cap when it applied."""
    credits, words = context.evaluation.credits, context.words
    period = words.period(context.evaluation.period, sentence=True)
    if credits.total == 0:
        return context.words._("No service credits are due for {period}.").format(period=period)
    if credits.capped and credits.cap_percent is not None and credits.cap_amount is not None:
        return context.words._(
            "The credits add up to {subtotal}; the agreement caps them at {cap} of the monthly fee, "
            "so {total} is due."
        ).format(
            subtotal=words.money(credits.subtotal, context.currency),
            cap=words.target_percent(credits.cap_percent),
            total=words.money(credits.total, context.currency),
        )
    return context.words._("{total} is due as service credits for {period}.").format(
        total=words.money(credits.total, context.currency), period=period
    )


def extras_card_note(context: ReportContext) -> str:
    """The note under the billed-in-addition card: how many billing lines."""
    words = context.words
    count = len(context.evaluation.billing.lines)
    return (
        words.ngettext("{n} billing line", "{n} billing lines", count)
        if count
        else words._("nothing beyond the fee")
    )


def extras_table(context: ReportContext) -> Table | None:
    """Billed work by rule with its time worked and billed, the after-hours work reported but not billed,
    and the total: what the total is made of."""
    words = context.words
    _ = words._
    billing = context.evaluation.billing
    if not billing.lines and not billing.unbilled:
        return None
    rows = []
    for rule, name in (
        (BillingRule.AFTER_HOURS_CALLOUT, _("After-hours call-outs")),
        (BillingRule.OUT_OF_SCOPE_DAY, _("Work outside the scope (per ticket and day)")),
    ):
        lines = billing.lines_of(rule)
        if not lines:
            continue
        rows.append(
            (
                Cell(name),
                Cell(words.number(len(lines))),
                Cell(words.duration(sum(line.worked_seconds for line in lines), days=False)),
                Cell(words.duration(sum(line.billed_seconds for line in lines), days=False)),
                Cell(words.money(billing.total_of(rule), context.currency)),
            )
        )
    if billing.unbilled:
        rows.append(
            (
                Cell(_("After-hours work reported, not billed")),
                Cell(words.number(len(billing.unbilled))),
                Cell(words.duration(billing.after_hours_unbilled_seconds, days=False)),
                Cell(DASH),
                Cell(words.money(Decimal("0.00"), context.currency)),
            )
        )
    rows.append(
        (
            Cell(_("Total billed")),
            Cell(""),
            Cell(""),
            Cell(""),
            Cell(words.money(billing.total, context.currency)),
        )
    )
    return Table(
        header=(_("Billed work"), _("Lines"), _("Time worked"), _("Time billed"), _("Amount")),
        rows=tuple(rows),
        numeric=(False, True, True, True, True),
        widths=(40, 10, 16, 16, 18),
    )


def extras_note(context: ReportContext) -> str:
    """How the billed time is counted, and why some after-hours work is not billed."""
    billing, words = context.evaluation.billing, context.words
    _ = words._
    sentences = []
    if not billing.lines:
        sentences.append(_("No work is billed beyond the monthly fee."))
    else:
        parts = []
        if billing.hourly_rate is not None:
            parts.append(
                _("Hourly rate {rate}").format(rate=words.money(billing.hourly_rate, context.currency))
            )
            if billing.surcharge != 1:
                parts.append(
                    _("after hours × {surcharge}").format(
                        surcharge=words.number(billing.surcharge.normalize())
                    )
                )
        if billing.minimum_seconds:
            parts.append(
                _("at least {time} per after-hours call-out").format(
                    time=words.duration(billing.minimum_seconds)
                )
            )
        if billing.increment_seconds:
            parts.append(_("rounded up to {time}").format(time=words.duration(billing.increment_seconds)))
        sentences.append("; ".join(parts) + ".")
    if billing.after_hours_available:
        covered = billing.after_hours_priorities
        sentences.append(
            _("After-hours work is billed for every priority, or where the client asked for it beforehand.")
            if covered is None
            else _(
                "After-hours work is billed for {priorities}, or where the client asked for it beforehand."
            ).format(priorities=words.wording.join(covered) if covered else DASH)
        )
        sentences.append(
            _(
                "A ticket's after-hours work less than {gap} apart is one call-out, billed for the time "
                "worked (not the gaps), raised to the minimum and rounded up."
            ).format(gap=words.duration(billing.callout_gap_seconds))
        )
    if billing.unbilled:
        sentences.append(
            _("{time} of after-hours work without after-hours service is reported, not billed.").format(
                time=words.duration(billing.after_hours_unbilled_seconds, days=False)
            )
        )
    return " ".join(sentences)


def money_section(context: ReportContext) -> Section | None:
    """Every credit line with its band, every billed and unbilled piece of work; None when there are none."""
    words = context.words
    _ = words._
    credits, billing = context.evaluation.credits, context.evaluation.billing
    if not credits.lines and not billing.lines and not billing.unbilled:
        return None
    tables = []
    if credits.lines:
        rows = [
            (
                Cell(credit_metric_name(context, line.metric)),
                Cell(words.percent(line.value, line.band_below)),
                Cell(
                    _("below {value}").format(value=words.target_percent(line.band_below))
                    if line.band_below is not None
                    else _("no credit")
                ),
                Cell(words.money(line.amount, context.currency), Tone.BAD if line.amount > 0 else Tone.PLAIN),
            )
            for line in credits.lines
        ]
        rows.append(
            (Cell(_("Subtotal")), Cell(""), Cell(""), Cell(words.money(credits.subtotal, context.currency)))
        )
        if credits.cap_amount is not None and credits.cap_percent is not None:
            rows.append(
                (
                    Cell(
                        _("Cap ({percent} of the monthly fee)").format(
                            percent=words.target_percent(credits.cap_percent)
                        )
                    ),
                    Cell(""),
                    Cell(""),
                    Cell(words.money(credits.cap_amount, context.currency)),
                )
            )
        rows.append(
            (Cell(_("Total due")), Cell(""), Cell(""), Cell(words.money(credits.total, context.currency)))
        )
        tables.append(
            Table(
                header=(_("Credit for"), _("Result"), _("Band"), _("Amount")),
                rows=tuple(rows),
                numeric=(False, True, False, True),
                widths=(40, 20, 20, 20),
                caption=_("Service credits"),
            )
        )
    rules = {
        BillingRule.AFTER_HOURS_CALLOUT: _("after-hours call-out"),
        BillingRule.OUT_OF_SCOPE_DAY: _("out-of-scope day"),
    }
    # Why each call-out is billable, so that the client can check it against the agreement.
    bases = {
        CalloutBasis.COVERED_PRIORITY: _("its priority has after-hours service"),
        CalloutBasis.APPROVED: _("requested by the client"),
    }
    tables.append(
        Table(
            header=(
                _("Ticket"),
                _("Rule"),
                _("Work"),
                _("Worked"),
                _("With the minimum"),
                _("Billed"),
                _("Rate"),
                _("Amount"),
            ),
            rows=tuple(
                (
                    Cell(f"{line.ticket_id} · {line.priority}" if line.priority else line.ticket_id),
                    Cell(rules[line.rule] + (f" ({bases[line.basis]})" if line.basis else "")),
                    Cell(words.work_intervals(line.intervals)),
                    Cell(words.duration(line.worked_seconds, days=False)),
                    Cell(words.duration(line.after_minimum_seconds, days=False)),
                    Cell(words.duration(line.billed_seconds, days=False)),
                    Cell(words.money(line.rate, context.currency)),
                    Cell(words.money(line.amount, context.currency)),
                )
                for line in billing.lines[:SHORT_LIMIT]
            ),
            numeric=(False, False, False, True, True, True, True, True),
            widths=(12, 12, 28, 9, 9, 9, 10, 11),
            more=words.more(len(billing.lines), SHORT_LIMIT),
            empty=_("No work is billed beyond the monthly fee."),
            caption=_("Billed work"),
        )
    )
    if billing.unbilled:
        reasons = {
            UnbilledReason.NOT_COVERED: _("no after-hours service for this priority"),
            UnbilledReason.UNAVAILABLE: _("the agreement has no after-hours service"),
            UnbilledReason.NO_RATE: _("the agreement has no hourly rate"),
            UnbilledReason.OUT_OF_SCOPE: _("out of scope, not billable"),
        }
        tables.append(
            Table(
                header=(_("Ticket"), _("Work"), _("After hours"), _("Not billed because")),
                rows=tuple(
                    (
                        Cell(f"{work.ticket_id} · {work.priority}" if work.priority else work.ticket_id),
                        Cell(words.work_intervals(work.intervals)),
                        Cell(words.duration(work.seconds, days=False)),
                        Cell(reasons[work.reason]),
                    )
                    for work in billing.unbilled[:SHORT_LIMIT]
                ),
                numeric=(False, False, True, False),
                widths=(14, 40, 12, 34),
                more=words.more(len(billing.unbilled), SHORT_LIMIT),
                caption=_("After-hours work reported, not billed"),
            )
        )
    return Section("money", _("Service credits and billed work"), (), (), tuple(tables))


def credit_metric_name(context: ReportContext, metric: str) -> str:
    """The name of what a credit line is for: the KPI's own name, or the metric's."""
    if metric.startswith("kpi."):
        kpi = context.evaluation.kpi(metric.removeprefix("kpi."))
        if kpi is not None:
            return kpi.name or context.metric_name(kpi.metric)
    return context.metric_name(metric)
