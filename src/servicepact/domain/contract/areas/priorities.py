"""Clause 8, priorities: the levels, impact and urgency, the matrix, and who decides."""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement, AssignedBy, Priorities, PriorityLevel
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import Block, Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause


class PrioritiesArea(Area[Priorities]):
    key = "priorities"

    def part(self, agreement: Agreement) -> Priorities | None:
        return agreement.priorities

    def clause(self, context: ClauseContext, priorities: Priorities) -> Clause:
        _ = context._
        subs: list[Section] = []
        rows: tuple[tuple[str, ...], ...]
        if priorities.levels:
            rows = tuple(
                (context.names.priority(level.id), level.definition or "—", "; ".join(level.examples) or "—")
                for level in priorities.levels
            )
            subs.append(
                Section(
                    _("Priority levels"),
                    blocks=(Table((_("Priority"), _("Definition"), _("Examples")), rows, widths=(2, 5, 4)),),
                )
            )
        if priorities.impact or priorities.urgency:
            blocks: list[Block] = [
                Paragraph(
                    _(
                        "Impact says how much of the business is affected; urgency says how fast the "
                        "business is hurt."
                    )
                )
            ]
            if priorities.impact:
                rows = tuple((context.names.impact(k), v) for k, v in priorities.impact.items())
                blocks.append(Table((_("Impact"), _("Description")), rows, widths=(2, 8)))
            if priorities.urgency:
                rows = tuple((context.names.urgency(k), v) for k, v in priorities.urgency.items())
                blocks.append(Table((_("Urgency"), _("Description")), rows, widths=(2, 8)))
            subs.append(Section(_("Impact and urgency"), blocks=tuple(blocks)))
        if priorities.matrix:
            columns = list(priorities.urgency) or []
            for row in priorities.matrix.values():
                columns += [c for c in row if c not in columns]
            rows = tuple(
                (context.names.impact(impact), *(row.get(c, "—") for c in columns))
                for impact, row in priorities.matrix.items()
            )
            subs.append(
                Section(
                    _("Priority matrix"),
                    blocks=(
                        Paragraph(_("The priority of a ticket follows from its impact and its urgency:")),
                        Table(
                            (_("Impact ↓ / urgency →"), *(context.names.urgency(c) for c in columns)),
                            rows,
                            widths=(3, *([2] * len(columns))),
                        ),
                    ),
                )
            )
        blocks = []
        if priorities.assigned_by is not None:
            blocks.append(Paragraph(context.names.assigned_by(priorities.assigned_by)))
        if priorities.disputes:
            blocks.append(Paragraph(priorities.disputes, lead=_("Disputes about a priority.")))
        if blocks:
            subs.append(Section(_("Assigning priorities and disputes"), blocks=tuple(blocks)))
        return Clause(context.names.area(self.key), tuple(subs))

    def diff(self, context: DiffContext, old: Priorities, new: Priorities) -> None:
        _ = context._
        area = self.key

        def compare_level(a: PriorityLevel, b: PriorityLevel) -> None:
            ident = b.id
            context.changed(area, _("the name of {priority}").format(priority=ident), a.name, b.name)
            context.changed(
                area, _("the definition of {priority}").format(priority=ident), a.definition, b.definition
            )
            context.changed(
                area,
                _("the examples of {priority}").format(priority=ident),
                "; ".join(a.examples) or None,
                "; ".join(b.examples) or None,
            )

        context.by_id(
            area,
            (old.levels, new.levels),
            lambda p: p.id,
            _("priority level"),
            lambda p: f"{p.id} — {p.name}" if p.name else p.id,
            compare_level,
        )
        for level in dict.fromkeys([*old.impact, *new.impact]):
            context.changed(
                area,
                _("the description of impact {level}").format(
                    level=context.quote(context.names.impact(level))
                ),
                old.impact.get(level),
                new.impact.get(level),
            )
        for level in dict.fromkeys([*old.urgency, *new.urgency]):
            context.changed(
                area,
                _("the description of urgency {level}").format(
                    level=context.quote(context.names.urgency(level))
                ),
                old.urgency.get(level),
                new.urgency.get(level),
            )
        for impact in dict.fromkeys([*old.matrix, *new.matrix]):
            old_row, new_row = old.matrix.get(impact, {}), new.matrix.get(impact, {})
            for urgency in dict.fromkeys([*old_row, *new_row]):
                context.changed(
                    area,
                    _("the priority for impact {impact} and urgency {urgency}").format(
                        impact=context.quote(context.names.impact(impact)),
                        urgency=context.quote(context.names.urgency(urgency)),
                    ),
                    old_row.get(urgency),
                    new_row.get(urgency),
                )
        assigners = {
            AssignedBy.PROVIDER: _("the Provider"),
            AssignedBy.CLIENT: _("the Client"),
            AssignedBy.JOINT: _("both parties together"),
        }
        context.changed(
            area,
            _("who assigns the final priority"),
            assigners.get(old.assigned_by) if old.assigned_by else None,
            assigners.get(new.assigned_by) if new.assigned_by else None,
        )
        context.changed(area, _("the procedure for priority disputes"), old.disputes, new.disputes)


PRIORITIES = PrioritiesArea()
