"""The HTTP entrypoint: REST API (``api/``) and server-rendered web UI (``web/``) in one FastAPI app."""

from servicepact.entrypoints.http.app import create_app

__all__ = ["create_app"]
