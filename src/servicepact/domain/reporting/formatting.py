"""Numbers, percentages, money, durations, instants and the report's small words in one language.

Every section formats through :class:`ReportWords`; no section formats a value by itself.
Money, plain numbers, whole percentages and dates come from the contract's :class:`Wording`, so a report
and its contract write ``180 000 ₽`` and ``99,5 %`` the same way. The report adds what a contract never
needs: measured percentages with two decimals, short durations (``1 h 30 min`` / ``1 ч 30 мин``),
instants in the agreement's zone, chart ticks, status words ("Met", "No data") and "… and N more".

>>> ru = ReportWords("ru", ZoneInfo("Europe/Moscow"))
>>> ru.percent(Decimal("99.95")), ru.duration(5400), ru.money(Decimal(180000), "RUB")
('99,95\\xa0%', '1 ч 30 мин', '180\\xa0000\\xa0₽')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton, format_time

from servicepact.domain.agreement.values import Duration
from servicepact.domain.contract.wording import Wording, capitalize
from servicepact.domain.evaluation import MetricValue, Period, PeriodKind, Unit
from servicepact.domain.reporting.i18n import translations
from servicepact.domain.reporting.model import Status

MINUTE, HOUR, DAY = 60, 3600, 86_400
DASH = "—"


class ReportWords:
    """The report's words in ``language`` (``en`` or ``ru``), instants shown in ``zone``."""

    def __init__(self, language: str, zone: ZoneInfo) -> None:
        self.wording = Wording(language)
        self.language = language
        self.locale = self.wording.locale
        self.zone = zone
        self._catalog = translations(language)

    # gettext -----------------------------------------------------------------------------------------

    def _(self, message: str) -> str:
        """The translation of ``message`` (the English text itself in English)."""
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, **values: str) -> str:
        """The plural form that fits ``n``, with ``{n}`` (in the locale's digits) and ``values`` filled in."""
        return self._catalog.ngettext(singular, plural, n).format(n=self.number(n), **values)

    # numbers -----------------------------------------------------------------------------------------

    def number(self, value: int | Decimal) -> str:
        """``1,234`` / ``1 234``."""
        return self.wording.number(value)

    def decimal(self, value: Decimal | None, places: int = 2) -> str:
        """A measured number rounded to ``places`` decimals (``4.67``); a dash when there is none."""
        if value is None:
            return DASH
        return self.wording.number(_round(value, places).normalize() if places else _round(value, 0))

    def percent(self, value: Decimal | None, goal: Decimal | None = None) -> str:
        """A measured percentage with at most two decimals: ``99.95%`` / ``99,95 %``.

        Next to a ``goal``, a value that differs from it never reads as equal to it: 99.9496 against a
        goal of 99.95 is written ``99.9496%``, not ``99.95%`` (a client checks the figure against the
        target printed beside it).
        """
        if value is None:
            return DASH
        places = 2
        shown = _round(value, places)
        while goal is not None and shown == goal and value != goal and places < 8:
            places += 1
            shown = _round(value, places)
        return self.wording.percent(shown.normalize() if shown != 0 else Decimal(0))

    def target_percent(self, value: Decimal) -> str:
        """A target as the agreement writes it (``99.9%``)."""
        return self.wording.percent(value)

    def money(self, amount: Decimal, currency: str) -> str:
        """``$225.00`` / ``180 000 ₽`` (whole amounts without cents, as in the contract)."""
        return self.wording.money(amount, currency)

    def at_least(self, value: Decimal) -> str:
        """A percentage target in the contract's own words: ``at least 99.9%``."""
        # From the contract's catalog, so that the report and the contract word a target alike.
        return self.wording._("at least {value}").format(value=self.target_percent(value))

    # statuses and measured values --------------------------------------------------------------------

    def status_text(self, status: Status) -> str:
        """``Met`` / ``Missed`` / ``No data``."""
        return {
            Status.MET: self._("Met"),
            Status.MISSED: self._("Missed"),
            Status.NO_DATA: self._("No data"),
        }[status]

    def percent_or_no_data(self, value: Decimal | None, goal: Decimal | None = None) -> str:
        """A measured percentage, or "No data" where there is none (no data is never 100% or 0%)."""
        return self.status_text(Status.NO_DATA) if value is None else self.percent(value, goal)

    def metric_value(self, value: MetricValue | None, goal: Decimal | None) -> str:
        """A measured value in its unit (percent, business time, plain number), or "No data"."""
        if value is None or value.value is None:
            return self.status_text(Status.NO_DATA)
        if value.unit is Unit.PERCENT:
            return self.percent(value.value, goal)
        if value.unit is Unit.SECONDS:
            return self.duration(value.value, days=False)
        return self.decimal(value.value)

    def value_text(self, value: Any) -> str:
        """A recorded value (an asset's field): "missing", yes/no, a date, a list, or the text itself."""
        if value is None or value == "":
            return self._("missing")
        if isinstance(value, bool):
            return self.wording.yes_no(value)
        if isinstance(value, datetime):
            return self.date(value.date())
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, list):
            return self.wording.join(self.value_text(v) for v in value)
        return str(value)

    def more(self, total: int, limit: int) -> str | None:
        """``… and 12 more (all of them are in the JSON export)`` under a list cut at ``limit`` rows;
        None when nothing was cut."""
        if total <= limit:
            return None
        return self.ngettext(
            "… and {n} more (all of them are in the JSON export)",
            "… and {n} more (all of them are in the JSON export)",
            total - limit,
        )

    # durations ---------------------------------------------------------------------------------------

    def duration(self, seconds: int | Decimal | None, *, days: bool = True) -> str:
        """A length of time in at most two short units: ``1 h 30 min``, ``2 d 4 h``, ``45 s``.

        ``days=False`` keeps business time in hours (``27 h``): a business day is not 24 hours.
        Negative lengths (an overspent downtime budget) get a minus sign.
        """
        if seconds is None:
            return DASH
        total = int(_round(Decimal(seconds), 0))
        sign = "−" if total < 0 else ""
        total = abs(total)
        if total == 0:
            return self._("{n} min").format(n=self.number(0))
        if total < MINUTE:
            return sign + self._("{n} s").format(n=self.number(total))
        total = int(_round(Decimal(total) / MINUTE, 0)) * MINUTE  # whole minutes from here on
        parts: list[str] = []
        if days and total >= DAY:
            parts.append(self._("{n} d").format(n=self.number(total // DAY)))
            total %= DAY
            hours = int(_round(Decimal(total) / HOUR, 0))
            if hours:
                parts.append(self._("{n} h").format(n=self.number(hours)))
            return sign + " ".join(parts)
        hours, minutes = divmod(total // MINUTE, 60)
        if hours:
            parts.append(self._("{n} h").format(n=self.number(hours)))
        if minutes:
            parts.append(self._("{n} min").format(n=self.number(minutes)))
        return sign + " ".join(parts)

    def target(self, duration: Duration, business_seconds: int) -> str:
        """A time target: its business time (``27 h``), with business days as written (``27 h (3 bd)``)."""
        text = self.duration(business_seconds, days=False)
        if duration.business_days and not duration.seconds and not duration.days:
            written = self._("{n} bd").format(n=self.number(duration.business_days))
            return f"{text} ({written})"
        return text

    def hours(self, seconds: int) -> str:
        """Seconds as hours for a chart axis label: ``1.5`` / ``1,5``."""
        return self.wording.number(_round(Decimal(seconds) / HOUR, 1).normalize())

    # dates and instants ------------------------------------------------------------------------------

    def date(self, value: dt.date) -> str:
        """``Mar 3, 2027`` / ``3 мар. 2027 г.``."""
        return str(format_skeleton("yMMMd", value, locale=self.locale))

    def long_date(self, value: dt.date) -> str:
        """``March 3, 2027`` / ``3 марта 2027 г.``."""
        return self.wording.date(value)

    def local(self, seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, tz=UTC).astimezone(self.zone)

    def instant(self, seconds: int | None) -> str:
        """An instant in the agreement's zone, day and time: ``Mar 3, 2:05 PM`` / ``3 мар., 14:05``."""
        if seconds is None:
            return DASH
        moment = self.local(seconds)
        day = format_skeleton("MMMd", moment, locale=self.locale)
        return f"{day}, {format_time(moment, 'short', locale=self.locale)}"

    def instant_with_year(self, seconds: int | None) -> str:
        """An instant with its year, for dates that may lie outside the period."""
        if seconds is None:
            return DASH
        moment = self.local(seconds)
        return f"{self.date(moment.date())}, {format_time(moment, 'short', locale=self.locale)}"

    def day_tick(self, value: dt.date) -> str:
        """A short date for a chart axis: ``Mar 8`` / ``8 мар.``."""
        return str(format_skeleton("MMMd", value, locale=self.locale))

    def month_tick(self, value: dt.date) -> str:
        """A month for a chart axis: ``Mar`` / ``март``."""
        return str(format_date(value, "LLL", locale=self.locale))

    def ticks(self, period: Period) -> tuple[tuple[int, str], ...]:
        """Axis ticks at local midnights of ``period`` (epoch seconds and label): every week for a month,
        every month for longer periods."""
        zone = period.zone
        days = (period.end_day - period.first_day).days
        found = []
        day = period.first_day
        while day < period.end_day:
            at = int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())
            found.append((at, self.day_tick(day) if days <= 45 else self.month_tick(day)))
            if days <= 45:
                day += timedelta(days=7)
            else:
                day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return tuple(found)

    def work_intervals(self, intervals: Sequence[tuple[int, int]]) -> str:
        """Intervals of work in local time: ``Mar 2, 7:10 PM–7:40 PM, 8:20 PM–9:00 PM``."""
        texts = []
        day = None
        for start, end in intervals:
            begin, finish = self.local(start), self.local(end)
            first = (
                self.instant(start)
                if begin.date() != day
                else format_time(begin, "short", locale=self.locale)
            )
            last = (
                format_time(finish, "short", locale=self.locale)
                if finish.date() == begin.date()
                else self.instant(end)
            )
            texts.append(f"{first}–{last}")
            day = finish.date()
        return ", ".join(texts)

    def period(self, period: Period, *, sentence: bool = False) -> str:
        """``March 2027`` / ``Март 2027``, ``1st quarter 2027`` / ``1-й квартал 2027``, or a date range;
        ``sentence`` keeps Russian month names in lower case, as inside a sentence (``за март 2026``)."""
        if period.kind is PeriodKind.MONTH:
            text = str(format_date(period.first_day, "LLLL y", locale=self.locale))
        elif period.kind is PeriodKind.QUARTER:
            text = str(format_date(period.first_day, "QQQQ y", locale=self.locale))
        else:
            return f"{self.date(period.first_day)} – {self.date(period.last_day)}"
        return text if sentence else capitalize(text)


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
