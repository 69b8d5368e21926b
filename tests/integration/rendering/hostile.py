"""Hostile agreement text for the document tests, and a local HTTP server that records every request.

The text tries to end a CSS string (carriage return, quote, backslash), to close the ``<style>`` element,
to hide the document (``main { display: none }``) and to make the PDF printer fetch from the server
(``url(http://127.0.0.1:PORT/…)``); it must come out of every layout as the plain text it is.
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class RecordingServer:
    """The port to point URLs at, and the paths requested so far."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[str] = []


@contextmanager
def recording_server() -> Iterator[RecordingServer]:
    """A server on a free loopback port that answers 404 and records each request's path."""

    recorder: RecordingServer

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorder.requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorder = RecordingServer(server.server_port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def hostile_text(port: int, who: str = "Evil") -> str:
    """Text that is CSS and HTML source if anything interpolates it unescaped (``who`` starts it)."""
    return (
        f'{who} "Corp\\\r}} main, .details, .cover {{ display: none }} '
        f"html {{ background: url(http://127.0.0.1:{port}/x) }} </style><b>bold</b> url(file:///etc/hostname)"
    )


def normalized(text: str) -> str:
    """Text with every run of white space (no-break spaces included) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def squeezed(text: str) -> str:
    """Text without any white space: a PDF's text breaks long words at ``/`` where the line wraps."""
    return re.sub(r"[\s\u00a0\u202f]+", "", text)
