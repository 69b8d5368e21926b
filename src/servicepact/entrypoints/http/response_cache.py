"""What requests compute from the stored data, kept while that data stays the same: the ticket list's
bodies (within the second they were computed for) and the checks of API tokens.

A page of live clocks depends on the stored data, on the caller's scope, on the query and on the instant
to the second (the clocks count whole seconds). So the key holds all of these, with the store's data
revision (every commit raises it: :meth:`~servicepact.services.ports.UnitOfWork.data_revision`): a body
found under a key is byte for byte the body that computing it again would give, and none outlives a change.

Twenty dashboards asking for the same page in the same second cost one computation: the first request
computes, the others wait for it and share its bytes (single flight), instead of all computing at once
when the second turns. Errors are not kept: each waiter sees the error, the next request computes again.

>>> cache: ResponseCache[bytes] = ResponseCache(size=2)
>>> cache.get(("tickets", 1), lambda: b"[]")
b'[]'
>>> cache.get(("tickets", 1), lambda: b"never computed")
b'[]'
>>> cache.peek(("tickets", 2)) is None
True
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["ResponseCache"]

V = TypeVar("V")


class ResponseCache(Generic[V]):
    """A thread-safe LRU of ``size`` values with single-flight computation; ``size`` 0 keeps nothing.

    Keys must hold everything the value depends on, the data revision first.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._bodies: OrderedDict[Hashable, Future[V]] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # how many values were computed (tests and benchmarks read it)

    def peek(self, key: Hashable) -> V | None:
        """The value under ``key`` if it is computed already (never waits), else None."""
        with self._lock:
            found = self._bodies.get(key)
            if found is None or not found.done() or found.exception() is not None:
                return None
            self._bodies.move_to_end(key)
        return found.result()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value under ``key``, computed by ``compute`` unless it is kept or being computed."""
        if self.size <= 0:
            self.computed += 1
            return compute()
        with self._lock:
            found = self._bodies.get(key)
            if found is not None:
                self._bodies.move_to_end(key)
            else:
                mine: Future[V] = Future()
                self._bodies[key] = mine
                while len(self._bodies) > self.size:
                    self._bodies.popitem(last=False)
        if found is not None:
            return found.result()
        try:
            body = compute()
        except BaseException as error:
            with self._lock:
                if self._bodies.get(key) is mine:
                    del self._bodies[key]
            mine.set_exception(error)
            raise
        with self._lock:
            self.computed += 1
        mine.set_result(body)
        return body
