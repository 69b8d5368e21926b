"""Keys that make imports idempotent: a 63-bit key per event, computed for whole columns at once.

An event with an external id (a ServiceNow update) is keyed by that id. Other events (spec §5 files) have
none, so their key is their content - time, type, value - and their rank among identical events of the
same ticket in the same file (two identical ``work`` rows are two events, and importing the file again
finds both). Stored unique per ticket, the key lets ``INSERT ... ON CONFLICT DO NOTHING`` skip what is
already there without comparing any text in SQL.
"""

from __future__ import annotations

import hashlib
from itertools import count

import numpy as np
import numpy.typing as npt

from servicepact.domain.records import IntArray, ObjectArray, TicketEvent

_MASK63 = np.uint64(0x7FFF_FFFF_FFFF_FFFF)
_GOLDEN = np.uint64(0x9E37_79B9_7F4A_7C15)


def text_key(text: str) -> int:
    """A stable 64-bit hash of a text (Python's ``hash`` changes from process to process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def manual_event_key(event: TicketEvent) -> int:
    """The key of one event entered by a person (not imported): its instant and content, so the same entry
    made twice collides with the first (the stored keys are unique per ticket)."""
    return text_key(f"manual:{event.at.isoformat()}:{event.type.value}:{event.value}") & 0x7FFF_FFFF_FFFF_FFFF


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser: every input bit affects every output bit."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58_476D_1CE4_E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D0_49BB_1331_11EB)
        return x ^ (x >> np.uint64(31))


def value_codes(values: ObjectArray) -> npt.NDArray[np.uint64]:
    """The hash of each value (None included), hashing each distinct value once."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.uint64)
    seen: dict[object, int] = {}
    # Each value's first position: a C-level map, no Python frame per row.
    first = np.fromiter(map(seen.setdefault, values.tolist(), count()), dtype=np.int64, count=len(values))
    distinct, index = np.unique(first, return_inverse=True)
    hashes = np.array(
        [text_key("\x00none" if v is None else "v:" + str(v)) for v in values[distinct].tolist()],
        dtype=np.uint64,
    )
    return hashes[index.reshape(-1)]


def event_keys(
    ticket: IntArray,
    at_seconds: IntArray,
    types: npt.NDArray[np.int8],
    values: ObjectArray,
    external_ids: ObjectArray | None = None,
) -> IntArray:
    """The key of each event (non-negative int64), unique per ticket (see the module docstring).

    >>> import numpy as np
    >>> keys = event_keys(np.array([0, 0]), np.array([60, 60]), np.array([6, 6], dtype=np.int8),
    ...                   np.array(["30", "30"], dtype=object))
    >>> bool(keys[0] != keys[1])
    True
    """
    n = len(ticket)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        base = _mix(at_seconds.astype(np.uint64) * _GOLDEN + types.astype(np.uint64))
        base = _mix(base ^ value_codes(values))
        # Identical events of one ticket share ``whole``; they are rare, so rank only those.
        whole = _mix(base ^ (ticket.astype(np.uint64) * _GOLDEN))
        ordered = np.sort(whole)
        repeated = ordered[1:][ordered[1:] == ordered[:-1]]
        rank = np.zeros(n, dtype=np.uint64)
        if repeated.size:
            rows = np.flatnonzero(np.isin(whole, repeated))
            order = rows[np.argsort(whole[rows], kind="stable")]
            group = whole[order]
            starts = np.ones(order.size, dtype=bool)
            starts[1:] = group[1:] != group[:-1]
            run_start = np.maximum.accumulate(np.where(starts, np.arange(order.size), 0))
            rank[order] = (np.arange(order.size) - run_start).astype(np.uint64)
        keys = _mix(base + rank * _GOLDEN)
    if external_ids is not None:
        given = np.flatnonzero([value is not None for value in external_ids.tolist()])
        if given.size:
            keys[given] = np.array(
                [text_key("id:" + str(external_ids[i])) for i in given.tolist()], dtype=np.uint64
            )
    return (keys & _MASK63).astype(np.int64)
