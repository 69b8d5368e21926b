"""Client requirements: each rule can be checked (SP501); failing assets have a consequence (SP502)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit


@checks(
    Rule(
        code="SP501",
        severity=Severity.ERROR,
        area="client_requirements",
        title={"en": "A client requirement cannot be checked", "ru": "Требование к клиенту нельзя проверить"},
        explanation={
            "en": "Each rule of `client_requirements.rules` needs a `check` (a field, an operator and a "
            "value) so that the asset inventory can be evaluated against it; a rule in prose only cannot be "
            "enforced.",
            "ru": "Каждому правилу `client_requirements.rules` нужен `check` (поле, оператор и значение), "
            "чтобы по нему можно было проверить реестр активов; правило только в виде текста не применить.",
        },
        bad_example="rules:\n  - {id: antivirus, description: Every device runs antivirus., applies_to: "
        "[server]}",
        good_example="rules:\n  - {id: antivirus, description: Every device runs antivirus., applies_to: "
        "[server],\n"
        "     check: {field: antivirus, op: eq, value: true}}",
        messages={
            "default": {
                "en": "client requirement '{rule}' has no 'check'; add field, op and value so assets can be "
                "evaluated",
                "ru": "у требования «{rule}» нет 'check'; добавьте field, op и value, чтобы активы можно "
                "было "
                "проверить",
            },
        },
    )
)
def requirements_checkable(context: Context) -> Iterator[Hit]:
    requirements = context.agreement.client_requirements
    for i, rule in enumerate(requirements.rules if requirements else []):
        if rule.check is None and not context.broken("client_requirements", "rules", i, "check"):
            yield hit(("client_requirements", "rules", i), rule=rule.id)


@checks(
    Rule(
        code="SP502",
        severity=Severity.WARNING,
        area="client_requirements",
        title={
            "en": "No consequence for assets that fail a requirement",
            "ru": "Не указано последствие для активов, не соответствующих требованиям",
        },
        explanation={
            "en": "`client_requirements.consequence` says what happens to tickets on assets that fail a "
            "rule: "
            "`best_effort` (reported, outside the KPIs) or `excluded` (out of scope). Without it the "
            "requirements have no effect.",
            "ru": "`client_requirements.consequence` определяет, что происходит с заявками по активам, не "
            "соответствующим правилу: `best_effort` (учитываются, но не входят в KPI) или `excluded` (вне "
            "объёма). Без этого требования ни на что не влияют.",
        },
        bad_example="client_requirements:\n  rules: [...]",
        good_example="client_requirements:\n  consequence: best_effort\n  rules: [...]",
        messages={
            "default": {
                "en": "client_requirements.consequence is not set; choose best_effort or excluded",
                "ru": "не задан client_requirements.consequence; выберите best_effort или excluded",
            },
        },
    )
)
def requirements_have_consequence(context: Context) -> Iterator[Hit]:
    requirements = context.agreement.client_requirements
    path = ("client_requirements", "consequence")
    if requirements is not None and requirements.consequence is None and not context.broken(*path):
        yield hit(path)
