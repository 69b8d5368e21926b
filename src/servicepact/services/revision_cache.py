"""Values computed from the stored data, kept while that data stays the same.

Every commit raises the store's data revision (:meth:`~servicepact.services.ports.UnitOfWork.data_revision`).
A value kept under a key that starts with the revision, and holds everything else the value depends on
(the caller's scope, the query, for live clocks the second), is the value that computing it again would
give, and none outlives a change. The API keeps the ticket list's bodies, the stored pages they are
computed from, and the checks of API tokens this way.

Twenty dashboards asking for the same page at once cost one computation: the first request computes, the
others wait for it and share its result (single flight), instead of all computing at once when the second
turns. Errors are not kept: each waiter sees the error, the next request computes again.

>>> cache: RevisionCache[bytes] = RevisionCache(size=2)
>>> cache.get(("tickets", 1), lambda: b"[]")
b'[]'
>>> cache.get(("tickets", 1), lambda: b"never computed")
b'[]'
>>> cache.peek(("tickets", 2)) is None
True
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["RevisionCache"]

V = TypeVar("V")


class RevisionCache(Generic[V]):
    """A thread-safe LRU of ``size`` values with single-flight computation; ``size`` 0 keeps nothing.

    Keys must hold everything the value depends on, the data revision first. ``max_age`` (seconds) bounds
    how long a value is kept even when the revision stays: a write that bypassed the unit of work (an edit
    by hand, a database restored under a running server) shows within that time.
    """

    def __init__(
        self, size: int = 256, *, max_age: float | None = None, timer: Callable[[], float] = time.monotonic
    ) -> None:
        self.size = size
        self.max_age = max_age
        self._timer = timer
        self._values: OrderedDict[Hashable, tuple[float, Future[V]]] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # how many values were computed (tests and benchmarks read it)

    def __len__(self) -> int:
        """How many values are kept (or being computed)."""
        with self._lock:
            return len(self._values)

    def peek(self, key: Hashable) -> V | None:
        """The value under ``key`` if it is computed already (never waits), else None."""
        with self._lock:
            found = self._fresh(key)
            if found is None or not found.done() or found.exception() is not None:
                return None
        return found.result()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value under ``key``, computed by ``compute`` unless it is kept or being computed."""
        if self.size <= 0:
            value = compute()
            with self._lock:
                self.computed += 1
            return value
        with self._lock:
            found = self._fresh(key)
            if found is None:
                mine: Future[V] = Future()
                self._values[key] = (self._timer(), mine)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        if found is not None:
            return found.result()
        try:
            value = compute()
        except BaseException as error:
            with self._lock:
                if key in self._values and self._values[key][1] is mine:
                    del self._values[key]
            mine.set_exception(error)
            raise
        with self._lock:
            self.computed += 1
        mine.set_result(value)
        return value

    def _fresh(self, key: Hashable) -> Future[V] | None:
        """The entry under ``key`` unless missing or too old (dropped then); call with the lock held."""
        entry = self._values.get(key)
        if entry is None:
            return None
        kept_at, future = entry
        if self.max_age is not None and self._timer() - kept_at > self.max_age:
            del self._values[key]
            return None
        self._values.move_to_end(key)
        return future
