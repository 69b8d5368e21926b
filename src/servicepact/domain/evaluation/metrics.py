"""A measured value of the metric catalogue (spec §3) with the inputs of its definition."""

from __future__ import annotations

import enum
import math
import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any


class Unit(enum.StrEnum):
    PERCENT = "percent"
    SECONDS = "seconds"
    SCORE = "score"


@dataclass(frozen=True)
class MetricValue:
    """One metric: ``value`` (None when there is nothing to measure) from ``numerator`` ÷ ``denominator``.

    Ratios are in percent (``numerator`` and ``denominator`` are counts or seconds); mean times in seconds
    (``numerator`` the total seconds, ``denominator`` the number of clocks); ``csat`` a score.
    """

    name: str
    value: Decimal | None
    unit: Unit
    numerator: Decimal | int
    denominator: Decimal | int

    @classmethod
    def ratio(cls, name: str, numerator: int, denominator: int) -> MetricValue:
        """``numerator ÷ denominator`` in percent, exact to 28 digits; None when the denominator is 0.

        >>> MetricValue.ratio("x", 19, 20).value
        Decimal('95')
        """
        value = None if denominator == 0 else Decimal(numerator) * 100 / Decimal(denominator)
        return cls(name, _tidy(value), Unit.PERCENT, numerator, denominator)

    @classmethod
    def mean(cls, name: str, total: Decimal | int, count: int, unit: Unit = Unit.SECONDS) -> MetricValue:
        value = None if count == 0 else Decimal(total) / Decimal(count)
        return cls(name, _tidy(value), unit, total, count)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": number(self.value),
            "unit": self.unit.value,
            "numerator": number(self.numerator),
            "denominator": number(self.denominator),
        }


def _tidy(value: Decimal | None) -> Decimal | None:
    # 95.00000 and 95 are the same value; keep the shortest form for the JSON.
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def number(value: Decimal | int | None) -> str | int | None:
    """JSON form of a number: ints stay ints, Decimals become their exact text."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def iso_z(seconds: int | None) -> str | None:
    """Epoch seconds as ISO 8601 UTC text with a ``Z`` (None stays None).

    >>> iso_z(0)
    '1970-01-01T00:00:00Z'
    """
    if seconds is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def epoch(instant: datetime) -> int:
    """Whole epoch seconds of an aware datetime (floored)."""
    return math.floor(instant.timestamp())


def money(value: Decimal | None) -> str | None:
    """Money as text with two decimals (``'4500.00'``)."""
    return None if value is None else f"{value.quantize(Decimal('0.01')):f}"
