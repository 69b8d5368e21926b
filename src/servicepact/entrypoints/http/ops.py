"""Operations: ``/healthz`` (the process answers), ``/readyz`` (it can serve: the database answers and
its schema is the one this code needs) and ``/metrics`` (Prometheus). No sign-in; left out of the
OpenAPI document (they are for probes and scrapers, not API clients). docs/deploy.md says how to keep
``/metrics`` from the public.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from servicepact.adapters.db import Database
from servicepact.adapters.db.errors import first_line
from servicepact.entrypoints.http.context import context_of
from servicepact.entrypoints.http.metrics import exposition, listen_to_services
from servicepact.entrypoints.http.middleware import RequestMiddleware

router = APIRouter(include_in_schema=False)


def install_operations(app: FastAPI) -> None:
    """Add the probes and ``/metrics`` to ``app``, and the request middleware (request ids, a log line
    and a measurement per request); the services' counts go to the metrics from now on."""
    listen_to_services()
    app.add_middleware(RequestMiddleware)
    app.include_router(router)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """``{"status": "ok"}`` while the process answers (it checks nothing else)."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """200 when the database answers ``SELECT 1`` and is at the newest schema revision; else 503 with
    what is not ready. A thread of its own (a plain ``def``): the database may be slow to answer."""
    checks = readiness(request)
    ready = all(check["ok"] for check in checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics")
def metrics() -> Response:
    """Every metric in Prometheus's text format."""
    body, content_type = exposition()
    return Response(body, media_type=content_type)


def readiness(request: Request) -> dict[str, dict[str, Any]]:
    """``{"database": {...}, "migrations": {...}}``, each with ``ok`` and, when not, ``detail``."""
    context = context_of(request)
    database = getattr(context.uow_factory, "database", None)
    if not isinstance(database, Database):  # a test's in-memory unit of work: nothing to reach
        with context.uow_factory():
            pass
        return {"database": {"ok": True}, "migrations": {"ok": True}}
    try:
        with database.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as error:
        return {
            "database": {"ok": False, "detail": f"the database does not answer: {first_line(error)}"},
            "migrations": {"ok": False, "detail": "not checked: the database does not answer"},
        }
    try:
        current = database.current_revision()
    except SQLAlchemyError as error:
        return {
            "database": {"ok": True},
            "migrations": {"ok": False, "detail": f"the schema revision is unreadable: {first_line(error)}"},
        }
    head = database.head_revision()
    if current != head:
        detail = (
            f"the database is at schema revision {current or 'none'}, this servicepact needs {head}: "
            "run `servicepact db upgrade`"
        )
        return {
            "database": {"ok": True},
            "migrations": {"ok": False, "detail": detail, "current": current, "head": head},
        }
    return {"database": {"ok": True}, "migrations": {"ok": True, "current": current}}
