"""``servicepact serve``: the REST API and the web UI over HTTP (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from servicepact.entrypoints.cli.ports import ensure_port_free
from servicepact.entrypoints.cli.root import app, stderr

APP_FACTORY = "servicepact.entrypoints.http.app:create_app"


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Worker processes (about one per core).")
    ] = 1,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = True,
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /api/v1/openapi.json) and the web UI.

    The database is SERVICEPACT_DATABASE_URL (default: the SQLite file ./servicepact.db); an empty one
    gets its schema on start, so nothing else needs setting up. PostgreSQL:
    SERVICEPACT_DATABASE_URL=postgresql+psycopg://user:password@host/db.

    Example: servicepact serve --port 8000
    """
    ensure_port_free(host, port)
    import uvicorn

    from servicepact.entrypoints.bootstrap import database
    from servicepact.entrypoints.http.settings import Settings

    settings = Settings.from_env()
    # Every worker must sign session cookies with the same key: fix the development key once, here.
    os.environ.setdefault("SERVICEPACT_SECRET_KEY", settings.secret_key)
    # Create or check the schema once, before any worker starts (workers then only check it).
    prepared = database(settings.database_url)
    stderr.print(
        f"servicepact on http://{host}:{port}/api/v1 (database {prepared.settings.redacted()})", markup=False
    )
    prepared.dispose()
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="info",
    )
