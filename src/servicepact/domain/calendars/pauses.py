"""Ragged pauses (flat arrays plus the row each pause belongs to), merged per row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from servicepact.domain.calendars.instants import Seconds, instants_array
from servicepact.domain.errors import InputError


@dataclass(frozen=True)
class Pauses:
    """Disjoint pauses sorted by (row, start); ``rank`` is a pause's place within its row (0, 1, ...)."""

    starts: Seconds
    ends: Seconds
    rows: Seconds
    rank: Seconds

    @classmethod
    def empty(cls) -> Pauses:
        none = np.zeros(0, dtype=np.int64)
        return cls(none, none, none, none)

    @property
    def most_per_row(self) -> int:
        return int(self.rank.max()) + 1 if self.rank.size else 0


def read_pauses(starts: Any, ends: Any, rows: Any, n_rows: int) -> tuple[Seconds, Seconds, Seconds]:
    """Validate the three flat arrays (all given or none) and return them as int64 seconds and rows."""
    given = [value is not None for value in (starts, ends, rows)]
    if not any(given):
        none = np.zeros(0, dtype=np.int64)
        return none, none, none
    if not all(given):
        raise InputError("pause_starts, pause_ends and pause_rows go together: give all three or none")
    start_seconds = instants_array(starts, "pause_starts").ravel()
    end_seconds = instants_array(ends, "pause_ends").ravel()
    row_array = np.asarray(rows).ravel()
    if not np.issubdtype(row_array.dtype, np.integer) and row_array.size:
        raise InputError(f"pause_rows must be integers, got dtype {row_array.dtype}")
    row_index = row_array.astype(np.int64)
    if not start_seconds.size == end_seconds.size == row_index.size:
        raise InputError("pause_starts, pause_ends and pause_rows must have the same length")
    if row_index.size and (row_index.min() < 0 or row_index.max() >= n_rows):
        raise InputError(f"pause_rows must index rows 0..{n_rows - 1}")
    if (end_seconds < start_seconds).any():
        raise InputError("a pause ends before it starts")
    return start_seconds, end_seconds, row_index


def merge_pauses(starts: Seconds, ends: Seconds, rows: Seconds) -> Pauses:
    """Merge the pauses of each row that overlap or touch; empty pauses are dropped."""
    keep = ends > starts
    starts, ends, rows = starts[keep], ends[keep], rows[keep]
    if starts.size == 0:
        return Pauses.empty()
    base = int(starts.min())
    span = int(ends.max()) - base + 1
    # One int64 key (row, start) sorts much faster than lexsort; it fits while rows x span < 2**63.
    if (int(rows.max()) + 1) * span < 2**62:
        order = np.argsort(rows * span + (starts - base))
    else:
        order = np.lexsort((starts, rows))
    starts, ends, rows = starts[order], ends[order], rows[order]
    # A running maximum of the ends that never carries from one row into the next: shift each row's
    # ends above every end of the rows before it.
    reach = np.maximum.accumulate((ends - base) + rows * span) - rows * span + base
    first = np.ones(starts.size, dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (starts[1:] > reach[:-1])
    heads = np.flatnonzero(first)
    tails = np.append(heads[1:] - 1, starts.size - 1)
    merged_rows = rows[heads]
    row_first = np.ones(heads.size, dtype=bool)
    row_first[1:] = merged_rows[1:] != merged_rows[:-1]
    group_start = np.maximum.accumulate(np.where(row_first, np.arange(heads.size), 0))
    rank = np.arange(heads.size, dtype=np.int64) - group_start
    return Pauses(starts[heads], reach[tails], merged_rows, rank)
