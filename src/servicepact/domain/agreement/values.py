"""Value types of the agreement format: durations, percentages, time intervals, KPI targets, RRULEs.

Each type parses from the text users write in YAML and raises ``ValueError`` with a message a user can act
on when the text does not parse; the agreement model turns that into an SP003 problem with its location.
"""

from __future__ import annotations

import contextlib
import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.rrule import rrule, rrulestr

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(bd|d|h|m|s)")
_DURATION_ORDER = ("d", "bd", "h", "m", "s")


@dataclass(frozen=True, order=True)
class Duration:
    """A length of time as an agreement writes it.

    ``seconds`` is clock time (``h``, ``m``, ``s``), counted in whatever calendar applies; ``business_days``
    (``bd``) is that many times the calendar's ``day_length``; ``days`` (``d``) is wall-clock days of 24 h.

    >>> Duration.parse("1h30m").seconds
    5400
    >>> Duration.parse("3bd").business_days
    3
    """

    days: int = 0
    business_days: int = 0
    seconds: int = 0
    text: str = ""

    @classmethod
    def parse(cls, value: object) -> Duration:
        if isinstance(value, Duration):
            return value
        if isinstance(value, bool) or not isinstance(value, str):
            raise ValueError(
                f"expected a duration such as '30m', '4h', '1h30m', '3bd' or '14d', got {value!r}"
            )
        text = value.strip().replace(" ", "")
        if not text:
            raise ValueError("expected a duration such as '30m', '4h', '1h30m', '3bd' or '14d', got ''")
        position = 0
        seen: list[str] = []
        days = business_days = 0
        seconds = Decimal(0)
        for match in _DURATION_PART.finditer(text):
            if match.start() != position:
                break
            amount, unit = Decimal(match.group(1)), match.group(2)
            if seen and _DURATION_ORDER.index(unit) <= _DURATION_ORDER.index(seen[-1]):
                raise ValueError(f"'{value}': units must appear once each, largest first (d, bd, h, m, s)")
            seen.append(unit)
            position = match.end()
            if unit in ("d", "bd"):
                if amount != amount.to_integral_value():
                    raise ValueError(f"'{value}': days must be whole numbers")
                if unit == "d":
                    days = int(amount)
                else:
                    business_days = int(amount)
            else:
                seconds += amount * {"h": 3600, "m": 60, "s": 1}[unit]
        if position != len(text) or not seen:
            raise ValueError(
                f"'{value}' is not a duration; write a number and a unit: '30m', '4h', '1h30m', '3bd', '14d'"
            )
        if seconds != seconds.to_integral_value():
            raise ValueError(f"'{value}' is not a whole number of seconds")
        if days > 36600 or business_days > 36600 or seconds > 100 * 366 * 86400:
            raise ValueError(f"'{value}' is longer than a hundred years")
        return cls(days=days, business_days=business_days, seconds=int(seconds), text=value.strip())

    @property
    def is_zero(self) -> bool:
        return self.days == 0 and self.business_days == 0 and self.seconds == 0

    @property
    def is_wall_clock(self) -> bool:
        """True when the duration is only wall-clock days (``14d``): no calendar is involved."""
        return self.business_days == 0 and self.seconds == 0

    def business_time(self, day_length: timedelta) -> timedelta:
        """The business time this duration stands for in a calendar whose business day lasts ``day_length``.

        Wall-clock days (``d``) count as 24 h each; callers that need them on the wall clock use
        :meth:`wall_clock`.
        """
        return timedelta(days=self.days, seconds=self.seconds) + self.business_days * day_length

    def wall_clock(self) -> timedelta:
        """The duration read on the wall clock (``bd`` counts as 24 h: only for contexts with no calendar)."""
        return timedelta(days=self.days + self.business_days, seconds=self.seconds)

    def __str__(self) -> str:
        if self.text:
            return self.text
        parts = []
        if self.days:
            parts.append(f"{self.days}d")
        if self.business_days:
            parts.append(f"{self.business_days}bd")
        hours, rest = divmod(self.seconds, 3600)
        minutes, secs = divmod(rest, 60)
        parts += [f"{n}{u}" for n, u in ((hours, "h"), (minutes, "m"), (secs, "s")) if n]
        return "".join(parts) or "0m"


_PERCENT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*%\s*$")


@dataclass(frozen=True, order=True)
class Percentage:
    """A percentage as written (``"99.9%"``), kept exact as a Decimal number of percent."""

    value: Decimal

    @classmethod
    def parse(cls, value: object) -> Percentage:
        if isinstance(value, Percentage):
            return value
        if isinstance(value, str):
            match = _PERCENT.match(value)
            if match:
                return cls(Decimal(match.group(1)))
        raise ValueError(f"expected a percentage such as '99.9%', got {value!r}")

    @property
    def fraction(self) -> Decimal:
        return self.value / 100

    def __str__(self) -> str:
        return f"{self.value.normalize():f}%"


def parse_money(value: object) -> Decimal:
    """Money is a plain number in the agreement's currency; kept as an exact Decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"expected an amount of money such as 4500.00, got {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"expected an amount of money such as 4500.00, got {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"expected a non-negative amount of money, got {value!r}")
    return amount


EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
"""The dates an agreement and a period may name. The engines reach a few years past a date (a term's
end, a year of business time, the margins of a period), and :class:`date` ends at 9999-12-31: a date
out here would overflow there, so it is refused where it is written."""


def parse_date(value: object) -> date:
    """ISO 8601 dates from :data:`EARLIEST_DATE` to :data:`LATEST_DATE`; YAML often gives them to us
    already as ``date``."""
    if isinstance(value, datetime):
        raise ValueError(f"expected a date such as 2027-01-01, got a date and time {value!r}")
    day: date | None = value if isinstance(value, date) else None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(value.strip())
    if day is None:
        raise ValueError(f"expected a date such as 2027-01-01, got {value!r}")
    check_date_range(day)
    return day


def check_date_range(day: date) -> None:
    """Raise :class:`ValueError` when ``day`` is before :data:`EARLIEST_DATE` or after :data:`LATEST_DATE`."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(
            f"{day.isoformat()} is out of range: dates run from {EARLIEST_DATE.isoformat()} "
            f"to {LATEST_DATE.isoformat()}"
        )


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def _parse_clock(text: str, original: object) -> int:
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"expected a time interval such as '08:00-12:00', got {original!r}")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes != 0):
        raise ValueError(f"{text.strip()!r} in {original!r} is not a time of day (00:00 to 24:00)")
    return hours * 3600 + minutes * 60


@dataclass(frozen=True, order=True)
class TimeInterval:
    """Local opening hours ``"HH:MM-HH:MM"`` as seconds after midnight.

    ``24:00`` is a valid end. An end that is not after the start runs past midnight into the next date.
    """

    start: int
    end: int

    @classmethod
    def parse(cls, value: object) -> TimeInterval:
        if isinstance(value, TimeInterval):
            return value
        if not isinstance(value, str) or value.count("-") != 1:
            raise ValueError(f"expected a time interval such as '08:00-12:00', got {value!r}")
        start_text, end_text = value.split("-")
        start, end = _parse_clock(start_text, value), _parse_clock(end_text, value)
        if start == 24 * 3600:
            raise ValueError(f"{value!r}: an interval cannot start at 24:00")
        return cls(start, end)

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def length(self) -> timedelta:
        end = self.end + 86400 if self.crosses_midnight else self.end
        return timedelta(seconds=end - self.start)

    def __str__(self) -> str:
        def clock(seconds: int) -> str:
            return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"

        return f"{clock(self.start)}-{clock(self.end)}"


class Comparator(enum.StrEnum):
    AT_LEAST = ">="
    AT_MOST = "<="
    MORE_THAN = ">"
    LESS_THAN = "<"


_TARGET = re.compile(r"^\s*(>=|<=|>|<)\s*(.+?)\s*$")


@dataclass(frozen=True)
class KpiTarget:
    """A KPI target such as ``">= 95%"``, ``"<= 4h"`` or ``">= 4.5"``.

    ``value`` is a Percentage, a Duration or a Decimal; a target without a comparator means ``>=``.
    """

    comparator: Comparator
    value: Percentage | Duration | Decimal

    @classmethod
    def parse(cls, value: object) -> KpiTarget:
        if isinstance(value, KpiTarget):
            return value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"expected a target such as '>= 95%', got {value!r}")
        text = str(value)
        match = _TARGET.match(text)
        comparator, rest = (
            (Comparator(match.group(1)), match.group(2)) if match else (Comparator.AT_LEAST, text)
        )
        for parser in (Percentage.parse, Duration.parse):
            try:
                return cls(comparator, parser(rest))
            except ValueError:
                continue
        try:
            return cls(comparator, Decimal(rest.strip()))
        except InvalidOperation:
            raise ValueError(
                f"expected a target such as '>= 95%', '<= 4h' or '>= 4.5', got {value!r}"
            ) from None

    def is_met(self, measured: Decimal) -> bool:
        """Whether a measured value (percent for percentages, seconds for durations) meets the target."""
        goal = self.goal
        return {
            Comparator.AT_LEAST: measured >= goal,
            Comparator.AT_MOST: measured <= goal,
            Comparator.MORE_THAN: measured > goal,
            Comparator.LESS_THAN: measured < goal,
        }[self.comparator]

    @property
    def goal(self) -> Decimal:
        if isinstance(self.value, Percentage):
            return self.value.value
        if isinstance(self.value, Duration):
            return Decimal(int(self.value.wall_clock().total_seconds()))
        return self.value

    def __str__(self) -> str:
        return f"{self.comparator.value} {self.value}"


@dataclass(frozen=True)
class RecurrenceRule:
    """An RFC 5545 RRULE (``FREQ=WEEKLY;BYDAY=SU;BYHOUR=2``), read in the local time of its calendar."""

    text: str

    @classmethod
    def parse(cls, value: object) -> RecurrenceRule:
        if isinstance(value, RecurrenceRule):
            return value
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"expected an RRULE such as 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=2', got {value!r}")
        text = value.strip()
        if text.upper().startswith("RRULE:"):
            text = text[6:]
        try:
            rrulestr(text, dtstart=datetime(2000, 1, 1))  # noqa: DTZ001 - RRULEs are read in local time
        except (ValueError, TypeError) as error:
            raise ValueError(f"{value!r} is not a valid RRULE: {error}") from None
        return cls(text)

    def occurrences(self, dtstart: datetime) -> rrule:
        """The rule anchored at ``dtstart`` (a naive local datetime): iterate or slice it."""
        rule = rrulestr(self.text, dtstart=dtstart)
        assert isinstance(rule, rrule)
        return rule

    def __str__(self) -> str:
        return self.text


def parse_weekdays(key: str) -> list[int]:
    """``mon``..``sun`` and ranges like ``mon-fri`` (or ``fri-mon``, wrapping) as ISO weekday numbers 0..6."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    text = key.strip().lower()
    if text in names:
        return [names.index(text)]
    if text.count("-") == 1:
        first, last = text.split("-")
        if first in names and last in names:
            start, stop = names.index(first), names.index(last)
            return [(start + i) % 7 for i in range((stop - start) % 7 + 1)]
    raise ValueError(f"{key!r} is not a weekday or a range of weekdays (mon..sun, e.g. 'mon-fri')")


def as_plain(value: Any) -> Any:
    """Render a value type back as the text a user would write (for JSON and messages)."""
    if isinstance(value, Duration | Percentage | TimeInterval | KpiTarget | RecurrenceRule):
        return str(value)
    return value
