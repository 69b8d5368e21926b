"""The ``calendars`` entries of an agreement as typed data (spec §1). The engine is ``domain.calendars``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from servicepact.domain.agreement.base import Model
from servicepact.domain.agreement.fields import (
    PARSE_ERROR,
    CountryField,
    DateField,
    DurationField,
    TimeIntervalField,
    TimeZoneField,
    supported_countries,
)
from servicepact.domain.agreement.values import TimeInterval, parse_weekdays

ALWAYS_OPEN = "24x7"


def _hours_kind(value: Any) -> str:
    # One branch is chosen up front, so a bad weekly table reports its own errors, not the union's.
    return "always" if isinstance(value, str) else "weekly"


Hours = Annotated[
    Annotated[Literal["24x7"], Tag("always")] | Annotated[dict[str, list[TimeIntervalField]], Tag("weekly")],
    Discriminator(_hours_kind),
]


class HolidaySpec(Model):
    """Closed days: public holidays of a country (and subdivision) from ``holidays``, plus extra dates."""

    country: CountryField | None = None
    subdivision: str | None = None
    dates: list[DateField] = Field(default_factory=list)

    @model_validator(mode="after")
    def _subdivision_belongs_to_country(self) -> HolidaySpec:
        if self.subdivision is None:
            return self
        if self.country is None:
            raise PydanticCustomError(PARSE_ERROR, "a subdivision needs a country")
        known = supported_countries().get(self.country, [])
        if self.subdivision.upper() not in {s.upper() for s in known}:
            sample = ", ".join(known[:8]) or "none"
            raise PydanticCustomError(
                PARSE_ERROR,
                "{subdivision!r} is not a subdivision of {country} (known: {sample})",
                {"subdivision": self.subdivision, "country": self.country, "sample": sample},
            )
        return self


class CalendarSpec(Model):
    """One named calendar: weekly hours in a time zone, holidays, extra working days and per-date overrides.

    ``hours`` is ``"24x7"`` or a mapping of weekday keys (``mon``, ``mon-fri``) to lists of
    ``"HH:MM-HH:MM"``.
    """

    timezone: TimeZoneField
    hours: Hours
    holidays: HolidaySpec | None = None
    working_days: list[DateField] = Field(default_factory=list)
    overrides: dict[DateField, list[TimeIntervalField]] = Field(default_factory=dict)
    day_length: DurationField | None = None

    @field_validator("hours")
    @classmethod
    def _weekday_keys_parse(
        cls, hours: Literal["24x7"] | dict[str, list[TimeInterval]]
    ) -> Literal["24x7"] | dict[str, list[TimeInterval]]:
        if isinstance(hours, dict):
            for key in hours:
                try:
                    parse_weekdays(key)
                except ValueError as error:
                    raise PydanticCustomError(PARSE_ERROR, "{reason}", {"reason": str(error)}) from None
        return hours

    @field_validator("day_length")
    @classmethod
    def _day_length_is_clock_time(cls, value: object) -> object:
        from servicepact.domain.agreement.values import Duration

        if isinstance(value, Duration) and (value.days or value.business_days or value.seconds <= 0):
            raise PydanticCustomError(PARSE_ERROR, "day_length is clock time such as '8h' or '7h30m'")
        if isinstance(value, Duration) and value.seconds > 86400:
            raise PydanticCustomError(PARSE_ERROR, "day_length cannot be longer than 24h")
        return value

    @property
    def always_open(self) -> bool:
        return self.hours == ALWAYS_OPEN

    def weekly_hours(self) -> list[list[TimeInterval]]:
        """Seven lists (Monday first) of the intervals that start on that weekday, sorted."""
        week: list[list[TimeInterval]] = [[] for _ in range(7)]
        if isinstance(self.hours, dict):
            for key, intervals in self.hours.items():
                for weekday in parse_weekdays(key):
                    week[weekday].extend(intervals)
        return [sorted(set(day)) for day in week]

    @property
    def holiday_dates(self) -> list[date]:
        return list(self.holidays.dates) if self.holidays else []
