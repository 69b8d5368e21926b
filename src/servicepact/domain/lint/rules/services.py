"""Services: SP101 (included and excluded at once), SP102 (unclear handling of what is not included)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@checks(
    Rule(
        code="SP101",
        severity=Severity.ERROR,
        area="services",
        title={
            "en": "A service is both included and excluded",
            "ru": "Услуга одновременно включена и исключена",
        },
        explanation={
            "en": "The same service id, or the same service name (compared ignoring case and spacing), "
            "appears in `services.included` and in `services.excluded`, so nobody can tell whether a "
            "request for it is in scope.",
            "ru": "Один и тот же идентификатор или одно и то же название услуги (без учёта регистра и "
            "пробелов) есть и в `services.included`, и в `services.excluded`, поэтому неясно, входит ли "
            "запрос по ней в объём услуг.",
        },
        bad_example="services:\n  included: [{id: backup, name: Backup}]\n"
        "  excluded: [{id: backup, name: Backup, handling: billable}]",
        good_example="services:\n  included: [{id: backup, name: Backup}]\n"
        "  excluded: [{id: tape-archive, name: Tape archiving, handling: billable}]",
        messages={
            "default": {
                "en": "service '{name}' is both included and excluded; keep it in one list only",
                "ru": "услуга «{name}» одновременно включена и исключена; оставьте её только в одном списке",
            },
        },
    )
)
def included_and_excluded(context: Context) -> Iterator[Hit]:
    services = context.agreement.services
    if services is None:
        return
    ids = {service.id for service in services.included}
    names = {_name_key(service.name) for service in services.included}
    for i, service in enumerate(services.excluded):
        if service.id in ids:
            yield hit(("services", "excluded", i, "id"), name=service.id)
        elif _name_key(service.name) in names:
            yield hit(("services", "excluded", i, "name"), name=service.name)


@checks(
    Rule(
        code="SP102",
        severity=Severity.WARNING,
        area="services",
        title={
            "en": "Unclear handling of services outside the scope",
            "ru": "Не определена обработка услуг вне объёма",
        },
        explanation={
            "en": "Each excluded service should say what happens to a request for it (`handling`: billable, "
            "quote or not_offered), and `services.unlisted` should say the same for requests outside both "
            "lists. Otherwise every such request starts an argument.",
            "ru": "Для каждой исключённой услуги нужно указать, что происходит с запросом по ней "
            "(`handling`: "
            "billable, quote или not_offered), а `services.unlisted` — то же для запросов вне обоих списков. "
            "Иначе каждый такой запрос становится предметом спора.",
        },
        bad_example="services:\n  excluded:\n    - {id: training, name: End-user training}",
        good_example="services:\n  excluded:\n    - {id: training, name: End-user training, handling: "
        "quote}\n"
        "  unlisted: billable",
        messages={
            "default": {
                "en": "excluded service '{name}' has no 'handling' (billable, quote or not_offered)",
                "ru": "для исключённой услуги «{name}» не указано 'handling' (billable, quote или "
                "not_offered)",
            },
            "unlisted": {
                "en": "'services.unlisted' is not set: say how requests outside both lists are handled "
                "(billable, quote or not_offered)",
                "ru": "не задано 'services.unlisted': укажите, как обрабатываются запросы вне обоих списков "
                "(billable, quote или not_offered)",
            },
        },
    )
)
def handling_defined(context: Context) -> Iterator[Hit]:
    services = context.agreement.services
    if services is None:
        return
    for i, service in enumerate(services.excluded):
        if service.handling is None and not context.broken("services", "excluded", i, "handling"):
            yield hit(("services", "excluded", i), name=service.name)
    if services.unlisted is None and not context.broken("services", "unlisted"):
        yield hit(("services",), "unlisted")
