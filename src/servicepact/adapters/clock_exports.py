"""Write ticket clocks as CSV or JSON, formatting whole columns at once (a million rows in seconds)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.clocks.results import COLUMNS, ClockResults


def clock_columns(results: ClockResults) -> dict[str, list[Any]]:
    """Every output column as a list of JSON-ready values (instants as ISO 8601 UTC with ``Z``)."""
    return {
        "id": results.ids.tolist(),
        "priority": results.priority.tolist(),
        "response_due": _instants(results.response_due),
        "responded_at": _instants(results.responded_at),
        "response_status": _statuses(results.response_status),
        "resolution_due": _instants(results.resolution_due),
        "resolved_at": _instants(results.resolved_at),
        "resolution_status": _statuses(results.resolution_status),
        "response_business_seconds": results.response_business.astype(np.int64).tolist(),
        "resolution_business_seconds": results.resolution_business.astype(np.int64).tolist(),
        "percent_used": _percents(results.percent_used),
        "after_hours_seconds": results.after_hours.astype(np.int64).tolist(),
    }


def write_clocks(results: ClockResults, target: Path | IO[str], *, kind: str) -> None:
    """Write as ``csv`` (a header row, empty cells for none) or ``json`` (a list of objects)."""
    columns = clock_columns(results)
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8", newline="") as handle:
            _write(columns, handle, kind)
    else:
        _write(columns, target, kind)


def _write(columns: dict[str, list[Any]], handle: IO[str], kind: str) -> None:
    rows = zip(*(columns[name] for name in COLUMNS), strict=True)
    if kind == "json":
        handle.write("[\n")
        first = True
        for row in rows:
            handle.write(("" if first else ",\n") + json.dumps(dict(zip(COLUMNS, row, strict=True))))
            first = False
        handle.write("\n]\n")
        return
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(("" if value is None else value for value in row) for row in rows)


def _instants(values: npt.NDArray[np.datetime64]) -> list[str | None]:
    text = np.char.add(np.datetime_as_string(values.astype("datetime64[s]"), unit="s"), "Z")
    return np.where(np.isnat(values), None, text).tolist()


def _statuses(values: npt.NDArray[np.object_]) -> list[str]:
    return [str(v) for v in values]


def _percents(values: npt.NDArray[np.float64]) -> list[float | None]:
    rounded = np.round(values, 2)
    return [None if np.isnan(v) else v for v in rounded.tolist()]
