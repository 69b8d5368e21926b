"""Responsibilities: failures covered with provider duties (SP301), a sound RACI matrix (SP302)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit

FAILURE_KINDS = ("system", "hardware", "network")


@checks(
    Rule(
        code="SP301",
        severity=Severity.ERROR,
        area="responsibilities",
        title={
            "en": "A kind of failure has no provider duty",
            "ru": "Для вида сбоя не указаны обязанности исполнителя",
        },
        explanation={
            "en": "`responsibilities.failures` must cover system, hardware and network failures, and each "
            "must name at least one thing the provider does when it happens.",
            "ru": "`responsibilities.failures` должен охватывать сбои system, hardware и network, и для "
            "каждого "
            "нужно указать хотя бы одно действие исполнителя.",
        },
        bad_example="failures:\n  system:\n    provider: [Restore service within the resolution target.]",
        good_example="failures:\n  system: {provider: [Restore service within the resolution target.]}\n"
        "  hardware: {provider: [Open a warranty case with the vendor.]}\n"
        "  network: {provider: [Restore the configuration of managed network devices.]}",
        messages={
            "default": {
                "en": "responsibilities.failures has no '{kind}' entry; say what the provider does on a "
                "{kind} "
                "failure",
                "ru": "в responsibilities.failures нет раздела '{kind}'; укажите, что делает исполнитель при "
                "сбое вида {kind}",
            },
            "no_duty": {
                "en": "'{kind}' failures name no provider duty",
                "ru": "для сбоев '{kind}' не указано ни одной обязанности исполнителя",
            },
        },
    )
)
def failures_covered(context: Context) -> Iterator[Hit]:
    responsibilities = context.agreement.responsibilities
    if responsibilities is None:
        return
    for kind in FAILURE_KINDS:
        path = ("responsibilities", "failures", kind)
        if context.broken(*path):
            continue
        duties = responsibilities.failures.get(kind)
        if duties is None:
            yield hit(("responsibilities", "failures", kind), kind=kind)
        elif not any(duty.strip() for duty in duties.provider):
            yield hit((*path, "provider"), "no_duty", kind=kind)


@checks(
    Rule(
        code="SP302",
        severity=Severity.WARNING,
        area="responsibilities",
        title={
            "en": "A RACI activity with no R, or not exactly one A",
            "ru": "В строке RACI нет R или не ровно одна A",
        },
        explanation={
            "en": "Someone must do each activity (an R). Accountability is optional, but when any party is "
            "accountable (an A), exactly one party must be. A party's value is one or more of R, A, C, I.",
            "ru": "Каждое действие кто-то должен выполнять (R). Подотчётность (A) необязательна, но если она "
            "указана, то ровно у одной стороны. Значение стороны — одна или несколько букв R, A, C, I.",
        },
        bad_example="raci:\n  - {activity: Approving changes, provider: CA, client: A}",
        good_example="raci:\n  - {activity: Approving changes, provider: C, client: RA}",
        messages={
            "default": {
                "en": "RACI activity '{activity}' has no R: nobody is responsible for doing it",
                "ru": "в строке RACI «{activity}» нет R: никто не отвечает за выполнение",
            },
            "accountable": {
                "en": "RACI activity '{activity}' has {count} A's; exactly one party is accountable",
                "ru": "в строке RACI «{activity}» букв A: {count}; подотчётной должна быть ровно одна "
                "сторона",
            },
        },
    )
)
def raci_sound(context: Context) -> Iterator[Hit]:
    responsibilities = context.agreement.responsibilities
    if responsibilities is None:
        return
    for i, entry in enumerate(responsibilities.raci):
        letters = list(entry.parties.values())
        if context.broken("responsibilities", "raci", i):
            continue
        if not any("R" in value for value in letters):
            yield hit(("responsibilities", "raci", i), activity=entry.activity)
        accountable = sum("A" in value for value in letters)
        if accountable > 1:
            yield hit(
                ("responsibilities", "raci", i), "accountable", activity=entry.activity, count=accountable
            )
