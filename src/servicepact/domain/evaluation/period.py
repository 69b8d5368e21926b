"""The period an evaluation covers: ``2027-03``, ``2027-Q1`` or ``2027-03-01..2027-04-01``.

A period is the half-open range of local dates ``[first day, end day)`` in the zone of the agreement's
support calendar, and the UTC instants where those local midnights fall.

    >>> from zoneinfo import ZoneInfo
    >>> period = Period.parse("2027-03", ZoneInfo("America/New_York"))
    >>> period.start.isoformat(), period.end.isoformat()
    ('2027-03-01T05:00:00+00:00', '2027-04-01T04:00:00+00:00')
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from servicepact.domain.agreement.values import EARLIEST_DATE, LATEST_DATE
from servicepact.domain.errors import InputError, Location

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")

HINT = "write a month (2027-03), a quarter (2027-Q1) or a range of dates (2027-03-01..2027-04-01)"


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    """``[start, end)`` as aware UTC instants; ``first_day``/``end_day`` the local dates (end exclusive)."""

    label: str
    first_day: date
    end_day: date
    zone: ZoneInfo
    start: datetime
    end: datetime
    kind: PeriodKind = PeriodKind.RANGE

    @classmethod
    def parse(cls, text: str, zone: ZoneInfo) -> Period:
        """Read a period; raises :class:`InputError` naming ``period`` when it is not one, or when it
        reaches outside the dates an agreement may name (:data:`EARLIEST_DATE` to :data:`LATEST_DATE`)."""
        value = text.strip()
        try:
            if match := _MONTH.match(value):
                year, month = int(match.group(1)), int(match.group(2))
                first = date(year, month, 1)
                return cls._within(first, _add_months(first, 1), zone, value, PeriodKind.MONTH, text)
            if match := _QUARTER.match(value):
                year, quarter = int(match.group(1)), int(match.group(2))
                first = date(year, 3 * quarter - 2, 1)
                label = f"{year}-Q{quarter}"
                return cls._within(first, _add_months(first, 3), zone, label, PeriodKind.QUARTER, text)
            if match := _RANGE.match(value):
                first, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
                if end <= first:
                    raise _period_error(f"period {text!r}: the end date must come after the start date")
                return cls._within(first, end, zone, value, PeriodKind.RANGE, text)
        except ValueError as error:
            raise _period_error(f"period {text!r} is not a period ({error}); {HINT}") from None
        raise _period_error(f"period {text!r} is not a period; {HINT}")

    @classmethod
    def _within(
        cls, first_day: date, end_day: date, zone: ZoneInfo, label: str, kind: PeriodKind, text: str
    ) -> Period:
        # end_day is exclusive: the last day of the period must be a date an agreement may name.
        if first_day < EARLIEST_DATE or end_day - timedelta(days=1) > LATEST_DATE:
            raise _period_error(
                f"period {text!r} is out of range: periods run from {EARLIEST_DATE.isoformat()} "
                f"to {LATEST_DATE.isoformat()}"
            )
        return cls.of_days(first_day, end_day, zone, label, kind)

    @classmethod
    def of_days(
        cls,
        first_day: date,
        end_day: date,
        zone: ZoneInfo,
        label: str | None = None,
        kind: PeriodKind = PeriodKind.RANGE,
    ) -> Period:
        """The period of local dates ``[first_day, end_day)`` in ``zone``."""
        return cls(
            label=label or f"{first_day.isoformat()}..{end_day.isoformat()}",
            first_day=first_day,
            end_day=end_day,
            zone=zone,
            start=_local_midnight(first_day, zone),
            end=_local_midnight(end_day, zone),
            kind=kind,
        )

    @property
    def last_day(self) -> date:
        """The last local date inside the period: the evaluation date (``value: today``)."""
        return self.end_day - timedelta(days=1)

    @property
    def seconds(self) -> int:
        """Wall-clock length in seconds (a DST month is an hour shorter or longer)."""
        return int((self.end - self.start).total_seconds())

    @property
    def start_seconds(self) -> int:
        return int(self.start.timestamp())

    @property
    def end_seconds(self) -> int:
        return int(self.end.timestamp())

    @property
    def months(self) -> int:
        """Whole calendar months the period spans (at least 1): 1 for a month, 3 for a quarter."""
        months = (self.end_day.year - self.first_day.year) * 12 + self.end_day.month - self.first_day.month
        return max(1, months)


def _period_error(message: str) -> InputError:
    return InputError(message, location=Location(path="period"))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    # fold=0: a midnight inside a DST gap takes the offset before the change, i.e. moves forward (spec §1).
    local = datetime(day.year, day.month, day.day, tzinfo=zone)
    return local.astimezone(UTC)
