"""Ticket ids looked up by their bytes with NumPy, not through Python strings and a dict.

An id is its UTF-8 bytes. Ids of at most :data:`KEY_BYTES` bytes are rows of an ``(n, KEY_BYTES)``
zero-padded byte matrix with their lengths; each row is hashed to 64 bits, and the hashes are sorted
once, so that looking up millions of event ids is one ``searchsorted``. A hash never decides alone: the
bytes of every match are compared. Two different ticket ids with the same hash make
:meth:`IdIndex.build` give up (the caller then uses a dict of strings), so the answer is always the
dict's. Longer ids (rare) go through a dict of strings beside the matrix.

>>> index, first = IdIndex.build(*id_bytes(["A", "B", "A"]), {})
>>> first.tolist(), index.find(*id_bytes(["B", "C"]), {}).tolist()
([0, 1, 0], [1, -1])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

KEY_BYTES = 32
"""Ids up to this many bytes are matched in NumPy; longer ones through a dict."""

Matrix = npt.NDArray[np.uint8]
Lengths = npt.NDArray[np.int64]
Positions = npt.NDArray[np.int64]
Hashes = npt.NDArray[np.uint64]

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)
_SHIFT = np.uint64(31)


def id_bytes(ids: Sequence[str]) -> tuple[Matrix, Lengths]:
    """Ids given as strings, as the byte matrix and lengths the index reads (long ids are cut)."""
    encoded = [text.encode("utf-8") for text in ids]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    matrix = np.zeros((len(encoded), KEY_BYTES), dtype=np.uint8)
    if encoded:
        cut = np.array([cell[:KEY_BYTES] for cell in encoded], dtype=f"S{KEY_BYTES}")
        matrix[:] = cut.view(np.uint8).reshape(len(encoded), KEY_BYTES)
    return matrix, lengths


def hash_ids(matrix: Matrix, lengths: Lengths) -> Hashes:
    """A 64-bit hash of each row's bytes and length (rows of a ``(n, KEY_BYTES)`` zero-padded matrix)."""
    words = np.ascontiguousarray(matrix).view(np.uint64)
    hashes = lengths.astype(np.uint64) * _MULTIPLIER
    for column in range(words.shape[1]):
        hashes ^= words[:, column]
        hashes *= _MIX
        hashes ^= hashes >> _SHIFT
    return hashes


HashIds = Callable[[Matrix, Lengths], Hashes]


def _module_hasher() -> HashIds:
    return hash_ids  # looked up when called, so that a test can replace it


def _words(matrix: Matrix) -> npt.NDArray[np.uint64]:
    """Rows of a ``(n, KEY_BYTES)`` byte matrix as ``KEY_BYTES // 8`` 64-bit words each."""
    return np.ascontiguousarray(matrix).view(np.uint64)


@dataclass
class IdIndex:
    """The distinct ids of the tickets file and the position (row of the file) where each first appears.

    The ids' hashes are kept in an open-addressing table (linear probing, at most half full) so that a
    lookup is one or two array reads per id, done for all ids at once.
    """

    hashes: Hashes  # the table: hash of the id in each slot (0 in an empty slot)
    first: Positions  # the table: position of the id in each slot (-1 in an empty slot)
    words: npt.NDArray[np.uint64]  # the table: the bytes of the id in each slot, as words
    lengths: Lengths  # the table: the byte length of the id in each slot
    long: dict[str, int]  # ids longer than KEY_BYTES -> their first position
    hasher: HashIds = hash_ids

    @classmethod
    def build(
        cls, matrix: Matrix, lengths: Lengths, long: Mapping[int, str], hasher: HashIds | None = None
    ) -> tuple[IdIndex | None, Positions]:
        """Index the ids of all rows (position = row); ``long`` gives the text of each id longer than
        :data:`KEY_BYTES` by position. Returns the index (None when two different ids share a hash) and,
        for each position, the position where its id first appears. ``hasher`` replaces :func:`hash_ids`
        (tests use a bad one to check that a shared hash never gives a wrong match)."""
        hasher = hasher or _module_hasher()
        count = len(lengths)
        first = np.empty(count, dtype=np.int64)
        short = np.flatnonzero(lengths <= KEY_BYTES)
        words = _words(matrix[short])
        hashes, index, inverse = np.unique(
            hasher(matrix[short], lengths[short]), return_index=True, return_inverse=True
        )
        inverse = inverse.reshape(-1)
        first[short] = short[index][inverse]  # the first occurrence of each distinct hash
        same = (lengths[short] == lengths[short][index][inverse]) & (words == words[index][inverse]).all(
            axis=1
        )
        if not same.all():
            return None, first
        long_first: dict[str, int] = {}
        for position in np.flatnonzero(lengths > KEY_BYTES).tolist():
            first[position] = long_first.setdefault(long[position], position)
        size = 1 << max(4, (2 * len(hashes)).bit_length())  # a power of two, at least twice the ids
        table = cls(
            np.zeros(size, dtype=np.uint64),
            np.full(size, -1, dtype=np.int64),
            np.zeros((size, words.shape[1]), dtype=np.uint64),
            np.zeros(size, dtype=np.int64),
            long_first,
            hasher,
        )
        slots = table._insert(hashes)
        table.hashes[slots] = hashes
        table.first[slots] = short[index]
        table.words[slots] = words[index]
        table.lengths[slots] = lengths[short][index]
        return table, first

    def _insert(self, hashes: Hashes) -> Positions:
        """Free slots for distinct ``hashes`` (linear probing, in rounds over all of them at once)."""
        mask = len(self.first) - 1
        slots = self._home(hashes)
        taken = np.zeros(len(self.first), dtype=bool)
        pending = np.arange(len(hashes))
        while pending.size:
            probe = slots[pending]
            free = ~taken[probe]
            # Of the ids probing one free slot, the first takes it; the others, and those that found it
            # taken, move to the next slot.
            _, winner = np.unique(probe[free], return_index=True)
            placed = np.flatnonzero(free)[winner]
            taken[probe[placed]] = True
            left = np.ones(pending.size, dtype=bool)
            left[placed] = False
            pending = pending[left]
            slots[pending] = (slots[pending] + 1) & mask
        return slots

    def _home(self, hashes: Hashes) -> Positions:
        bits = len(self.first).bit_length() - 1
        return (hashes >> np.uint64(64 - bits)).astype(np.int64)

    def find(self, matrix: Matrix, lengths: Lengths, long: Mapping[int, str]) -> Positions:
        """The position of each id (rows of ``matrix``; ``long`` the texts of longer ones), -1 when the
        tickets file has no such id or the cell is empty."""
        result = np.full(len(lengths), -1, dtype=np.int64)
        short = np.flatnonzero((lengths > 0) & (lengths <= KEY_BYTES))
        if short.size:
            hashes = self.hasher(matrix[short], lengths[short])
            slots = self._home(hashes)
            pending = np.arange(short.size)
            mask = len(self.first) - 1
            while pending.size:  # probe until the id's hash or an empty slot
                slot = slots[pending]
                occupied = self.first[slot] >= 0
                hit = occupied & (self.hashes[slot] == hashes[pending])
                found, at = pending[hit], slot[hit]
                rows = short[found]
                same = (self.lengths[at] == lengths[rows]) & (self.words[at] == _words(matrix[rows])).all(
                    axis=1
                )
                result[rows[same]] = self.first[at[same]]
                onward = occupied & ~hit
                pending = pending[onward]
                slots[pending] = (slot[onward] + 1) & mask
        for row in np.flatnonzero(lengths > KEY_BYTES).tolist():
            result[row] = self.long.get(long[row], -1)
        return result
