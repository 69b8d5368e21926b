"""The web UI in English and Russian: gettext strings from ``locale/<lang>/LC_MESSAGES/web.po`` and
number, date and duration formats from Babel.

Message ids are English, so English needs no catalog. The ``.po`` file is compiled in memory the first
time it is needed, the way :mod:`servicepact.domain.contract.i18n` loads the contract's catalog.

>>> texts("ru").gettext("Sign in")
'Войти'
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from functools import cache

from babel.dates import format_date
from babel.numbers import format_decimal

from servicepact.domain import catalogs

LANGUAGES = ("en", "ru")
DOMAIN = "web"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "extract, translate later"
    """Mark ``message`` for the catalog without translating it here."""
    return message


LABELS = {
    "at_risk": N_("at risk"),
    "best_effort": N_("best effort"),
    "out_of_scope": N_("out of scope"),
    "no_data": N_("no data"),
    "no_agreement": N_("no agreement"),
    "backup_runs": N_("backup runs"),
    "restore_tests": N_("restore tests"),
    "restores": N_("restore tests"),
    "backups": N_("backup runs"),
    "events": N_("ticket events"),
    "checks": N_("monitoring checks"),
    "servicenow": N_("ServiceNow event log"),
}
"""English words for the values of enums (statuses, roles, import kinds) shown on pages."""

PLAIN_LABELS = (
    *(N_("met"), N_("missed"), N_("breached"), N_("running"), N_("open")),
    *(N_("active"), N_("draft"), N_("retired")),
    *(N_("error"), N_("warning"), N_("info")),
    *(N_("admin"), N_("engineer"), N_("client")),
    *(N_("high"), N_("medium"), N_("low")),
    *(N_("tickets"), N_("outages"), N_("assets")),
)
"""Values that are their own English words, listed here so that the catalog has them."""


def _translations(language: str) -> gettext.NullTranslations:
    return catalogs.translations(DOMAIN, language)


def choose_language(saved: str | None, accept_language: str | None) -> str:
    """The user's saved choice, else the first of ours in ``Accept-Language``, else English."""
    if saved in LANGUAGES:
        return saved
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "en"


@dataclass(frozen=True)
class Texts:
    """Everything a template needs to speak one language."""

    language: str

    def gettext(self, message: str, **values: object) -> str:
        text = _translations(self.language).gettext(message)
        return text.format(**values) if values else text

    def label(self, value: str) -> str:
        """A status, role or kind (``at_risk``) as words in this language (``at risk``, ``под угрозой``)."""
        return self.gettext(LABELS.get(value, value))

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = _translations(self.language).ngettext(singular, plural, n)
        return text.format(n=self.integer(n), **values)

    def integer(self, value: int) -> str:
        return format_decimal(value, format="#,##0", locale=self.language)

    def number(self, value: Decimal | float | int | None, digits: int = 2) -> str:
        if value is None:
            return "—"
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.language)

    def percent(self, value: Decimal | float | None, digits: int = 2) -> str:
        if value is None:
            return "—"
        pattern = "#,##0." + "#" * digits if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.language) + "\u00a0%"

    def money(self, value: Decimal | None, currency: str) -> str:
        if value is None:
            return "—"
        return f"{format_decimal(value, format='#,##0.00', locale=self.language)}\u00a0{currency}"

    def instant(self, value: datetime | None, zone: tzinfo | None = None) -> str:
        """``2027-03-24 14:05 EDT`` in ``zone`` (the client's), or UTC."""
        if value is None:
            return "—"
        local = value.astimezone(zone) if zone is not None else value
        return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".strip()

    def day(self, value: date) -> str:
        return format_date(value, format="medium", locale=self.language)

    def month(self, value: date) -> str:
        return format_date(value, format="LLLL yyyy", locale=self.language).capitalize()

    def duration(self, value: timedelta | int | float | None) -> str:
        """``3h 05m`` / ``3 ч 05 мин``; negative durations get a minus sign."""
        if value is None:
            return "—"
        seconds = int(value.total_seconds() if isinstance(value, timedelta) else value)
        sign = "−" if seconds < 0 else ""
        minutes = abs(seconds) // 60
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        d, h, m = (self.gettext("d"), self.gettext("h"), self.gettext("m"))
        sep = "\u00a0" if self.language == "ru" else ""
        if days:
            return f"{sign}{days}{sep}{d} {hours}{sep}{h}"
        if hours:
            return f"{sign}{hours}{sep}{h} {minutes:02d}{sep}{m}"
        return f"{sign}{minutes}{sep}{m}"


@cache
def texts(language: str) -> Texts:
    return Texts(language if language in LANGUAGES else "en")
