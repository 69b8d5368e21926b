"""The revision cache: one computation per key, waiters share it, errors are not kept."""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pytest

from servicepact.domain.errors import InputError
from servicepact.services import revision_cache
from servicepact.services.revision_cache import RevisionCache


def test_a_kept_body_is_answered_without_computing_again() -> None:
    cache = RevisionCache(size=4)
    calls: list[int] = []

    def compute() -> bytes:
        calls.append(1)
        return b"page"

    assert cache.get("k", compute) == b"page"
    assert cache.get("k", compute) == b"page"
    assert cache.peek("k") == b"page"
    assert (len(calls), cache.computed) == (1, 1)


class _CountedFuture(Future[bytes]):
    """A future that counts the callers that wait on it before it is done."""

    waiting = threading.Semaphore(0)

    def result(self, timeout: float | None = None) -> bytes:
        if not self.done():
            type(self).waiting.release()
        return super().result(timeout)


def test_requests_for_a_key_being_computed_wait_for_that_one_computation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The waiters must be seen waiting on the computation in flight before it is released: a waiter that
    # arrived after it had finished would be answered from the cache and prove nothing about single flight.
    monkeypatch.setattr(_CountedFuture, "waiting", threading.Semaphore(0))
    monkeypatch.setattr(revision_cache, "Future", _CountedFuture)
    cache: RevisionCache[bytes] = RevisionCache(size=4)
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow() -> bytes:
        calls.append("first")
        started.set()
        release.wait(5)
        return b"computed once"

    def again() -> bytes:
        calls.append("a waiter")
        return b"computed again"

    results: list[bytes] = []
    first = threading.Thread(target=lambda: results.append(cache.get("k", slow)))
    first.start()
    assert started.wait(5)
    assert cache.peek("k") is None  # still being computed: peek never waits
    waiters = [threading.Thread(target=lambda: results.append(cache.get("k", again))) for _ in range(3)]
    for waiter in waiters:
        waiter.start()
    try:
        for _ in waiters:
            assert _CountedFuture.waiting.acquire(timeout=5), "a request did not wait for the computation"
    finally:
        release.set()
        for thread in (first, *waiters):
            thread.join(5)
    assert results == [b"computed once"] * 4
    assert calls == ["first"]


def test_an_error_reaches_the_caller_and_is_not_kept() -> None:
    cache = RevisionCache(size=4)

    def failing() -> bytes:
        raise InputError("no such page")

    with pytest.raises(InputError):
        cache.get("k", failing)
    assert cache.peek("k") is None
    assert cache.get("k", lambda: b"now it works") == b"now it works"


def test_the_least_recently_used_body_goes_first_and_size_zero_keeps_nothing() -> None:
    cache = RevisionCache(size=2)
    cache.get("a", lambda: b"a")
    cache.get("b", lambda: b"b")
    cache.get("a", lambda: b"a again")  # "a" is now the most recently used
    cache.get("c", lambda: b"c")
    assert (cache.peek("a"), cache.peek("b"), cache.peek("c")) == (b"a", None, b"c")

    off = RevisionCache(size=0)
    assert off.get("a", lambda: b"1") == b"1"
    assert off.get("a", lambda: b"2") == b"2"
    assert off.peek("a") is None


def test_a_value_older_than_max_age_is_computed_again() -> None:
    now = [0.0]
    cache: RevisionCache[bytes] = RevisionCache(size=4, max_age=60, timer=lambda: now[0])
    cache.get("k", lambda: b"old")
    now[0] = 59.0
    assert cache.get("k", lambda: b"new") == b"old"
    now[0] = 61.0
    assert cache.peek("k") is None
    assert cache.get("k", lambda: b"new") == b"new"
    assert len(cache) == 1
