"""Support rules that count time in calendars: SP201 (priority order of targets) and SP203 (targets on a
calendar wider than the hours of service without after-hours service)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.agreement.values import Duration
from servicepact.domain.errors import ServicepactError
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit
from servicepact.domain.lint.timing import longest_wall_clock, open_outside

KINDS = ("response", "resolution")


@checks(
    Rule(
        code="SP201",
        severity=Severity.ERROR,
        area="support",
        title={
            "en": "A higher priority has a longer target than a lower one",
            "ru": "У более высокого приоритета срок больше, чем у более низкого",
        },
        explanation={
            "en": "Priorities are ordered as listed in `priorities.levels`, the first being the highest. A "
            "higher priority must not get a longer response or resolution target than a lower one. Targets "
            "in different calendars are compared as the longest wall-clock time each can take in its "
            "calendar (over the first year of the term), so '4h' on business hours can be longer than '8h' "
            "on 24x7.",
            "ru": "Приоритеты упорядочены, как перечислены в `priorities.levels`, первый — самый высокий. "
            "У более высокого приоритета время реакции или решения не должно быть больше, чем у более "
            "низкого. Цели в разных календарях сравниваются по наибольшему календарному времени, которое "
            "каждая может занять в своём календаре (за первый год срока), поэтому '4h' в рабочие часы может "
            "оказаться дольше, чем '8h' в режиме 24x7.",
        },
        bad_example="targets:\n  P1: {response: 2h, resolution: 8h}\n  P2: {response: 1h, resolution: 8h}",
        good_example="targets:\n  P1: {response: 30m, resolution: 4h}\n  P2: {response: 1h, resolution: 8h}",
        messages={
            "default": {
                "en": "{priority} {kind} target {target} can take up to {longest} on the wall clock, longer "
                "than the lower priority {lower} ({lower_target}, up to {lower_longest})",
                "ru": "цель {priority} ({kind}) {target} может занять до {longest} календарного времени — "
                "дольше, чем у более низкого приоритета {lower} ({lower_target}, до {lower_longest})",
            },
        },
    )
)
def higher_priorities_are_faster(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    if agreement.support is None or agreement.priorities is None:
        return
    cache: dict[tuple[Duration, str], timedelta | None] = {}
    for kind in KINDS:
        ranked: list[tuple[str, Duration, timedelta]] = []
        for level in agreement.priority_ids():
            target = agreement.support.targets.get(level)
            duration = getattr(target, kind) if target else None
            if duration is None:
                continue
            longest = _longest(agreement, duration, agreement.support.target_calendar(level), cache)
            if longest is not None:
                ranked.append((level, duration, longest))
        for i, (level, duration, longest) in enumerate(ranked):
            lower = next((entry for entry in ranked[i + 1 :] if entry[2] < longest), None)
            if lower is not None:
                yield hit(
                    ("support", "targets", level, kind),
                    priority=level,
                    kind=kind,
                    target=duration,
                    longest=longest,
                    lower=lower[0],
                    lower_target=lower[1],
                    lower_longest=lower[2],
                )


def _longest(
    agreement: Agreement,
    duration: Duration,
    calendar: str,
    cache: dict[tuple[Duration, str], timedelta | None],
) -> timedelta | None:
    key = (duration, calendar)
    if key not in cache:
        try:
            cache[key] = longest_wall_clock(agreement, duration, calendar)
        except ServicepactError:  # an unknown or unusable calendar: SP002/SP003 report it
            cache[key] = None
    return cache[key]


@checks(
    Rule(
        code="SP203",
        severity=Severity.ERROR,
        area="support",
        title={
            "en": "A target on a wider calendar without after-hours service",
            "ru": "Цель в более широком календаре без работы в нерабочее время",
        },
        explanation={
            "en": "A target whose calendar is open when `support.calendar` is closed (for example 24x7 "
            "against office hours) promises work outside the hours of service. That needs `after_hours` "
            "with `available: true` and, when it lists priorities, that priority among them.",
            "ru": "Цель, календарь которой открыт, когда `support.calendar` закрыт (например, 24x7 против "
            "рабочих часов), обещает работу вне часов обслуживания. Для этого нужен `after_hours` с "
            "`available: true` и, если в нём перечислены приоритеты, этот приоритет среди них.",
        },
        bad_example="support:\n  calendar: business\n  targets:\n    P1: {response: 30m, calendar: always}\n"
        "  after_hours: {available: false}",
        good_example="support:\n  calendar: business\n  targets:\n    P1: {response: 30m, calendar: always}\n"
        "  after_hours: {available: true, calendar: always, priorities: [P1], surcharge: 1.5}",
        messages={
            "default": {
                "en": "{priority} runs on calendar '{calendar}', which is open outside support.calendar "
                "'{support}', but after-hours service is not available",
                "ru": "цель {priority} считается по календарю «{calendar}», открытому вне support.calendar "
                "«{support}», но работа в нерабочее время недоступна",
            },
            "left_out": {
                "en": "{priority} runs on calendar '{calendar}', which is open outside support.calendar "
                "'{support}', but after_hours.priorities leaves {priority} out",
                "ru": "цель {priority} считается по календарю «{calendar}», открытому вне support.calendar "
                "«{support}», но {priority} нет в after_hours.priorities",
            },
        },
    )
)
def wider_calendars_have_after_hours(context: Context) -> Iterator[Hit]:
    agreement = context.agreement
    support = agreement.support
    if support is None or support.calendar not in agreement.calendars:
        return
    after_hours = support.after_hours
    wider: dict[str, bool] = {}
    for priority, target in support.targets.items():
        calendar = target.calendar
        if calendar is None or calendar == support.calendar or calendar not in agreement.calendars:
            continue
        if calendar not in wider:
            try:
                wider[calendar] = open_outside(agreement, calendar, support.calendar) > timedelta(0)
            except ServicepactError:
                wider[calendar] = False
        if not wider[calendar]:
            continue
        params = {"priority": priority, "calendar": calendar, "support": support.calendar}
        path = ("support", "targets", priority, "calendar")
        if after_hours is None or not after_hours.available:
            yield hit(path, **params)
        elif after_hours.priorities is not None and priority not in after_hours.priorities:
            yield hit(path, "left_out", **params)
