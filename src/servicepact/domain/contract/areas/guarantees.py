"""Clause 6, guarantees: every promise tied to a metric, and what happens when it is missed."""

from __future__ import annotations

from functools import partial

from servicepact.domain.agreement.model import Agreement, Commitment, Guarantees
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import BulletList, Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause


class GuaranteesArea(Area[Guarantees]):
    key = "guarantees"

    def part(self, agreement: Agreement) -> Guarantees | None:
        return agreement.guarantees

    def clause(self, context: ClauseContext, guarantees: Guarantees) -> Clause:
        _ = context._
        subs: list[Section] = []
        if guarantees.commitments:
            rows = []
            for commitment in guarantees.commitments:
                measured = "—"
                if commitment.metric:
                    measured = context.names.metric(commitment.metric)
                    target = context.names.metric_target(commitment.metric)
                    if target:
                        measured = _("{metric}: {target}").format(metric=measured, target=target)
                rows.append(
                    (
                        commitment.statement,
                        measured,
                        # Cites the service credits sub-clause of the performance clause, built later.
                        context.refer("credits", partial(context.names.remedy, commitment.remedy)),
                    )
                )
            subs.append(
                Section(
                    _("Commitments"),
                    blocks=(
                        Table(
                            (_("Commitment"), _("Measured by"), _("Remedy")), tuple(rows), widths=(5, 3, 2)
                        ),
                    ),
                )
            )
        if guarantees.sole_remedy is not None:
            text = (
                _("Service credits are the Client’s sole and exclusive remedy for missed targets.")
                if guarantees.sole_remedy
                else _("Service credits do not limit the Client’s other remedies for missed targets.")
            )
            subs.append(Section(_("Sole remedy"), blocks=(Paragraph(text),)))
        if guarantees.disclaimers:
            subs.append(Section(_("Exclusions"), blocks=(BulletList(tuple(guarantees.disclaimers)),)))
        return Clause(context.names.area(self.key), tuple(subs))

    def diff(self, context: DiffContext, old: Guarantees, new: Guarantees) -> None:
        _ = context._
        area = self.key

        def compare_commitment(a: Commitment, b: Commitment) -> None:
            name = context.quote(b.id)
            context.changed(area, _("the commitment {name}").format(name=name), a.statement, b.statement)
            metric_a, metric_b = a.metric, b.metric
            context.changed(
                area,
                _("the metric of commitment {name}").format(name=name),
                context.old_names.metric(metric_a) if metric_a else None,
                context.names.metric(metric_b) if metric_b else None,
            )
            context.changed(
                area,
                _("the remedy of commitment {name}").format(name=name),
                context.names.remedy(a.remedy, None),
                context.names.remedy(b.remedy, None),
            )

        context.by_id(
            area,
            (old.commitments, new.commitments),
            lambda c: c.id,
            _("commitment"),
            lambda c: c.statement,
            compare_commitment,
        )
        context.changed(
            area,
            _("the sole remedy clause"),
            context.w.yes_no(old.sole_remedy) if old.sole_remedy is not None else None,
            context.w.yes_no(new.sole_remedy) if new.sole_remedy is not None else None,
        )
        context.texts(area, old.disclaimers, new.disclaimers, _("exclusion"))


GUARANTEES = GuaranteesArea()
