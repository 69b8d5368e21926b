"""Build the FastAPI app: the REST API under ``/api/v1`` and the web UI, over one unit-of-work factory.

Nothing is built at import time: ``create_app`` wires concrete adapters (or the fakes a test passes in).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from servicepact.adapters.system_time import SystemTime
from servicepact.entrypoints.http.api import router as api_router
from servicepact.entrypoints.http.api_docs import install_api_docs
from servicepact.entrypoints.http.body_limit import BodyLimit
from servicepact.entrypoints.http.context import make_context
from servicepact.entrypoints.http.errors import install_error_handlers
from servicepact.entrypoints.http.ops import install_operations
from servicepact.entrypoints.http.security_headers import SecurityHeadersMiddleware
from servicepact.entrypoints.http.settings import Environment, Settings
from servicepact.entrypoints.http.web.router import router as web_router
from servicepact.services.live_clocks import AgreementCache
from servicepact.services.ports import TimeSource, UnitOfWork

API_PREFIX = "/api/v1"
THREADS = 20
"""Threads for blocking work per process (anyio's default is 40): fewer than the database connections a
process may open (``adapters/db/engine.POOL_SIZE + POOL_OVERFLOW``), so the event loop's short reads
never wait for a connection, and plenty for two cores."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield
    # Close the pool's connections when the app stops: a connection left to the garbage collector
    # warns (ResourceWarning) and, on PostgreSQL, holds a server slot until then.
    database = getattr(app.state.context.uow_factory, "database", None)
    if database is not None:
        database.dispose()


def create_app(
    settings: Settings | None = None,
    *,
    uow_factory: Callable[[], UnitOfWork] | None = None,
    time_source: TimeSource | None = None,
    agreements: AgreementCache | None = None,
) -> FastAPI:
    """The app. Without ``uow_factory`` it opens the database of ``settings.database_url``; every cache
    is made here, empty (``agreements``: parsed agreements to share between apps, for tests)."""
    settings = settings or Settings.from_env()
    if uow_factory is None:
        from servicepact.entrypoints.bootstrap import database_uow_factory

        uow_factory = database_uow_factory(settings.database_url)
    app = FastAPI(
        title="servicepact",
        version="1",
        description="Managed services agreements, SLA clocks, uptime, backups and reports.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served from the package by api_docs (no CDN), when settings.api_docs
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.context = make_context(
        settings, uow_factory, time_source or SystemTime(), agreements=agreements
    )
    install_error_handlers(app)
    install_operations(app)  # /healthz, /readyz, /metrics; request ids, logs and metrics
    app.add_middleware(SecurityHeadersMiddleware, production=settings.environment is Environment.PRODUCTION)
    if settings.api_docs:
        install_api_docs(app, API_PREFIX)
    # The web UI is left out of the OpenAPI document.
    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(web_router, include_in_schema=False)
    app.add_middleware(BodyLimit)  # 413 as soon as a body passes the limit, before anything stores it
    return app
