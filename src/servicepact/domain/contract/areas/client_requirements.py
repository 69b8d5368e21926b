"""Clause 5, client requirements: the standards the client's environment must meet, and what if not."""

from __future__ import annotations

from servicepact.domain.agreement.model import (
    Agreement,
    ClientRequirements,
    Consequence,
    Remediation,
    RequirementRule,
)
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause


class ClientRequirementsArea(Area[ClientRequirements]):
    key = "client_requirements"

    def part(self, agreement: Agreement) -> ClientRequirements | None:
        return agreement.client_requirements

    def clause(self, context: ClauseContext, requirements: ClientRequirements) -> Clause:
        _ = context._
        subs: list[Section] = []
        if requirements.rules:
            rows = tuple(
                (
                    rule.description or rule.id,
                    context.w.join(context.names.asset_type(t) for t in rule.applies_to) or "—",
                )
                for rule in requirements.rules
            )
            subs.append(
                Section(
                    _("Standards"),
                    blocks=(
                        Paragraph(_("The Client keeps its IT environment in line with these requirements:")),
                        Table((_("Requirement"), _("Applies to")), rows, widths=(7, 3)),
                    ),
                )
            )
        sentences = []
        if requirements.consequence is not None:
            sentences.append(context.names.consequence(requirements.consequence))
        if requirements.remediation is not None:
            sentences.append(context.names.remediation(requirements.remediation))
        if sentences:
            subs.append(
                Section(_("When the requirements are not met"), blocks=(Paragraph(" ".join(sentences)),))
            )
        return Clause(context.names.area(self.key), tuple(subs))

    def diff(self, context: DiffContext, old: ClientRequirements, new: ClientRequirements) -> None:
        _ = context._
        area = self.key

        def compare_rule(a: RequirementRule, b: RequirementRule) -> None:
            name = context.quote(b.id)
            context.changed(area, _("the requirement {name}").format(name=name), a.description, b.description)
            context.changed(
                area,
                _("the assets that requirement {name} applies to").format(name=name),
                context.w.join(context.names.asset_type(t) for t in a.applies_to) or None,
                context.w.join(context.names.asset_type(t) for t in b.applies_to) or None,
            )

        context.by_id(
            area,
            (old.rules, new.rules),
            lambda r: r.id,
            _("client requirement"),
            lambda r: r.description or r.id,
            compare_rule,
        )
        consequences = {
            Consequence.BEST_EFFORT: _("best effort, no targets"),
            Consequence.EXCLUDED: _("out of scope"),
        }
        context.changed(
            area,
            _("the consequence of failing a requirement"),
            consequences.get(old.consequence) if old.consequence else None,
            consequences.get(new.consequence) if new.consequence else None,
        )
        remediations = {
            Remediation.BILLABLE: _("billable"),
            Remediation.INCLUDED: _("included in the monthly fee"),
        }
        context.changed(
            area,
            _("the cost of bringing assets up to the requirements"),
            remediations.get(old.remediation) if old.remediation else None,
            remediations.get(new.remediation) if new.remediation else None,
        )


CLIENT_REQUIREMENTS = ClientRequirementsArea()
