"""Build the monthly SLA report of an evaluation in a language.

The first page answers three questions: which service levels were met or missed, which credits are due,
and what is billed on top of the fee. The sections after it give the details: attainment by priority,
times against targets, uptime with its outages, backups against the RPO, the breached tickets, the
non-compliant assets, the priority disputes, and every credit and billing line.

Long lists are cut at :data:`LIST_LIMIT` or :data:`SHORT_LIMIT` rows with "and N more"; the evaluation's
JSON carries them all.
Every number printed in the text and tables comes from the :class:`Evaluation`; the two charts that need
the period's records (times against targets, backup age) are drawn only when ``inputs`` are given.

>>> report = build_report(evaluation, agreement, "ru", inputs)  # doctest: +SKIP
>>> [level.status_text for level in report.summary.missed()]  # doctest: +SKIP
['Не выполнен']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from babel.dates import format_time

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import CheckOperator
from servicepact.domain.contract import default_page_size
from servicepact.domain.evaluation import (
    Evaluation,
    EvaluationInputs,
    KpiStatus,
    MetricValue,
    OutageTreatment,
    TicketEntry,
    Unit,
    UptimeResult,
)
from servicepact.domain.evaluation.billing import BillingRule, CalloutBasis, UnbilledReason
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
from servicepact.domain.reporting.series import backup_ages, time_bands
from servicepact.domain.reporting.words import DASH, HOUR, ReportWords

LIST_LIMIT = 200
"""Breached tickets the report prints; the JSON has all of them."""
SHORT_LIMIT = 100
"""Rows of the other long lists (outages, tickets outside the SLA, assets, disputes, billing lines).
Every row costs PDF time (WeasyPrint lays out about 60 table rows a second on a busy machine)."""

HOUR_SECONDS = HOUR
_TONE = {Status.MET: Tone.GOOD, Status.MISSED: Tone.BAD, Status.NO_DATA: Tone.MUTED}


def build_report(
    evaluation: Evaluation,
    agreement: Agreement,
    language: str | None = None,
    inputs: EvaluationInputs | None = None,
) -> Report:
    """The report of ``evaluation`` in ``language`` (default: the agreement's language).

    ``inputs`` (the records the evaluation was made from) add the two charts that need them.
    """
    return _Builder(evaluation, agreement, language or agreement.language.value, inputs).report()


class _Builder:
    def __init__(
        self, evaluation: Evaluation, agreement: Agreement, language: str, inputs: EvaluationInputs | None
    ) -> None:
        self.e = evaluation
        self.a = agreement
        self.inputs = inputs
        self.w = ReportWords(language, evaluation.period.zone)
        self._ = self.w._
        self.currency = evaluation.currency
        self.priority_names = {
            level.id: level.name for level in (agreement.priorities.levels if agreement.priorities else [])
        }

    # the whole ---------------------------------------------------------------------------------------

    def report(self) -> Report:
        _ = self._
        period = self.w.period(self.e.period)
        title = _("Service level report")
        labels = Labels(
            summary=_("Summary"),
            details=_("Details"),
            contents=_("Contents"),
            levels=_("Service levels"),
            credits=_("Service credits due"),
            extras=_("Billed in addition to the fee"),
            page_of=_("Page {page} of {pages}"),
            header=f"{self.e.client} · {period}",
            footer=_("Every figure of this report, and every listed item, is in its JSON export."),
        )
        meta = (
            _("Agreement {id}, version {version}").format(
                id=self.e.agreement_id, version=self.e.agreement_version
            ),
            _("Evaluated as of {instant}").format(instant=self.w.instant_with_year(self.e.evaluated_at)),
            _("Times are {zone}").format(zone=self.w.wording.zone(self.e.period.zone)),
        )
        return Report(
            language=self.w.language,
            page_size=default_page_size(self.w.language).value,
            title=title,
            provider=self.e.provider,
            client=self.e.client,
            period=period,
            subtitle=_("{client} · {period}").format(client=self.e.client, period=period),
            meta=meta,
            summary=self.summary(),
            sections=tuple(
                section
                for section in (
                    self.attainment(),
                    self.times(),
                    self.uptime(),
                    self.backups(),
                    self.breached(),
                    self.outside_sla(),
                    self.assets(),
                    self.disputes(),
                    self.money_lines(),
                )
                if section is not None
            ),
            labels=labels,
        )

    # first page --------------------------------------------------------------------------------------

    def levels(self) -> tuple[LevelLine, ...]:
        lines = []
        targets = {kpi.id: kpi.target for kpi in (self.a.performance.kpis if self.a.performance else [])}
        for kpi in self.e.kpis:
            target = targets.get(kpi.kpi_id)
            status = Status(kpi.status.value)
            lines.append(
                LevelLine(
                    key=f"kpi.{kpi.kpi_id}",
                    name=kpi.name or self.metric_name(kpi.metric),
                    target=self.w.wording.kpi_target(target) if target is not None else DASH,
                    value=self.metric_value(kpi.value, kpi.goal),
                    status=status,
                    status_text=self.status_text(status),
                )
            )
        # The same levels as Evaluation.levels (the CLI and the dashboard count these): an uptime item
        # that a KPI already measures is not a second level.
        counted = {level.key for level in self.e.levels.items}
        for item in self.e.uptime:
            if f"uptime.{item.item_id}" not in counted:
                continue
            met = item.met
            status = Status.NO_DATA if met is None else Status.MET if met else Status.MISSED
            lines.append(
                LevelLine(
                    key=f"uptime.{item.item_id}",
                    name=self.uptime_name(item.item_id),
                    target=self.at_least(item.target),
                    value=self.percent_or_no_data(item.value.value, item.target),
                    status=status,
                    status_text=self.status_text(status),
                )
            )
        return tuple(lines)

    def summary(self) -> Summary:
        _, w = self._, self.w
        levels = self.levels()
        met = [line for line in levels if line.status is Status.MET]
        missed = [line for line in levels if line.status is Status.MISSED]
        judged = len(met) + len(missed)
        if not judged:
            verdict, tone = _("No service level could be measured in this period."), Tone.MUTED
        elif not missed:
            verdict = (
                _("The service level was met.")
                if judged == 1
                else _("All {n} service levels were met.").format(n=w.number(judged))
            )
            tone = Tone.GOOD
        else:
            verdict = _("{met} of {total} service levels met; missed: {names}.").format(
                met=w.number(len(met)),
                total=w.number(judged),
                names=w.wording.join(line.name for line in missed),
            )
            tone = Tone.BAD
        credits = self.e.credits
        billing = self.e.billing
        tickets = self.e.tickets
        failing = len(self.e.requirements.failing)
        cards = (
            Card(
                _("Service levels met"),
                _("{met} of {total}").format(met=w.number(len(met)), total=w.number(judged)),
                w.ngettext("{n} missed", "{n} missed", len(missed)) if missed else _("none missed"),
                Tone.BAD if missed else Tone.GOOD if judged else Tone.MUTED,
            ),
            Card(
                _("Service credits due"),
                w.money(credits.total, self.currency),
                self.credits_card_note(),
                Tone.BAD if credits.total > 0 else Tone.GOOD,
            ),
            Card(
                _("Billed in addition"),
                w.money(billing.total, self.currency),
                self.extras_card_note(),
            ),
            Card(
                _("Tickets"),
                w.number(tickets.created),
                w.ngettext("{n} breached", "{n} breached", len(tickets.breached)),
                Tone.BAD if tickets.breached else Tone.PLAIN,
            ),
        )
        facts = [
            w.ngettext(
                "{n} ticket was created in the period; {in_scope} within the scope of the SLA.",
                "{n} tickets were created in the period; {in_scope} within the scope of the SLA.",
                tickets.created,
                in_scope=w.number(tickets.in_scope),
            ),
        ]
        if tickets.disputes:
            facts.append(
                w.ngettext(
                    "{n} ticket has a priority dispute.",
                    "{n} tickets have a priority dispute.",
                    len(tickets.disputes),
                )
            )
        if failing:
            facts.append(
                w.ngettext(
                    "{n} asset does not meet the client requirements.",
                    "{n} assets do not meet the client requirements.",
                    failing,
                )
            )
        return Summary(
            verdict=verdict,
            tone=tone,
            cards=cards,
            levels=levels,
            levels_table=self.levels_table(levels),
            credits_table=self.credits_table(),
            credits_note=self.credits_note(),
            extras_table=self.extras_table(),
            extras_note=self.extras_note(),
            facts=tuple(facts),
        )

    def levels_table(self, levels: Sequence[LevelLine]) -> Table:
        _ = self._
        return Table(
            header=(_("Service level"), _("Target"), _("Result"), _("Status")),
            rows=tuple(
                (
                    Cell(line.name),
                    Cell(line.target),
                    Cell(line.value, _TONE[line.status]),
                    Cell(line.status_text, _TONE[line.status]),
                )
                for line in levels
            ),
            numeric=(False, False, True, False),
            widths=(44, 22, 16, 18),
            empty=_("The agreement sets no KPIs and no uptime targets."),
        )

    def credits_card_note(self) -> str:
        credits = self.e.credits
        if credits.basis_amount is None:
            return self._("no monthly fee to base credits on")
        note = self._("of the {fee} monthly fee").format(
            fee=self.w.money(credits.basis_amount, self.currency)
        )
        if credits.capped:
            note += self._(", capped")
        return note

    def credits_table(self) -> Table | None:
        _, w = self._, self.w
        due = [line for line in self.e.credits.lines if line.amount > 0]
        if not due:
            return None
        rows = [
            (
                Cell(self.credit_metric_name(line.metric)),
                Cell(w.percent(line.value, line.band_below), Tone.BAD),
                Cell(
                    _("below {value}").format(value=w.target_percent(line.band_below))
                    if line.band_below
                    else DASH
                ),
                Cell(w.target_percent(line.credit_percent)),
                Cell(w.money(line.amount, self.currency)),
            )
            for line in due
        ]
        rows.append(
            (
                Cell(_("Total due")),
                Cell(""),
                Cell(""),
                Cell(""),
                Cell(w.money(self.e.credits.total, self.currency), Tone.BAD),
            )
        )
        return Table(
            header=(_("Credit for"), _("Result"), _("Band"), _("Credit"), _("Amount")),
            rows=tuple(rows),
            numeric=(False, True, False, True, True),
            widths=(36, 14, 17, 15, 18),
        )

    def credits_note(self) -> str:
        credits, w = self.e.credits, self.w
        period = w.period(self.e.period, sentence=True)
        if credits.total == 0:
            return self._("No service credits are due for {period}.").format(period=period)
        if credits.capped and credits.cap_percent is not None and credits.cap_amount is not None:
            return self._(
                "The credits add up to {subtotal}; the agreement caps them at {cap} of the monthly fee, "
                "so {total} is due."
            ).format(
                subtotal=w.money(credits.subtotal, self.currency),
                cap=w.target_percent(credits.cap_percent),
                total=w.money(credits.total, self.currency),
            )
        return self._("{total} is due as service credits for {period}.").format(
            total=w.money(credits.total, self.currency), period=period
        )

    def extras_card_note(self) -> str:
        count = len(self.e.billing.lines)
        return (
            self.w.ngettext("{n} billing line", "{n} billing lines", count)
            if count
            else self._("nothing beyond the fee")
        )

    def extras_table(self) -> Table | None:
        """Billed work by rule with its time worked and billed, the after-hours work reported but not billed,
        and the total: what the total is made of."""
        _, w = self._, self.w
        billing = self.e.billing
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
                    Cell(w.number(len(lines))),
                    Cell(w.duration(sum(line.worked_seconds for line in lines), days=False)),
                    Cell(w.duration(sum(line.billed_seconds for line in lines), days=False)),
                    Cell(w.money(billing.total_of(rule), self.currency)),
                )
            )
        if billing.unbilled:
            rows.append(
                (
                    Cell(_("After-hours work reported, not billed")),
                    Cell(w.number(len(billing.unbilled))),
                    Cell(w.duration(billing.after_hours_unbilled_seconds, days=False)),
                    Cell(DASH),
                    Cell(w.money(Decimal("0.00"), self.currency)),
                )
            )
        rows.append(
            (
                Cell(_("Total billed")),
                Cell(""),
                Cell(""),
                Cell(""),
                Cell(w.money(billing.total, self.currency)),
            )
        )
        return Table(
            header=(_("Billed work"), _("Lines"), _("Time worked"), _("Time billed"), _("Amount")),
            rows=tuple(rows),
            numeric=(False, True, True, True, True),
            widths=(40, 10, 16, 16, 18),
        )

    def extras_note(self) -> str:
        """How the billed time is counted, and why some after-hours work is not billed."""
        billing, w, _ = self.e.billing, self.w, self._
        sentences = []
        if not billing.lines:
            sentences.append(_("No work is billed beyond the monthly fee."))
        else:
            parts = []
            if billing.hourly_rate is not None:
                parts.append(_("Hourly rate {rate}").format(rate=w.money(billing.hourly_rate, self.currency)))
                if billing.surcharge != 1:
                    parts.append(
                        _("after hours × {surcharge}").format(
                            surcharge=w.number(billing.surcharge.normalize())
                        )
                    )
            if billing.minimum_seconds:
                parts.append(
                    _("at least {time} per after-hours call-out").format(
                        time=w.duration(billing.minimum_seconds)
                    )
                )
            if billing.increment_seconds:
                parts.append(_("rounded up to {time}").format(time=w.duration(billing.increment_seconds)))
            sentences.append("; ".join(parts) + ".")
        if billing.after_hours_available:
            covered = billing.after_hours_priorities
            sentences.append(
                _(
                    "After-hours work is billed for every priority, or where the client asked for it "
                    "beforehand."
                )
                if covered is None
                else _(
                    "After-hours work is billed for {priorities}, or where the client asked for it "
                    "beforehand."
                ).format(priorities=w.wording.join(covered) if covered else DASH)
            )
            sentences.append(
                _(
                    "A ticket's after-hours work less than {gap} apart is one call-out, billed for the time "
                    "worked (not the gaps), raised to the minimum and rounded up."
                ).format(gap=w.duration(billing.callout_gap_seconds))
            )
        if billing.unbilled:
            sentences.append(
                _("{time} of after-hours work without after-hours service is reported, not billed.").format(
                    time=w.duration(billing.after_hours_unbilled_seconds, days=False)
                )
            )
        return " ".join(sentences)

    def work_intervals(self, intervals: Sequence[tuple[int, int]]) -> str:
        """Intervals of work in local time: ``Mar 2, 7:10 PM–7:40 PM, 8:20 PM–9:00 PM``."""
        w = self.w
        texts = []
        day = None
        for start, end in intervals:
            begin, finish = w.local(start), w.local(end)
            first = w.instant(start) if begin.date() != day else format_time(begin, "short", locale=w.locale)
            last = (
                format_time(finish, "short", locale=w.locale)
                if finish.date() == begin.date()
                else w.instant(end)
            )
            texts.append(f"{first}–{last}")
            day = finish.date()
        return ", ".join(texts)

    # details -----------------------------------------------------------------------------------------

    def attainment(self) -> Section:
        _, w = self._, self.w
        by_priority = self.e.tickets.by_priority
        response_goal = self.kpi_goal("response_within_target")
        resolution_goal = self.kpi_goal("resolution_within_target")
        chart = BarChart(
            key="attainment",
            title=_("Tickets within target by priority"),
            categories=tuple(self.priority_label(s.priority) for s in by_priority),
            series=(
                Series(
                    _("Response"),
                    tuple(_float(s.response_within_target.value) for s in by_priority),
                    _float(response_goal),
                ),
                Series(
                    _("Resolution"),
                    tuple(_float(s.resolution_within_target.value) for s in by_priority),
                    _float(resolution_goal),
                ),
            ),
            target_label=_("{series} target"),
            y_label=_("% of tickets within target"),
            empty=_("No tickets in the period"),
        )
        rows = []
        for s in by_priority:
            rows.append(
                (
                    Cell(self.priority_label(s.priority)),
                    Cell(w.number(s.tickets)),
                    self.ratio_cell(s.response_within_target, response_goal),
                    self.ratio_cell(s.resolution_within_target, resolution_goal),
                )
            )
        t = self.e.tickets
        rows.append(
            (
                Cell(_("All priorities")),
                Cell(w.number(t.in_scope)),
                self.ratio_cell(t.response_within_target, response_goal),
                self.ratio_cell(t.resolution_within_target, resolution_goal),
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

    def times(self) -> Section:
        _ = self._
        support = self.a.support
        rows = []
        for s in self.e.tickets.by_priority:
            response_target, resolution_target = self.targets_of(s.priority)
            rows.append(
                (
                    Cell(self.priority_label(s.priority)),
                    Cell(response_target[0]),
                    self.mean_cell(s.mean_response_time, response_target[1]),
                    Cell(resolution_target[0]),
                    self.mean_cell(s.mean_resolution_time, resolution_target[1]),
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
        if self.inputs is not None and support is not None:
            bands = time_bands(self.a, self.e, self.inputs)
            if bands:
                charts = (
                    BandChart(
                        key="times",
                        title=_("When the clocks stopped, against their targets"),
                        panels=(
                            BandPanel(
                                _("Response"),
                                tuple(self.priority_label(b.priority) for b in bands),
                                tuple(_shares(b.response) for b in bands),
                            ),
                            BandPanel(
                                _("Resolution"),
                                tuple(self.priority_label(b.priority) for b in bands),
                                tuple(_shares(b.resolution) for b in bands),
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

    def uptime(self) -> Section | None:
        _, w = self._, self.w
        items = self.e.uptime
        if not items:
            return None
        rows = []
        for item in items:
            tone = Tone.MUTED if item.met is None else Tone.GOOD if item.met else Tone.BAD
            rows.append(
                (
                    Cell(self.item_name(item.item_id)),
                    Cell(self.at_least(item.target)),
                    Cell(self.percent_or_no_data(item.value.value, item.target), tone),
                    Cell(w.duration(item.downtime_seconds)),
                    Cell(w.duration(item.scheduled_maintenance_seconds)),
                    # No monitoring covered the item: no budget to speak of, neither used nor left.
                    Cell(DASH, Tone.MUTED)
                    if item.met is None
                    else Cell(
                        w.duration(item.budget_left_seconds),
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
                Cell(self.item_name(item.item_id)),
                Cell(w.instant(outage.start)),
                Cell(w.instant(outage.end) if outage.end is not None else _("still down")),
                Cell(w.duration(outage.seconds)),
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
            more=self.more(len(outages)),
            empty=_("No outages in the period."),
            caption=_("Outages"),
        )
        low, high = self.e.period.start_seconds, self.e.period.end_seconds
        chart = Timeline(
            key="uptime",
            title=_("Outages and maintenance over the period"),
            rows=tuple(
                TimelineRow(
                    self.item_name(item.item_id),
                    tuple(
                        Span(o.start, o.end if o.end is not None else item.measured_to, o.treatment.value)
                        for o in item.outages
                    ),
                )
                for item in items
            ),
            start=low,
            end=high,
            ticks=self.ticks(),
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
        paragraphs += self.coverage_notes(items)
        return Section("uptime", _("Uptime"), tuple(paragraphs), (chart,), (items_table, outage_table))

    def coverage_notes(self, items: Sequence[UptimeResult]) -> list[str]:
        """What monitoring did not see (spec §3: no data is not success): the items no source covered,
        and those measured over part of the period only."""
        _, w = self._, self.w
        notes = []
        unseen = [self.item_name(item.item_id) for item in items if item.covered_seconds == 0]
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
                        item=self.item_name(item.item_id),
                        covered=w.duration(item.covered_seconds),
                        length=w.duration(item.measured_to - item.measured_from),
                    )
                )
        return notes

    def backups(self) -> Section | None:
        _, w = self._, self.w
        backups = self.e.backups
        if not backups.systems and not backups.restore_tests:
            return None
        rows = tuple(
            (
                Cell(system.system),
                Cell(w.duration(system.rpo_seconds)),
                Cell(w.number(system.successful_runs)),
                Cell(w.instant_with_year(system.last_success_at)),
                Cell(
                    self.percent_or_no_data(system.compliance.value),
                    Tone.MUTED
                    if system.compliance.value is None
                    else Tone.GOOD
                    if system.compliance.value == 100
                    else Tone.BAD,
                ),
            )
            for system in backups.systems
        )
        systems = Table(
            header=(
                _("System"),
                _("RPO"),
                _("Successful backups"),
                _("Last successful backup"),
                _("Time within the RPO"),
            ),
            rows=rows,
            numeric=(False, True, True, False, True),
            widths=(24, 12, 18, 26, 20),
        )
        tests = Table(
            header=(
                _("Backup set"),
                _("Test restore at least every"),
                _("Last successful test"),
                _("Status"),
            ),
            rows=tuple(
                (
                    Cell(test.backup_id),
                    Cell(w.duration(test.interval_seconds)),
                    Cell(w.instant_with_year(test.last_success_at)),
                    Cell(
                        _("in time") if test.complies else _("overdue"),
                        Tone.GOOD if test.complies else Tone.BAD,
                    ),
                )
                for test in backups.restore_tests
            ),
            widths=(24, 26, 30, 20),
            caption=_("Restore tests"),
            empty=_("No backup set requires restore tests."),
        )
        paragraphs = [
            _(
                "Successful backups: {rate} of the runs started in the period; time within the RPO: {rpo}."
            ).format(
                rate=self.percent_or_no_data(backups.success_rate.value),
                rpo=self.percent_or_no_data(backups.rpo_compliance.value),
            ),
        ]
        charts: tuple[Chart, ...] = ()
        if self.inputs is not None:
            ages = backup_ages(self.a, self.e, self.inputs)
            if ages:
                charts = (
                    StepChart(
                        key="backups",
                        title=_("Age of the last successful backup against the RPO"),
                        panels=tuple(
                            StepPanel(
                                label=age.system,
                                x=age.starts,
                                hours=tuple(None if a is None else a / HOUR_SECONDS for a in age.ages),
                                limit_hours=age.rpo_seconds / HOUR_SECONDS,
                            )
                            for age in ages
                        ),
                        start=self.e.period.start_seconds,
                        end=self.e.period.end_seconds,
                        ticks=self.ticks(),
                        y_label=_("hours"),
                        line_label=_("backup age"),
                        limit_label=_("RPO"),
                        empty=_("no successful backup"),
                    ),
                )
        return Section("backups", _("Backups"), tuple(paragraphs), charts, (systems, tests))

    def ticket_rows(self, entries: Sequence[TicketEntry]) -> tuple[tuple[Cell, ...], ...]:
        w = self.w

        def clock(status: str, text: str) -> Cell:
            return Cell(text, Tone.BAD if status == "breached" else Tone.PLAIN)

        return tuple(
            (
                Cell(entry.id),
                Cell(entry.priority or DASH),
                Cell(w.instant(entry.created_at)),
                clock(entry.response_status, w.instant(entry.response_due)),
                clock(entry.response_status, w.instant(entry.responded_at)),
                clock(entry.resolution_status, w.instant(entry.resolution_due)),
                clock(entry.resolution_status, w.instant(entry.resolved_at)),
            )
            for entry in entries[:LIST_LIMIT]
        )

    def ticket_header(self) -> tuple[str, ...]:
        _ = self._
        return (
            _("Ticket"),
            _("Priority"),
            _("Created"),
            _("Response due"),
            _("Responded"),
            _("Resolution due"),
            _("Resolved"),
        )

    def breached(self) -> Section:
        _ = self._
        breached = self.e.tickets.breached
        table = Table(
            header=self.ticket_header(),
            rows=self.ticket_rows(breached),
            widths=(15, 9, 15, 15, 15, 16, 15),
            more=self.more(len(breached), LIST_LIMIT),
            empty=_("No ticket missed its target."),
        )
        paragraphs = (
            self.w.ngettext(
                "{n} ticket missed its response or resolution target. Late times are in red.",
                "{n} tickets missed their response or resolution target. Late times are in red.",
                len(breached),
            ),
        )
        return Section("breached", _("Breached tickets"), paragraphs if breached else (), (), (table,))

    def outside_sla(self) -> Section | None:
        _, w = self._, self.w
        tickets = self.e.tickets
        listed = [*tickets.best_effort, *tickets.out_of_scope]
        if not listed:
            return None
        rows = tuple(
            (
                Cell(entry.id),
                Cell(w.instant(entry.created_at)),
                Cell(entry.service or DASH),
                Cell(entry.asset or DASH),
                Cell(_("best effort") if entry in tickets.best_effort else _("out of scope")),
                Cell(self.reason(entry)),
            )
            for entry in listed[:SHORT_LIMIT]
        )
        table = Table(
            header=(_("Ticket"), _("Created"), _("Service"), _("Asset"), _("Handled as"), _("Why")),
            rows=rows,
            widths=(14, 15, 17, 13, 14, 27),
            more=self.more(len(listed)),
        )
        paragraph = _(
            "{best_effort} best-effort and {out} out-of-scope tickets are not counted in the targets above."
        ).format(best_effort=w.number(len(tickets.best_effort)), out=w.number(len(tickets.out_of_scope)))
        return Section("outside", _("Tickets outside the SLA"), (paragraph,), (), (table,))

    def reason(self, entry: TicketEntry) -> str:
        _ = self._
        if entry.asset is not None and self.e.requirements.failed_rules_of(entry.asset):
            return _("the asset fails a client requirement")
        if entry.service:
            return _("service {service} is not included").format(service=entry.service)
        return DASH

    def assets(self) -> Section | None:
        _, w = self._, self.w
        requirements = self.e.requirements
        if not requirements.assets:
            return None
        failing = requirements.failing
        descriptions = {
            rule.id: rule.description
            for rule in (self.a.client_requirements.rules if self.a.client_requirements else [])
        }
        rows = []
        for asset in failing[:SHORT_LIMIT]:
            for index, rule in enumerate(asset.failed):
                rows.append(
                    (
                        Cell(asset.asset_id if index == 0 else ""),
                        Cell(asset.asset_type if index == 0 else ""),
                        Cell(descriptions.get(rule.rule_id) or rule.rule_id),
                        Cell(self.requirement(rule.op, rule.expected, rule.field)),
                        Cell(self.value_text(rule.actual), Tone.BAD),
                    )
                )
        consequence = requirements.consequence
        paragraphs = [
            _("{failing} of {total} assets meet every requirement that applies to them ({rate}).").format(
                failing=w.number(len(requirements.assets) - len(failing)),
                total=w.number(len(requirements.assets)),
                rate=w.percent(requirements.compliance.value),
            )
        ]
        if failing and consequence is not None:
            paragraphs.append(
                _("Tickets on these assets are handled on a best-effort basis.")
                if consequence.value == "best_effort"
                else _("Tickets on these assets are out of scope.")
            )
        table = Table(
            header=(_("Asset"), _("Type"), _("Requirement"), _("Required"), _("Found")),
            rows=tuple(rows),
            widths=(15, 12, 35, 22, 16),
            more=self.more(len(failing)),
            empty=_("Every asset meets the client requirements."),
        )
        return Section("assets", _("Non-compliant assets"), tuple(paragraphs), (), (table,))

    def disputes(self) -> Section:
        _, w = self._, self.w
        disputes = self.e.tickets.disputes
        table = Table(
            header=(_("Ticket"), _("Created"), _("Priority asked by the client"), _("Priority assigned")),
            rows=tuple(
                (
                    Cell(d.ticket_id),
                    Cell(w.instant(d.created_at)),
                    Cell(self.priority_label(d.client_priority)),
                    Cell(self.priority_label(d.assigned_priority) if d.assigned_priority else DASH),
                )
                for d in disputes[:SHORT_LIMIT]
            ),
            widths=(20, 20, 30, 30),
            more=self.more(len(disputes)),
            empty=_("No priority disputes in the period."),
        )
        agreement_rate = self.e.tickets.priority_agreement
        paragraphs = (
            (
                _(
                    "The client's priority matched the assigned one for {rate} of the tickets with a claim."
                ).format(rate=w.percent(agreement_rate.value)),
            )
            if agreement_rate.value is not None
            else ()
        )
        return Section("disputes", _("Priority disputes"), paragraphs, (), (table,))

    def money_lines(self) -> Section | None:
        _, w = self._, self.w
        credits, billing = self.e.credits, self.e.billing
        if not credits.lines and not billing.lines and not billing.unbilled:
            return None
        tables = []
        if credits.lines:
            rows = [
                (
                    Cell(self.credit_metric_name(line.metric)),
                    Cell(w.percent(line.value, line.band_below)),
                    Cell(
                        _("below {value}").format(value=w.target_percent(line.band_below))
                        if line.band_below is not None
                        else _("no credit")
                    ),
                    Cell(w.money(line.amount, self.currency), Tone.BAD if line.amount > 0 else Tone.PLAIN),
                )
                for line in credits.lines
            ]
            rows.append(
                (Cell(_("Subtotal")), Cell(""), Cell(""), Cell(w.money(credits.subtotal, self.currency)))
            )
            if credits.cap_amount is not None and credits.cap_percent is not None:
                rows.append(
                    (
                        Cell(
                            _("Cap ({percent} of the monthly fee)").format(
                                percent=w.target_percent(credits.cap_percent)
                            )
                        ),
                        Cell(""),
                        Cell(""),
                        Cell(w.money(credits.cap_amount, self.currency)),
                    )
                )
            rows.append(
                (Cell(_("Total due")), Cell(""), Cell(""), Cell(w.money(credits.total, self.currency)))
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
                        Cell(self.work_intervals(line.intervals)),
                        Cell(w.duration(line.worked_seconds, days=False)),
                        Cell(w.duration(line.after_minimum_seconds, days=False)),
                        Cell(w.duration(line.billed_seconds, days=False)),
                        Cell(w.money(line.rate, self.currency)),
                        Cell(w.money(line.amount, self.currency)),
                    )
                    for line in billing.lines[:SHORT_LIMIT]
                ),
                numeric=(False, False, False, True, True, True, True, True),
                widths=(12, 12, 28, 9, 9, 9, 10, 11),
                more=self.more(len(billing.lines)),
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
                            Cell(self.work_intervals(work.intervals)),
                            Cell(w.duration(work.seconds, days=False)),
                            Cell(reasons[work.reason]),
                        )
                        for work in billing.unbilled[:SHORT_LIMIT]
                    ),
                    numeric=(False, False, True, False),
                    widths=(14, 40, 12, 34),
                    more=self.more(len(billing.unbilled)),
                    caption=_("After-hours work reported, not billed"),
                )
            )
        return Section("money", _("Service credits and billed work"), (), (), tuple(tables))

    # helpers -----------------------------------------------------------------------------------------

    def more(self, total: int, limit: int = SHORT_LIMIT) -> str | None:
        if total <= limit:
            return None
        return self.w.ngettext(
            "… and {n} more (all of them are in the JSON export)",
            "… and {n} more (all of them are in the JSON export)",
            total - limit,
        )

    def status_text(self, status: Status) -> str:
        return {
            Status.MET: self._("Met"),
            Status.MISSED: self._("Missed"),
            Status.NO_DATA: self._("No data"),
        }[status]

    def percent_or_no_data(self, value: Decimal | None, goal: Decimal | None = None) -> str:
        """A measured percentage, or "No data" where there is none (no data is never 100% or 0%)."""
        return self.status_text(Status.NO_DATA) if value is None else self.w.percent(value, goal)

    def at_least(self, value: Decimal) -> str:
        # The contract's own words for a target ("at least 99.9%"), from its catalog.
        return self.w.wording._("at least {value}").format(value=self.w.target_percent(value))

    def metric_name(self, metric: str) -> str:
        _ = self._
        names: dict[str, Callable[[], str]] = {
            "response_within_target": lambda: _("Responses within target"),
            "resolution_within_target": lambda: _("Resolutions within target"),
            "mean_response_time": lambda: _("Mean response time"),
            "mean_resolution_time": lambda: _("Mean resolution time"),
            "reopen_rate": lambda: _("Reopened tickets"),
            "priority_agreement": lambda: _("Priority agreement"),
            "csat": lambda: _("Customer satisfaction"),
            "backup_success_rate": lambda: _("Successful backups"),
            "rpo_compliance": lambda: _("Time within the RPO"),
            "restore_test_compliance": lambda: _("Restore tests in time"),
            "requirements_compliance": lambda: _("Assets meeting the requirements"),
        }
        if metric.startswith("uptime."):
            return self.uptime_name(metric.removeprefix("uptime."))
        found = names.get(metric)
        return found() if found else metric

    def uptime_name(self, item_id: str) -> str:
        """The uptime of an item as a service level: ``E-mail service uptime``."""
        return self._("{name} uptime").format(name=self.item_name(item_id))

    def item_name(self, item_id: str) -> str:
        return next((item.name for item in self.e.uptime if item.item_id == item_id and item.name), item_id)

    def credit_metric_name(self, metric: str) -> str:
        if metric.startswith("kpi."):
            kpi = self.e.kpi(metric.removeprefix("kpi."))
            if kpi is not None:
                return kpi.name or self.metric_name(kpi.metric)
        return self.metric_name(metric)

    def metric_value(self, value: MetricValue | None, goal: Decimal | None) -> str:
        if value is None or value.value is None:
            return self.status_text(Status.NO_DATA)
        if value.unit is Unit.PERCENT:
            return self.w.percent(value.value, goal)
        if value.unit is Unit.SECONDS:
            return self.w.duration(value.value, days=False)
        return self.w.decimal(value.value)

    def kpi_goal(self, metric: str) -> Decimal | None:
        return next(
            (
                k.goal
                for k in self.e.kpis
                if k.metric == metric and k.goal is not None and k.status != KpiStatus.NO_DATA
            ),
            next((k.goal for k in self.e.kpis if k.metric == metric), None),
        )

    def ratio_cell(self, value: MetricValue, goal: Decimal | None) -> Cell:
        if value.value is None:
            return Cell(DASH, Tone.MUTED)
        tone = Tone.PLAIN if goal is None else Tone.GOOD if value.value >= goal else Tone.BAD
        return Cell(self.w.percent(value.value, goal), tone)

    def mean_cell(self, value: MetricValue, target_seconds: int | None) -> Cell:
        if value.value is None:
            return Cell(DASH, Tone.MUTED)
        tone = (
            Tone.PLAIN if target_seconds is None else Tone.GOOD if value.value <= target_seconds else Tone.BAD
        )
        return Cell(self.w.duration(value.value, days=False), tone)

    def targets_of(self, priority: str) -> tuple[tuple[str, int | None], tuple[str, int | None]]:
        support = self.a.support
        target = support.targets.get(priority) if support is not None else None
        if support is None or target is None:
            return (DASH, None), (DASH, None)
        calendar = self.a.calendar(support.target_calendar(priority))
        found: list[tuple[str, int | None]] = []
        for duration in (target.response, target.resolution):
            if duration is None:
                found.append((DASH, None))
                continue
            seconds = int(duration.business_time(calendar.day_length).total_seconds())
            found.append((self.w.target(duration, seconds), seconds))
        return found[0], found[1]

    def priority_label(self, priority: str) -> str:
        name = self.priority_names.get(priority)
        return f"{priority} · {name}" if name else priority

    def requirement(self, op: str, expected: Any, field: str) -> str:
        _ = self._
        value = self.value_text(expected)
        templates: dict[str, Callable[[], str]] = {
            CheckOperator.EQ.value: lambda: _("{value}"),
            CheckOperator.NE.value: lambda: _("not {value}"),
            CheckOperator.LT.value: lambda: _("less than {value}"),
            CheckOperator.LE.value: lambda: _("at most {value}"),
            CheckOperator.GT.value: lambda: _("more than {value}"),
            CheckOperator.GE.value: lambda: _("at least {value}"),
            CheckOperator.BEFORE.value: lambda: _("before {value}"),
            CheckOperator.AFTER.value: lambda: _("after {value}"),
            CheckOperator.IN.value: lambda: _("one of {value}"),
            CheckOperator.NOT_IN.value: lambda: _("none of {value}"),
            CheckOperator.EXISTS.value: lambda: _("present") if expected in (None, True) else _("absent"),
        }
        template = templates.get(op)
        text = template().format(value=value) if template else f"{op} {value}"
        return f"{field}: {text}"

    def value_text(self, value: Any) -> str:
        if value is None or value == "":
            return self._("missing")
        if isinstance(value, bool):
            return self.w.wording.yes_no(value)
        if isinstance(value, datetime):
            return self.w.date(value.date())
        if isinstance(value, date):
            return self.w.date(value)
        if isinstance(value, list):
            return self.w.wording.join(self.value_text(v) for v in value)
        return str(value)

    def ticks(self) -> tuple[tuple[int, str], ...]:
        """Axis ticks at local midnights: every week for a month, every month for longer periods."""
        period, zone = self.e.period, self.e.period.zone
        days = (period.end_day - period.first_day).days
        found = []
        day = period.first_day
        while day < period.end_day:
            at = int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())
            found.append((at, self.w.day_tick(day) if days <= 45 else self.w.month_tick(day)))
            if days <= 45:
                day += timedelta(days=7)
            else:
                day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return tuple(found)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _shares(counts: tuple[int, ...]) -> tuple[float, ...]:
    total = sum(counts)
    return tuple(100 * count / total if total else 0.0 for count in counts)
