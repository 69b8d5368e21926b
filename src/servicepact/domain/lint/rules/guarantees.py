"""Guarantees: no over-promising wording (SP601); every commitment measurable (SP602) with a remedy (SP603);
the remedy's exclusivity stated (SP604)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import Agreement, Remedy
from servicepact.domain.agreement.positions import KeyPath
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit
from servicepact.domain.lint.wording import over_promises


def provider_promises(agreement: Agreement) -> Iterator[tuple[KeyPath, str]]:
    """The texts SP601 reads: included services' descriptions, provider duties and guarantee statements."""
    if agreement.services is not None:
        for i, service in enumerate(agreement.services.included):
            if service.description:
                yield ("services", "included", i, "description"), service.description
    if agreement.responsibilities is not None:
        for kind, duties in agreement.responsibilities.failures.items():
            for j, duty in enumerate(duties.provider):
                yield ("responsibilities", "failures", kind, "provider", j), duty
    if agreement.guarantees is not None:
        for i, commitment in enumerate(agreement.guarantees.commitments):
            yield ("guarantees", "commitments", i, "statement"), commitment.statement


@checks(
    Rule(
        code="SP601",
        severity=Severity.WARNING,
        area="guarantees",
        title={"en": "Over-promising wording", "ru": "Чрезмерные обещания в формулировках"},
        explanation={
            "en": "Provider promises (service descriptions, provider duties, guarantee statements) should "
            "promise what is measured, not absolutes. Flagged: always, never, guarantee(d), 100%, zero/no "
            "downtime, unlimited, instantly, immediately, at all times, fully secure; in Russian всегда, "
            "никогда, гарантир*, 100%, без простоев, бесперебойн*, мгновенн*, немедленн*, неограниченн*, "
            "в любое время (whole words and Russian word forms).",
            "ru": "Обещания исполнителя (описания услуг, обязанности исполнителя, формулировки гарантий) "
            "должны обещать измеримое, а не абсолютное. Отмечаются: всегда, никогда, гарантир*, 100%, без "
            "простоев, бесперебойн*, мгновенн*, немедленн*, неограниченн*, в любое время; по-английски "
            "always, never, guarantee(d), 100%, zero/no downtime, unlimited, instantly, immediately, at all "
            "times, fully secure (целые слова и словоформы).",
        },
        bad_example="statement: Мы гарантируем бесперебойную работу почты.",
        good_example="statement: Почта доступна не менее 99.9% времени каждого месяца; первый ответ на "
        "заявку "
        "P1 в течение 30 минут.",
        messages={
            "default": {
                "en": "over-promising wording {words}: promise a measurable target (e.g. 'at least 99.9% of "
                "each month', 'within 4 hours') instead",
                "ru": "чрезмерное обещание {words}: сформулируйте измеримую цель (например, «не менее 99.9% "
                "времени каждого месяца», «в течение 4 часов»)",
            },
        },
    )
)
def no_over_promising(context: Context) -> Iterator[Hit]:
    for path, text in provider_promises(context.agreement):
        words = over_promises(text)
        if words:
            yield hit(path, words=", ".join(f"'{word}'" for word in dict.fromkeys(words)))


@checks(
    Rule(
        code="SP602",
        severity=Severity.ERROR,
        area="guarantees",
        title={"en": "A commitment without a metric", "ru": "Обязательство без метрики"},
        explanation={
            "en": "Every commitment must be tied to a metric (`kpi.<id>`, `uptime.<id>` or a catalogue "
            "metric) so that whether it was kept can be measured.",
            "ru": "Каждое обязательство должно быть связано с метрикой (`kpi.<id>`, `uptime.<id>` или "
            "метрика "
            "каталога), чтобы его выполнение можно было измерить.",
        },
        bad_example="commitments:\n  - {id: fast, statement: We respond quickly., remedy: none}",
        good_example="commitments:\n  - {id: fast, statement: 95% of tickets get a response within target.,\n"
        "     metric: kpi.first-response, remedy: service_credits}",
        messages={
            "default": {
                "en": "commitment '{commitment}' has no metric; tie it to kpi.<id>, uptime.<id> or a "
                "catalogue metric",
                "ru": "у обязательства «{commitment}» нет метрики; свяжите его с kpi.<id>, uptime.<id> или "
                "метрикой каталога",
            },
        },
    )
)
def commitments_measurable(context: Context) -> Iterator[Hit]:
    guarantees = context.agreement.guarantees
    for i, commitment in enumerate(guarantees.commitments if guarantees else []):
        if commitment.metric is None and not context.broken("guarantees", "commitments", i, "metric"):
            yield hit(("guarantees", "commitments", i), commitment=commitment.id)


@checks(
    Rule(
        code="SP603",
        severity=Severity.WARNING,
        area="guarantees",
        title={"en": "A commitment without a working remedy", "ru": "Обязательство без действующей меры"},
        explanation={
            "en": "Each commitment should say what happens when it is missed (`remedy`). "
            "`remedy: service_credits` needs at least one credit tier on the commitment's metric under "
            "`performance.service_credits.tiers`, or it pays nothing.",
            "ru": "Для каждого обязательства нужно указать, что происходит при его нарушении (`remedy`). "
            "`remedy: service_credits` требует хотя бы одного уровня кредитов по метрике обязательства в "
            "`performance.service_credits.tiers`, иначе ничего не выплачивается.",
        },
        bad_example="commitments:\n  - {id: uptime, statement: ..., metric: uptime.email, remedy: "
        "service_credits}\n"
        "service_credits:\n  tiers: []",
        good_example="commitments:\n  - {id: uptime, statement: ..., metric: uptime.email, remedy: "
        "service_credits}\n"
        "service_credits:\n  tiers:\n    - {metric: uptime.email, below: 99.9%, credit: 5%}",
        messages={
            "default": {
                "en": "commitment '{commitment}' has no remedy; choose service_credits, root_cause_report "
                "or none",
                "ru": "для обязательства «{commitment}» не указана мера (remedy); выберите service_credits, "
                "root_cause_report или none",
            },
            "no_tier": {
                "en": "commitment '{commitment}' promises service credits, but no credit tier is on {metric}",
                "ru": "обязательство «{commitment}» обещает сервисные кредиты, но для {metric} нет ни одного "
                "уровня кредитов",
            },
        },
    )
)
def commitments_have_remedy(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    if agreement.guarantees is None:
        return
    credits = agreement.performance.service_credits if agreement.performance else None
    tiered = {tier.metric for tier in credits.tiers} if credits else set()
    for i, commitment in enumerate(agreement.guarantees.commitments):
        path = ("guarantees", "commitments", i)
        if commitment.remedy is None:
            if not context.broken(*path, "remedy"):
                yield hit(path, commitment=commitment.id)
        elif (
            commitment.remedy == Remedy.SERVICE_CREDITS
            and commitment.metric is not None
            and commitment.metric not in tiered
            and not context.broken("performance")
        ):
            yield hit((*path, "remedy"), "no_tier", commitment=commitment.id, metric=commitment.metric)


@checks(
    Rule(
        code="SP604",
        severity=Severity.INFO,
        area="guarantees",
        title={
            "en": "Whether credits are the sole remedy is not stated",
            "ru": "Не указано, являются ли кредиты единственной мерой",
        },
        explanation={
            "en": "`guarantees.sole_remedy` says whether service credits are the client's only remedy for "
            "missed targets. Leaving it unset leaves that question to the courts.",
            "ru": "`guarantees.sole_remedy` определяет, являются ли сервисные кредиты единственной мерой при "
            "недостижении целей. Если не указать, вопрос решается в суде.",
        },
        bad_example="guarantees:\n  commitments: [...]",
        good_example="guarantees:\n  commitments: [...]\n  sole_remedy: true",
        messages={
            "default": {
                "en": "guarantees.sole_remedy is not set; state whether service credits are the only remedy",
                "ru": "не задан guarantees.sole_remedy; укажите, являются ли сервисные кредиты единственной "
                "мерой",
            },
        },
    )
)
def sole_remedy_stated(context: Context) -> Iterator[Hit]:
    guarantees = context.agreement.guarantees
    path = ("guarantees", "sole_remedy")
    if guarantees is not None and guarantees.sole_remedy is None and not context.broken(*path):
        yield hit(path)
