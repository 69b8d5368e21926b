"""Monitoring coverage (spec §3, 1.1): ``coverage.csv`` with ``uptime_id, start, end``.

Each row says that a monitoring source watched an uptime item from ``start`` to ``end``; an empty ``end``
means it is still watching (up to ``now``). It is what ``servicepact export`` writes and what
``evaluate --coverage`` reads, so uptime is measured over the same covered time on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

import numpy as np

from servicepact.adapters.inputs.rows import Columns, ProblemLog, RowProblem, read_chunks
from servicepact.adapters.inputs.timestamps import to_datetime
from servicepact.domain.evaluation import Coverage

COVERAGE_COLUMNS = Columns(required=("uptime_id", "start", "end"))


@dataclass(frozen=True)
class CoverageSpan:
    """One covered span of one uptime item (``end`` None: still covered)."""

    uptime_id: str
    start: datetime
    end: datetime | None


@dataclass
class CoverageRead:
    spans: list[CoverageSpan]
    problems: list[RowProblem]

    @property
    def coverage(self) -> Coverage:
        return spans_to_coverage(self.spans)


def spans_to_coverage(spans: Sequence[CoverageSpan]) -> Coverage:
    """The domain's :class:`Coverage` of these spans."""
    by_item: dict[str, list[tuple[datetime, datetime | None]]] = {}
    for span in spans:
        by_item.setdefault(span.uptime_id, []).append((span.start, span.end))
    return Coverage({item: tuple(found) for item, found in by_item.items()})


def read_coverage(path: Path | str, default_zone: tzinfo, skip_bad_rows: bool = False) -> CoverageRead:
    """Read a coverage file. An empty ``uptime_id`` or ``start``, or an ``end`` before ``start``, is a bad
    row (with its file, line and column).

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact.testing import write_lines
    >>> coverage = write_lines(TMP / "coverage.csv", "uptime_id,start,end",
    ...                        "email,2027-03-01T00:00,2027-04-01T00:00")
    >>> read_coverage(coverage, ZoneInfo("Europe/Berlin")).spans[0].uptime_id
    'email'
    """
    log = ProblemLog()
    spans: list[CoverageSpan] = []
    for chunk in read_chunks(path, COVERAGE_COLUMNS, log):
        items = chunk.required_text("uptime_id")
        start, _ = chunk.instants("start", default_zone, required=True)
        end, has_end = chunk.instants("end", default_zone, required=False)
        for row in np.flatnonzero(has_end & (end < start)).tolist():
            chunk.report(row, "end", f"{chunk.text('end')[row]!r} is before start")
        spans.extend(
            CoverageSpan(
                uptime_id=items[row],
                start=to_datetime(start[row]),
                end=to_datetime(end[row]) if has_end[row] else None,
            )
            for row in np.flatnonzero(~chunk.bad).tolist()
        )
    log.check(skip_bad_rows)
    return CoverageRead(spans, log.problems)


__all__ = ["COVERAGE_COLUMNS", "CoverageRead", "CoverageSpan", "read_coverage", "spans_to_coverage"]
