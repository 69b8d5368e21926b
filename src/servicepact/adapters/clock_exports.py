"""Write ticket clocks as CSV or JSON, formatting whole columns at once (a million rows in seconds)."""

from __future__ import annotations

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
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8", newline="") as handle:
            write_clocks(results, handle, kind=kind)
        return
    if kind == "csv":
        write_clocks_csv(results, target)
    else:
        _write(clock_columns(results), target, kind)


def write_clocks_csv(results: ClockResults, handle: IO[str], block: int = 200_000) -> None:
    """CSV built a column at a time: NumPy formats whole columns, ``str.join`` assembles the lines.

    (``np.strings.add`` line by line measured 15x slower than joining zipped lists.)
    """
    columns = [
        _text(results.ids),
        _text(results.priority),
        _instant_text(results.response_due),
        _instant_text(results.responded_at),
        results.response_status.astype(str),
        _instant_text(results.resolution_due),
        _instant_text(results.resolved_at),
        results.resolution_status.astype(str),
        results.response_business.astype(np.int64).astype(str),
        results.resolution_business.astype(np.int64).astype(str),
        np.where(np.isnan(results.percent_used), "", np.round(results.percent_used, 2).astype(str)),
        results.after_hours.astype(np.int64).astype(str),
    ]
    handle.write(",".join(COLUMNS) + "\n")
    for start in range(0, len(results), block):
        cells = [column[start : start + block].tolist() for column in columns]
        if cells[0]:
            handle.write("\n".join(map(",".join, zip(*cells, strict=True))) + "\n")


def _text(values: npt.NDArray[np.object_]) -> npt.NDArray[np.str_]:
    """Cells as text, quoted the CSV way where they hold a comma, a quote or a line break."""
    text = np.where(np.equal(values, None), "", values).astype(str)
    special = (
        (np.strings.find(text, ",") >= 0)
        | (np.strings.find(text, '"') >= 0)
        | (np.strings.find(text, "\n") >= 0)
    )
    if special.any():
        quoted = np.strings.add(np.strings.add('"', np.strings.replace(text, '"', '""')), '"')
        text = np.where(special, quoted, text)
    return text


def _instant_text(values: npt.NDArray[np.datetime64]) -> npt.NDArray[np.str_]:
    text = np.strings.add(np.datetime_as_string(values.astype("datetime64[s]"), unit="s"), "Z")
    return np.where(np.isnat(values), "", text)


def _write(columns: dict[str, list[Any]], handle: IO[str], kind: str) -> None:
    rows = zip(*(columns[name] for name in COLUMNS), strict=True)
    handle.write("[\n")
    first = True
    for row in rows:
        handle.write(("" if first else ",\n") + json.dumps(dict(zip(COLUMNS, row, strict=True))))
        first = False
    handle.write("\n]\n")


def _instants(values: npt.NDArray[np.datetime64]) -> list[str | None]:
    text = np.char.add(np.datetime_as_string(values.astype("datetime64[s]"), unit="s"), "Z")
    return np.where(np.isnat(values), None, text).tolist()


def _statuses(values: npt.NDArray[np.object_]) -> list[str]:
    return [str(v) for v in values]


def _percents(values: npt.NDArray[np.float64]) -> list[float | None]:
    rounded = np.round(values, 2)
    return [None if np.isnan(v) else v for v in rounded.tolist()]
