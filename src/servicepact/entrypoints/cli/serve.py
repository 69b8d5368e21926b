"""``servicepact serve``: the REST API and the web UI over HTTP (uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from servicepact.domain.errors import InputError
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
    log_format: Annotated[
        str | None,
        typer.Option(
            "--log-format",
            envvar="SERVICEPACT_LOG_FORMAT",
            help="json (one object a line, with the request id) or text. Default: json when "
            "SERVICEPACT_ENV=production, else text.",
        ),
    ] = None,
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /api/v1/openapi.json) and the web UI.

    The database is SERVICEPACT_DATABASE_URL (default: the SQLite file ./servicepact.db); an empty one
    gets its schema on start, so nothing else needs setting up. PostgreSQL:
    SERVICEPACT_DATABASE_URL=postgresql+psycopg://user:password@host/db.

    Example: servicepact serve --port 8000
    """
    ensure_port_free(host, port)
    import logging.config

    import uvicorn

    from servicepact.entrypoints.bootstrap import database
    from servicepact.entrypoints.http.logs import LogFormat, log_config
    from servicepact.entrypoints.http.settings import Environment, Settings

    settings = Settings.from_env()
    chosen = log_format or ("json" if settings.environment is Environment.PRODUCTION else "text")
    if chosen not in {f.value for f in LogFormat}:
        raise InputError(f"--log-format (SERVICEPACT_LOG_FORMAT) {chosen!r}: use json or text")
    # The request log replaces uvicorn's access log; its level says whether requests are logged.
    logs = log_config(LogFormat(chosen))
    logs["loggers"]["servicepact.http.requests"] = {"level": "INFO" if access_log else "WARNING"}
    logging.config.dictConfig(logs)
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
        access_log=False,
        log_config=logs,
    )
