"""Clause 3, responsibilities: who does what, and what each side owes when something fails."""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement, RaciEntry, Responsibilities
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import Block, BulletList, Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause

FAILURE_ORDER = ("system", "hardware", "network")


class ResponsibilitiesArea(Area[Responsibilities]):
    key = "responsibilities"

    def part(self, agreement: Agreement) -> Responsibilities | None:
        return agreement.responsibilities

    def clause(self, context: ClauseContext, responsibilities: Responsibilities) -> Clause:
        _ = context._
        subs: list[Section] = []
        if responsibilities.raci:
            rows = tuple(
                (entry.activity, entry.provider or "—", entry.client or "—")
                for entry in responsibilities.raci
            )
            subs.append(
                Section(
                    _("Who does what"),
                    blocks=(
                        Table((_("Activity"), _("Provider"), _("Client")), rows, widths=(6, 2, 2)),
                        Paragraph(
                            _(
                                "R — responsible (does the work); A — accountable (answers for the result); "
                                "C — consulted; I — informed."
                            )
                        ),
                    ),
                )
            )
        if responsibilities.failures:
            blocks: list[Block] = []
            kinds = [k for k in FAILURE_ORDER if k in responsibilities.failures]
            kinds += [k for k in responsibilities.failures if k not in FAILURE_ORDER]
            for kind in kinds:
                duties = responsibilities.failures[kind]
                lead = context.names.failure_kind(kind) + "."
                if duties.provider:
                    blocks.append(Paragraph(_("The Provider shall:"), lead=lead))
                    blocks.append(BulletList(tuple(duties.provider)))
                if duties.client:
                    blocks.append(Paragraph(_("The Client shall:"), lead=None if duties.provider else lead))
                    blocks.append(BulletList(tuple(duties.client)))
            subs.append(Section(_("Failures of systems, hardware and the network"), blocks=tuple(blocks)))
        if responsibilities.client_duties:
            subs.append(
                Section(
                    _("The Client’s duties"),
                    blocks=(
                        Paragraph(_("The Client shall:")),
                        BulletList(tuple(responsibilities.client_duties)),
                    ),
                )
            )
        return Clause(context.names.area(self.key), tuple(subs))

    def diff(self, context: DiffContext, old: Responsibilities, new: Responsibilities) -> None:
        _ = context._
        area = self.key

        def roles(entry: RaciEntry) -> str:
            provider, client = entry.provider, entry.client
            return _("Provider: {provider}; Client: {client}").format(
                provider=provider or "—", client=client or "—"
            )

        context.by_id(
            area,
            (old.raci, new.raci),
            lambda e: e.activity,
            _("activity"),
            lambda e: f"{e.activity} ({roles(e)})",
            lambda a, b: context.changed(
                area,
                _("the assignment of roles for {activity}").format(activity=context.quote(b.activity)),
                roles(a),
                roles(b),
            ),
        )
        for kind in dict.fromkeys([*old.failures, *new.failures]):
            a, b = old.failures.get(kind), new.failures.get(kind)
            failure = context.names.failure_kind(kind)
            context.texts(
                area,
                a.provider if a else [],
                b.provider if b else [],
                _("a duty of the Provider ({failure})").format(failure=failure),
            )
            context.texts(
                area,
                a.client if a else [],
                b.client if b else [],
                _("a duty of the Client ({failure})").format(failure=failure),
            )
        context.texts(area, old.client_duties, new.client_duties, _("a duty of the Client"))


RESPONSIBILITIES = ResponsibilitiesArea()
