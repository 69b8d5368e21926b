"""Performance: KPIs with targets (SP701, SP704), credits capped (SP702) and banded soundly (SP703),
reporting scheduled (SP705)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from servicepact.domain.agreement.model import Agreement, CreditTier
from servicepact.domain.agreement.values import Comparator, Percentage
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit

E, W = Severity.ERROR, Severity.WARNING
TICKET_RATIOS = frozenset({"response_within_target", "resolution_within_target"})


@checks(
    Rule(
        code="SP701",
        severity=E,
        area="performance",
        title={"en": "A KPI without a target", "ru": "KPI без целевого значения"},
        explanation={
            "en": "A KPI is judged against its `target` (a comparator and a value such as '>= 95%'); without "
            "one it is only a statistic.",
            "ru": "KPI оценивается по `target` (оператор и значение, например '>= 95%'); без него это просто "
            "статистика.",
        },
        bad_example="kpis:\n  - {id: csat, name: Satisfaction, metric: csat}",
        good_example="kpis:\n  - {id: csat, name: Satisfaction, metric: csat, target: '>= 4.5'}",
        messages={
            "default": {
                "en": "KPI '{kpi}' has no target; add one such as '>= 95%'",
                "ru": "у KPI «{kpi}» нет целевого значения; добавьте, например, '>= 95%'",
            },
        },
    )
)
def kpis_have_targets(context: Context) -> Iterator[Hit]:
    performance = context.agreement.performance
    for i, kpi in enumerate(performance.kpis if performance else []):
        if kpi.target is None and not context.broken("performance", "kpis", i, "target"):
            yield hit(("performance", "kpis", i), kpi=kpi.id)


@checks(
    Rule(
        code="SP702",
        severity=E,
        area="performance",
        title={
            "en": "Service credits without a sound cap",
            "ru": "Сервисные кредиты без разумного ограничения",
        },
        explanation={
            "en": "Service credits need a `cap` (the most that can be credited in a period, as a share of "
            "the basis), and the cap cannot exceed 100%.",
            "ru": "Для сервисных кредитов нужен `cap` (наибольшая доля базы, которая может быть возвращена "
            "за "
            "период), и он не может превышать 100%.",
        },
        bad_example="service_credits:\n  tiers: [{metric: uptime.email, below: 99.9%, credit: 5%}]",
        good_example="service_credits:\n  tiers: [{metric: uptime.email, below: 99.9%, credit: 5%}]\n  cap: "
        "30%",
        messages={
            "default": {
                "en": "service credits have no cap; set performance.service_credits.cap (at most 100%)",
                "ru": "для сервисных кредитов не задан cap; укажите performance.service_credits.cap (не "
                "более 100%)",
            },
            "over": {
                "en": "service credit cap {cap} is over 100% of the basis",
                "ru": "ограничение сервисных кредитов {cap} больше 100% базы",
            },
        },
    )
)
def credits_capped(context: Context) -> Iterator[Hit]:
    performance = context.agreement.performance
    credits = performance.service_credits if performance else None
    if credits is None:
        return
    path = ("performance", "service_credits", "cap")
    if credits.cap is None:
        if credits.tiers and not context.broken(*path):
            yield hit(path)
    elif credits.cap.value > 100:
        yield hit(path, "over", cap=credits.cap)


def metric_target(agreement: Agreement, metric: str) -> Decimal | None:
    """The percentage a credited metric aims at: an uptime item's target, or a KPI's '>=' percentage."""
    if metric.startswith("uptime.") and agreement.availability is not None:
        item = next((u for u in agreement.availability.uptime if u.id == metric[7:]), None)
        return item.target.value if item else None
    if metric.startswith("kpi.") and agreement.performance is not None:
        kpi = next((k for k in agreement.performance.kpis if k.id == metric[4:]), None)
        target = kpi.target if kpi else None
        if (
            target
            and isinstance(target.value, Percentage)
            and target.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
        ):
            return target.value.value
    return None


@checks(
    Rule(
        code="SP703",
        severity=E,
        area="performance",
        title={
            "en": "Credit tiers overlap, leave a gap or pay less for worse service",
            "ru": "Уровни кредитов пересекаются, оставляют разрыв или платят меньше за худший сервис",
        },
        explanation={
            "en": "The tiers of one metric are half-open bands: below `below` and at or above the next "
            "band's `below`. Two tiers with the same `below` overlap; the highest `below` must equal the "
            "metric's target (otherwise a miss just under the target earns nothing, or credits are paid "
            "although the target is met); and a lower band must give at least the credit of the band above.",
            "ru": "Уровни одной метрики — полуоткрытые полосы: ниже `below` и не ниже `below` следующей "
            "полосы. Два уровня с одинаковым `below` пересекаются; наибольший `below` должен совпадать с "
            "целью метрики (иначе небольшое недостижение цели ничего не даёт или кредиты платятся при "
            "выполненной цели); более низкая полоса должна давать не меньший кредит, чем полоса выше.",
        },
        bad_example="uptime: [{id: email, services: [m365], target: 99.9%}]\n"
        "tiers:\n  - {metric: uptime.email, below: 99.89%, credit: 5%}\n"
        "  - {metric: uptime.email, below: 99.5%, credit: 3%}",
        good_example="uptime: [{id: email, services: [m365], target: 99.9%}]\n"
        "tiers:\n  - {metric: uptime.email, below: 99.9%, credit: 5%}\n"
        "  - {metric: uptime.email, below: 99.5%, credit: 10%}",
        messages={
            "default": {
                "en": "credit tiers of {metric} overlap: two bands are below {below}",
                "ru": "уровни кредитов {metric} пересекаются: две полосы ниже {below}",
            },
            "gap": {
                "en": "the highest credit band of {metric} is below {below}, but its target is {target}; "
                "make them equal",
                "ru": "верхняя полоса кредитов {metric} — ниже {below}, а цель метрики {target}; сделайте их "
                "равными",
            },
            "smaller": {
                "en": "credit band of {metric} below {below} gives {credit}, less than the {above_credit} of "
                "the band above it",
                "ru": "полоса кредитов {metric} ниже {below} даёт {credit} — меньше, чем {above_credit} у "
                "полосы выше",
            },
        },
    )
)
def credit_bands_sound(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    credits = agreement.performance.service_credits if agreement.performance else None
    if credits is None:
        return
    by_metric: dict[str, list[tuple[int, CreditTier]]] = defaultdict(list)
    for i, tier in enumerate(credits.tiers):
        by_metric[tier.metric].append((i, tier))
    for metric, tiers in by_metric.items():
        bands = sorted(tiers, key=lambda entry: entry[1].below.value, reverse=True)
        yield from _bands(agreement, metric, bands)


def _bands(agreement: Agreement, metric: str, bands: list[tuple[int, CreditTier]]) -> Iterator[Hit]:
    def path(index: int, key: str) -> tuple[str | int, ...]:
        return ("performance", "service_credits", "tiers", index, key)

    target = metric_target(agreement, metric)
    top_index, top = bands[0]
    if target is not None and top.below.value != target:
        yield hit(path(top_index, "below"), "gap", metric=metric, below=top.below, target=Percentage(target))
    for (_, above), (index, tier) in itertools.pairwise(bands):
        if tier.below.value == above.below.value:
            yield hit(path(index, "below"), metric=metric, below=tier.below)
        elif tier.credit.value < above.credit.value:
            yield hit(
                path(index, "credit"),
                "smaller",
                metric=metric,
                below=tier.below,
                credit=tier.credit,
                above_credit=above.credit,
            )


@checks(
    Rule(
        code="SP704",
        severity=W,
        area="performance",
        title={"en": "A ticket-ratio KPI targets 100%", "ru": "KPI по доле заявок с целью 100%"},
        explanation={
            "en": "`response_within_target` and `resolution_within_target` at 100% are missed by a single "
            "late ticket, however many others were on time; targets such as 95% are what can be kept.",
            "ru": "`response_within_target` и `resolution_within_target` с целью 100% нарушаются одной "
            "просроченной заявкой, сколько бы других ни было выполнено в срок; выполнимы цели вроде 95%.",
        },
        bad_example="kpis:\n  - {id: first-response, metric: response_within_target, target: '>= 100%'}",
        good_example="kpis:\n  - {id: first-response, metric: response_within_target, target: '>= 95%'}",
        messages={
            "default": {
                "en": "KPI '{kpi}' ({metric}) targets {target}: one late ticket misses it; choose e.g. '>= "
                "95%'",
                "ru": "KPI «{kpi}» ({metric}) с целью {target}: одна просроченная заявка его нарушает; "
                "выберите, например, '>= 95%'",
            },
        },
    )
)
def ticket_ratios_achievable(context: Context) -> Iterator[Hit]:
    performance = context.agreement.performance
    for i, kpi in enumerate(performance.kpis if performance else []):
        target = kpi.target
        if (
            kpi.metric in TICKET_RATIOS
            and target is not None
            and isinstance(target.value, Percentage)
            and target.value.value >= 100
            and target.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN)
        ):
            yield hit(("performance", "kpis", i, "target"), kpi=kpi.id, metric=kpi.metric, target=target)


@checks(
    Rule(
        code="SP705",
        severity=W,
        area="performance",
        title={"en": "No reporting frequency", "ru": "Не задана периодичность отчётов"},
        explanation={
            "en": "`performance.reporting.frequency` (weekly, monthly or quarterly) says how often the "
            "client "
            "sees the KPIs; without it nobody has to report.",
            "ru": "`performance.reporting.frequency` (weekly, monthly или quarterly) определяет, как часто "
            "клиент получает отчёт о KPI; без неё никто не обязан отчитываться.",
        },
        bad_example="performance:\n  kpis: [...]",
        good_example="performance:\n  kpis: [...]\n  reporting: {frequency: monthly, due: 10bd}",
        messages={
            "default": {
                "en": "performance.reporting.frequency is not set; choose weekly, monthly or quarterly",
                "ru": "не задан performance.reporting.frequency; выберите weekly, monthly или quarterly",
            },
        },
    )
)
def reporting_scheduled(context: Context) -> Iterator[Hit]:
    performance = context.agreement.performance
    path = ("performance", "reporting", "frequency")
    if performance is None or context.broken(*path):
        return
    if performance.reporting is None or performance.reporting.frequency is None:
        yield hit(path)
