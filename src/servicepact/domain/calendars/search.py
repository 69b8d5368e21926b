"""``searchsorted`` on a sorted array of epoch seconds, sped up by a table of fixed-width buckets.

For a query ``q`` in bucket ``b``, the count of values ``<= q`` is the count before the bucket plus the
values inside the bucket that are ``<= q``. Business hours put at most one interval boundary in most
hour-wide buckets, so nearly every query is two table reads and one comparison; buckets holding two or
more values fall back to a binary search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from servicepact.domain.calendars.instants import Seconds

BUCKET = 3600
_SMALL = 64  # below this many values a plain binary search is as fast


@dataclass(frozen=True)
class BucketSearch:
    values: Seconds
    low: int
    before: npt.NDArray[np.int32] | None
    inside: npt.NDArray[np.uint8] | None

    @classmethod
    def over(cls, values: Seconds, low: int, high: int) -> BucketSearch:
        """A search over sorted, strictly increasing ``values``, for queries in ``[low, high]``."""
        if values.size < _SMALL or values.size >= 2**31:
            return cls(values, low, None, None)
        edges = low + BUCKET * np.arange((high - low) // BUCKET + 2, dtype=np.int64)
        counts = np.searchsorted(values, edges, side="left")
        inside = np.minimum(np.diff(counts), 2).astype(np.uint8)
        return cls(values, low, counts[:-1].astype(np.int32), inside)

    @property
    def nbytes(self) -> int:
        tables = (self.before.nbytes if self.before is not None else 0) + (
            self.inside.nbytes if self.inside is not None else 0
        )
        return self.values.nbytes + tables

    def count_at_most(self, queries: Seconds) -> Seconds:
        """``searchsorted(values, queries, side="right")``: how many values are ``<= q``."""
        if self.before is None or self.inside is None or queries.size < _SMALL:
            return np.searchsorted(self.values, queries, side="right").astype(np.int64)
        bucket = (queries - self.low) // BUCKET
        count = self.before[bucket].astype(np.int64)
        inside = self.inside[bucket]
        last = self.values.size - 1
        count += (inside == 1) & (self.values[np.minimum(count, last)] <= queries)
        crowded = np.flatnonzero(inside > 1)
        if crowded.size:
            count[crowded] = np.searchsorted(self.values, queries[crowded], side="right")
        return count
