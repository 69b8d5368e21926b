"""The security headers of every HTTP response, set in this one place (a plain ASGI middleware).

- ``Content-Security-Policy``: the web UI's pages allow only the app's own scripts, styles and images, no
  inline script, no framing (``WEB_POLICY``); the API documentation pages (``/api/v1/docs``,
  ``/api/v1/redoc``) also allow inline styles and ``blob:`` workers, which ReDoc and Swagger UI need
  (``DOCS_POLICY``); every other response (JSON, CSS, scripts, downloads) allows nothing (``STRICT_POLICY``).
  The rendered contract and report (``DOCUMENT_PATHS``), which the web UI's own pages show in an iframe,
  may be framed by the app's own pages only, and run no script at all; their styles are inline
  (``DOCUMENT_POLICY``).
- ``X-Frame-Options: DENY`` (older browsers' ``frame-ancestors 'none'``; ``SAMEORIGIN`` for those
  documents), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin`` on every response.
- ``Strict-Transport-Security`` only in production (``SERVICEPACT_ENV=production``), where the app is
  served over TLS behind a proxy; a development server on plain HTTP must stay reachable.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CHART_STYLE_HASH",
    "DOCS_PATHS",
    "DOCS_POLICY",
    "DOCUMENT_PATHS",
    "DOCUMENT_POLICY",
    "HSTS",
    "STRICT_POLICY",
    "WEB_POLICY",
    "SecurityHeadersMiddleware",
    "headers_for",
]

CHART_STYLE_HASH = "'sha256-2Iqu4MW0P4n79bqVmTDfLWhO8TS7MxwRJn7HVNDr7EQ='"
"""The one ``<style>`` element matplotlib writes into every inline SVG chart (web/pages/charts.py),
``*{stroke-linejoin: round; stroke-linecap: butt}``, allowed by its hash rather than by
``'unsafe-inline'``; a test checks the hash against what matplotlib writes."""

WEB_POLICY = (
    "default-src 'self'; script-src 'self'; "
    f"style-src 'self' {CHART_STYLE_HASH}; "
    # The charts' shapes carry their colours in style attributes (style="fill: #1f7a4d"), as matplotlib
    # writes them; attributes cannot run script, and no other inline style is allowed.
    "style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "worker-src blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
DOCUMENT_PATHS = re.compile(r"/clients/[^/]+/(?:versions/.+/contract|reports/[^/]+\.html)")
"""The contract of a version and the report of a period, as HTML (web/pages/clients.py, reports.py)."""
STRICT_POLICY = "default-src 'none'; frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"
DOCS_PATHS = frozenset({"/api/v1/docs", "/api/v1/redoc"})

_COMMON = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
)


def headers_for(path: str, content_type: str, *, production: bool) -> list[tuple[str, str]]:
    """The security headers of a response to ``path`` whose ``Content-Type`` is ``content_type``."""
    frames = "DENY"
    if content_type.split(";", 1)[0].strip().lower() != "text/html":
        policy = STRICT_POLICY
    elif path.rstrip("/") in DOCS_PATHS:
        policy = DOCS_POLICY
    elif DOCUMENT_PATHS.fullmatch(path):
        policy, frames = DOCUMENT_POLICY, "SAMEORIGIN"
    else:
        policy = WEB_POLICY
    headers = [("Content-Security-Policy", policy), ("X-Frame-Options", frames), *_COMMON]
    if production:
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


class SecurityHeadersMiddleware:
    """Sets the security headers on every HTTP response, replacing any a route set itself."""

    def __init__(self, app: ASGIApp, *, production: bool = False) -> None:
        self.app = app
        self.production = production

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in headers_for(
                    path, headers.get("content-type", ""), production=self.production
                ):
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
