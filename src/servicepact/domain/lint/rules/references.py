"""SP002: every reference names something (calendars, services, priorities, metrics)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.agreement.positions import KeyPath
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit

CATALOGUE = frozenset(
    {
        "response_within_target",
        "resolution_within_target",
        "mean_response_time",
        "mean_resolution_time",
        "backup_success_rate",
        "rpo_compliance",
        "restore_test_compliance",
        "reopen_rate",
        "requirements_compliance",
        "priority_agreement",
        "csat",
    }
)
"""The metric catalogue of spec §3 (besides ``uptime.<id>``)."""


def uptime_ids(agreement: Agreement) -> set[str]:
    return {item.id for item in agreement.availability.uptime} if agreement.availability else set()


def kpi_ids(agreement: Agreement) -> set[str]:
    return {kpi.id for kpi in agreement.performance.kpis} if agreement.performance else set()


def metric_names_something(agreement: Agreement, metric: str) -> bool:
    """``kpi.<id>`` names a KPI, ``uptime.<id>`` an uptime item; otherwise a catalogue metric."""
    if metric.startswith("kpi."):
        return metric[4:] in kpi_ids(agreement)
    if metric.startswith("uptime."):
        return metric[7:] in uptime_ids(agreement)
    return metric in CATALOGUE


@checks(
    Rule(
        code="SP002",
        severity=Severity.ERROR,
        area="structure",
        title={"en": "A reference names nothing", "ru": "Ссылка ни на что не указывает"},
        explanation={
            "en": "A calendar, service, priority or metric is referred to by an id that the agreement does "
            "not define: a calendar not under `calendars`, a service not in `services`, a priority not in "
            "`priorities.levels` (in targets, channels, after-hours or escalations), `kpi.x` with no KPI x, "
            "`uptime.x` with no uptime item x, a KPI metric outside the catalogue of spec §3, or a `names` "
            "key that is no system, backup set, uptime item or service of the agreement.",
            "ru": "Календарь, услуга, приоритет или метрика указаны идентификатором, которого в соглашении "
            "нет: календарь не из `calendars`, услуга не из `services`, приоритет не из `priorities.levels`, "
            "(в целях, каналах, нерабочем времени или эскалациях), `kpi.x` без KPI x, `uptime.x` без "
            "элемента доступности x, метрика KPI вне каталога §3 или ключ `names`, который не является "
            "системой, набором копий, элементом доступности или услугой соглашения.",
        },
        bad_example="support:\n  calendar: office        # no calendar 'office' under calendars",
        good_example="calendars:\n  office: {timezone: Europe/Berlin, hours: {mon-fri: ['09:00-17:00']}}\n"
        "support:\n  calendar: office",
        messages={
            "calendar": {
                "en": "calendar '{name}' is not defined under 'calendars' (known: {known})",
                "ru": "календарь «{name}» не определён в 'calendars' (есть: {known})",
            },
            "service": {
                "en": "service '{name}' is not in 'services' (known: {known})",
                "ru": "услуги «{name}» нет в 'services' (есть: {known})",
            },
            "priority": {
                "en": "priority '{name}' is not in 'priorities.levels' (known: {known})",
                "ru": "приоритета «{name}» нет в 'priorities.levels' (есть: {known})",
            },
            "default": {
                "en": "metric '{name}' names nothing: use kpi.<id> of a KPI, uptime.<id> of an uptime item, "
                "or a catalogue metric",
                "ru": "метрика «{name}» ни на что не указывает: используйте kpi.<id> показателя, uptime.<id> "
                "элемента доступности или метрику из каталога",
            },
            "name": {
                "en": "names: '{name}' is not an id of this agreement (systems, backup sets, uptime items, "
                "services)",
                "ru": "names: «{name}» — не идентификатор этого соглашения (системы, наборы копий, элементы "
                "доступности, услуги)",
            },
            "kpi_metric": {
                "en": "KPI metric '{name}' is not in the metric catalogue (e.g. response_within_target, "
                "uptime.<id>, backup_success_rate)",
                "ru": "метрики KPI «{name}» нет в каталоге метрик (например, response_within_target, "
                "uptime.<id>, backup_success_rate)",
            },
        },
    )
)
def references_resolve(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    yield from _calendar_references(agreement)
    yield from _service_and_priority_references(agreement)
    yield from _metric_references(agreement)
    yield from _name_references(agreement)


def _name_references(agreement: Agreement) -> Iterator[Hit]:
    """Spec 1.1 §7: ``names`` gives display names to ids the agreement uses; a key naming none is a typo."""
    if not agreement.names:
        return
    known = agreement.service_ids()
    availability = agreement.availability
    if availability is not None:
        known |= {item.id for item in availability.uptime}
        known |= {backup.id for backup in availability.backups}
        known |= {system for tier in availability.recovery for system in tier.systems}
        known |= {system for backup in availability.backups for system in backup.systems}
    for key in agreement.names:
        if key not in known:
            yield hit(("names", key), "name", name=key)


def _known(names: object) -> str:
    listed = sorted(str(name) for name in names) if isinstance(names, set | list | dict) else []
    return ", ".join(listed) or "-"


def _calendar_references(agreement: Agreement) -> Iterator[Hit]:
    references: list[tuple[KeyPath, str | None]] = []
    if agreement.support is not None:
        support = agreement.support
        references.append((("support", "calendar"), support.calendar))
        references += [
            (("support", "targets", p, "calendar"), t.calendar) for p, t in support.targets.items()
        ]
        references += [
            (("support", "channels", i, "calendar"), c.calendar) for i, c in enumerate(support.channels)
        ]
        if support.after_hours is not None:
            references.append((("support", "after_hours", "calendar"), support.after_hours.calendar))
    if agreement.availability is not None and agreement.availability.maintenance is not None:
        windows = agreement.availability.maintenance.windows
        references += [
            (("availability", "maintenance", "windows", i, "calendar"), w.calendar)
            for i, w in enumerate(windows)
        ]
    for path, name in references:
        if name is not None and name not in agreement.calendars:
            yield hit(path, "calendar", name=name, known=_known(agreement.calendars))


def _service_and_priority_references(agreement: Agreement) -> Iterator[Hit]:
    # References into an area that is missing are not checked: SP001 already reports the area.
    if agreement.services is not None and agreement.availability is not None:
        known_services = agreement.service_ids()
        for i, item in enumerate(agreement.availability.uptime):
            for j, service in enumerate(item.services):
                if service not in known_services:
                    yield hit(
                        ("availability", "uptime", i, "services", j),
                        "service",
                        name=service,
                        known=_known(known_services),
                    )
    if agreement.priorities is None or agreement.support is None:
        return
    levels = set(agreement.priority_ids())
    lists: list[tuple[KeyPath, list[str] | None]] = [
        (("support", "channels", i, "priorities"), c.priorities)
        for i, c in enumerate(agreement.support.channels)
    ]
    if agreement.support.after_hours is not None:
        lists.append((("support", "after_hours", "priorities"), agreement.support.after_hours.priorities))
    lists += [
        (("support", "escalations", i, "priorities"), rule.priorities)
        for i, rule in enumerate(agreement.support.escalations)
    ]
    for path, priorities in lists:
        for j, priority in enumerate(priorities or []):
            if priority not in levels:
                yield hit((*path, j), "priority", name=priority, known=_known(levels))


def _metric_checkable(agreement: Agreement, metric: str) -> bool:
    """False for ``kpi.x``/``uptime.x`` when the area they point into is missing (SP001 reports that)."""
    if metric.startswith("kpi."):
        return agreement.performance is not None
    return not metric.startswith("uptime.") or agreement.availability is not None


def _bad_metric(agreement: Agreement, metric: str) -> bool:
    return _metric_checkable(agreement, metric) and not metric_names_something(agreement, metric)


def _metric_references(agreement: Agreement) -> Iterator[Hit]:
    if agreement.guarantees is not None:
        for i, commitment in enumerate(agreement.guarantees.commitments):
            if commitment.metric is not None and _bad_metric(agreement, commitment.metric):
                yield hit(("guarantees", "commitments", i, "metric"), name=commitment.metric)
    if agreement.performance is None:
        return
    for i, kpi in enumerate(agreement.performance.kpis):
        if kpi.metric.startswith("uptime."):
            if _bad_metric(agreement, kpi.metric):
                yield hit(("performance", "kpis", i, "metric"), name=kpi.metric)
        elif kpi.metric not in CATALOGUE:
            yield hit(("performance", "kpis", i, "metric"), "kpi_metric", name=kpi.metric)
    credits = agreement.performance.service_credits
    for i, tier in enumerate(credits.tiers if credits else []):
        if _bad_metric(agreement, tier.metric):
            yield hit(("performance", "service_credits", "tiers", i, "metric"), name=tier.metric)
