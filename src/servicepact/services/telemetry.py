"""What the use cases did, counted for whoever listens: the services name what happened, an entrypoint
decides where the counts go (the HTTP app's ``/metrics``, see ``entrypoints/http/metrics.py``). The
services import no metrics library; with no listener a count costs one empty loop.

>>> seen = []
>>> stop = listen(lambda name, amount, labels: seen.append((name, amount, dict(labels))))
>>> count("imports", kind="tickets", outcome="ok")
>>> stop()
>>> count("imports", kind="tickets", outcome="ok")
>>> seen
[('imports', 1, {'kind': 'tickets', 'outcome': 'ok'})]
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from servicepact.domain.errors import ServicepactError

__all__ = ["Listener", "count", "listen", "outcome"]

Listener = Callable[[str, int, Mapping[str, str]], None]
"""Called with a count's name, its amount and its labels."""

log = logging.getLogger("servicepact.telemetry")
_lock = threading.Lock()
_listeners: tuple[Listener, ...] = ()


def listen(listener: Listener) -> Callable[[], None]:
    """Send every count to ``listener`` (once, however often it is given); returns what stops it."""
    global _listeners
    with _lock:
        if listener not in _listeners:
            _listeners = (*_listeners, listener)

    def stop() -> None:
        global _listeners
        with _lock:
            _listeners = tuple(known for known in _listeners if known is not listener)

    return stop


def count(name: str, amount: int = 1, **labels: str) -> None:
    """Tell every listener that ``amount`` of ``name`` happened. A listener's failure is logged, never
    raised: counting must not break the use case it counts."""
    for listener in _listeners:
        try:
            listener(name, amount, labels)
        except Exception:
            log.exception("the listener %r failed on the count %s", listener, name)


@contextmanager
def outcome(name: str, **labels: str) -> Iterator[None]:
    """Count ``name`` once with ``outcome``: ``ok`` when the block ends, ``refused`` when it raises a
    :class:`ServicepactError` (bad input, a conflict, a busy database), ``failed`` on anything else."""
    try:
        yield
    except ServicepactError:
        count(name, 1, outcome="refused", **labels)
        raise
    except BaseException:
        count(name, 1, outcome="failed", **labels)
        raise
    count(name, 1, outcome="ok", **labels)
