"""Clause 1, services: what is included, what is not, and what happens to everything else."""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement, ExcludedService, IncludedService, Services
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause


class ServicesArea(Area[Services]):
    key = "services"

    def part(self, agreement: Agreement) -> Services | None:
        return agreement.services

    def clause(self, context: ClauseContext, services: Services) -> Clause:
        _ = context._
        names = context.names
        subs: list[Section] = []
        if services.included:
            with_scope = any(s.quantity is not None or s.unit for s in services.included)
            header = (_("Service"), _("Description"), *((_("Scope"),) if with_scope else ()))
            rows = tuple(
                (
                    s.name,
                    s.description or "",
                    *((names.quantity(s.quantity, s.unit),) if with_scope else ()),
                )
                for s in services.included
            )
            subs.append(
                Section(
                    _("Included services"),
                    blocks=(
                        Paragraph(_("The Provider provides the following services for the monthly fee:")),
                        Table(header, rows, widths=(3, 6, 2) if with_scope else (3, 7)),
                    ),
                )
            )
        if services.excluded:
            rows = tuple(
                (s.name + (f" ({s.description})" if s.description else ""), names.handling(s.handling))
                for s in services.excluded
            )
            subs.append(
                Section(
                    _("Excluded services"),
                    blocks=(
                        Paragraph(_("The following services are not included in the monthly fee:")),
                        Table((_("Service"), _("Handling")), rows, widths=(5, 5)),
                    ),
                )
            )
        if services.unlisted is not None:
            subs.append(Section(_("Other requests"), blocks=(Paragraph(names.unlisted(services.unlisted)),)))
        return Clause(names.area(self.key), tuple(subs))

    def diff(self, context: DiffContext, old: Services, new: Services) -> None:
        _ = context._
        area = self.key
        names, quote = context.names, context.quote

        def compare_included(a: IncludedService, b: IncludedService) -> None:
            name = quote(b.name)
            context.changed(
                area, _("the name of the service {name}").format(name=quote(a.name)), a.name, b.name
            )
            context.changed(
                area,
                _("the description of the service {name}").format(name=name),
                a.description,
                b.description,
            )
            context.changed(
                area,
                _("the scope of the service {name}").format(name=name),
                context.old_names.quantity(a.quantity, a.unit) or None,
                names.quantity(b.quantity, b.unit) or None,
            )

        context.by_id(
            area,
            (old.included, new.included),
            lambda s: s.id,
            _("included service"),
            lambda s: s.name,
            compare_included,
        )

        def compare_excluded(a: ExcludedService, b: ExcludedService) -> None:
            context.changed(
                area,
                _("the handling of the excluded service {name}").format(name=quote(b.name)),
                names.handling(a.handling),
                names.handling(b.handling),
            )

        context.by_id(
            area,
            (old.excluded, new.excluded),
            lambda s: s.id,
            _("excluded service"),
            lambda s: s.name,
            compare_excluded,
        )
        context.changed(
            area,
            _("the handling of requests for unlisted services"),
            names.handling(old.unlisted) if old.unlisted else None,
            names.handling(new.unlisted) if new.unlisted else None,
        )


SERVICES = ServicesArea()
