"""Checking that the port to serve on is free, so that a taken port is a one-line message, not a traceback."""

from __future__ import annotations

import errno
import socket

import typer

from servicepact.entrypoints.cli.root import stderr

__all__ = ["ensure_port_free"]


def ensure_port_free(host: str, port: int) -> None:
    """Return when ``host:port`` can be listened on; else print why in one line and exit with status 1.

    The message names ``--port`` only: an installed package has no Makefile (``make demo PORT=…`` passes
    ``--port``)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            # uvicorn listens with SO_REUSEADDR too: a port whose last connections linger (TIME_WAIT) is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            message = f"port {port} is in use; choose another with --port"
        else:
            message = f"cannot listen on {host}:{port}: {error.strerror or error}"
        stderr.print(message, markup=False)
        raise typer.Exit(1) from None
