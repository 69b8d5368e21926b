"""Prometheus metrics of the HTTP app, served at ``/metrics`` (prometheus-client).

Every process counts for itself and is scraped on its own, as Prometheus expects. With several uvicorn
workers behind one port, set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder before the server starts:
prometheus-client then keeps the counts in files there and ``/metrics`` adds up every worker's
(docs/deploy.md). Labels never hold a raw path: a request is labelled with its route's template
(``/api/v1/clients/{client}/tickets/{ticket_id}``), or ``unmatched``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from servicepact.services import telemetry

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUEST_SECONDS = Histogram(
    "servicepact_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template, method and status.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
ERRORS = Counter(
    "servicepact_http_errors",
    "HTTP answers that were errors, by status class (4xx, 5xx).",
    ["status_class"],
)
IMPORTS = Counter(
    "servicepact_imports",
    "Imports of files, by kind and outcome (ok; refused: bad input or a conflict; failed: a fault).",
    ["kind", "outcome"],
)
CLOCKS = Counter("servicepact_clocks_computed", "Tickets whose live SLA clocks were computed.")


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    """Count one answered request."""
    REQUEST_SECONDS.labels(route, method, str(status)).observe(seconds)
    if status >= 400:
        ERRORS.labels(f"{status // 100}xx").inc()


def _counted(name: str, amount: int, labels: Mapping[str, str]) -> None:
    if name == "imports":
        IMPORTS.labels(labels.get("kind", ""), labels.get("outcome", "")).inc(amount)
    elif name == "clocks_computed":
        CLOCKS.inc(amount)


def listen_to_services() -> None:
    """Send the services' counts (:mod:`servicepact.services.telemetry`) here; once per process."""
    telemetry.listen(_counted)


def exposition() -> tuple[bytes, str]:
    """The text of every metric of this process, or of every worker's in multiprocess mode, and its
    content type."""
    if os.environ.get(MULTIPROCESS_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
