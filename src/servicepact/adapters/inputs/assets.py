"""Assets (spec §5): ``id, type, <any other fields>`` - the fields the client requirement rules read.

Other fields are typed: ``YYYY-MM-DD`` becomes a date; true/false/yes/no (any case) a bool; an integer
(without leading zeros, so serial numbers such as ``00123`` stay text) an int; a decimal number a float;
an empty cell None; anything else stays text. In JSON files, numbers, booleans, null, lists and objects
keep their JSON types and strings are typed as CSV cells are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from servicepact.adapters.inputs.rows import Columns, ProblemLog, RowProblem, read_chunks
from servicepact.domain.records import Asset

ASSET_COLUMNS = Columns(required=("id", "type"), open=True)
_BOOLS = {"true": True, "yes": True, "false": False, "no": False}
_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?[0-9]+[eE][+-]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class AssetsRead:
    assets: list[Asset]
    problems: list[RowProblem]


def typed(text: str) -> Any:
    """The typed value of an asset cell (see the module docstring).

    >>> typed("2026-01-31"), typed("Yes"), typed("16"), typed("0.5"), typed("00123"), typed("")
    (datetime.date(2026, 1, 31), True, 16, 0.5, '00123', None)
    """
    value = text.strip()
    if not value:
        return None
    if value.lower() in _BOOLS:
        return _BOOLS[value.lower()]
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return text
    return text


def read_assets(path: Path | str, skip_bad_rows: bool = False) -> AssetsRead:
    """Read assets; a repeated asset id is a bad row.

    >>> from servicepact.testing import write_lines
    >>> assets = write_lines(TMP / "assets.csv", "id,type,encrypted", "srv-1,server,true")
    >>> read_assets(assets).assets[0].fields["encrypted"]
    True
    """
    log = ProblemLog()
    assets: list[Asset] = []
    seen: dict[str, int] = {}
    for chunk in read_chunks(path, ASSET_COLUMNS, log):
        ids = chunk.required_text("id")
        types = chunk.required_text("type")
        others = [name for name in chunk.columns if name not in ("id", "type")]
        for row in np.flatnonzero(~chunk.bad).tolist():
            line = int(chunk.lines[row])
            if ids[row] in seen:
                chunk.report(row, "id", f"{ids[row]!r} repeats the asset of line {seen[ids[row]]}")
                continue
            seen[ids[row]] = line
            if chunk.raw is not None:
                raw = chunk.raw[row]
                fields = {
                    name: typed(raw[name]) if isinstance(raw[name], str) else raw[name] for name in others
                }
            else:
                fields = {name: typed(chunk.text(name)[row]) for name in others}
            assets.append(Asset(id=ids[row], type=types[row], fields=fields))
    log.check(skip_bad_rows)
    return AssetsRead(assets, log.problems)
