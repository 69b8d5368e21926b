"""Build the contract document of an agreement in a language.

Order (issue 6): parties and term; one numbered clause per area (services, response times and hours of
service, responsibilities, availability, client requirements, guarantees, performance, priorities);
billing; signatures; and, when asked, an annex listing the changes from an earlier version.

>>> from servicepact import load_agreement  # doctest: +SKIP
>>> contract = build_contract(load_agreement("examples/northwind-acme.en.yaml"), "ru")  # doctest: +SKIP
>>> contract.sections[1].heading  # doctest: +SKIP
'1. Услуги'
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from servicepact.domain.agreement.model import (
    Agreement,
    Availability,
    ClientRequirements,
    Guarantees,
    Party,
    Performance,
    Priorities,
    Responsibilities,
    Services,
    Support,
)
from servicepact.domain.contract.diff import Change
from servicepact.domain.contract.document import (
    Block,
    BulletList,
    ContractDocument,
    Labels,
    PageSize,
    Paragraph,
    Section,
    SignatureParty,
    Signatures,
    Table,
)
from servicepact.domain.contract.names import Names
from servicepact.domain.contract.wording import Wording, capitalize

FAILURE_ORDER = ("system", "hardware", "network")


def default_page_size(language: str) -> PageSize:
    """A4 for Russian readers, US Letter for English ones."""
    return PageSize.LETTER if language == "en" else PageSize.A4


def build_contract(
    agreement: Agreement,
    language: str | None = None,
    *,
    changes: Sequence[Change] | None = None,
    previous_version: str | None = None,
    page_size: PageSize | None = None,
) -> ContractDocument:
    """The contract of ``agreement`` in ``language`` (default: the agreement's own language).

    ``changes`` (from :func:`servicepact.domain.contract.diff.diff_agreements`) adds an annex listing them;
    ``previous_version`` names the version they are counted from.
    """
    lang = language or agreement.language.value
    return _Builder(agreement, Wording(lang)).build(
        changes=changes, previous_version=previous_version, page_size=page_size or default_page_size(lang)
    )


def term_end(start: date, months: int) -> date:
    """The last day of a term of ``months`` months starting on ``start`` (inclusive)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, month_calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


class _Builder:
    def __init__(self, agreement: Agreement, wording: Wording) -> None:
        self.a = agreement
        self.w = wording
        self.names = Names(wording, agreement)
        self._ = wording._
        self.numbers: dict[str, str] = {}
        self._plan()

    def _plan(self) -> None:
        # Numbers are fixed up front so that clauses can refer to each other ("clause 7.3").
        number = 0
        for area in (*AREA_ORDER, "billing"):
            if getattr(self.a, area) is not None:
                number += 1
                self.numbers[area] = str(number)
        performance = self.a.performance
        if performance is not None:
            sub = 1 + bool(performance.kpis) + bool(performance.reporting)
            self.numbers["credits"] = f"{self.numbers['performance']}.{sub}"
        support = self.a.support
        if support is not None:
            self.numbers["after_hours"] = f"{self.numbers['support']}.4"

    def build(
        self, *, changes: Sequence[Change] | None, previous_version: str | None, page_size: PageSize
    ) -> ContractDocument:
        _ = self._
        sections = [self.parties_and_term()]
        builders: dict[str, Callable[[str], Section]] = {
            "services": self.services,
            "support": self.support,
            "responsibilities": self.responsibilities,
            "availability": self.availability,
            "client_requirements": self.client_requirements,
            "guarantees": self.guarantees,
            "performance": self.performance,
            "priorities": self.priorities,
            "billing": self.billing,
        }
        for area, build in builders.items():
            if area in self.numbers:
                sections.append(build(self.numbers[area]))
        sections.append(self.signatures())
        if changes is not None:
            sections.append(self.annex(changes, previous_version))
        header = _("{id} · version {version}").format(id=self.a.id, version=self.a.version)
        labels = Labels(
            contents=_("Contents"),
            page_of=_("Page {page} of {pages}"),
            header=header,
            subtitle=_("Agreement {id}, version {version}").format(id=self.a.id, version=self.a.version),
        )
        return ContractDocument(
            language=self.w.language,
            title=self.a.title,
            agreement_id=self.a.id,
            version=self.a.version,
            page_size=page_size,
            labels=labels,
            sections=tuple(sections),
        )

    # helpers -----------------------------------------------------------------------------------------

    @staticmethod
    def clause(
        number: str, title: str, subsections: Sequence[Section], blocks: Sequence[Block] = ()
    ) -> Section:
        numbered = tuple(
            Section(
                title=sub.title,
                number=f"{number}.{index}",
                blocks=sub.blocks,
                anchor=f"clause-{number}-{index}",
            )
            for index, sub in enumerate(subsections, start=1)
        )
        return Section(
            title=title, number=number, blocks=tuple(blocks), subsections=numbered, anchor=f"clause-{number}"
        )

    def calendar_words(self, calendar_id: str | None) -> str:
        """A calendar named by id in words; one the agreement lacks is quoted by its id."""
        if calendar_id is None:
            return ""
        spec = self.a.calendars.get(calendar_id)
        return self.w.calendar(spec) if spec is not None else calendar_id

    def hours_label(self, calendar_id: str) -> str:
        """Short words for the hours a target or channel runs in."""
        spec = self.a.calendars.get(calendar_id)
        if self.a.support is not None and calendar_id == self.a.support.calendar:
            return self._("hours of service")
        if spec is not None and spec.always_open:
            return self._("around the clock")
        return self.calendar_words(calendar_id)

    def is_business(self, calendar_id: str) -> bool:
        spec = self.a.calendars.get(calendar_id)
        return spec is None or not spec.always_open

    # parties and term --------------------------------------------------------------------------------

    def parties_and_term(self) -> Section:
        _ = self._
        provider, client = self.a.parties.provider, self.a.parties.client
        blocks: list[Block] = [
            Paragraph(
                _(
                    "This agreement is made between {provider} (the “Provider”) and {client} (the “Client”)."
                ).format(provider=provider.name, client=client.name)
            )
        ]
        rows = self._party_rows(provider, client)
        if rows:
            blocks.append(Table(("", _("Provider"), _("Client")), tuple(rows), widths=(2, 4, 4)))
        blocks.extend(self._term_paragraphs())
        return Section(title=self.names.area("parties"), blocks=tuple(blocks), anchor="parties")

    def _party_rows(self, provider: Party, client: Party) -> list[tuple[str, str, str]]:
        _ = self._
        fields: list[tuple[str, Callable[[Party], str | None]]] = [
            (_("Contact person"), lambda p: p.contact.name if p.contact else None),
            (_("E-mail"), lambda p: p.contact.email if p.contact else None),
            (_("Phone"), lambda p: p.contact.phone if p.contact else None),
            (_("Address"), lambda p: p.address),
            (_("Signatory"), lambda p: p.signatory),
        ]
        return [
            (label, get(provider) or "—", get(client) or "—")
            for label, get in fields
            if get(provider) or get(client)
        ]

    def _term_paragraphs(self) -> list[Block]:
        _ = self._
        term = self.a.term
        start = self.w.date(term.start)
        end = term.end or (term_end(term.start, term.months) if term.months else None)
        if term.months and end:
            text = _(
                "This agreement takes effect on {start} and runs for {months}, until {end} inclusive."
            ).format(start=start, months=self.w.months(term.months), end=self.w.date(end))
        elif end:
            text = _("This agreement takes effect on {start} and runs until {end} inclusive.").format(
                start=start, end=self.w.date(end)
            )
        else:
            text = _("This agreement takes effect on {start} and runs for an indefinite term.").format(
                start=start
            )
        sentences = [text]
        if term.auto_renew and term.notice_days is not None:
            sentences.append(
                _(
                    "At the end of the term it renews automatically for the same period unless either party "
                    "gives notice of termination at least {notice} before the term ends."
                ).format(notice=self.w.days(term.notice_days))
            )
        elif term.auto_renew:
            sentences.append(
                _(
                    "At the end of the term it renews automatically for the same period unless either party "
                    "gives notice of termination before the term ends."
                )
            )
        elif end:
            sentences.append(_("The agreement does not renew automatically."))
        return [Paragraph(" ".join(sentences), lead=_("Term."))]

    # 1. services -------------------------------------------------------------------------------------

    def services(self, number: str) -> Section:
        _ = self._
        services: Services = self.a.services  # type: ignore[assignment]
        subs: list[Section] = []
        if services.included:
            with_scope = any(s.quantity is not None or s.unit for s in services.included)
            header = (_("Service"), _("Description"), *((_("Scope"),) if with_scope else ()))
            rows = tuple(
                (
                    s.name,
                    s.description or "",
                    *((self.names.quantity(s.quantity, s.unit),) if with_scope else ()),
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
                (s.name + (f" ({s.description})" if s.description else ""), self.names.handling(s.handling))
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
            subs.append(
                Section(_("Other requests"), blocks=(Paragraph(self.names.unlisted(services.unlisted)),))
            )
        return self.clause(number, self.names.area("services"), subs)

    # 2. support --------------------------------------------------------------------------------------

    def support(self, number: str) -> Section:
        _ = self._
        support: Support = self.a.support  # type: ignore[assignment]
        hours_blocks: list[Block] = [
            Paragraph(
                _("The Provider’s hours of service are: {calendar}.").format(
                    calendar=self.calendar_words(support.calendar)
                )
            )
        ]
        spec = self.a.calendars.get(support.calendar)
        if spec is not None:
            exceptions = self.w.calendar_exceptions(spec)
            if exceptions:
                hours_blocks.append(Paragraph(" ".join(exceptions)))
        channel_items = []
        for channel in support.channels:
            text = self.names.channel(channel.type)
            if channel.address:
                text += f" ({channel.address})"
            when = self.hours_label(channel.calendar or support.calendar)
            item = _("{channel}: {hours}").format(channel=text, hours=when)
            if channel.priorities:
                item = _("{channel}; for tickets of priority {priorities} only").format(
                    channel=item, priorities=self.w.join(channel.priorities)
                )
            channel_items.append(item)
        if channel_items:
            hours_blocks.append(Paragraph(_("The Client reports tickets through these channels:")))
            hours_blocks.append(BulletList(tuple(channel_items)))
        subs = [Section(_("Hours of service"), blocks=tuple(hours_blocks))]
        subs.append(Section(_("Response and resolution times"), blocks=tuple(self._targets_blocks(support))))
        subs.append(Section(_("How the times are counted"), blocks=tuple(self._clock_blocks(support))))
        subs.append(Section(_("After-hours service"), blocks=tuple(self._after_hours_blocks(support))))
        return self.clause(number, self.names.area("support"), subs)

    def _priority_order(self, keys: Sequence[str]) -> list[str]:
        known = self.a.priority_ids()
        return [p for p in known if p in keys] + [p for p in keys if p not in known]

    def _targets_blocks(self, support: Support) -> list[Block]:
        _ = self._
        rows = []
        for priority in self._priority_order(list(support.targets)):
            target = support.targets[priority]
            calendar_id = support.target_calendar(priority)
            business = self.is_business(calendar_id)
            rows.append(
                (
                    self.names.priority(priority),
                    self.w.duration(target.response, business=business) if target.response else "—",
                    self.w.duration(target.resolution, business=business) if target.resolution else "—",
                    capitalize(self.hours_label(calendar_id)),
                )
            )
        return [
            Paragraph(_("The Provider meets these response and resolution times for each priority:")),
            Table(
                (_("Priority"), _("Response time"), _("Resolution time"), _("Counted in")),
                tuple(rows),
                widths=(3, 3, 3, 3),
            ),
            Paragraph(
                _(
                    "Business hours and business days are those of the hours of service; hours and minutes "
                    "“around the clock” are counted on the wall clock."
                )
            ),
        ]

    def _clock_blocks(self, support: Support) -> list[Block]:
        _ = self._
        sentences = []
        if support.response_counts.value == "any":
            sentences.append(
                _(
                    "The response time runs from the registration of a ticket until the first response; "
                    "automatic acknowledgements count as a response."
                )
            )
        else:
            sentences.append(
                _(
                    "The response time runs from the registration of a ticket until the first response by "
                    "a person; automatic acknowledgements do not count."
                )
            )
        sentences.append(
            _("The resolution time runs from the registration of a ticket until it is resolved.")
        )
        blocks: list[Block] = [Paragraph(" ".join(sentences))]
        if support.pause_on:
            blocks.append(
                Paragraph(
                    _(
                        "The resolution time stops while the ticket is in one of these states: {states}; and "
                        "between a resolution and a reopening of the ticket."
                    ).format(states=self.w.join_or(self.names.state(s) for s in support.pause_on))
                )
            )
        else:
            blocks.append(
                Paragraph(_("The resolution time stops between a resolution and a reopening of the ticket."))
            )
        blocks.append(
            Paragraph(
                _(
                    "When the priority of a ticket changes, the times of the new priority apply, counted "
                    "from the registration of the ticket."
                )
            )
        )
        return blocks

    def _after_hours_blocks(self, support: Support) -> list[Block]:
        _ = self._
        after = support.after_hours
        if after is None or not after.available:
            return [Paragraph(_("The Provider does not provide service outside the hours of service."))]
        when = self.calendar_words(after.calendar) if after.calendar else self._("on request")
        if after.priorities:
            text = _(
                "Outside the hours of service, the Provider handles tickets of priority {priorities} {when}."
            )
            blocks: list[Block] = [
                Paragraph(text.format(priorities=self.w.join(after.priorities), when=when))
            ]
        else:
            blocks = [
                Paragraph(
                    _("Outside the hours of service, the Provider handles tickets {when}.").format(when=when)
                )
            ]
        if after.surcharge is not None:
            sentence = _(
                "Work outside the hours of service is billed at the hourly rate multiplied by the "
                "after-hours multiplier of {multiplier}."
            ).format(multiplier=self.w.number(after.surcharge))
            if after.minimum is not None:
                sentence += " " + _("The minimum billed for one after-hours call-out is {minimum}.").format(
                    minimum=self.w.duration(after.minimum)
                )
            blocks.append(Paragraph(sentence))
        return blocks

    # 3. responsibilities -----------------------------------------------------------------------------

    def responsibilities(self, number: str) -> Section:
        _ = self._
        responsibilities: Responsibilities = self.a.responsibilities  # type: ignore[assignment]
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
                lead = self.names.failure_kind(kind) + "."
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
        return self.clause(number, self.names.area("responsibilities"), subs)

    # 4. availability ---------------------------------------------------------------------------------

    def availability(self, number: str) -> Section:
        _ = self._
        availability: Availability = self.a.availability  # type: ignore[assignment]
        maintenance = availability.maintenance
        subs: list[Section] = []
        rows: tuple[tuple[str, ...], ...]
        if availability.uptime:
            rows = tuple(
                (
                    item.name or item.id,
                    self.w.percent(item.target),
                    capitalize(self.names.uptime_window(item.window)),
                    capitalize(
                        _("not counted as downtime")
                        if item.maintenance.value == "excluded"
                        else _("counted as downtime")
                    ),
                )
                for item in availability.uptime
            )
            blocks: list[Block] = [
                Table(
                    (_("Service"), _("Availability target"), _("Measured over"), _("Scheduled maintenance")),
                    rows,
                    widths=(4, 2, 3, 3),
                ),
                Paragraph(
                    _(
                        "Availability is measured on the wall clock as (minutes in the period − minutes "
                        "of downtime) ÷ minutes in the period. Downtime is the time during which a service "
                        "of the item is unavailable; overlapping outages count once."
                    )
                ),
            ]
            if any(item.maintenance.value == "excluded" for item in availability.uptime):
                if maintenance is not None and maintenance.notice is not None:
                    text = _(
                        "Maintenance is scheduled when it lies in a maintenance window or was announced at "
                        "least {notice} in advance."
                    ).format(notice=self.w.duration(maintenance.notice))
                else:
                    text = _("Maintenance is scheduled when it lies in a maintenance window.")
                blocks.append(Paragraph(text))
            subs.append(Section(_("Availability targets"), blocks=tuple(blocks)))
        if maintenance is not None and (
            maintenance.windows or maintenance.notice or maintenance.max_per_month
        ):
            blocks = []
            if maintenance.windows:
                items = []
                for window in maintenance.windows:
                    schedule = self.w.recurrence(window.schedule, window.duration)
                    spec = self.a.calendars.get(window.calendar)
                    if spec is not None:
                        schedule = _("{schedule}, {zone}").format(
                            schedule=schedule, zone=self.w.zone(spec.timezone)
                        )
                    items.append(schedule)
                blocks.append(Paragraph(_("The maintenance windows are:")))
                blocks.append(BulletList(tuple(items)))
            if maintenance.notice is not None:
                blocks.append(
                    Paragraph(
                        _(
                            "Maintenance outside the maintenance windows is announced at least {notice} in "
                            "advance; otherwise it counts as downtime."
                        ).format(notice=self.w.duration(maintenance.notice))
                    )
                )
            if maintenance.max_per_month is not None:
                blocks.append(
                    Paragraph(
                        _("Scheduled maintenance takes at most {duration} per month.").format(
                            duration=self.w.duration(maintenance.max_per_month)
                        )
                    )
                )
            subs.append(Section(_("Maintenance windows"), blocks=tuple(blocks)))
        if availability.recovery:
            rows = tuple(
                (
                    self.names.tier(tier.tier),
                    self.w.join(self.names.system(s) for s in tier.systems),
                    self.w.duration(tier.rto) if tier.rto else "—",
                    self.w.duration(tier.rpo) if tier.rpo else "—",
                )
                for tier in availability.recovery
            )
            subs.append(
                Section(
                    _("Recovery"),
                    blocks=(
                        Paragraph(
                            _(
                                "The recovery time objective (RTO) is the longest time from a failure "
                                "until the systems of the tier work again. The recovery point objective "
                                "(RPO) is the longest period before a failure whose data may be lost. Both "
                                "are wall-clock times."
                            )
                        ),
                        Table(
                            (
                                _("Tier"),
                                _("Systems"),
                                _("Recovery time objective (RTO)"),
                                _("Recovery point objective (RPO)"),
                            ),
                            rows,
                            widths=(2, 4, 3, 3),
                        ),
                    ),
                )
            )
        if availability.backups:
            rows = tuple(
                (
                    backup.id,
                    self.w.join(self.names.system(s) for s in backup.systems),
                    self.w.duration(backup.frequency),
                    self.w.duration(backup.retention) if backup.retention else "—",
                    self.w.yes_no(backup.offsite),
                    self.w.duration(backup.restore_test) if backup.restore_test else "—",
                )
                for backup in availability.backups
            )
            subs.append(
                Section(
                    _("Backups"),
                    blocks=(
                        Table(
                            (
                                _("Backup set"),
                                _("Systems"),
                                _("Backup at least every"),
                                _("Retention"),
                                _("Off-site copy"),
                                _("Test restore at least every"),
                            ),
                            rows,
                            widths=(2, 3, 2, 2, 2, 2),
                        ),
                    ),
                )
            )
        return self.clause(number, self.names.area("availability"), subs)

    # 5. client requirements --------------------------------------------------------------------------

    def client_requirements(self, number: str) -> Section:
        _ = self._
        requirements: ClientRequirements = self.a.client_requirements  # type: ignore[assignment]
        subs: list[Section] = []
        if requirements.rules:
            rows = tuple(
                (
                    rule.description or rule.id,
                    self.w.join(self.names.asset_type(t) for t in rule.applies_to) or "—",
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
            sentences.append(self.names.consequence(requirements.consequence))
        if requirements.remediation is not None:
            sentences.append(self.names.remediation(requirements.remediation))
        if sentences:
            subs.append(
                Section(_("When the requirements are not met"), blocks=(Paragraph(" ".join(sentences)),))
            )
        return self.clause(number, self.names.area("client_requirements"), subs)

    # 6. guarantees -----------------------------------------------------------------------------------

    def guarantees(self, number: str) -> Section:
        _ = self._
        guarantees: Guarantees = self.a.guarantees  # type: ignore[assignment]
        subs: list[Section] = []
        if guarantees.commitments:
            rows = []
            for commitment in guarantees.commitments:
                measured = "—"
                if commitment.metric:
                    measured = self.names.metric(commitment.metric)
                    target = self.names.metric_target(commitment.metric)
                    if target:
                        measured = _("{metric}: {target}").format(metric=measured, target=target)
                rows.append(
                    (
                        commitment.statement,
                        measured,
                        self.names.remedy(commitment.remedy, self.numbers.get("credits")),
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
        return self.clause(number, self.names.area("guarantees"), subs)

    # 7. performance ----------------------------------------------------------------------------------

    def performance(self, number: str) -> Section:
        _ = self._
        performance: Performance = self.a.performance  # type: ignore[assignment]
        subs: list[Section] = []
        if performance.kpis:
            rows = tuple(
                (
                    kpi.name or kpi.id,
                    self.names.catalogue_metric(kpi.metric),
                    self.w.kpi_target(kpi.target) if kpi.target else "—",
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
                    frequency=self.names.reporting_frequency(reporting.frequency),
                    due=self.w.duration(reporting.due, business=True),
                )
            elif reporting.frequency is not None:
                text = _("The Provider reports on the indicators {frequency}.").format(
                    frequency=self.names.reporting_frequency(reporting.frequency)
                )
            else:
                text = _("The Provider reports on the indicators after the end of each period.")
            subs.append(Section(_("Reporting"), blocks=(Paragraph(text),)))
        credits = performance.service_credits
        if credits is not None:
            subs.append(Section(_("Service credits"), blocks=tuple(self._credit_blocks())))
        return self.clause(number, self.names.area("performance"), subs)

    def credit_bands(self) -> list[tuple[str, str, str]]:
        """Rows of the service credit table: metric, measured value, credit (bands high to low)."""
        _ = self._
        performance = self.a.performance
        credits = performance.service_credits if performance else None
        if credits is None:
            return []
        metrics = list(dict.fromkeys(tier.metric for tier in credits.tiers))
        rows = []
        for metric in metrics:
            tiers = sorted(
                (t for t in credits.tiers if t.metric == metric), key=lambda t: t.below, reverse=True
            )
            for index, tier in enumerate(tiers):
                if index + 1 < len(tiers):
                    measured = _("below {upper} and at least {lower}").format(
                        upper=self.w.percent(tier.below), lower=self.w.percent(tiers[index + 1].below)
                    )
                else:
                    measured = _("below {upper}").format(upper=self.w.percent(tier.below))
                credit = _("{percent} of the monthly fee").format(percent=self.w.percent(tier.credit))
                rows.append((self.names.metric(metric) if index == 0 else "", measured, credit))
        return rows

    def _credit_blocks(self) -> list[Block]:
        _ = self._
        credits = self.a.performance.service_credits  # type: ignore[union-attr]
        assert credits is not None
        blocks: list[Block] = [
            Paragraph(
                _(
                    "When a measured value falls below its target in a month, the Client receives a service "
                    "credit, a share of the monthly fee, according to these bands:"
                )
            )
        ]
        rows = self.credit_bands()
        if rows:
            blocks.append(
                Table((_("Metric"), _("Measured value"), _("Service credit")), tuple(rows), widths=(4, 4, 3))
            )
        sentences = [_("Service credits for different metrics add up.")]
        if credits.cap is not None:
            sentences.append(
                _("The service credits for one month add up to at most {cap} of the monthly fee.").format(
                    cap=self.w.percent(credits.cap)
                )
            )
        if credits.claim_within is not None:
            sentences.append(
                _(
                    "The Client claims a service credit within {period} after the end of the month; later "
                    "claims are not considered."
                ).format(period=self.w.duration(credits.claim_within))
            )
        blocks.append(Paragraph(" ".join(sentences)))
        return blocks

    # 8. priorities -----------------------------------------------------------------------------------

    def priorities(self, number: str) -> Section:
        _ = self._
        priorities: Priorities = self.a.priorities  # type: ignore[assignment]
        subs: list[Section] = []
        rows: tuple[tuple[str, ...], ...]
        if priorities.levels:
            rows = tuple(
                (self.names.priority(level.id), level.definition or "—", "; ".join(level.examples) or "—")
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
                rows = tuple((self.names.impact(k), v) for k, v in priorities.impact.items())
                blocks.append(Table((_("Impact"), _("Description")), rows, widths=(2, 8)))
            if priorities.urgency:
                rows = tuple((self.names.urgency(k), v) for k, v in priorities.urgency.items())
                blocks.append(Table((_("Urgency"), _("Description")), rows, widths=(2, 8)))
            subs.append(Section(_("Impact and urgency"), blocks=tuple(blocks)))
        if priorities.matrix:
            columns = list(priorities.urgency) or []
            for row in priorities.matrix.values():
                columns += [c for c in row if c not in columns]
            rows = tuple(
                (self.names.impact(impact), *(row.get(c, "—") for c in columns))
                for impact, row in priorities.matrix.items()
            )
            subs.append(
                Section(
                    _("Priority matrix"),
                    blocks=(
                        Paragraph(_("The priority of a ticket follows from its impact and its urgency:")),
                        Table(
                            (_("Impact ↓ / urgency →"), *(self.names.urgency(c) for c in columns)),
                            rows,
                            widths=(3, *([2] * len(columns))),
                        ),
                    ),
                )
            )
        blocks = []
        if priorities.assigned_by is not None:
            blocks.append(Paragraph(self.names.assigned_by(priorities.assigned_by)))
        if priorities.disputes:
            blocks.append(Paragraph(priorities.disputes, lead=_("Disputes about a priority.")))
        if blocks:
            subs.append(Section(_("Assigning priorities and disputes"), blocks=tuple(blocks)))
        return self.clause(number, self.names.area("priorities"), subs)

    # billing, signatures, annex ----------------------------------------------------------------------

    def billing(self, number: str) -> Section:
        _ = self._
        billing = self.a.billing
        assert billing is not None
        sentences = []
        if billing.monthly_fee is not None:
            sentences.append(
                _("The monthly fee is {fee}.").format(fee=self.w.money(billing.monthly_fee, self.a.currency))
            )
        if billing.hourly_rate is not None:
            sentences.append(
                _("Billable work is charged at {rate} per hour.").format(
                    rate=self.w.money(billing.hourly_rate, self.a.currency)
                )
            )
        if billing.increment is not None:
            sentences.append(
                _("Billable time is rounded up to whole increments of {increment}.").format(
                    increment=self.w.duration(billing.increment)
                )
            )
        after = self.a.support.after_hours if self.a.support else None
        if after is not None and after.available and after.surcharge is not None:
            sentences.append(
                _(
                    "Work outside the hours of service is charged at the hourly rate multiplied by the "
                    "after-hours multiplier (clause {clause})."
                ).format(clause=self.numbers["after_hours"])
            )
        return self.clause(number, self.names.area("billing"), [], blocks=[Paragraph(" ".join(sentences))])

    def signatures(self) -> Section:
        _ = self._
        parties = self.a.parties
        block = Signatures(
            parties=(
                SignatureParty(_("Provider"), parties.provider.name, parties.provider.signatory),
                SignatureParty(_("Client"), parties.client.name, parties.client.signatory),
            ),
            signature_label=_("Signature"),
            name_label=_("Name"),
            date_label=_("Date"),
        )
        return Section(_("Signatures"), blocks=(block,), anchor="signatures")

    def annex(self, changes: Sequence[Change], previous_version: str | None) -> Section:
        _ = self._
        if previous_version:
            title = _("Annex A. Changes from version {version}").format(version=previous_version)
        else:
            title = _("Annex A. Changes from the previous version")
        if not changes:
            return Section(title, blocks=(Paragraph(_("Nothing has changed.")),), anchor="annex")
        blocks: list[Block] = []
        for area, items in group_changes(changes).items():
            blocks.append(Paragraph("", lead=self.names.area(area) + "."))
            blocks.append(BulletList(tuple(items)))
        return Section(title, blocks=tuple(blocks), anchor="annex")


AREA_ORDER = (
    "services",
    "support",
    "responsibilities",
    "availability",
    "client_requirements",
    "guarantees",
    "performance",
    "priorities",
)


def group_changes(changes: Sequence[Change]) -> dict[str, list[str]]:
    """The changes' sentences by area, in the order of the contract's clauses."""
    order = ("document", "parties", "term", *AREA_ORDER, "calendars", "billing")
    grouped: dict[str, list[str]] = {}
    for change in sorted(changes, key=lambda c: order.index(c.area) if c.area in order else len(order)):
        grouped.setdefault(change.area, []).append(change.text)
    return grouped
