"""Outages (spec §5): ``uptime_id | service, start, end, kind (unplanned | maintenance), announced_at?``.

An empty ``end`` means the outage is still going on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import numpy as np

from servicepact.adapters.inputs.rows import (
    Columns,
    ProblemLog,
    Repeats,
    RowProblem,
    read_chunks,
    source_name,
)
from servicepact.adapters.inputs.timestamps import to_datetime
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import Outage, OutageKind

OUTAGE_COLUMNS = Columns(
    required=("start", "end", "kind"), groups=(("uptime_id",), ("service",)), optional=("announced_at",)
)
KINDS = tuple(kind.value for kind in OutageKind)


@dataclass
class OutagesRead:
    outages: list[Outage]
    problems: list[RowProblem]


def read_outages(
    path: Path | str, default_zone: tzinfo, skip_bad_rows: bool = False, rules: InputRules | None = None
) -> OutagesRead:
    """Read an outages file. A row needs an ``uptime_id`` or a ``service``; ``end`` before ``start``, an
    instant after ``rules.now`` and a repeat of an earlier outage (same item or service, start and kind)
    are bad rows.

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact.testing import write_lines
    >>> outages = write_lines(TMP / "outages.csv", "service,start,end,kind",
    ...                       "email,2027-03-06 22:00,2027-03-06 23:00,maintenance")
    >>> read_outages(outages, ZoneInfo("Europe/Berlin")).outages[0].kind
    <OutageKind.MAINTENANCE: 'maintenance'>
    """
    log = ProblemLog()
    outages: list[Outage] = []
    repeats = Repeats(source_name(Path(path)), "start", "outage", default_zone)
    for chunk in read_chunks(path, OUTAGE_COLUMNS, log, rules=rules):
        uptime_id, service = chunk.either_text("uptime_id", "service")
        start, _ = chunk.instants("start", default_zone, required=True)
        end, has_end = chunk.instants("end", default_zone, required=False)
        announced, has_announced = chunk.instants("announced_at", default_zone, required=False)
        kind = chunk.choice("kind", KINDS)
        for row in np.flatnonzero(has_end & (end < start)).tolist():
            chunk.report(row, "end", f"{chunk.text('end')[row]!r} is before start")
        kinds = list(OutageKind)
        for row in np.flatnonzero(~chunk.bad).tolist():
            if not repeats.check(chunk, row, (uptime_id[row], service[row], int(start[row]), int(kind[row]))):
                continue
            outages.append(
                Outage(
                    start=to_datetime(start[row]),
                    end=to_datetime(end[row]) if has_end[row] else None,
                    kind=kinds[kind[row]],
                    uptime_id=uptime_id[row],
                    service=service[row],
                    announced_at=to_datetime(announced[row]) if has_announced[row] else None,
                )
            )
    log.check(skip_bad_rows)
    return OutagesRead(outages, log.problems)
