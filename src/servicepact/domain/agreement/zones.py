"""IANA time zone names, and only those.

``zoneinfo.ZoneInfo`` opens any file under its search path: ``localtime`` (the host's own zone, a link
to ``/etc/localtime``), ``posixrules`` and the ``posix/`` and ``right/`` trees are files there too, but
not zones of the IANA database. A zone that means the server's setting would make the same agreement
count differently on another host, so such names are refused.

>>> parse_iana_zone("Europe/Moscow").key
'Europe/Moscow'
>>> parse_iana_zone("localtime")
Traceback (most recent call last):
ValueError: 'localtime' is not an IANA time zone (e.g. 'America/New_York')
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from importlib import resources

_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@cache
def iana_zone_names() -> frozenset[str]:
    """The names of the IANA database as the ``tzdata`` package lists them (its ``zones`` file);
    without that file, the zones Python finds, less the host's own files."""
    try:
        listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        found = zoneinfo.available_timezones()
        return frozenset(n for n in found if n not in _NOT_ZONES and not n.startswith(("posix/", "right/")))
    return frozenset(line.strip() for line in listed.splitlines() if line.strip()) - _NOT_ZONES


def parse_iana_zone(value: object) -> zoneinfo.ZoneInfo:
    """The zone of an IANA name such as ``Europe/Moscow``; :class:`ValueError` for anything else."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected an IANA time zone such as 'Europe/Moscow', got {value!r}")
    name = value.strip()
    if name not in iana_zone_names():
        raise ValueError(f"{value!r} is not an IANA time zone (e.g. 'America/New_York')")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not an IANA time zone (e.g. 'America/New_York')") from None
