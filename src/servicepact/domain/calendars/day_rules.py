"""Which local hours a date gets (spec §1): override, else holiday, else extra working day, else the week."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import holidays

from servicepact.domain.agreement.calendar_spec import CalendarSpec
from servicepact.domain.agreement.values import TimeInterval

Hours = tuple[TimeInterval, ...]


@dataclass(frozen=True)
class DayRules:
    """The hours of every local date of a span of years.

    ``closed`` holds the holidays (package holidays with substituted days off, plus the spec's ``dates``);
    ``extra`` the extra working days (the spec's ``working_days`` plus the weekend working days the
    ``holidays`` package knows), which take Monday's hours.
    """

    weekly: tuple[Hours, ...]
    overrides: dict[date, Hours]
    closed: frozenset[date]
    extra: frozenset[date]

    def hours(self, day: date) -> Hours:
        """The local intervals that start on ``day`` (an interval may run past midnight)."""
        if day in self.overrides:
            return self.overrides[day]
        if day in self.closed:
            return ()
        if day in self.extra:
            return self.weekly[0]
        return self.weekly[day.weekday()]


def day_rules(spec: CalendarSpec, years: Iterable[int]) -> DayRules:
    """The rules of ``spec`` with the package holidays of ``years`` resolved."""
    closed = set(spec.holiday_dates)
    extra = set(spec.working_days)
    if spec.holidays is not None and spec.holidays.country is not None:
        known = holidays.country_holidays(
            spec.holidays.country, subdiv=_subdivision(spec), years=list(years), observed=True
        )
        closed.update(known.keys())
        extra.update(getattr(known, "weekend_workdays", ()))
    return DayRules(
        weekly=tuple(tuple(day) for day in spec.weekly_hours()),
        overrides={day: tuple(sorted(set(hours))) for day, hours in spec.overrides.items()},
        closed=frozenset(closed),
        extra=frozenset(extra),
    )


def _subdivision(spec: CalendarSpec) -> str | None:
    """The subdivision code as ``holidays`` spells it (the spec compares it case-insensitively)."""
    assert spec.holidays is not None
    wanted = spec.holidays.subdivision
    if wanted is None or spec.holidays.country is None:
        return None
    codes = holidays.list_supported_countries().get(spec.holidays.country, [])
    return next((code for code in codes if code.upper() == wanted.upper()), wanted)
