"""The request middleware: a request id on every request, one log line and one metric per request.

The id is the caller's ``X-Request-ID`` when it is sane (1 to 64 characters of ``A-Z a-z 0-9 . _ -``;
a proxy usually sets it), else a new one; it is sent back in the response's ``X-Request-ID`` and put on
every log line written while the request is served. A plain ASGI middleware (not Starlette's
``BaseHTTPMiddleware``), so streamed responses stay streamed and the context variable reaches the
handlers' threads.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicepact.entrypoints.http.logs import REQUEST_ID
from servicepact.entrypoints.http.metrics import observe_request

__all__ = ["HEADER", "QUIET_PATHS", "RequestMiddleware", "request_id_of", "route_of"]

HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_CONVERTER = re.compile(r"\{(\w+):\w+\}")
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
"""Probes and scrapes: their successful requests are logged at DEBUG, not INFO (they come every few
seconds from every prober); they are measured like any other."""

log = logging.getLogger("servicepact.http.requests")


def request_id_of(given: str | None) -> str:
    """``given`` when it is a sane request id, else a new one (32 hexadecimal digits)."""
    if given is not None and _SANE_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def route_of(scope: Scope) -> str:
    """The template of the route that served the request (no ids in it, no converters), or ``unmatched``.

    A route of an included router may know only its own part (``/me`` under ``/api/v1``): the part of the
    path before what the route matched is put back in front.
    """
    route = scope.get("route") or _plain_route(scope)
    template = getattr(route, "path", None) if isinstance(route, BaseRoute) else None
    if not isinstance(template, str):
        return "unmatched"
    template = _CONVERTER.sub(r"{\1}", template)  # {ticket_id:path} → {ticket_id}
    regex: re.Pattern[str] | None = getattr(route, "path_regex", None)
    path: str = scope.get("path", "")
    if regex is None or regex.fullmatch(path):
        return template
    for cut in (i for i, char in enumerate(path) if char == "/" and i > 0):
        if regex.fullmatch(path[cut:]):
            return path[:cut] + template
    return template


def _plain_route(scope: Scope) -> BaseRoute | None:
    """The app's own route (not an API route: ``/api/v1/docs``, the OpenAPI document) that matches the
    path; such routes do not name themselves in the scope."""
    app = scope.get("app")
    path = scope.get("path", "")
    for route in getattr(getattr(app, "router", None), "routes", ()):
        regex = getattr(route, "path_regex", None)
        if isinstance(route, Route) and regex is not None and regex.fullmatch(path):
            return route
    return None


class RequestMiddleware:
    """Request ids, request logs and request metrics for every HTTP request of the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v for k, v in scope["headers"] if k == b"x-request-id"), None)
        request_id = request_id_of(given.decode("latin-1") if given is not None else None)
        token = REQUEST_ID.set(request_id)
        status = 500  # what the caller gets when the app raises before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route, method = route_of(scope), scope["method"]
            observe_request(route, method, status, seconds)
            quiet = scope["path"] in QUIET_PATHS and status < 400
            log.log(
                logging.DEBUG if quiet else logging.INFO,
                "%s %s %d %.1f ms",
                method,
                route,
                status,
                seconds * 1000,
                extra={
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                    "request_id": request_id,
                },
            )
            REQUEST_ID.reset(token)
