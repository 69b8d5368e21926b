"""Clause 7, performance: the indicators, the reports on them, and the service credits."""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement, Kpi, Performance, ServiceCredits
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import Block, Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause


class PerformanceArea(Area[Performance]):
    key = "performance"

    def part(self, agreement: Agreement) -> Performance | None:
        return agreement.performance

    def clause(self, context: ClauseContext, performance: Performance) -> Clause:
        _ = context._
        subs: list[Section] = []
        if performance.kpis:
            rows = tuple(
                (
                    kpi.name or kpi.id,
                    context.names.catalogue_metric(kpi.metric),
                    context.w.kpi_target(kpi.target) if kpi.target else "—",
                )
                for kpi in performance.kpis
            )
            subs.append(
                Section(
                    _("Key performance indicators"),
                    blocks=(
                        Table((_("Indicator"), _("How it is measured"), _("Target")), rows, widths=(3, 5, 2)),
                    ),
                )
            )
        reporting = performance.reporting
        if reporting is not None:
            if reporting.frequency is not None and reporting.due is not None:
                text = _(
                    "The Provider reports on the indicators {frequency}; the report is due {due} after "
                    "the end of each period."
                ).format(
                    frequency=context.names.reporting_frequency(reporting.frequency),
                    due=context.w.duration(reporting.due, business=True),
                )
            elif reporting.frequency is not None:
                text = _("The Provider reports on the indicators {frequency}.").format(
                    frequency=context.names.reporting_frequency(reporting.frequency)
                )
            else:
                text = _("The Provider reports on the indicators after the end of each period.")
            subs.append(Section(_("Reporting"), blocks=(Paragraph(text),)))
        keys = {}
        credits = performance.service_credits
        if credits is not None:
            # The guarantees cite this sub-clause for their service credits.
            keys["credits"] = len(subs)
            subs.append(Section(_("Service credits"), blocks=tuple(_credit_blocks(context, credits))))
        return Clause(context.names.area(self.key), tuple(subs), keys=keys)

    def diff(self, context: DiffContext, old: Performance, new: Performance) -> None:
        _ = context._
        area = self.key

        def kpi_text(kpi: Kpi) -> str:
            target = kpi.target
            name = kpi.name or kpi.id
            return f"{name}: {context.w.kpi_target(target)}" if target else name

        def compare_kpi(a: Kpi, b: Kpi) -> None:
            name = context.quote(b.name or b.id)
            target_a, target_b = a.target, b.target
            context.changed(
                area,
                _("the target of {name}").format(name=name),
                context.w.kpi_target(target_a) if target_a else None,
                context.w.kpi_target(target_b) if target_b else None,
            )
            context.changed(
                area,
                _("how {name} is measured").format(name=name),
                context.names.catalogue_metric(a.metric),
                context.names.catalogue_metric(b.metric),
            )

        context.by_id(
            area, (old.kpis, new.kpis), lambda k: k.id, _("key performance indicator"), kpi_text, compare_kpi
        )
        old_r, new_r = old.reporting, new.reporting
        context.changed(
            area,
            _("the reporting frequency"),
            context.names.reporting_frequency(old_r.frequency) if old_r and old_r.frequency else None,
            context.names.reporting_frequency(new_r.frequency) if new_r and new_r.frequency else None,
        )
        context.changed(
            area,
            _("the report deadline"),
            context.duration(old_r.due if old_r else None, business=True),
            context.duration(new_r.due if new_r else None, business=True),
        )
        old_c, new_c = old.service_credits, new.service_credits
        old_bands, new_bands = _bands(context, context.old, old), _bands(context, context.new, new)
        for metric in dict.fromkeys([*old_bands, *new_bands]):
            a, b = old_bands.get(metric), new_bands.get(metric)
            name = context.names.metric(metric) if metric in new_bands else context.old_names.metric(metric)
            what = _("the service credit bands for {metric}").format(metric=context.quote(name))
            if a is None and b is not None:
                context.added(area, what, b)
            elif a is not None and b is None:
                context.removed(area, what, a)
            else:
                context.changed(area, what, a, b)
        context.changed(
            area,
            _("the service credit cap"),
            context.w.percent(old_c.cap) if old_c and old_c.cap else None,
            context.w.percent(new_c.cap) if new_c and new_c.cap else None,
        )
        context.changed(
            area,
            _("the period for claiming service credits"),
            context.duration(old_c.claim_within if old_c else None),
            context.duration(new_c.claim_within if new_c else None),
        )


def credit_bands(context: ClauseContext, credits: ServiceCredits) -> list[tuple[str, str, str]]:
    """Rows of the service credit table: metric, measured value, credit (bands high to low)."""
    _ = context._
    metrics = list(dict.fromkeys(tier.metric for tier in credits.tiers))
    rows = []
    for metric in metrics:
        tiers = sorted((t for t in credits.tiers if t.metric == metric), key=lambda t: t.below, reverse=True)
        for index, tier in enumerate(tiers):
            if index + 1 < len(tiers):
                measured = _("below {upper} and at least {lower}").format(
                    upper=context.w.percent(tier.below), lower=context.w.percent(tiers[index + 1].below)
                )
            else:
                measured = _("below {upper}").format(upper=context.w.percent(tier.below))
            credit = _("{percent} of the monthly fee").format(percent=context.w.percent(tier.credit))
            rows.append((context.names.metric(metric) if index == 0 else "", measured, credit))
    return rows


def _credit_blocks(context: ClauseContext, credits: ServiceCredits) -> list[Block]:
    _ = context._
    blocks: list[Block] = [
        Paragraph(
            _(
                "When a measured value falls below its target in a month, the Client receives a service "
                "credit, a share of the monthly fee, according to these bands:"
            )
        )
    ]
    rows = credit_bands(context, credits)
    if rows:
        blocks.append(
            Table((_("Metric"), _("Measured value"), _("Service credit")), tuple(rows), widths=(4, 4, 3))
        )
    sentences = [_("Service credits for different metrics add up.")]
    if credits.cap is not None:
        sentences.append(
            _("The service credits for one month add up to at most {cap} of the monthly fee.").format(
                cap=context.w.percent(credits.cap)
            )
        )
    if credits.claim_within is not None:
        sentences.append(
            _(
                "The Client claims a service credit within {period} after the end of the month; later "
                "claims are not considered."
            ).format(period=context.w.duration(credits.claim_within))
        )
    blocks.append(Paragraph(" ".join(sentences)))
    return blocks


def _bands(context: DiffContext, agreement: Agreement, performance: Performance) -> dict[str, str]:
    credits = performance.service_credits
    if credits is None:
        return {}
    bands: dict[str, list[str]] = {}
    for tier in sorted(credits.tiers, key=lambda t: t.below, reverse=True):
        bands.setdefault(tier.metric, []).append(
            context._("below {upper}: {percent} of the monthly fee").format(
                upper=context.w.percent(tier.below), percent=context.w.percent(tier.credit)
            )
        )
    return {metric: "; ".join(items) for metric, items in bands.items()}


PERFORMANCE = PerformanceArea()
