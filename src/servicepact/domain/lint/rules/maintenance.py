"""Maintenance windows against the limits of the agreement: the uptime target when maintenance is counted
(SP404), and ``max_per_month`` in a month with five weekends (SP408)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import MaintenanceTreatment
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit
from servicepact.domain.lint.rules.availability import downtime_budget
from servicepact.domain.lint.timing import (
    maintenance_in_months,
    months_with_five_weekends,
    worst_month_of_maintenance,
)


@checks(
    Rule(
        code="SP404",
        severity=Severity.ERROR,
        area="availability",
        title={
            "en": "Counted maintenance windows make the uptime target unreachable",
            "ru": "Учитываемые окна плановых работ делают цель доступности недостижимой",
        },
        explanation={
            "en": "With `maintenance: counted`, scheduled maintenance is downtime. If the maintenance "
            "windows "
            "alone take more than the downtime budget of a 30-day month ((100% - target) x 30 days) in the "
            "worst 30 days of the first year, the target is missed before anything fails.",
            "ru": "При `maintenance: counted` плановые работы считаются простоем. Если одни только окна "
            "плановых работ в худшие 30 дней первого года занимают больше допустимого простоя за 30 дней "
            "((100% - цель) x 30 дней), цель нарушается ещё до какого-либо сбоя.",
        },
        bad_example="uptime:\n  - {id: email, services: [m365], target: 99.9%, maintenance: counted}\n"
        "maintenance:\n  windows: [{id: weekly, schedule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', calendar: always, "
        "duration: 2h}]",
        good_example="uptime:\n  - {id: email, services: [m365], target: 99.9%, maintenance: excluded}\n"
        "maintenance:\n  windows: [{id: weekly, schedule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', calendar: always, "
        "duration: 2h}]\n  notice: 48h\n  max_per_month: 8h",
        messages={
            "default": {
                "en": "'{item}' counts maintenance as downtime: the windows take up to {worst} in 30 days, "
                "more than the {budget} that {target} allows",
                "ru": "для «{item}» плановые работы считаются простоем: окна занимают до {worst} за 30 дней "
                "— "
                "больше допустимых {budget} при цели {target}",
            },
        },
    )
)
def maintenance_leaves_target_reachable(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    if availability is None:
        return
    counted = [
        (i, item)
        for i, item in enumerate(availability.uptime)
        if item.maintenance == MaintenanceTreatment.COUNTED
    ]
    if not counted:
        return
    worst = worst_month_of_maintenance(context.agreement)
    for i, item in counted:
        budget = downtime_budget(item.target, 30)
        if worst > budget:
            yield hit(
                ("availability", "uptime", i, "maintenance"),
                item=item.id,
                worst=worst,
                budget=budget,
                target=item.target,
            )


@checks(
    Rule(
        code="SP408",
        severity=Severity.WARNING,
        area="availability",
        title={
            "en": "The maintenance windows of a month with five weekends exceed the monthly limit",
            "ru": "Окна плановых работ в месяце с пятью выходными превышают месячный лимит",
        },
        explanation={
            "en": "`maintenance.max_per_month` caps scheduled maintenance in a month, but the windows "
            "themselves recur: a weekly weekend window falls five times in a 31-day month with five "
            "Saturdays and five Sundays. If the windows that start in such a month take longer than the "
            "cap, the schedule breaks the agreement's own limit in that month. The busiest such month "
            "starting in the first year of the term counts; overlapping windows count once.",
            "ru": "`maintenance.max_per_month` ограничивает плановые работы за месяц, но сами окна "
            "повторяются: еженедельное окно в выходные выпадает пять раз в 31-дневном месяце с пятью "
            "субботами и пятью воскресеньями. Если окна, начинающиеся в таком месяце, занимают больше "
            "лимита, расписание нарушает собственный лимит договора в этом месяце. Берётся самый "
            "загруженный такой месяц, начинающийся в первый год срока; пересекающиеся окна считаются "
            "один раз.",
        },
        bad_example="maintenance:\n  windows: [{id: weekly, schedule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', "
        "calendar: always, duration: 2h}]\n  notice: 48h\n  max_per_month: 8h",
        good_example="maintenance:\n  windows: [{id: weekly, schedule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', "
        "calendar: always, duration: 2h}]\n  notice: 48h\n  max_per_month: 10h",
        messages={
            "default": {
                "en": "the maintenance windows take {total} in {month} (a month with five weekends), more "
                "than max_per_month {limit}",
                "ru": "окна плановых работ занимают {total} в месяце {month} (месяц с пятью выходными) — "
                "больше, чем max_per_month {limit}",
            },
        },
    )
)
def windows_within_monthly_limit(context: Context) -> Iterator[Hit]:
    availability = context.agreement.availability
    maintenance = availability.maintenance if availability else None
    if maintenance is None or maintenance.max_per_month is None or not maintenance.windows:
        return
    limit = maintenance.max_per_month.wall_clock()
    months = months_with_five_weekends(context.agreement)
    totals = maintenance_in_months(context.agreement, months)
    total, month = max(zip(totals, months, strict=True), key=lambda pair: pair[0])
    if total > limit:
        yield hit(
            ("availability", "maintenance", "max_per_month"),
            total=total,
            month=f"{month:%Y-%m}",
            limit=maintenance.max_per_month,
        )
