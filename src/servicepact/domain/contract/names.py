"""Names of the agreement's things in words: areas, metrics, handling, channels, states, units, levels.

Shared by the contract builder and the diff, so both call a thing by the same name.
"""

from __future__ import annotations

from servicepact.domain.agreement.model import (
    Agreement,
    AssignedBy,
    Consequence,
    Handling,
    Remediation,
    Remedy,
    ReportingFrequency,
    UptimeWindow,
)
from servicepact.domain.contract.wording import Wording, capitalize


class Names:
    """How one language names the parts of one agreement."""

    def __init__(self, wording: Wording, agreement: Agreement) -> None:
        self.w = wording
        self.agreement = agreement

    # areas -------------------------------------------------------------------------------------------

    def area(self, key: str) -> str:
        """The title of an area's clause (``support`` → "Response times and hours of service")."""
        _ = self.w._
        titles = {
            "parties": _("Parties and term"),
            "term": _("Term"),
            "services": _("Services"),
            "support": _("Response times and hours of service"),
            "calendars": _("Calendars"),
            "responsibilities": _("Responsibilities"),
            "availability": _("Availability"),
            "client_requirements": _("Client requirements"),
            "guarantees": _("Guarantees"),
            "performance": _("Performance"),
            "priorities": _("Priorities"),
            "billing": _("Billing"),
            "document": _("Agreement"),
        }
        return titles.get(key, key)

    def role(self, party: str) -> str:
        """``provider`` → "Provider" / "Исполнитель" (the defined terms of the contract)."""
        return self.w._("Provider") if party == "provider" else self.w._("Client")

    # services ----------------------------------------------------------------------------------------

    def handling(self, handling: Handling | None) -> str:
        _ = self.w._
        if handling is None:
            return _("Not specified")
        return {
            Handling.BILLABLE: _("Billable at the hourly rate (time and materials)"),
            Handling.QUOTE: _("Provided on a separate quote"),
            Handling.NOT_OFFERED: _("Not offered"),
        }[handling]

    def unlisted(self, handling: Handling) -> str:
        _ = self.w._
        return {
            Handling.BILLABLE: _(
                "Requests for services that this clause does not list are billable at the hourly rate "
                "(time and materials)."
            ),
            Handling.QUOTE: _(
                "Requests for services that this clause does not list are provided only on a separate "
                "quote agreed in advance."
            ),
            Handling.NOT_OFFERED: _("Services that this clause does not list are not provided."),
        }[handling]

    def quantity(self, quantity: int | None, unit: str | None) -> str:
        """``45 users`` / ``45 пользователей``; units the catalog does not know are quoted as written."""
        if quantity is None:
            return unit or ""
        ngettext = self.w.ngettext
        known = {
            "user": ngettext("{n} user", "{n} users", quantity),
            "server": ngettext("{n} server", "{n} servers", quantity),
            "workstation": ngettext("{n} workstation", "{n} workstations", quantity),
            "device": ngettext("{n} device", "{n} devices", quantity),
            "site": ngettext("{n} site", "{n} sites", quantity),
            "mailbox": ngettext("{n} mailbox", "{n} mailboxes", quantity),
            "licence": ngettext("{n} licence", "{n} licences", quantity),
        }
        number = self.w.number(quantity)
        if unit is None:
            return number
        key = unit.strip().lower().removesuffix("s")
        key = "licence" if key == "license" else key
        if key in known:
            return known[key].format(n=number)
        return f"{number} × {unit}"

    def channel(self, kind: str) -> str:
        _ = self.w._
        known = {
            "phone": _("Phone"),
            "portal": _("Client portal"),
            "email": _("E-mail"),
            "e-mail": _("E-mail"),
            "chat": _("Chat"),
            "onsite": _("On-site visit"),
        }
        return known.get(kind.lower(), capitalize(kind))

    def state(self, state: str) -> str:
        _ = self.w._
        known = {
            "waiting_on_client": _("waiting for the Client"),
            "waiting_on_vendor": _("waiting for a vendor"),
            "waiting_on_third_party": _("waiting for a third party"),
            "on_hold": _("on hold at the Client's request"),
        }
        return known.get(state, state)

    def asset_type(self, kind: str) -> str:
        _ = self.w._
        known = {
            "workstation": _("workstations"),
            "server": _("servers"),
            "firewall": _("firewalls"),
            "laptop": _("laptops"),
            "printer": _("printers"),
            "switch": _("switches"),
            "router": _("routers"),
            "network": _("network devices"),
            "mobile": _("mobile devices"),
        }
        return known.get(kind.lower(), kind)

    def failure_kind(self, kind: str) -> str:
        _ = self.w._
        known = {
            "system": _("System failure"),
            "hardware": _("Hardware failure"),
            "network": _("Network failure"),
        }
        return known.get(kind, capitalize(kind))

    def tier(self, tier: str) -> str:
        pgettext = self.w.pgettext
        known = {
            "critical": pgettext("recovery tier", "Critical"),
            "standard": pgettext("recovery tier", "Standard"),
            "high": pgettext("recovery tier", "High"),
            "low": pgettext("recovery tier", "Low"),
        }
        return known.get(tier.lower(), tier)

    def system(self, system: str) -> str:
        """A protected system: the uptime item's name when it shares the id, else the id as written."""
        availability = self.agreement.availability
        for item in availability.uptime if availability else []:
            if item.id == system and item.name:
                return item.name
        return system

    # availability, performance, guarantees -----------------------------------------------------------

    def uptime_window(self, window: UptimeWindow) -> str:
        _ = self.w._
        return {
            UptimeWindow.MONTH: _("each calendar month"),
            UptimeWindow.QUARTER: _("each calendar quarter"),
        }[window]

    def reporting_frequency(self, frequency: ReportingFrequency) -> str:
        _ = self.w._
        return {
            ReportingFrequency.WEEKLY: _("every week"),
            ReportingFrequency.MONTHLY: _("every month"),
            ReportingFrequency.QUARTERLY: _("every quarter"),
        }[frequency]

    def catalogue_metric(self, metric: str) -> str:
        """A metric of the catalogue (spec §3) in words."""
        _ = self.w._
        known = {
            "response_within_target": _("Share of tickets with a first response within the response time"),
            "resolution_within_target": _("Share of tickets resolved within the resolution time"),
            "mean_response_time": _("Mean response time"),
            "mean_resolution_time": _("Mean resolution time"),
            "backup_success_rate": _("Share of successful backup runs"),
            # Exactly as computed (spec §3): each system's share of time, then the mean over systems.
            "rpo_compliance": _(
                "Share of time each protected system is within its RPO, averaged over the protected systems"
            ),
            "restore_test_compliance": _(
                "Share of backup sets whose last successful test restore is within its interval"
            ),
            "reopen_rate": _("Share of resolved tickets that were reopened"),
            "requirements_compliance": _("Share of the Client's assets that meet the client requirements"),
            "priority_agreement": _(
                "Share of tickets whose assigned priority is the one the Client asked for"
            ),
            "csat": _("Mean satisfaction score (1 to 5)"),
        }
        if metric.startswith("uptime."):
            return self.metric(metric)
        return known.get(metric, metric)

    def metric(self, reference: str) -> str:
        """A metric reference (``uptime.email``, ``kpi.first-response`` or a catalogue metric) in words."""
        kind, _dot, ident = reference.partition(".")
        if kind == "uptime":
            availability = self.agreement.availability
            for item in availability.uptime if availability else []:
                if item.id == ident:
                    return self.w._("Availability of {name}").format(name=item.name or item.id)
            return self.w._("Availability of {name}").format(name=ident)
        if kind == "kpi":
            performance = self.agreement.performance
            for kpi in performance.kpis if performance else []:
                if kpi.id == ident:
                    return kpi.name or self.catalogue_metric(kpi.metric)
            return ident
        return self.catalogue_metric(reference)

    def metric_target(self, reference: str) -> str | None:
        """The target of a metric reference in words, when the agreement sets one."""
        kind, _dot, ident = reference.partition(".")
        if kind == "uptime" and self.agreement.availability:
            for item in self.agreement.availability.uptime:
                if item.id == ident:
                    return self.w._("at least {value}").format(value=self.w.percent(item.target))
        if kind == "kpi" and self.agreement.performance:
            for kpi in self.agreement.performance.kpis:
                if kpi.id == ident and kpi.target is not None:
                    return self.w.kpi_target(kpi.target)
        return None

    def remedy(self, remedy: Remedy | None, credits_clause: str | None) -> str:
        _ = self.w._
        if remedy is None:
            return _("Not specified")
        if remedy is Remedy.SERVICE_CREDITS:
            if credits_clause:
                return _("Service credits under clause {clause}").format(clause=credits_clause)
            return _("Service credits")
        return {Remedy.ROOT_CAUSE_REPORT: _("A root-cause report"), Remedy.NONE: _("None")}[remedy]

    def consequence(self, consequence: Consequence) -> str:
        _ = self.w._
        return {
            Consequence.BEST_EFFORT: _(
                "Tickets on an asset that fails a requirement are handled on a best-effort basis: the "
                "response time and the resolution time do not apply to them, and they do not count towards "
                "the key performance indicators."
            ),
            Consequence.EXCLUDED: _(
                "Tickets on an asset that fails a requirement are outside the scope of this agreement."
            ),
        }[consequence]

    def remediation(self, remediation: Remediation) -> str:
        _ = self.w._
        return {
            Remediation.BILLABLE: _("Bringing assets up to the requirements is billable at the hourly rate."),
            Remediation.INCLUDED: _("Bringing assets up to the requirements is included in the monthly fee."),
        }[remediation]

    def assigned_by(self, assigned_by: AssignedBy) -> str:
        _ = self.w._
        return {
            AssignedBy.PROVIDER: _(
                "The Provider assigns the final priority of each ticket, taking into account the priority "
                "the Client asks for."
            ),
            AssignedBy.CLIENT: _("The Client assigns the final priority of each ticket."),
            AssignedBy.JOINT: _("The parties agree on the final priority of each ticket together."),
        }[assigned_by]

    # priorities --------------------------------------------------------------------------------------

    def priority(self, priority_id: str) -> str:
        """``P1 — Critical``: the id with the level's name when it has one."""
        priorities = self.agreement.priorities
        for level in priorities.levels if priorities else []:
            if level.id == priority_id and level.name:
                return f"{level.id} — {level.name}"
        return priority_id

    def impact(self, level: str) -> str:
        known = {
            "high": self.w.pgettext("impact", "High"),
            "medium": self.w.pgettext("impact", "Medium"),
            "low": self.w.pgettext("impact", "Low"),
        }
        return known.get(level.lower(), level)

    def urgency(self, level: str) -> str:
        known = {
            "high": self.w.pgettext("urgency", "High"),
            "medium": self.w.pgettext("urgency", "Medium"),
            "low": self.w.pgettext("urgency", "Low"),
        }
        return known.get(level.lower(), level)
