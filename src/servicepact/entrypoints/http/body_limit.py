"""Request bodies are refused as they stream past the limit, before anything reads or stores them.

Without this, a body was read whole (and an upload spooled to a temporary file) before the route could say
"limited to 512 MB": 540 MB reached ``/tmp`` first. :class:`BodyLimit` answers 413 at once when the
declared ``Content-Length`` is over the limit and, for a chunked body, as soon as the bytes received pass
it; the app then sees the client as gone, and whatever it would have answered is dropped.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicepact.entrypoints.http.api.routes.imports import MAX_UPLOAD_BYTES
from servicepact.entrypoints.http.errors import error_body

FORM_OVERHEAD_BYTES = 1024 * 1024
"""Room for a multipart form's boundaries and fields around the largest file an import takes."""

MAX_BODY_BYTES = MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
"""The largest request body any route takes (an API import); read when each request starts."""


def _declared_length(scope: Scope) -> int | None:
    """The ``Content-Length`` header's value, or None when there is none or it is not a number."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _refusal(limit: int) -> tuple[Message, Message]:
    """The 413 answer's start and body messages, in the API's error shape."""
    megabytes = limit / (1024 * 1024)
    body = json.dumps(
        error_body("too_large", f"request bodies are limited to {megabytes:g} MB", "body")
    ).encode("utf-8")
    start: Message = {
        "type": "http.response.start",
        "status": 413,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"connection", b"close"),
        ],
    }
    return start, {"type": "http.response.body", "body": body}


class _Guard:
    """One request's receive and send, cut off once its body passes ``limit``."""

    def __init__(self, receive: Receive, send: Send, limit: int) -> None:
        self._receive, self._send, self._limit = receive, send, limit
        self.received = 0
        self.refused = False
        self.started = False

    async def receive(self) -> Message:
        if self.refused:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self._limit:
                self.refused = True
                if not self.started:
                    for answer in _refusal(self._limit):
                        await self._send(answer)
                # The app reads no more: to it, the client has gone away.
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if self.refused:
            return  # the 413 has been sent; the app's own answer is dropped
        self.started = self.started or message["type"] == "http.response.start"
        await self._send(message)


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``limit`` bytes (None: :data:`MAX_BODY_BYTES`)."""

    def __init__(self, app: ASGIApp, limit: int | None = None) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit if self.limit is not None else MAX_BODY_BYTES
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            for message in _refusal(limit):
                await send(message)
            return
        guard = _Guard(receive, send, limit)
        try:
            await self.app(scope, guard.receive, guard.send)
        except Exception:
            if not guard.refused:
                raise
            # The app failed on the body it was denied (a client disconnect); the 413 is the answer.
