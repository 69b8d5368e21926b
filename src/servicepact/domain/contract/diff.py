"""What changed between two versions of an agreement, in words.

Each change names its area (the clause it belongs to) and says in a sentence what changed, using the same
words as the contract: "The response time for P2 changes from 1 business hour to 2 business hours." /
"Время реакции для P2: было 1 рабочий час, стало 2 рабочих часа."

>>> from servicepact import load_agreement  # doctest: +SKIP
>>> [c.text for c in diff_agreements(old, new, "en")]  # doctest: +SKIP
['The response time for P2 changes from 1 business hour to 2 business hours.']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from servicepact.domain.agreement.model import (
    Agreement,
    AssignedBy,
    Availability,
    BackupSet,
    ClientRequirements,
    Commitment,
    Consequence,
    ExcludedService,
    Guarantees,
    IncludedService,
    Kpi,
    MaintenanceWindow,
    Party,
    Performance,
    Priorities,
    PriorityLevel,
    RaciEntry,
    RecoveryTier,
    Remediation,
    RequirementRule,
    Responsibilities,
    Services,
    Support,
    UptimeItem,
)
from servicepact.domain.agreement.values import Duration
from servicepact.domain.contract.names import Names
from servicepact.domain.contract.wording import Wording, capitalize, full_stop

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change: ``area`` is the key of the clause it belongs to (``support``, ``billing``...)."""

    area: str
    text: str


def diff_agreements(old: Agreement, new: Agreement, language: str | None = None) -> list[Change]:
    """The changes from ``old`` to ``new`` in words, in the order of the contract's clauses.

    ``language`` defaults to the new agreement's language.
    """
    return _Differ(old, new, Wording(language or new.language.value)).run()


class _Differ:
    def __init__(self, old: Agreement, new: Agreement, wording: Wording) -> None:
        self.old, self.new, self.w = old, new, wording
        self._ = wording._
        self.old_names, self.names = Names(wording, old), Names(wording, new)
        self.changes: list[Change] = []

    # sentences ---------------------------------------------------------------------------------------

    def changed(self, area: str, what: str, old: str | None, new: str | None) -> None:
        if old == new:
            return
        unset = self._("not set")
        text = self._("{what} changes from {old} to {new}.").format(
            what=what, old=old or unset, new=new or unset
        )
        self.changes.append(Change(area, full_stop(capitalize(text))))

    def added(self, area: str, what: str, value: str) -> None:
        text = self._("{what} added: {value}.").format(what=what, value=value)
        self.changes.append(Change(area, full_stop(capitalize(text))))

    def removed(self, area: str, what: str, value: str) -> None:
        text = self._("{what} removed: {value}.").format(what=what, value=value)
        self.changes.append(Change(area, full_stop(capitalize(text))))

    def by_id(
        self,
        area: str,
        old: Sequence[T],
        new: Sequence[T],
        key: Callable[[T], str],
        what: str,
        describe: Callable[[T], str],
        compare: Callable[[T, T], None],
    ) -> None:
        """Items matched by ``key``: additions, removals, and ``compare`` on the items in both."""
        old_by_key = {key(item): item for item in old}
        new_by_key = {key(item): item for item in new}
        for k, item in old_by_key.items():
            if k not in new_by_key:
                self.removed(area, what, describe(item))
        for k, item in new_by_key.items():
            if k not in old_by_key:
                self.added(area, what, describe(item))
            else:
                compare(old_by_key[k], item)

    def texts(self, area: str, old: Iterable[str], new: Iterable[str], what: str) -> None:
        """Free-text list items added or removed."""
        old_items, new_items = list(old), list(new)
        for item in old_items:
            if item not in new_items:
                self.removed(area, what, item)
        for item in new_items:
            if item not in old_items:
                self.added(area, what, item)

    def duration(self, value: Duration | None, *, business: bool = False) -> str | None:
        return self.w.duration(value, business=business) if value is not None else None

    def quote(self, text: str) -> str:
        return self._("“{text}”").format(text=text)

    # areas -------------------------------------------------------------------------------------------

    def run(self) -> list[Change]:
        self.document()
        area_diffs: dict[str, Callable[[Any, Any], None]] = {
            "services": self.services,
            "support": self.support,
            "responsibilities": self.responsibilities,
            "availability": self.availability,
            "client_requirements": self.client_requirements,
            "guarantees": self.guarantees,
            "performance": self.performance,
            "priorities": self.priorities,
        }
        for area, compare in area_diffs.items():
            old, new = getattr(self.old, area), getattr(self.new, area)
            title = self.quote(self.names.area(area))
            if old is None and new is not None:
                self.changes.append(
                    Change(area, self._("The clause {clause} is added.").format(clause=title))
                )
            elif old is not None and new is None:
                self.changes.append(
                    Change(area, self._("The clause {clause} is removed.").format(clause=title))
                )
            elif old is not None and new is not None:
                compare(old, new)
        self.billing()
        return self.changes

    def document(self) -> None:
        _ = self._
        old, new = self.old, self.new
        self.changed("document", _("the title"), old.title, new.title)
        self.changed("document", _("the version"), old.version, new.version)
        self.changed("document", _("the currency"), old.currency, new.currency)
        for party in ("provider", "client"):
            old_party, new_party = getattr(old.parties, party), getattr(new.parties, party)
            role = self.names.role(party)
            self.changed(
                "parties", _("the name of the {role}").format(role=role), old_party.name, new_party.name
            )

            def contact(p: Party) -> str | None:
                c = p.contact
                parts = [c.name, c.email, c.phone] if c else []
                return ", ".join(x for x in parts if x) or None

            self.changed(
                "parties",
                _("the contact details of the {role}").format(role=role),
                contact(old_party),
                contact(new_party),
            )
        term_old, term_new = old.term, new.term
        self.changed("term", _("the start date"), self.w.date(term_old.start), self.w.date(term_new.start))
        self.changed(
            "term",
            _("the term"),
            self.w.months(term_old.months) if term_old.months else None,
            self.w.months(term_new.months) if term_new.months else None,
        )
        self.changed(
            "term",
            _("the end date"),
            self.w.date(term_old.end) if term_old.end else None,
            self.w.date(term_new.end) if term_new.end else None,
        )
        self.changed(
            "term",
            _("automatic renewal"),
            self.w.yes_no(term_old.auto_renew),
            self.w.yes_no(term_new.auto_renew),
        )
        self.changed(
            "term",
            _("the notice period"),
            self.w.days(term_old.notice_days) if term_old.notice_days is not None else None,
            self.w.days(term_new.notice_days) if term_new.notice_days is not None else None,
        )

    def services(self, old: Services, new: Services) -> None:
        _ = self._
        area = "services"

        def compare_included(a: IncludedService, b: IncludedService) -> None:
            name = self.quote(b.name)
            self.changed(
                area, _("the name of the service {name}").format(name=self.quote(a.name)), a.name, b.name
            )
            self.changed(
                area,
                _("the description of the service {name}").format(name=name),
                a.description,
                b.description,
            )
            self.changed(
                area,
                _("the scope of the service {name}").format(name=name),
                self.old_names.quantity(a.quantity, a.unit) or None,
                self.names.quantity(b.quantity, b.unit) or None,
            )

        self.by_id(
            area,
            old.included,
            new.included,
            lambda s: s.id,
            _("included service"),
            lambda s: s.name,
            compare_included,
        )

        def compare_excluded(a: ExcludedService, b: ExcludedService) -> None:
            self.changed(
                area,
                _("the handling of the excluded service {name}").format(name=self.quote(b.name)),
                self.names.handling(a.handling),
                self.names.handling(b.handling),
            )

        self.by_id(
            area,
            old.excluded,
            new.excluded,
            lambda s: s.id,
            _("excluded service"),
            lambda s: s.name,
            compare_excluded,
        )
        self.changed(
            area,
            _("the handling of requests for unlisted services"),
            self.names.handling(old.unlisted) if old.unlisted else None,
            self.names.handling(new.unlisted) if new.unlisted else None,
        )

    def _calendar_words(self, agreement: Agreement, calendar_id: str | None) -> str | None:
        if calendar_id is None:
            return None
        spec = agreement.calendars.get(calendar_id)
        return self.w.calendar(spec) if spec else calendar_id

    def support(self, old: Support, new: Support) -> None:
        _ = self._
        area = "support"
        self.changed(
            area,
            _("the hours of service"),
            self._calendar_words(self.old, old.calendar),
            self._calendar_words(self.new, new.calendar),
        )
        old_spec, new_spec = self.old.calendars.get(old.calendar), self.new.calendars.get(new.calendar)
        self.changed(
            area,
            _("the special dates of the hours of service"),
            " ".join(self.w.calendar_exceptions(old_spec)) if old_spec else None,
            " ".join(self.w.calendar_exceptions(new_spec)) if new_spec else None,
        )

        def channels(agreement: Agreement, support: Support) -> str:
            items = []
            for channel in support.channels:
                text = self.names.channel(channel.type)
                if channel.priorities:
                    text += f" ({', '.join(channel.priorities)})"
                items.append(text)
            return self.w.join(items)

        self.changed(
            area, _("the contact channels"), channels(self.old, old) or None, channels(self.new, new) or None
        )
        self.changed(
            area,
            _("what counts as a response"),
            self._response_counts(old.response_counts.value),
            self._response_counts(new.response_counts.value),
        )
        self.changed(
            area,
            _("the states that stop the resolution time"),
            self.w.join(self.names.state(s) for s in old.pause_on) or None,
            self.w.join(self.names.state(s) for s in new.pause_on) or None,
        )
        for priority in dict.fromkeys([*old.targets, *new.targets]):
            a, b = old.targets.get(priority), new.targets.get(priority)
            old_business = self._business(self.old, old.target_calendar(priority))
            new_business = self._business(self.new, new.target_calendar(priority))
            if a is None and b is not None:
                self.added(
                    area,
                    _("the times for {priority}").format(priority=priority),
                    self._target_text(b.response, b.resolution, new_business),
                )
            elif a is not None and b is None:
                self.removed(
                    area,
                    _("the times for {priority}").format(priority=priority),
                    self._target_text(a.response, a.resolution, old_business),
                )
            elif a is not None and b is not None:
                self.changed(
                    area,
                    _("the response time for {priority}").format(priority=priority),
                    self.duration(a.response, business=old_business),
                    self.duration(b.response, business=new_business),
                )
                self.changed(
                    area,
                    _("the resolution time for {priority}").format(priority=priority),
                    self.duration(a.resolution, business=old_business),
                    self.duration(b.resolution, business=new_business),
                )
                self.changed(
                    area,
                    _("the hours in which the times for {priority} are counted").format(priority=priority),
                    self._calendar_words(self.old, old.target_calendar(priority)),
                    self._calendar_words(self.new, new.target_calendar(priority)),
                )
        self._after_hours(old, new)

    def _response_counts(self, value: str) -> str:
        if value == "any":
            return self._("any response, automatic acknowledgements included")
        return self._("a response by a person")

    def _business(self, agreement: Agreement, calendar_id: str) -> bool:
        spec = agreement.calendars.get(calendar_id)
        return spec is None or not spec.always_open

    def _target_text(self, response: Duration | None, resolution: Duration | None, business: bool) -> str:
        return self._("response {response}, resolution {resolution}").format(
            response=self.duration(response, business=business) or "—",
            resolution=self.duration(resolution, business=business) or "—",
        )

    def _after_hours(self, old: Support, new: Support) -> None:
        _ = self._
        area = "support"
        a, b = old.after_hours, new.after_hours
        available_a, available_b = bool(a and a.available), bool(b and b.available)
        self.changed(
            area,
            _("after-hours service"),
            _("available") if available_a else _("not available"),
            _("available") if available_b else _("not available"),
        )
        if not (a and b and available_a and available_b):
            return
        self.changed(
            area,
            _("the priorities served after hours"),
            self.w.join(a.priorities or []) or None,
            self.w.join(b.priorities or []) or None,
        )
        self.changed(
            area,
            _("the after-hours multiplier"),
            self.w.number(a.surcharge) if a.surcharge is not None else None,
            self.w.number(b.surcharge) if b.surcharge is not None else None,
        )
        self.changed(
            area,
            _("the minimum billed per after-hours call-out"),
            self.duration(a.minimum),
            self.duration(b.minimum),
        )
        self.changed(
            area,
            _("the hours of after-hours service"),
            self._calendar_words(self.old, a.calendar),
            self._calendar_words(self.new, b.calendar),
        )

    def responsibilities(self, old: Responsibilities, new: Responsibilities) -> None:
        _ = self._
        area = "responsibilities"

        def roles(entry: RaciEntry) -> str:
            provider, client = entry.provider, entry.client
            return _("Provider: {provider}; Client: {client}").format(
                provider=provider or "—", client=client or "—"
            )

        self.by_id(
            area,
            old.raci,
            new.raci,
            lambda e: e.activity,
            _("activity"),
            lambda e: f"{e.activity} ({roles(e)})",
            lambda a, b: self.changed(
                area,
                _("the assignment of roles for {activity}").format(activity=self.quote(b.activity)),
                roles(a),
                roles(b),
            ),
        )
        for kind in dict.fromkeys([*old.failures, *new.failures]):
            a, b = old.failures.get(kind), new.failures.get(kind)
            failure = self.names.failure_kind(kind)
            self.texts(
                area,
                a.provider if a else [],
                b.provider if b else [],
                _("a duty of the Provider ({failure})").format(failure=failure),
            )
            self.texts(
                area,
                a.client if a else [],
                b.client if b else [],
                _("a duty of the Client ({failure})").format(failure=failure),
            )
        self.texts(area, old.client_duties, new.client_duties, _("a duty of the Client"))

    def availability(self, old: Availability, new: Availability) -> None:
        _ = self._
        area = "availability"

        def uptime_text(item: UptimeItem) -> str:
            name = item.name or item.id
            return f"{name}: {self.w.percent(item.target)}"

        def compare_uptime(a: UptimeItem, b: UptimeItem) -> None:
            name = self.quote(b.name or b.id)
            self.changed(
                area,
                _("the availability target of {name}").format(name=name),
                self.w.percent(a.target),
                self.w.percent(b.target),
            )
            self.changed(
                area,
                _("the measurement period of {name}").format(name=name),
                self.names.uptime_window(a.window),
                self.names.uptime_window(b.window),
            )
            self.changed(
                area,
                _("the treatment of scheduled maintenance for {name}").format(name=name),
                self._maintenance_treatment(a.maintenance.value),
                self._maintenance_treatment(b.maintenance.value),
            )

        self.by_id(
            area,
            old.uptime,
            new.uptime,
            lambda u: u.id,
            _("availability target"),
            uptime_text,
            compare_uptime,
        )
        old_m, new_m = old.maintenance, new.maintenance

        def window_text(agreement: Agreement, window: MaintenanceWindow) -> str:
            text = self.w.recurrence(window.schedule, window.duration)
            spec = agreement.calendars.get(window.calendar)
            return (
                _("{schedule}, {zone}").format(schedule=text, zone=self.w.zone(spec.timezone))
                if spec
                else text
            )

        self.by_id(
            area,
            old_m.windows if old_m else [],
            new_m.windows if new_m else [],
            lambda m: m.id,
            _("maintenance window"),
            lambda m: window_text(self.new, m),
            lambda a, b: self.changed(
                area,
                _("the maintenance window {name}").format(name=self.quote(b.id)),
                window_text(self.old, a),
                window_text(self.new, b),
            ),
        )
        self.changed(
            area,
            _("the notice period for maintenance"),
            self.duration(old_m.notice if old_m else None),
            self.duration(new_m.notice if new_m else None),
        )
        self.changed(
            area,
            _("the monthly maximum of scheduled maintenance"),
            self.duration(old_m.max_per_month if old_m else None),
            self.duration(new_m.max_per_month if new_m else None),
        )

        def tier_text(tier: RecoveryTier) -> str:
            return _("{tier}: RTO {rto}, RPO {rpo}").format(
                tier=self.names.tier(tier.tier),
                rto=self.duration(tier.rto) or "—",
                rpo=self.duration(tier.rpo) or "—",
            )

        def compare_tier(a: RecoveryTier, b: RecoveryTier) -> None:
            name = self.quote(self.names.tier(b.tier))
            self.changed(
                area,
                _("the recovery time objective (RTO) of tier {tier}").format(tier=name),
                self.duration(a.rto),
                self.duration(b.rto),
            )
            self.changed(
                area,
                _("the recovery point objective (RPO) of tier {tier}").format(tier=name),
                self.duration(a.rpo),
                self.duration(b.rpo),
            )
            self.changed(
                area,
                _("the systems of tier {tier}").format(tier=name),
                self.w.join(a.systems),
                self.w.join(b.systems),
            )

        self.by_id(
            area, old.recovery, new.recovery, lambda t: t.tier, _("recovery tier"), tier_text, compare_tier
        )

        def compare_backup(a: BackupSet, b: BackupSet) -> None:
            name = self.quote(b.id)
            for label, field in (
                (_("the backup interval of {name}"), "frequency"),
                (_("the retention of {name}"), "retention"),
                (_("the test restore interval of {name}"), "restore_test"),
            ):
                self.changed(
                    area,
                    label.format(name=name),
                    self.duration(getattr(a, field)),
                    self.duration(getattr(b, field)),
                )
            self.changed(
                area,
                _("the off-site copy of {name}").format(name=name),
                self.w.yes_no(a.offsite),
                self.w.yes_no(b.offsite),
            )
            self.changed(
                area,
                _("the systems of {name}").format(name=name),
                self.w.join(a.systems),
                self.w.join(b.systems),
            )

        self.by_id(
            area, old.backups, new.backups, lambda s: s.id, _("backup set"), lambda s: s.id, compare_backup
        )

    def _maintenance_treatment(self, value: str) -> str:
        return self._("not counted as downtime") if value == "excluded" else self._("counted as downtime")

    def client_requirements(self, old: ClientRequirements, new: ClientRequirements) -> None:
        _ = self._
        area = "client_requirements"

        def compare_rule(a: RequirementRule, b: RequirementRule) -> None:
            name = self.quote(b.id)
            self.changed(area, _("the requirement {name}").format(name=name), a.description, b.description)
            self.changed(
                area,
                _("the assets that requirement {name} applies to").format(name=name),
                self.w.join(self.names.asset_type(t) for t in a.applies_to) or None,
                self.w.join(self.names.asset_type(t) for t in b.applies_to) or None,
            )

        self.by_id(
            area,
            old.rules,
            new.rules,
            lambda r: r.id,
            _("client requirement"),
            lambda r: r.description or r.id,
            compare_rule,
        )
        consequences = {
            Consequence.BEST_EFFORT: _("best effort, no targets"),
            Consequence.EXCLUDED: _("out of scope"),
        }
        self.changed(
            area,
            _("the consequence of failing a requirement"),
            consequences.get(old.consequence) if old.consequence else None,
            consequences.get(new.consequence) if new.consequence else None,
        )
        remediations = {
            Remediation.BILLABLE: _("billable"),
            Remediation.INCLUDED: _("included in the monthly fee"),
        }
        self.changed(
            area,
            _("the cost of bringing assets up to the requirements"),
            remediations.get(old.remediation) if old.remediation else None,
            remediations.get(new.remediation) if new.remediation else None,
        )

    def guarantees(self, old: Guarantees, new: Guarantees) -> None:
        _ = self._
        area = "guarantees"

        def compare_commitment(a: Commitment, b: Commitment) -> None:
            name = self.quote(b.id)
            self.changed(area, _("the commitment {name}").format(name=name), a.statement, b.statement)
            metric_a, metric_b = a.metric, b.metric
            self.changed(
                area,
                _("the metric of commitment {name}").format(name=name),
                self.old_names.metric(metric_a) if metric_a else None,
                self.names.metric(metric_b) if metric_b else None,
            )
            self.changed(
                area,
                _("the remedy of commitment {name}").format(name=name),
                self.names.remedy(a.remedy, None),
                self.names.remedy(b.remedy, None),
            )

        self.by_id(
            area,
            old.commitments,
            new.commitments,
            lambda c: c.id,
            _("commitment"),
            lambda c: c.statement,
            compare_commitment,
        )
        self.changed(
            area,
            _("the sole remedy clause"),
            self.w.yes_no(old.sole_remedy) if old.sole_remedy is not None else None,
            self.w.yes_no(new.sole_remedy) if new.sole_remedy is not None else None,
        )
        self.texts(area, old.disclaimers, new.disclaimers, _("exclusion"))

    def performance(self, old: Performance, new: Performance) -> None:
        _ = self._
        area = "performance"

        def kpi_text(kpi: Kpi) -> str:
            target = kpi.target
            name = kpi.name or kpi.id
            return f"{name}: {self.w.kpi_target(target)}" if target else name

        def compare_kpi(a: Kpi, b: Kpi) -> None:
            name = self.quote(b.name or b.id)
            target_a, target_b = a.target, b.target
            self.changed(
                area,
                _("the target of {name}").format(name=name),
                self.w.kpi_target(target_a) if target_a else None,
                self.w.kpi_target(target_b) if target_b else None,
            )
            self.changed(
                area,
                _("how {name} is measured").format(name=name),
                self.names.catalogue_metric(a.metric),
                self.names.catalogue_metric(b.metric),
            )

        self.by_id(
            area, old.kpis, new.kpis, lambda k: k.id, _("key performance indicator"), kpi_text, compare_kpi
        )
        old_r, new_r = old.reporting, new.reporting
        self.changed(
            area,
            _("the reporting frequency"),
            self.names.reporting_frequency(old_r.frequency) if old_r and old_r.frequency else None,
            self.names.reporting_frequency(new_r.frequency) if new_r and new_r.frequency else None,
        )
        self.changed(
            area,
            _("the report deadline"),
            self.duration(old_r.due if old_r else None, business=True),
            self.duration(new_r.due if new_r else None, business=True),
        )
        old_c, new_c = old.service_credits, new.service_credits
        old_bands, new_bands = self._bands(self.old, old), self._bands(self.new, new)
        for metric in dict.fromkeys([*old_bands, *new_bands]):
            a, b = old_bands.get(metric), new_bands.get(metric)
            name = self.names.metric(metric) if metric in new_bands else self.old_names.metric(metric)
            what = _("the service credit bands for {metric}").format(metric=self.quote(name))
            if a is None and b is not None:
                self.added(area, what, b)
            elif a is not None and b is None:
                self.removed(area, what, a)
            else:
                self.changed(area, what, a, b)
        self.changed(
            area,
            _("the service credit cap"),
            self.w.percent(old_c.cap) if old_c and old_c.cap else None,
            self.w.percent(new_c.cap) if new_c and new_c.cap else None,
        )
        self.changed(
            area,
            _("the period for claiming service credits"),
            self.duration(old_c.claim_within if old_c else None),
            self.duration(new_c.claim_within if new_c else None),
        )

    def _bands(self, agreement: Agreement, performance: Performance) -> dict[str, str]:
        credits = performance.service_credits
        if credits is None:
            return {}
        bands: dict[str, list[str]] = {}
        for tier in sorted(credits.tiers, key=lambda t: t.below, reverse=True):
            bands.setdefault(tier.metric, []).append(
                self._("below {upper}: {percent} of the monthly fee").format(
                    upper=self.w.percent(tier.below), percent=self.w.percent(tier.credit)
                )
            )
        return {metric: "; ".join(items) for metric, items in bands.items()}

    def priorities(self, old: Priorities, new: Priorities) -> None:
        _ = self._
        area = "priorities"

        def compare_level(a: PriorityLevel, b: PriorityLevel) -> None:
            ident = b.id
            self.changed(area, _("the name of {priority}").format(priority=ident), a.name, b.name)
            self.changed(
                area, _("the definition of {priority}").format(priority=ident), a.definition, b.definition
            )
            self.changed(
                area,
                _("the examples of {priority}").format(priority=ident),
                "; ".join(a.examples) or None,
                "; ".join(b.examples) or None,
            )

        self.by_id(
            area,
            old.levels,
            new.levels,
            lambda p: p.id,
            _("priority level"),
            lambda p: f"{p.id} — {p.name}" if p.name else p.id,
            compare_level,
        )
        for level in dict.fromkeys([*old.impact, *new.impact]):
            self.changed(
                area,
                _("the description of impact {level}").format(level=self.quote(self.names.impact(level))),
                old.impact.get(level),
                new.impact.get(level),
            )
        for level in dict.fromkeys([*old.urgency, *new.urgency]):
            self.changed(
                area,
                _("the description of urgency {level}").format(level=self.quote(self.names.urgency(level))),
                old.urgency.get(level),
                new.urgency.get(level),
            )
        for impact in dict.fromkeys([*old.matrix, *new.matrix]):
            old_row, new_row = old.matrix.get(impact, {}), new.matrix.get(impact, {})
            for urgency in dict.fromkeys([*old_row, *new_row]):
                self.changed(
                    area,
                    _("the priority for impact {impact} and urgency {urgency}").format(
                        impact=self.quote(self.names.impact(impact)),
                        urgency=self.quote(self.names.urgency(urgency)),
                    ),
                    old_row.get(urgency),
                    new_row.get(urgency),
                )
        assigners = {
            AssignedBy.PROVIDER: _("the Provider"),
            AssignedBy.CLIENT: _("the Client"),
            AssignedBy.JOINT: _("both parties together"),
        }
        self.changed(
            area,
            _("who assigns the final priority"),
            assigners.get(old.assigned_by) if old.assigned_by else None,
            assigners.get(new.assigned_by) if new.assigned_by else None,
        )
        self.changed(area, _("the procedure for priority disputes"), old.disputes, new.disputes)

    def billing(self) -> None:
        _ = self._
        old, new = self.old.billing, self.new.billing

        def money(agreement: Agreement, field: str) -> str | None:
            billing = agreement.billing
            value = getattr(billing, field) if billing else None
            return self.w.money(value, agreement.currency) if value is not None else None

        self.changed(
            "billing", _("the monthly fee"), money(self.old, "monthly_fee"), money(self.new, "monthly_fee")
        )
        self.changed(
            "billing", _("the hourly rate"), money(self.old, "hourly_rate"), money(self.new, "hourly_rate")
        )
        self.changed(
            "billing",
            _("the billing increment"),
            self.duration(old.increment if old else None),
            self.duration(new.increment if new else None),
        )
