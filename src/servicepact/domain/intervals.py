"""Half-open intervals ``[start, end)`` of epoch seconds, in two forms.

- Arrays (:func:`merge`): the calendars' open time and the maintenance checks of the lint, many
  intervals at once.
- Lists of ``(start, end)`` pairs (:func:`union`, :func:`clip`, :func:`measure`, :func:`subtract`,
  :func:`intersect`): the uptime engine, a few intervals per item, where a NumPy call costs several
  times the Python loop.

Both merge the same way: sorted by start, overlapping or touching intervals joined, empty ones dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

Seconds = npt.NDArray[np.int64]
Interval = tuple[int, int]


def merge(starts: Seconds, ends: Seconds) -> tuple[Seconds, Seconds]:
    """The starts and ends of the sorted, disjoint intervals covering the same instants as
    ``[starts[i], ends[i])`` (overlapping or touching ones merged, empty ones dropped).

    >>> merge(np.array([5, 0, 2, 9, 7]), np.array([9, 3, 4, 10, 7]))
    (array([0, 5]), array([ 4, 10]))
    """
    keep = ends > starts
    starts, ends = starts[keep], ends[keep]
    if starts.size == 0:
        return starts, ends
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    first = np.ones(starts.size, dtype=bool)
    first[1:] = starts[1:] > reach[:-1]
    heads = np.flatnonzero(first)
    tails = np.append(heads[1:] - 1, starts.size - 1)
    return starts[heads], reach[tails]


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same instants (empty ones dropped, touching ones merged):
    :func:`merge` for a few pairs.

    >>> union([(5, 9), (0, 3), (2, 4), (9, 10), (7, 7)])
    [(0, 4), (5, 10)]
    """
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def clip(intervals: Iterable[Interval], low: int, high: int) -> list[Interval]:
    """The parts of ``intervals`` inside ``[low, high)``, empty ones dropped."""
    return [(max(s, low), min(e, high)) for s, e in intervals if min(e, high) > max(s, low)]


def measure(intervals: Iterable[Interval]) -> int:
    """Seconds covered (overlaps counted once)."""
    return sum(end - start for start, end in union(intervals))


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """The parts of ``intervals`` outside every hole.

    >>> subtract([(0, 10)], [(2, 3), (5, 7)])
    [(0, 2), (3, 5), (7, 10)]
    """
    cuts = union(holes)
    result: list[Interval] = []
    for start, end in union(intervals):
        cursor = start
        for low, high in cuts:
            if high <= cursor or low >= end:
                continue
            if low > cursor:
                result.append((cursor, low))
            cursor = max(cursor, high)
        if cursor < end:
            result.append((cursor, end))
    return result


def intersect(intervals: Iterable[Interval], others: Iterable[Interval]) -> list[Interval]:
    """The parts of ``intervals`` inside ``others``."""
    first = union(intervals)
    return subtract(first, subtract(first, others))
