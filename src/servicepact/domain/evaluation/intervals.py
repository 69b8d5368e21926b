"""Half-open intervals of epoch seconds: union, clipping, measure, and subtraction."""

from __future__ import annotations

from collections.abc import Iterable

Interval = tuple[int, int]


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same instants (empty ones dropped, touching ones merged).

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
