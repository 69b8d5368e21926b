"""Structure: the file reads as YAML (SP000), the eight areas are there (SP001), values parse (SP003), keys
are known (SP004) and have the right types (SP005). SP000 and SP003–SP005 come from validation."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.agreement.model import AREAS
from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, define, hit

E = Severity.ERROR

define(
    Rule(
        code="SP000",
        severity=E,
        area="structure",
        title={"en": "The file cannot be read as YAML", "ru": "Файл не читается как YAML"},
        explanation={
            "en": "servicepact's own code (not in spec §4): the file is missing or unreadable, not UTF-8, "
            "larger than 5 MB, not valid YAML, repeats a key in one mapping, or expands aliases beyond a "
            "safe budget (an alias bomb). Nothing else can be checked until it reads.",
            "ru": "Собственный код servicepact (его нет в §4 спецификации): файла нет или он не читается, "
            "не в UTF-8, больше 5 МБ, не является корректным YAML, повторяет ключ в одном словаре или "
            "раскрывает псевдонимы сверх безопасного предела. Пока файл не читается, проверить больше "
            "нечего.",
        },
        bad_example="support:\n  calendar: business\n  calendar: always",
        good_example="support:\n  calendar: business",
    )
)


@checks(
    Rule(
        code="SP001",
        severity=E,
        area="structure",
        title={
            "en": "An area of the agreement is missing or empty",
            "ru": "Раздел соглашения отсутствует или пуст",
        },
        explanation={
            "en": "An agreement has eight areas: services, support, responsibilities, availability, "
            "client_requirements, guarantees, performance and priorities. Each must be present and say "
            "something; an agreement silent on one of them leaves that part of the service undefined.",
            "ru": "В соглашении восемь разделов: services, support, responsibilities, availability, "
            "client_requirements, guarantees, performance и priorities. Каждый должен быть и что-то "
            "устанавливать; если соглашение молчит о разделе, эта часть услуги не определена.",
        },
        bad_example="guarantees: {}",
        good_example="guarantees:\n  commitments:\n    - {id: uptime, statement: E-mail is available 99.9% "
        "of "
        "each month., metric: uptime.email, remedy: service_credits}\n  sole_remedy: true",
        messages={
            "missing": {
                "en": "the area '{area}' is missing; every agreement needs all eight areas",
                "ru": "раздел «{area}» отсутствует; в соглашении должны быть все восемь разделов",
            },
            "default": {
                "en": "the area '{area}' is empty; say what the agreement provides here",
                "ru": "раздел «{area}» пуст; укажите, что соглашение устанавливает в этом разделе",
            },
        },
    )
)
def areas_present(context: Context) -> Iterator[Hit]:
    for area in AREAS:
        value = getattr(context.agreement, area)
        if value is None:
            if not context.broken(area):  # a broken area was pruned; SP003-SP005 already say why
                yield hit((area,), "missing", area=area)
        elif not value.model_dump(exclude_defaults=True) and not context.broken(area):
            yield hit((area,), area=area)


define(
    Rule(
        code="SP003",
        severity=E,
        area="structure",
        title={"en": "A value does not parse", "ru": "Значение не разбирается"},
        explanation={
            "en": "A duration, percentage, date, time interval, time zone, RRULE or country code is not "
            "written in the format's notation. Durations: '30m', '4h', '1h30m', '3bd', '14d'; percentages: "
            "'99.9%'; dates: ISO 8601; hours: 'HH:MM-HH:MM'; zones: IANA names; RRULE: RFC 5545.",
            "ru": "Длительность, процент, дата, интервал времени, часовой пояс, RRULE или код страны "
            "записаны "
            "не в нотации формата. Длительности: '30m', '4h', '1h30m', '3bd', '14d'; проценты: '99.9%'; "
            "даты: ISO 8601; часы: 'ЧЧ:ММ-ЧЧ:ММ'; пояса: имена IANA; RRULE: RFC 5545.",
        },
        bad_example="targets:\n  P1: {response: 30 minutes}",
        good_example="targets:\n  P1: {response: 30m}",
    )
)

define(
    Rule(
        code="SP004",
        severity=E,
        area="structure",
        title={"en": "An unknown key", "ru": "Неизвестный ключ"},
        explanation={
            "en": "The key is not part of the format at this place; usually a typo. The message suggests "
            "the nearest known key.",
            "ru": "Такого ключа в этом месте формата нет; обычно это опечатка. Сообщение предлагает "
            "ближайший известный ключ.",
        },
        bad_example="support:\n  calender: business",
        good_example="support:\n  calendar: business",
    )
)

define(
    Rule(
        code="SP005",
        severity=E,
        area="structure",
        title={
            "en": "A value of the wrong type, or a required key missing",
            "ru": "Значение неверного типа или нет обязательного ключа",
        },
        explanation={
            "en": "A key holds the wrong kind of value (a list where a mapping is expected, text where a "
            "number is expected, a value outside its allowed set), or a key the format requires is absent.",
            "ru": "Ключ содержит значение не того вида (список вместо словаря, текст вместо числа, значение "
            "вне допустимого набора) или отсутствует обязательный ключ.",
        },
        bad_example="support:\n  targets:\n    P1: {response: 30m}",
        good_example="support:\n  calendar: business\n  targets:\n    P1: {response: 30m}",
    )
)
