"""The HTTP entrypoint: REST API (``api/``) and server-rendered web UI (``web/``) in one FastAPI app.

The app is built by :func:`servicepact.entrypoints.http.app.create_app`. This package imports nothing, so
that importing one of its modules (``context``, a router) does not load the whole app.
"""
