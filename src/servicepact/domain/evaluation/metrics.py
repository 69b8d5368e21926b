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


class MetricStatus(enum.StrEnum):
    """``MEASURED``: the metric has a value. ``NO_DATA`` (spec §3, 1.1): its denominator is empty or its
    source was not given for the period; it has no value and is never met, missed or credited."""

    MEASURED = "measured"
    NO_DATA = "no_data"


class NoDataReason(enum.StrEnum):
    """Why a metric has no value: nothing to measure (``EMPTY``), or no source for it (``NO_SOURCE``)."""

    EMPTY = "empty"
    NO_SOURCE = "no_source"


@dataclass(frozen=True)
class MetricValue:
    """One metric: ``value`` (None when there is nothing to measure) from ``numerator`` ÷ ``denominator``.

    Ratios are in percent (``numerator`` and ``denominator`` are counts or seconds); mean times in seconds
    (``numerator`` the total seconds, ``denominator`` the number of clocks); ``csat`` a score. A metric
    without a value has :attr:`status` ``no_data``; ``no_source`` marks one whose source was not given
    (no monitoring covering the period, no backups imported), as against an empty denominator.

    >>> MetricValue.ratio("reopen_rate", 0, 0).status
    <MetricStatus.NO_DATA: 'no_data'>
    """

    name: str
    value: Decimal | None
    unit: Unit
    numerator: Decimal | int
    denominator: Decimal | int
    no_source: bool = False

    @classmethod
    def without_source(
        cls,
        name: str,
        unit: Unit = Unit.PERCENT,
        numerator: Decimal | int = 0,
        denominator: Decimal | int = 0,
    ) -> MetricValue:
        """A metric whose source was not given for the period: no value, whatever the counts say."""
        return cls(name, None, unit, numerator, denominator, no_source=True)

    @property
    def status(self) -> MetricStatus:
        return MetricStatus.NO_DATA if self.value is None else MetricStatus.MEASURED

    @property
    def no_data_reason(self) -> NoDataReason | None:
        if self.value is not None:
            return None
        return NoDataReason.NO_SOURCE if self.no_source else NoDataReason.EMPTY

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
            "status": self.status.value,
            "value": number(self.value),
            "unit": self.unit.value,
            "numerator": number(self.numerator),
            "denominator": number(self.denominator),
            "no_data_reason": reason.value if (reason := self.no_data_reason) is not None else None,
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
