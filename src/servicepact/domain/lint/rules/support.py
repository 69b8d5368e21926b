"""Support: targets consistent with each other and with the calendars (SP202, SP204-SP207).

SP201 and SP203, which need the calendar engine, are in :mod:`.support_calendars`.
"""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import ResponseCounts
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit
from servicepact.domain.lint.timing import business_time

E, W = Severity.ERROR, Severity.WARNING


@checks(
    Rule(
        code="SP202",
        severity=E,
        area="support",
        title={
            "en": "A resolution target is shorter than the response target",
            "ru": "Время решения меньше времени реакции",
        },
        explanation={
            "en": "A ticket cannot be resolved before anyone has responded to it: the resolution target of "
            "a priority must be at least its response target (compared as business time in the target's "
            "calendar).",
            "ru": "Заявку нельзя решить раньше, чем на неё отреагировали: время решения для приоритета "
            "должно быть не меньше времени реакции (сравнивается рабочее время в календаре цели).",
        },
        bad_example="targets:\n  P2: {response: 4h, resolution: 2h}",
        good_example="targets:\n  P2: {response: 1h, resolution: 8h}",
        messages={
            "default": {
                "en": "{priority}: resolution target {resolution} is shorter than the response target "
                "{response}",
                "ru": "{priority}: время решения {resolution} меньше времени реакции {response}",
            },
        },
    )
)
def resolution_after_response(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    if agreement.support is None:
        return
    for priority, target in agreement.support.targets.items():
        if target.response is None or target.resolution is None:
            continue
        calendar = agreement.support.target_calendar(priority)
        if calendar not in agreement.calendars and (
            target.response.business_days or target.resolution.business_days
        ):
            continue  # SP002 reports the calendar
        if business_time(agreement, target.resolution, calendar) < business_time(
            agreement, target.response, calendar
        ):
            yield hit(
                ("support", "targets", priority, "resolution"),
                priority=priority,
                resolution=target.resolution,
                response=target.response,
            )


@checks(
    Rule(
        code="SP204",
        severity=E,
        area="support",
        title={
            "en": "After-hours service without a surcharge",
            "ru": "Работа в нерабочее время без надбавки",
        },
        explanation={
            "en": "When after-hours service is available, `after_hours.surcharge` (the multiplier of the "
            "hourly rate for work outside `support.calendar`) must be set and be at least 1; below 1 the "
            "night shift would be cheaper than the day shift.",
            "ru": "Если работа в нерабочее время доступна, `after_hours.surcharge` (множитель почасовой "
            "ставки за работу вне `support.calendar`) должен быть задан и быть не меньше 1; иначе ночная "
            "работа окажется дешевле дневной.",
        },
        bad_example="after_hours:\n  available: true\n  calendar: always",
        good_example="after_hours:\n  available: true\n  calendar: always\n  surcharge: 1.5",
        messages={
            "default": {
                "en": "after-hours service is available but has no 'surcharge'; set a multiplier of at "
                "least 1",
                "ru": "работа в нерабочее время доступна, но не задан 'surcharge'; укажите множитель не "
                "меньше 1",
            },
            "below_one": {
                "en": "after-hours surcharge {surcharge} is below 1; after-hours work would cost less than "
                "work in hours",
                "ru": "надбавка за нерабочее время {surcharge} меньше 1; работа в нерабочее время "
                "стоила бы дешевле",
            },
        },
    )
)
def after_hours_surcharge(context: Context) -> Iterator[Hit]:
    support = context.agreement.support
    after_hours = support.after_hours if support else None
    if after_hours is None or not after_hours.available:
        return
    path = ("support", "after_hours", "surcharge")
    if after_hours.surcharge is None:
        if not context.broken(*path):
            yield hit(path)
    elif after_hours.surcharge < 1:
        yield hit(path, "below_one", surcharge=after_hours.surcharge)


@checks(
    Rule(
        code="SP205",
        severity=W,
        area="support",
        title={"en": "A business calendar has no holidays", "ru": "В рабочем календаре нет праздников"},
        explanation={
            "en": "A calendar with weekly hours (not 24x7) names neither a `holidays.country` nor any "
            "`holidays.dates`, so public holidays count as working days and deadlines fall on them.",
            "ru": "В календаре с недельным расписанием (не 24x7) не указаны ни `holidays.country`, ни "
            "`holidays.dates`, поэтому праздники считаются рабочими днями и сроки приходятся на них.",
        },
        bad_example="calendars:\n  business:\n    timezone: Europe/Moscow\n    hours: {mon-fri: "
        "['09:00-18:00']}",
        good_example="calendars:\n  business:\n    timezone: Europe/Moscow\n    hours: {mon-fri: "
        "['09:00-18:00']}\n"
        "    holidays: {country: RU}",
        messages={
            "default": {
                "en": "business calendar '{calendar}' has no holidays; add holidays.country (and "
                "subdivision) "
                "or holidays.dates",
                "ru": "в рабочем календаре «{calendar}» нет праздников; добавьте holidays.country "
                "(и subdivision) или holidays.dates",
            },
        },
    )
)
def calendars_have_holidays(context: Context) -> Iterator[Hit]:
    for name, spec in context.agreement.calendars.items():
        holidays = spec.holidays
        if spec.always_open or context.broken("calendars", name, "holidays"):
            continue
        if holidays is None or (holidays.country is None and not holidays.dates):
            yield hit(("calendars", name), calendar=name)


@checks(
    Rule(
        code="SP206",
        severity=E,
        area="support",
        title={
            "en": "A priority without targets, or a target for an unknown priority",
            "ru": "Приоритет без целевых сроков или цель для неизвестного приоритета",
        },
        explanation={
            "en": "Every level of `priorities.levels` needs an entry in `support.targets` with a response or "
            "a resolution target, and every entry of `support.targets` must be a level of "
            "`priorities.levels`.",
            "ru": "Для каждого уровня из `priorities.levels` в `support.targets` нужна запись со временем "
            "реакции или решения, и каждая запись `support.targets` должна быть уровнем из "
            "`priorities.levels`.",
        },
        bad_example="priorities:\n  levels: [{id: P1}, {id: P2}]\nsupport:\n  targets:\n"
        "    P1: {response: 30m, resolution: 4h}\n    P5: {response: 1bd}",
        good_example="priorities:\n  levels: [{id: P1}, {id: P2}]\nsupport:\n  targets:\n"
        "    P1: {response: 30m, resolution: 4h}\n    P2: {response: 1h, resolution: 8h}",
        messages={
            "default": {
                "en": "priority {priority} has no response or resolution target in support.targets",
                "ru": "для приоритета {priority} в support.targets нет ни времени реакции, ни времени "
                "решения",
            },
            "unknown": {
                "en": "target for unknown priority '{priority}' (levels: {known})",
                "ru": "цель для неизвестного приоритета «{priority}» (уровни: {known})",
            },
        },
    )
)
def targets_match_levels(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    if agreement.support is None or agreement.priorities is None:
        return
    levels = agreement.priority_ids()
    targets = agreement.support.targets
    for level in levels:
        target = targets.get(level)
        if (target is None or (target.response is None and target.resolution is None)) and not context.broken(
            "support", "targets", level
        ):
            yield hit(("support", "targets", level), priority=level)
    for priority in targets:
        if priority not in levels:
            yield hit(("support", "targets", priority), "unknown", priority=priority, known=levels or "-")


@checks(
    Rule(
        code="SP207",
        severity=W,
        area="support",
        title={
            "en": "Automatic acknowledgements count as responses",
            "ru": "Автоматические уведомления считаются реакцией",
        },
        explanation={
            "en": "With `response_counts: any`, an automatic acknowledgement e-mail stops the response "
            "clock, "
            "so the response target is met without a person ever looking at the ticket.",
            "ru": "При `response_counts: any` автоматическое уведомление останавливает отсчёт времени "
            "реакции, и цель выполняется, даже если человек так и не взглянул на заявку.",
        },
        bad_example="support:\n  response_counts: any",
        good_example="support:\n  response_counts: human",
        messages={
            "default": {
                "en": "response_counts is 'any': automatic acknowledgements meet the response target; use "
                "'human' unless the client agrees",
                "ru": "response_counts = 'any': автоматические уведомления засчитываются как реакция; "
                "используйте 'human', если клиент не согласился на иное",
            },
        },
    )
)
def human_responses(context: Context) -> Iterator[Hit]:
    support = context.agreement.support
    if support is not None and support.response_counts == ResponseCounts.ANY:
        yield hit(("support", "response_counts"))
