"""Uptime monitoring history: Upptime status checks and Uptime Kuma-like check lists, and the outages
they imply.

Two CSV layouts, told apart by the header:

- Upptime (as in ``shared/data/upptime-curc/status_checks.csv``): ``commit, committed_at, slug,
  site_name, status, http_code, response_ms``;
- generic: ``monitor, at, status`` (optional ``name``, ``http_code``, ``response_ms``).

``status`` is ``up`` or ``down``. An outage is the first ``down`` of a monitor up to its next ``up``; one
still down at the last check is open (``end`` None).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import numpy as np

from servicepact.adapters.inputs.rows import Chunk, Columns, ProblemLog, read_chunks
from servicepact.adapters.inputs.timestamps import to_datetime
from servicepact.domain.evaluation.uptime import check_spans
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import Outage, OutageKind

UPPTIME_COLUMNS = Columns(
    required=("committed_at", "slug", "status"), optional=("commit", "site_name", "http_code", "response_ms")
)
GENERIC_COLUMNS = Columns(required=("monitor", "at", "status"), optional=("name", "http_code", "response_ms"))


@dataclass(frozen=True)
class Check:
    """One check of a monitor: when, and whether the monitored thing was up."""

    monitor: str
    at: datetime
    up: bool
    name: str | None = None
    http_code: int | None = None
    response_ms: int | None = None
    line: int | None = None


def read_monitor_checks(
    path: Path | str, default_zone: tzinfo = UTC, skip_bad_rows: bool = False, rules: InputRules | None = None
) -> list[Check]:
    """Read monitoring checks (Upptime or generic layout), in file order; with ``rules``, a check after
    ``now`` is a bad row and values go through the value maps.

    >>> from servicepact.testing import write_lines
    >>> checks = read_monitor_checks(write_lines(TMP / "status_checks.csv", "monitor,at,status",
    ...     "curc-website,2027-03-01T09:00Z,down", "curc-website,2027-03-01T09:05Z,up"))
    >>> checks_to_outages(checks)[0].uptime_id
    'curc-website'
    """
    path = Path(path)
    upptime = _is_upptime(path)
    columns = UPPTIME_COLUMNS if upptime else GENERIC_COLUMNS
    at_name, monitor_name, label = (
        ("committed_at", "slug", "site_name") if upptime else ("at", "monitor", "name")
    )
    log = ProblemLog()
    checks: list[Check] = []
    for chunk in read_chunks(path, columns, log, rules=rules):
        monitors = chunk.required_text(monitor_name)
        at, _ = chunk.instants(at_name, default_zone, required=True)
        status = chunk.choice("status", ("up", "down"))
        names = chunk.optional_text(label)
        codes = _integers(chunk, "http_code")
        times = _integers(chunk, "response_ms")
        checks.extend(
            Check(
                monitor=monitors[row],
                at=to_datetime(at[row]),
                up=status[row] == 0,
                name=names[row],
                http_code=codes[row],
                response_ms=times[row],
                line=int(chunk.lines[row]),
            )
            for row in np.flatnonzero(~chunk.bad).tolist()
        )
    log.check(skip_bad_rows)
    return checks


def _is_upptime(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next((row for row in csv.reader(handle) if row), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False  # read_chunks reports it
    return "slug" in {name.strip().lower() for name in header}


def _integers(chunk: Chunk, name: str) -> list[int | None]:
    values: list[int | None] = []
    for row, text in enumerate(chunk.text(name)):
        text = text.strip()
        if not text:
            values.append(None)
        elif text.lstrip("-").isdigit():
            values.append(int(text))
        else:
            values.append(None)
            chunk.report(row, name, f"{text!r} is not a whole number")
    return values


def checks_to_outages(checks: list[Check]) -> list[Outage]:
    """Outages per monitor: from the first ``down`` to the next ``up`` (checks are taken in time order,
    file order among equal times); ``uptime_id`` and ``service`` are the monitor (the Upptime slug).
    Ordered by monitor, then start."""
    ordered = sorted(enumerate(checks), key=lambda item: (item[1].monitor, item[1].at, item[0]))
    outages: list[Outage] = []
    down_since: dict[str, datetime] = {}
    for _, check in ordered:
        start = down_since.get(check.monitor)
        if not check.up and start is None:
            down_since[check.monitor] = check.at
        elif check.up and start is not None:
            outages.append(_outage(check.monitor, start, check.at))
            del down_since[check.monitor]
    outages.extend(_outage(monitor, start, None) for monitor, start in down_since.items())
    outages.sort(key=lambda outage: (outage.uptime_id or "", outage.start))
    return outages


def checks_coverage(checks: list[Check]) -> list[tuple[str, datetime, datetime | None]]:
    """The span each monitor's checks were taken in: :func:`~servicepact.domain.evaluation.check_spans`."""
    return check_spans((check.monitor, check.at, check.up) for check in checks)


def _outage(monitor: str, start: datetime, end: datetime | None) -> Outage:
    return Outage(start=start, end=end, kind=OutageKind.UNPLANNED, uptime_id=monitor, service=monitor)


__all__ = ["Check", "checks_coverage", "checks_to_outages", "read_monitor_checks"]
