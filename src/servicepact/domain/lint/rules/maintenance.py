"""SP404: with maintenance counted as downtime, the windows alone must leave the uptime target reachable."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import MaintenanceTreatment
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit
from servicepact.domain.lint.rules.availability import downtime_budget
from servicepact.domain.lint.timing import worst_month_of_maintenance


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
