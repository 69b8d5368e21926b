"""Reading instants typed on the command line: ISO 8601, read in a given zone when there is no offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from servicepact.domain.errors import InputError


def parse_instant(text: str, zone: ZoneInfo, *, name: str) -> datetime:
    """An aware UTC instant from ISO 8601 text; without an offset the text is local time in ``zone``."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        example = "2027-03-01T09:00"
        raise InputError(f"{name}: {text!r} is not an ISO 8601 date and time (e.g. {example})") from None
    if value.tzinfo is None:
        value = _localize(value, zone)
    return value.astimezone(UTC)


def _localize(value: datetime, zone: ZoneInfo) -> datetime:
    # Spec §1: a local time in a spring-forward gap moves forward by the gap, an ambiguous one takes its
    # first occurrence. zoneinfo's fold=0 does both: a gap time gets the offset before the change.
    return value.replace(tzinfo=zone, fold=0)


def show(instant: datetime, zone: ZoneInfo) -> str:
    """``2027-03-01T23:00:00Z (2027-03-01 18:00:00 EST, America/New_York)``."""
    local = instant.astimezone(zone)
    utc = instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{utc} ({local:%Y-%m-%d %H:%M:%S} {local.tzname()}, {zone.key})"


def show_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = "".join(f"{n}{u}" for n, u in ((hours, "h"), (minutes, "m"), (secs, "s")) if n) or "0s"
    return f"{sign}{text} ({sign}{seconds} s)"
