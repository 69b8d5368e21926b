"""Vectorised half-open intervals of epoch seconds: the union per row, and the parts outside a set.

These serve after-hours time (spec 1.1 §2): the union of a ticket's work entries (overlapping entries
count once), and the parts of it outside the service days of a calendar. Rows are any grouping key (a
ticket's row); results come sorted by row, then start.

    >>> import numpy as np
    >>> rows, starts, ends = union_by_row(
    ...     np.array([0, 0, 1]), np.array([10, 15, 10]), np.array([20, 30, 12])
    ... )
    >>> rows.tolist(), starts.tolist(), ends.tolist()
    ([0, 1], [10, 10], [30, 12])
    >>> which, starts, ends = outside(np.array([0, 50]), np.array([40, 60]), np.array([10]), np.array([20]))
    >>> which.tolist(), starts.tolist(), ends.tolist()
    ([0, 0, 1], [0, 20, 50], [10, 40, 60])
"""

from __future__ import annotations

import numpy as np

from servicepact.domain.calendars.instants import Seconds
from servicepact.domain.intervals import merge


def union_by_row(rows: Seconds, starts: Seconds, ends: Seconds) -> tuple[Seconds, Seconds, Seconds]:
    """Per row, the sorted disjoint intervals covering the same instants as that row's intervals.

    Overlapping or touching intervals of one row merge; empty ones are dropped; rows never mix. Returns
    ``(rows, starts, ends)`` sorted by row, then start.
    """
    rows, starts, ends = (np.asarray(a, dtype=np.int64) for a in (rows, starts, ends))
    if starts.size == 0:
        return rows[:0], starts[:0], ends[:0]
    base, width = _frame(starts, ends)
    shifted_starts, shifted_ends = merge(rows * width + (starts - base), rows * width + (ends - base))
    merged_rows = shifted_starts // width
    offset = merged_rows * width - base
    return merged_rows, shifted_starts - offset, shifted_ends - offset


def outside(
    starts: Seconds, ends: Seconds, hole_starts: Seconds, hole_ends: Seconds
) -> tuple[Seconds, Seconds, Seconds]:
    """The parts of each interval ``[starts[i], ends[i])`` outside every hole.

    ``hole_starts``/``hole_ends`` are sorted, disjoint intervals. Returns ``(i, part_starts, part_ends)``
    for the non-empty parts, in the order of ``i`` and then of time. Each interval meets the holes
    ``first..last-1``; the gaps between them are ``[max(start, hole_end[j-1]), min(end, hole_start[j]))``
    for ``j`` in ``first..last``, so every part is found with two searches and one ``repeat``.
    """
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    keep = np.flatnonzero(ends > starts)
    starts, ends = starts[keep], ends[keep]
    first = np.searchsorted(hole_ends, starts, side="right")  # the first hole ending after the start
    last = np.searchsorted(hole_starts, ends, side="left")  # holes starting before the end
    last = np.maximum(last, first)
    counts = last - first + 1
    which = np.repeat(np.arange(starts.size), counts)
    j = np.repeat(first, counts) + (np.arange(which.size) - np.repeat(np.cumsum(counts) - counts, counts))
    low = starts[which]
    high = ends[which]
    if hole_starts.size:
        previous_end = hole_ends[np.clip(j - 1, 0, hole_ends.size - 1)]
        next_start = hole_starts[np.clip(j, 0, hole_starts.size - 1)]
        low = np.where(j > 0, np.maximum(low, previous_end), low)
        high = np.where(j < hole_starts.size, np.minimum(high, next_start), high)
    present = high > low
    return keep[which[present]], low[present], high[present]


def outside_by_row(
    rows: Seconds,
    starts: Seconds,
    ends: Seconds,
    hole_rows: Seconds,
    hole_starts: Seconds,
    hole_ends: Seconds,
) -> tuple[Seconds, Seconds, Seconds]:
    """``outside`` where each interval only meets the holes of its own row.

    Both sets are sorted by row, then start, and disjoint within a row (as ``union_by_row`` gives them).
    Returns ``(rows, part_starts, part_ends)``.
    """
    if starts.size == 0:
        return rows[:0], starts[:0], ends[:0]
    all_starts = np.concatenate([starts, hole_starts])
    all_ends = np.concatenate([ends, hole_ends])
    base, width = _frame(all_starts, all_ends)
    which, part_starts, part_ends = outside(
        rows * width + (starts - base),
        rows * width + (ends - base),
        hole_rows * width + (hole_starts - base),
        hole_rows * width + (hole_ends - base),
    )
    offset = rows[which] * width - base
    return rows[which], part_starts - offset, part_ends - offset


def measure_by_row(rows: Seconds, starts: Seconds, ends: Seconds, count: int) -> Seconds:
    """Seconds covered per row ``0..count-1`` by disjoint intervals."""
    return np.bincount(rows, weights=ends - starts, minlength=count).astype(np.int64)


def _frame(starts: Seconds, ends: Seconds) -> tuple[int, int]:
    """A base and a width such that ``row * width + (t - base)`` keeps rows apart and in order."""
    base = int(min(starts.min(), ends.min()))
    width = int(max(starts.max(), ends.max())) - base + 1
    return base, width
