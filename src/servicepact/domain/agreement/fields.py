"""Pydantic field types for the value types, so that a value that does not parse is an SP003 problem.

Every parse failure is raised as ``PydanticCustomError("sp003", ...)``; the validation step maps that error
type to SP003 and pydantic's own type errors to SP005.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, TypeVar

import holidays
from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from servicepact.domain.agreement.values import (
    Duration,
    KpiTarget,
    Percentage,
    RecurrenceRule,
    TimeInterval,
    parse_date,
    parse_money,
)
from servicepact.domain.agreement.zones import parse_iana_zone

T = TypeVar("T")

PARSE_ERROR = "sp003"


def reporting_sp003(parser: Callable[[Any], T]) -> Callable[[Any], T]:
    def validate(value: Any) -> T:
        try:
            return parser(value)
        except ValueError as error:
            raise PydanticCustomError(PARSE_ERROR, "{reason}", {"reason": str(error)}) from None

    return validate


def _string_schema(pattern: str, description: str, examples: list[str]) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": "string", "pattern": pattern, "description": description, "examples": examples}
    )


DurationField = Annotated[
    Duration,
    PlainValidator(reporting_sp003(Duration.parse)),
    PlainSerializer(str, return_type=str),
    _string_schema(
        r"^\s*(\d+d)?(\d+bd)?(\d+(\.\d+)?h)?(\d+(\.\d+)?m)?(\d+s)?\s*$",
        "A duration: business time '30m', '4h', '1h30m'; business days '3bd'; wall-clock days '14d'.",
        ["30m", "4h", "1h30m", "3bd", "14d"],
    ),
]

PercentageField = Annotated[
    Percentage,
    PlainValidator(reporting_sp003(Percentage.parse)),
    PlainSerializer(str, return_type=str),
    _string_schema(r"^\s*-?\d+(\.\d+)?\s*%\s*$", "A percentage such as '99.9%'.", ["99.9%"]),
]

TimeIntervalField = Annotated[
    TimeInterval,
    PlainValidator(reporting_sp003(TimeInterval.parse)),
    PlainSerializer(str, return_type=str),
    _string_schema(
        r"^\d{1,2}:\d{2}-\d{1,2}:\d{2}$",
        "Local opening hours 'HH:MM-HH:MM'; 24:00 is a valid end; an end not after the start runs past "
        "midnight.",
        ["08:00-12:00", "22:00-06:00"],
    ),
]

KpiTargetField = Annotated[
    KpiTarget,
    PlainValidator(reporting_sp003(KpiTarget.parse)),
    PlainSerializer(str, return_type=str),
    _string_schema(
        r"^\s*(>=|<=|>|<)?\s*\S+\s*$", "A KPI target: comparator and value.", [">= 95%", "<= 4h", ">= 4.5"]
    ),
]

RecurrenceRuleField = Annotated[
    RecurrenceRule,
    PlainValidator(reporting_sp003(RecurrenceRule.parse)),
    PlainSerializer(str, return_type=str),
    _string_schema(r"^(RRULE:)?FREQ=", "An RFC 5545 RRULE.", ["FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0"]),
]

MoneyField = Annotated[
    Decimal,
    PlainValidator(reporting_sp003(parse_money)),
    PlainSerializer(lambda amount: format(amount, "f"), return_type=str),
    WithJsonSchema({"type": ["number", "string"], "description": "An amount in the agreement's currency."}),
]

DateField = Annotated[
    date,
    PlainValidator(reporting_sp003(parse_date)),
    PlainSerializer(lambda day: day.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


TimeZoneField = Annotated[
    zoneinfo.ZoneInfo,
    PlainValidator(reporting_sp003(parse_iana_zone)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "description": "An IANA time zone.", "examples": ["Europe/Moscow"]}),
]


@cache
def supported_countries() -> dict[str, list[str]]:
    """Country codes the ``holidays`` package knows, with their subdivision codes."""
    return {code: list(subdivisions) for code, subdivisions in holidays.list_supported_countries().items()}


def _parse_country(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 3166 country code such as 'US', got {value!r}")
    code = value.strip().upper()
    if code not in supported_countries():
        raise ValueError(
            f"{value!r} is not a country code the holidays package knows (e.g. 'US', 'RU', 'GB')"
        )
    return code


CountryField = Annotated[
    str,
    PlainValidator(reporting_sp003(_parse_country)),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2,3}$", "examples": ["US", "RU"]}),
]
