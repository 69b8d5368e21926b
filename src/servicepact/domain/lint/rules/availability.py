"""Availability: reachable uptime targets (SP401, SP402, SP406), recovery backed by backups (SP403, SP407,
SP410), recovery as fast as the top priority's resolution (SP409) and maintenance with limits (SP405).
SP404 and SP408 (maintenance windows against the target and the monthly limit) are in :mod:`.maintenance`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from servicepact.domain.agreement.model import Availability, BackupSet, MaintenanceTreatment, RecoveryTier
from servicepact.domain.agreement.values import Duration, Percentage
from servicepact.domain.errors import ServicepactError
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit
from servicepact.domain.lint.timing import longest_wall_clock

E, W = Severity.ERROR, Severity.WARNING


def downtime_budget(target: Percentage, days: int) -> timedelta:
    """The downtime ``target`` allows in ``days`` wall-clock days (zero at 100% or more)."""
    share = max(Decimal(100) - target.value, Decimal(0)) / 100
    return timedelta(seconds=int(share * days * 86400))


def fastest_backup(availability: Availability, system: str) -> BackupSet | None:
    """The backup set of ``system`` with the shortest ``frequency`` (a system in several sets is judged by
    its most frequent one), or None when no set names it."""
    sets = [backup for backup in availability.backups if system in backup.systems]
    return min(sets, key=lambda backup: backup.frequency.wall_clock()) if sets else None


def systems_with_rpo(availability: Availability) -> Iterator[tuple[int, RecoveryTier, Duration, int, str]]:
    """Each system of each recovery tier that sets an ``rpo``: the tier's position, the tier, its rpo, the
    system's position in the tier and the system."""
    for i, tier in enumerate(availability.recovery):
        if tier.rpo is None:
            continue
        for j, system in enumerate(tier.systems):
            yield i, tier, tier.rpo, j, system


@checks(
    Rule(
        code="SP401",
        severity=E,
        area="availability",
        title={"en": "An uptime target of 100% or more", "ru": "Целевая доступность 100% или больше"},
        explanation={
            "en": "No service is available 100% of the time; a 100% target is breached by the first minute "
            "of downtime and turns every incident into a dispute.",
            "ru": "Ни одна услуга не доступна 100% времени; цель 100% нарушается первой же минутой простоя и "
            "превращает любой инцидент в спор.",
        },
        bad_example="uptime:\n  - {id: email, services: [m365], target: 100%}",
        good_example="uptime:\n  - {id: email, services: [m365], target: 99.9%}",
        messages={
            "default": {
                "en": "uptime target {target} for '{item}' cannot be met; choose a target below 100%",
                "ru": "целевая доступность {target} для «{item}» недостижима; выберите цель ниже 100%",
            },
        },
    )
)
def uptime_below_hundred(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    for i, item in enumerate(availability.uptime if availability else []):
        if item.target.value >= 100:
            yield hit(("availability", "uptime", i, "target"), item=item.id, target=item.target)


@checks(
    Rule(
        code="SP402",
        severity=W,
        area="availability",
        title={"en": "An uptime target above 99.99%", "ru": "Целевая доступность выше 99.99%"},
        explanation={
            "en": "Above 99.99% the downtime budget is under 4.4 minutes a month: less than it takes to "
            "notice and respond to an outage. (A target of 100% or more is SP401 instead.)",
            "ru": "Выше 99.99% допустимый простой меньше 4,4 минуты в месяц — меньше, чем нужно, чтобы "
            "заметить сбой и отреагировать. (Цель 100% и выше — это SP401.)",
        },
        bad_example="uptime:\n  - {id: email, services: [m365], target: 99.999%}",
        good_example="uptime:\n  - {id: email, services: [m365], target: 99.9%}",
        messages={
            "default": {
                "en": "uptime target {target} for '{item}' allows only {budget} of downtime in a 30-day "
                "month",
                "ru": "целевая доступность {target} для «{item}» допускает лишь {budget} простоя за 30 дней",
            },
        },
    )
)
def uptime_realistic(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    for i, item in enumerate(availability.uptime if availability else []):
        if Decimal("99.99") < item.target.value < 100:
            yield hit(
                ("availability", "uptime", i, "target"),
                item=item.id,
                target=item.target,
                budget=downtime_budget(item.target, 30),
            )


@checks(
    Rule(
        code="SP403",
        severity=E,
        area="availability",
        title={
            "en": "A recovery point objective the backups cannot meet",
            "ru": "Точка восстановления, недостижимая при текущем резервном копировании",
        },
        explanation={
            "en": "A recovery tier's `rpo` (how much recent data may be lost) cannot be shorter than the "
            "`frequency` of the backups of its systems, and every system with an rpo needs a backup set.",
            "ru": "`rpo` уровня восстановления (сколько последних данных можно потерять) не может быть "
            "меньше "
            "`frequency` резервного копирования его систем, и для каждой системы с rpo нужен набор копий.",
        },
        bad_example="recovery:\n  - {tier: critical, systems: [erp], rto: 4h, rpo: 1h}\n"
        "backups:\n  - {id: servers, systems: [erp], frequency: 24h}",
        good_example="recovery:\n  - {tier: critical, systems: [erp], rto: 4h, rpo: 1h}\n"
        "backups:\n  - {id: servers, systems: [erp], frequency: 1h}",
        messages={
            "default": {
                "en": "tier '{tier}': rpo {rpo} for '{system}' is shorter than its backup frequency "
                "{frequency}",
                "ru": "уровень «{tier}»: rpo {rpo} для «{system}» меньше периодичности резервного "
                "копирования {frequency}",
            },
            "no_backup": {
                "en": "tier '{tier}': system '{system}' has an rpo of {rpo} but no backup set",
                "ru": "уровень «{tier}»: для системы «{system}» задан rpo {rpo}, но нет набора резервных "
                "копий",
            },
        },
    )
)
def rpo_backed_by_backups(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    if availability is None:
        return
    for i, tier, rpo, j, system in systems_with_rpo(availability):
        fastest = fastest_backup(availability, system)
        params = {"tier": tier.tier, "system": system, "rpo": rpo}
        if fastest is None:
            yield hit(("availability", "recovery", i, "systems", j), "no_backup", **params)
            continue
        if rpo.wall_clock() < fastest.frequency.wall_clock():
            yield hit(("availability", "recovery", i, "rpo"), frequency=fastest.frequency, **params)


@checks(
    Rule(
        code="SP405",
        severity=W,
        area="availability",
        title={
            "en": "Excluded maintenance without notice or a monthly limit",
            "ru": "Исключаемые плановые работы без уведомления или месячного лимита",
        },
        explanation={
            "en": "With `maintenance: excluded`, scheduled maintenance does not count as downtime. Without "
            "`maintenance.notice` and `maintenance.max_per_month`, any outage could be declared maintenance "
            "at the last minute and for as long as the provider likes.",
            "ru": "При `maintenance: excluded` плановые работы не считаются простоем. Без "
            "`maintenance.notice` и `maintenance.max_per_month` любой сбой можно в последний момент объявить "
            "плановыми работами сколь угодно длительными.",
        },
        bad_example="uptime:\n  - {id: email, services: [m365], target: 99.9%, maintenance: excluded}\n"
        "maintenance:\n  windows: [{id: weekly, schedule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', calendar: always, "
        "duration: 2h}]",
        good_example="maintenance:\n  windows: [{id: weekly, schedule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', "
        "calendar: always, duration: 2h}]\n  notice: 48h\n  max_per_month: 8h",
        messages={
            "default": {
                "en": "uptime item '{item}' excludes maintenance, but maintenance.{key} is not set",
                "ru": "для «{item}» плановые работы исключаются, но maintenance.{key} не задан",
            },
        },
    )
)
def excluded_maintenance_limited(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    if availability is None:
        return
    excluding = [item for item in availability.uptime if item.maintenance == MaintenanceTreatment.EXCLUDED]
    if not excluding:
        return
    maintenance = availability.maintenance
    for key in ("notice", "max_per_month"):
        path = ("availability", "maintenance", key)
        if (maintenance is None or getattr(maintenance, key) is None) and not context.broken(*path):
            yield hit(path, item=excluding[0].id, key=key)


@checks(
    Rule(
        code="SP406",
        severity=W,
        area="availability",
        title={
            "en": "A recovery time longer than the downtime budget",
            "ru": "Время восстановления больше допустимого простоя",
        },
        explanation={
            "en": "When a recovery tier names a system whose id is also an uptime item's id, one recovery "
            "within `rto` must fit in that item's downtime budget of a 28-day month "
            "((100% - target) x 28 days); otherwise a single disaster breaches the uptime target.",
            "ru": "Если уровень восстановления называет систему, id которой совпадает с id элемента "
            "доступности, одно восстановление за `rto` должно укладываться в допустимый простой этого "
            "элемента за 28-дневный месяц ((100% - цель) x 28 дней); иначе одна авария нарушает цель "
            "доступности.",
        },
        bad_example="uptime:\n  - {id: file-server, services: [servers], target: 99.9%}\n"
        "recovery:\n  - {tier: critical, systems: [file-server], rto: 8h, rpo: 1h}",
        good_example="uptime:\n  - {id: file-server, services: [servers], target: 99.5%}\n"
        "recovery:\n  - {tier: critical, systems: [file-server], rto: 3h, rpo: 1h}",
        messages={
            "default": {
                "en": "tier '{tier}': rto {rto} for '{system}' exceeds its downtime budget of {budget} in a "
                "28-day month at {target}",
                "ru": "уровень «{tier}»: rto {rto} для «{system}» больше допустимого простоя {budget} за "
                "28 дней при цели {target}",
            },
        },
    )
)
def rto_within_budget(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    if availability is None:
        return
    items = {item.id: item for item in availability.uptime}
    for i, tier in enumerate(availability.recovery):
        if tier.rto is None:
            continue
        for system in tier.systems:
            item = items.get(system)
            if item is None:
                continue
            budget = downtime_budget(item.target, 28)
            if tier.rto.wall_clock() > budget:
                yield hit(
                    ("availability", "recovery", i, "rto"),
                    tier=tier.tier,
                    rto=tier.rto,
                    system=system,
                    budget=budget,
                    target=item.target,
                )


@checks(
    Rule(
        code="SP407",
        severity=W,
        area="availability",
        title={
            "en": "A backup set without restore tests",
            "ru": "Набор резервных копий без проверки восстановления",
        },
        explanation={
            "en": "A backup that has never been restored is a hope, not a backup: each backup set should "
            "say how often a test restore is made (`restore_test`).",
            "ru": "Резервная копия, из которой ни разу не восстанавливались, — надежда, а не копия: для "
            "каждого набора нужно указать, как часто проводится тестовое восстановление (`restore_test`).",
        },
        bad_example="backups:\n  - {id: servers, systems: [erp], frequency: 1h}",
        good_example="backups:\n  - {id: servers, systems: [erp], frequency: 1h, restore_test: 90d}",
        messages={
            "default": {
                "en": "backup set '{backup}' has no restore_test; say how often a test restore is made",
                "ru": "для набора копий «{backup}» не задан restore_test; укажите периодичность тестового "
                "восстановления",
            },
        },
    )
)
def backups_tested(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    for i, backup in enumerate(availability.backups if availability else []):
        if backup.restore_test is None and not context.broken("availability", "backups", i, "restore_test"):
            yield hit(("availability", "backups", i), backup=backup.id)


@checks(
    Rule(
        code="SP409",
        severity=W,
        area="availability",
        title={
            "en": "A recovery time shorter than the resolution target of the highest priority",
            "ru": "Время восстановления меньше времени решения для высшего приоритета",
        },
        explanation={
            "en": "A full outage of a system in a recovery tier is a ticket of the highest priority (the "
            "first level of `priorities.levels`). When the tier's `rto` is shorter than that priority's "
            "resolution target, the ticket can meet its target while the recovery promise is already "
            "broken: the two promises disagree. The resolution target is taken as the longest wall-clock "
            "time it can take in its calendar over the first year of the term (as in SP201); `rto` is "
            "wall-clock.",
            "ru": "Полный отказ системы из уровня восстановления — заявка высшего приоритета (первого "
            "уровня `priorities.levels`). Если `rto` уровня меньше времени решения для этого приоритета, "
            "заявка может уложиться в срок, когда обещание восстановления уже нарушено: обещания "
            "противоречат друг другу. Время решения берётся как наибольшее календарное время, которое оно "
            "может занять в своём календаре за первый год срока (как в SP201); `rto` — календарное время.",
        },
        bad_example="targets:\n  P1: {response: 30m, resolution: 4h, calendar: always}\n"
        "recovery:\n  - {tier: critical, systems: [erp], rto: 3h, rpo: 2h}",
        good_example="targets:\n  P1: {response: 30m, resolution: 3h, calendar: always}\n"
        "recovery:\n  - {tier: critical, systems: [erp], rto: 3h, rpo: 2h}",
        messages={
            "default": {
                "en": "tier '{tier}': rto {rto} is shorter than the {priority} resolution target {target}",
                "ru": "уровень «{tier}»: rto {rto} меньше времени решения {priority} {target}",
            },
            "calendar": {
                "en": "tier '{tier}': rto {rto} is shorter than the {priority} resolution target {target}, "
                "which can take up to {longest} on the wall clock in its calendar",
                "ru": "уровень «{tier}»: rto {rto} меньше времени решения {priority} {target}, которое в "
                "своём календаре может занять до {longest} календарного времени",
            },
        },
    )
)
def recovery_not_faster_than_top_priority(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    availability, support = agreement.availability, agreement.support
    levels = agreement.priority_ids()
    if availability is None or support is None or not levels:
        return
    top = levels[0]
    target = support.targets.get(top)
    resolution = target.resolution if target else None
    if resolution is None or not any(tier.rto is not None for tier in availability.recovery):
        return
    try:
        longest = longest_wall_clock(agreement, resolution, support.target_calendar(top))
    except ServicepactError:  # an unknown or unusable calendar: SP002/SP003 report it
        return
    on_the_clock = longest == resolution.wall_clock()
    for i, tier in enumerate(availability.recovery):
        if tier.rto is not None and tier.rto.wall_clock() < longest:
            yield hit(
                ("availability", "recovery", i, "rto"),
                "default" if on_the_clock else "calendar",
                tier=tier.tier,
                rto=tier.rto,
                priority=top,
                target=resolution,
                longest=longest,
            )


@checks(
    Rule(
        code="SP410",
        severity=W,
        area="availability",
        title={
            "en": "A recovery point objective equal to the backup frequency",
            "ru": "Точка восстановления равна периодичности резервного копирования",
        },
        explanation={
            "en": "When a recovery tier's `rpo` equals the `frequency` of the backups of its systems, there "
            "is no slack: a single backup that runs late or fails breaches the rpo. Back up more often than "
            "the rpo, or agree a longer rpo. (An rpo shorter than the frequency is SP403.) A system in "
            "several backup sets is judged by its most frequent one.",
            "ru": "Если `rpo` уровня восстановления равен `frequency` резервного копирования его систем, "
            "запаса нет: одна задержавшаяся или неудачная копия нарушает rpo. Делайте копии чаще, чем "
            "rpo, или согласуйте больший rpo. (rpo меньше периодичности — это SP403.) Система из "
            "нескольких наборов оценивается по самому частому из них.",
        },
        bad_example="recovery:\n  - {tier: critical, systems: [erp], rto: 4h, rpo: 1h}\n"
        "backups:\n  - {id: servers, systems: [erp], frequency: 1h}",
        good_example="recovery:\n  - {tier: critical, systems: [erp], rto: 4h, rpo: 2h}\n"
        "backups:\n  - {id: servers, systems: [erp], frequency: 1h}",
        messages={
            "default": {
                "en": "tier '{tier}': rpo {rpo} for '{system}' equals its backup frequency {frequency}; one "
                "late backup breaches it",
                "ru": "уровень «{tier}»: rpo {rpo} для «{system}» равен периодичности резервного "
                "копирования {frequency}; одна задержавшаяся копия его нарушает",
            },
        },
    )
)
def rpo_leaves_room_for_a_late_backup(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    if availability is None:
        return
    for i, tier, rpo, _, system in systems_with_rpo(availability):
        fastest = fastest_backup(availability, system)
        if fastest is not None and rpo.wall_clock() == fastest.frequency.wall_clock():
            yield hit(
                ("availability", "recovery", i, "rpo"),
                tier=tier.tier,
                rpo=rpo,
                system=system,
                frequency=fastest.frequency,
            )
