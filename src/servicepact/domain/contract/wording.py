"""Numbers, durations, dates, calendars and schedules in the words of the reader's language.

Everything here is pure: the text comes from the gettext catalogs (:mod:`.i18n`) and Babel's locale data.

>>> ru = Wording("ru")
>>> ru.duration(Duration.parse("4h"), business=True)
'4 рабочих часа'
>>> Wording("en").duration(Duration.parse("1bd"), business=True)
'1 business day'
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Sequence
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from functools import cached_property

from babel import Locale
from babel.dates import format_date, get_day_names, get_timezone_location
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

from servicepact.domain.agreement.calendar_spec import CalendarSpec
from servicepact.domain.agreement.values import (
    Comparator,
    Duration,
    KpiTarget,
    Percentage,
    RecurrenceRule,
    TimeInterval,
)
from servicepact.domain.contract.i18n import translations

LANGUAGES = ("en", "ru")

# Russian names the zone by an adjective ("по московскому времени"); Babel has only the city's name.
_RU_ZONE_ADJECTIVES = {
    "Europe/Moscow": "по московскому времени",
    "Europe/Kaliningrad": "по калининградскому времени",
    "Europe/Samara": "по самарскому времени",
    "Asia/Yekaterinburg": "по екатеринбургскому времени",
    "Asia/Omsk": "по омскому времени",
    "Asia/Novosibirsk": "по новосибирскому времени",
    "Asia/Krasnoyarsk": "по красноярскому времени",
    "Asia/Irkutsk": "по иркутскому времени",
    "Asia/Yakutsk": "по якутскому времени",
    "Asia/Vladivostok": "по владивостокскому времени",
    "Asia/Magadan": "по магаданскому времени",
    "Asia/Kamchatka": "по камчатскому времени",
    "UTC": "по всемирному координированному времени (UTC)",
    "Etc/UTC": "по всемирному координированному времени (UTC)",
}
# English says "public holidays of the United States"; these country names take the article.
_EN_COUNTRIES_WITH_ARTICLE = frozenset({"US", "GB", "NL", "AE", "PH", "DO", "BS", "CF", "KM", "GM", "MV"})
# Subdivisions of the US that are not states, so "New York State" but not "Puerto Rico State".
_US_NOT_STATES = frozenset({"DC", "AS", "GU", "MP", "PR", "UM", "VI"})
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _clock(seconds: int) -> str:
    if seconds > 86400:  # 24:00 stays 24:00 as an end; later times are on the next day
        seconds %= 86400
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def capitalize(text: str) -> str:
    """The text with its first letter in upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]


def full_stop(text: str) -> str:
    """The sentence without a doubled full stop (a Russian date ends in "г." before the sentence's own)."""
    return text[:-1] if text.endswith("..") else text


class Wording:
    """The words of one language: translations plus Babel's numbers, dates, lists and plural forms."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
        self.language = language
        self.locale = Locale.parse(language)
        self._catalog: gettext.NullTranslations = translations(language)

    # gettext -----------------------------------------------------------------------------------------

    def _(self, message: str) -> str:
        """The translation of ``message`` (its English text when the catalog has none)."""
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form of the message that fits ``n`` (Russian has three)."""
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of ``message`` in ``context`` (e.g. "high" impact vs "high" urgency)."""
        return self._catalog.pgettext(context, message)

    # numbers, money, dates ---------------------------------------------------------------------------

    def number(self, value: int | Decimal) -> str:
        """A number with the locale's separators: ``1 000,5`` in Russian."""
        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def percent(self, value: Percentage | Decimal) -> str:
        """A percentage as the locale writes it: ``99.9%`` / ``99,9 %``."""
        amount = value.value if isinstance(value, Percentage) else value
        return format_percent(amount / 100, locale=self.locale, decimal_quantization=False)

    def money(self, amount: Decimal, currency: str) -> str:
        """An amount in the locale's currency format; whole amounts without cents: ``180 000 ₽``."""
        if amount == amount.to_integral_value():
            pattern = self.locale.currency_formats["standard"].pattern.replace(".00", "")
            return format_currency(
                amount, currency, format=pattern, locale=self.locale, currency_digits=False
            )
        return format_currency(amount, currency, locale=self.locale)

    def date(self, value: date) -> str:
        """A date in the locale's long form: ``January 1, 2027`` / ``1 января 2026 г.``."""
        return format_date(value, format="long", locale=self.locale)

    def join(self, items: Iterable[str]) -> str:
        """Items joined as a sentence: ``a, b and c`` / ``a, b и c``."""
        listed = list(items)
        return format_list(listed, locale=self.locale) if listed else ""

    def join_or(self, items: Iterable[str]) -> str:
        """Alternatives joined as a sentence: ``a, b or c`` / ``a, b или c``."""
        listed = list(items)
        return format_list(listed, style="or", locale=self.locale) if listed else ""

    def yes_no(self, value: bool) -> str:
        return self._("Yes") if value else self._("No")

    # durations ---------------------------------------------------------------------------------------

    def duration(self, value: Duration, *, business: bool = False) -> str:
        """A duration in words with the plural forms of the language.

        ``business`` says the hours and minutes run in a business calendar ("4 business hours"); ``bd`` is
        always business days and ``d`` always calendar days.
        """
        parts: list[str] = []
        if value.days:
            parts.append(
                self._count(value.days, self.ngettext("{n} calendar day", "{n} calendar days", value.days))
            )
        if value.business_days:
            parts.append(
                self._count(
                    value.business_days,
                    self.ngettext("{n} business day", "{n} business days", value.business_days),
                )
            )
        hours, rest = divmod(value.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            if business:
                parts.append(
                    self._count(hours, self.ngettext("{n} business hour", "{n} business hours", hours))
                )
            else:
                parts.append(self._count(hours, self.ngettext("{n} hour", "{n} hours", hours)))
        if minutes:
            if business and not hours:
                parts.append(
                    self._count(
                        minutes, self.ngettext("{n} business minute", "{n} business minutes", minutes)
                    )
                )
            else:
                parts.append(self._count(minutes, self.ngettext("{n} minute", "{n} minutes", minutes)))
        if seconds:
            parts.append(self._count(seconds, self.ngettext("{n} second", "{n} seconds", seconds)))
        if not parts:
            return self._count(0, self.ngettext("{n} minute", "{n} minutes", 0))
        return self.join(parts)

    def timedelta(self, value: timedelta) -> str:
        """A wall-clock length of time in words (whole minutes)."""
        return self.duration(Duration(seconds=int(value.total_seconds())))

    def _count(self, n: int, message: str) -> str:
        return message.format(n=self.number(n))

    def months(self, n: int) -> str:
        return self.ngettext("{n} month", "{n} months", n).format(n=self.number(n))

    def days(self, n: int) -> str:
        return self.ngettext("{n} calendar day", "{n} calendar days", n).format(n=self.number(n))

    # targets -----------------------------------------------------------------------------------------

    def kpi_target(self, target: KpiTarget, *, business: bool = True) -> str:
        """A KPI target in words: ``at least 95%`` / ``не менее 95 %``."""
        value = target.value
        if isinstance(value, Percentage):
            amount = self.percent(value)
        elif isinstance(value, Duration):
            amount = self.duration(value, business=business)
        else:
            amount = self.number(value)
        template = {
            Comparator.AT_LEAST: self._("at least {value}"),
            Comparator.AT_MOST: self._("at most {value}"),
            Comparator.MORE_THAN: self._("more than {value}"),
            Comparator.LESS_THAN: self._("less than {value}"),
        }[target.comparator]
        return template.format(value=amount)

    # calendars ---------------------------------------------------------------------------------------

    @cached_property
    def _day_names(self) -> dict[int, str]:
        names = get_day_names("wide", context="stand-alone", locale=self.locale)
        return {day: str(names[day]) for day in range(7)}

    def weekday(self, day: int) -> str:
        """The name of a weekday, Monday = 0."""
        return self._day_names[day]

    def interval(self, interval: TimeInterval) -> str:
        """``08:00–12:00`` (an en dash, as typographers write ranges)."""
        return f"{_clock(interval.start)}–{_clock(interval.end)}"

    def intervals(self, intervals: Sequence[TimeInterval]) -> str:
        return self.join(self.interval(interval) for interval in intervals)

    def weekdays(self, days: Sequence[int]) -> str:
        """Weekdays in words; runs of three or more consecutive days become ranges ("Monday to Friday")."""
        pieces: list[str] = []
        run: list[int] = []
        for day in [*sorted(days), None]:
            if day is not None and run and day == run[-1] + 1:
                run.append(day)
                continue
            if len(run) >= 3:
                pieces.append(
                    self._("{first} to {last}").format(first=self.weekday(run[0]), last=self.weekday(run[-1]))
                )
            else:
                pieces.extend(self.weekday(d) for d in run)
            run = [day] if day is not None else []
        return self.join(pieces)

    def weekly_hours(self, spec: CalendarSpec) -> str:
        """The weekly hours: ``Monday to Friday, 08:00–12:00 and 13:00–18:00``."""
        groups: dict[tuple[TimeInterval, ...], list[int]] = {}
        for day, intervals in enumerate(spec.weekly_hours()):
            if intervals:
                groups.setdefault(tuple(intervals), []).append(day)
        if not groups:
            return self._("no regular hours")
        return "; ".join(
            self._("{days}, {hours}").format(days=self.weekdays(days), hours=self.intervals(list(hours)))
            for hours, days in groups.items()
        )

    def zone(self, zone: tzinfo | str) -> str:
        """The time zone in words: ``New York time`` / ``по московскому времени``."""
        key = zone if isinstance(zone, str) else str(getattr(zone, "key", zone))
        if self.language == "ru" and key in _RU_ZONE_ADJECTIVES:
            return _RU_ZONE_ADJECTIVES[key]
        if key in ("UTC", "Etc/UTC"):
            return self._("UTC")
        city = str(get_timezone_location(key, locale=self.locale, return_city=True))
        return self._("{city} time").format(city=city)

    def holidays(self, spec: CalendarSpec) -> str | None:
        """Which public holidays close the calendar, or None when none do."""
        holiday_spec = spec.holidays
        if holiday_spec is None or holiday_spec.country is None:
            return None
        country = holiday_spec.country.upper()
        if self.language == "ru" and country == "RU" and not holiday_spec.subdivision:
            # The Labour Code's term: the production calendar's "non-working public holidays".
            return self._("public holidays excluded")
        place = self._country_name(country)
        if holiday_spec.subdivision:
            place = self._subdivision_name(country, holiday_spec.subdivision, place)
        return self._("public holidays of {place} excluded").format(place=place)

    def _country_name(self, country: str) -> str:
        name = str(self.locale.territories.get(country, country))
        if self.language == "en" and country in _EN_COUNTRIES_WITH_ARTICLE:
            return f"the {name}"
        return name

    def _subdivision_name(self, country: str, subdivision: str, country_name: str) -> str:
        import holidays as holiday_data

        code = subdivision.upper()
        names = {
            alias_code.upper(): alias
            for alias, alias_code in reversed(
                list(holiday_data.country_holidays(country).subdivisions_aliases.items())
            )
        }
        name = names.get(code, subdivision)
        if self.language == "en" and country == "US" and code not in _US_NOT_STATES:
            return f"{name} State"
        return f"{country_name}, {name}"

    def calendar(self, spec: CalendarSpec) -> str:
        """A calendar in words, e.g. ``Monday to Friday, 08:00–12:00 and 13:00–18:00, New York time,
        public holidays of New York State excluded``.

        Extra closed dates, extra working days and per-date hours are in :meth:`calendar_exceptions`.
        """
        if spec.always_open:
            return self._("around the clock, every day of the year, public holidays included")
        text = self._("{days}, {zone}").format(days=self.weekly_hours(spec), zone=self.zone(spec.timezone))
        holidays_text = self.holidays(spec)
        return f"{text}, {holidays_text}" if holidays_text else text

    def calendar_exceptions(self, spec: CalendarSpec) -> list[str]:
        """Sentences on the dates a calendar treats specially: closed dates, extra working days, overrides."""
        sentences: list[str] = []
        if spec.always_open:
            return sentences
        if spec.holiday_dates:
            sentences.append(
                self._("Also closed on {dates}.").format(
                    dates=self.join(self.date(d) for d in spec.holiday_dates)
                )
            )
        if spec.working_days:
            sentences.append(
                self._("Additional working days: {dates}.").format(
                    dates=self.join(self.date(d) for d in sorted(spec.working_days))
                )
            )
        by_hours: dict[tuple[TimeInterval, ...], list[date]] = {}  # dates with the same hours together
        for day, intervals in sorted(spec.overrides.items()):
            by_hours.setdefault(tuple(sorted(intervals)), []).append(day)
        for hours, dates in by_hours.items():
            listed = self.join(self.date(d) for d in dates)
            if hours:
                sentences.append(
                    self._("On {dates} the hours are {hours}.").format(
                        dates=listed, hours=self.intervals(hours)
                    )
                )
            else:
                sentences.append(self._("Closed on {dates}.").format(dates=listed))
        return [full_stop(sentence) for sentence in sentences]

    # maintenance schedules ---------------------------------------------------------------------------

    def recurrence(self, rule: RecurrenceRule, length: Duration) -> str:
        """A maintenance window's RRULE in words: ``every Sunday, 02:00–04:00``.

        Weekly, daily and monthly-by-day rules are put in words; any other rule is quoted as written.
        """
        parts = dict(part.split("=", 1) for part in rule.text.upper().split(";") if "=" in part)
        frequency = parts.get("FREQ", "")
        interval = int(parts.get("INTERVAL", "1") or 1)
        days = [day for day in parts.get("BYDAY", "").split(",") if day]
        when: str | None = None
        if frequency == "WEEKLY" and days and all(day in _RRULE_DAYS for day in days):
            numbers = [_RRULE_DAYS.index(day) for day in days]
            if interval == 1 and len(numbers) == 1:
                when = self._every_weekday(numbers[0])
            elif interval == 1:
                when = self._("every week on {days}").format(days=self.join(self.weekday(d) for d in numbers))
            else:
                when = self.ngettext(
                    "every {n} week on {days}", "every {n} weeks on {days}", interval
                ).format(n=interval, days=self.join(self.weekday(d) for d in numbers))
        elif frequency == "DAILY" and not days and interval == 1:
            when = self._("every day")
        elif frequency == "MONTHLY" and not days and parts.get("BYMONTHDAY", "").lstrip("-").isdigit():
            day_of_month = int(parts["BYMONTHDAY"])
            if day_of_month > 0 and interval == 1:
                when = self._("every month on day {day}").format(day=day_of_month)
        if when is None:
            return self._("according to the rule {rule}, for {duration}").format(
                rule=rule.text, duration=self.duration(length)
            )
        hours = [int(h) for h in parts.get("BYHOUR", "").split(",") if h.isdigit()]
        minutes = [int(m) for m in parts.get("BYMINUTE", "").split(",") if m.isdigit()] or [0]
        if not hours:
            return self._("{when}, for {duration}").format(when=when, duration=self.duration(length))
        length_seconds = int(length.wall_clock().total_seconds())
        windows = [
            self._clock_window(hour * 3600 + minute * 60, length_seconds)
            for hour in sorted(hours)
            for minute in sorted(minutes)
        ]
        return self._("{when}, {times}").format(when=when, times=self.join(windows))

    def _clock_window(self, start: int, length: int) -> str:
        end = start + length
        text = f"{_clock(start)}–{_clock(end)}"
        if end > 86400:
            text = self._("{hours} (ending the next day)").format(hours=text)
        return text

    def _every_weekday(self, day: int) -> str:
        # One message per weekday: Russian "каждый / каждую / каждое" follows the noun's gender.
        return (
            self._("every Monday"),
            self._("every Tuesday"),
            self._("every Wednesday"),
            self._("every Thursday"),
            self._("every Friday"),
            self._("every Saturday"),
            self._("every Sunday"),
        )[day]
