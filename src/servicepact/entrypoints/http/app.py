"""Build the FastAPI app: the REST API under ``/api/v1`` and the web UI, over one unit-of-work factory.

Nothing is built at import time: ``create_app`` wires concrete adapters (or the fakes a test passes in).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import anyio.to_thread
from fastapi import FastAPI

from servicepact.adapters.system_time import SystemTime
from servicepact.entrypoints.http.errors import install_error_handlers
from servicepact.entrypoints.http.settings import Settings
from servicepact.services.live_clocks import StoredPage
from servicepact.services.ports import TimeSource, UnitOfWork
from servicepact.services.revision_cache import RevisionCache
from servicepact.services.users import TokenCheck, TokenUses

API_PREFIX = "/api/v1"
TOKEN_CHECKS = 1_024  # token checks kept per process (each a few hundred bytes)
THREADS = 20
"""Threads for blocking work per process (anyio's default is 40): fewer than the database connections a
process may open (``adapters/db/engine.POOL_SIZE + POOL_OVERFLOW``), so the event loop's short reads
never wait for a connection, and plenty for two cores."""
KEPT_FOR = 60.0  # seconds: a write that bypassed the unit of work (by hand, a restore) shows within this


@dataclass
class AppContext:
    """What every request handler reaches through ``request.app.state.context``."""

    settings: Settings
    uow_factory: Callable[[], UnitOfWork]
    time_source: TimeSource


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
) -> FastAPI:
    """The app. Without ``uow_factory`` it opens the database of ``settings.database_url``."""
    settings = settings or Settings.from_env()
    if uow_factory is None:
        from servicepact.entrypoints.bootstrap import database_uow_factory

        uow_factory = database_uow_factory(settings.database_url)
    app = FastAPI(
        title="servicepact",
        version="1",
        description="Managed services agreements, SLA clocks, uptime, backups and reports.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.context = AppContext(
        settings=settings, uow_factory=uow_factory, time_source=time_source or SystemTime()
    )
    app.state.response_cache = RevisionCache[bytes](settings.response_cache_size)
    app.state.stored_pages = RevisionCache[StoredPage](settings.response_cache_size, max_age=KEPT_FOR)
    app.state.token_checks = RevisionCache[TokenCheck](
        TOKEN_CHECKS if settings.response_cache_size else 0, max_age=KEPT_FOR
    )
    app.state.token_uses = TokenUses()
    install_error_handlers(app)
    _include_routers(app)
    return app


def _include_routers(app: FastAPI) -> None:
    # Each router module exposes `router`; the web UI is left out of the OpenAPI document.
    try:
        from servicepact.entrypoints.http.api import router as api_router
    except ModuleNotFoundError as error:
        if error.name != "servicepact.entrypoints.http.api":
            raise
    else:
        app.include_router(api_router, prefix=API_PREFIX)
    try:
        from servicepact.entrypoints.http.web import router as web_router
    except ModuleNotFoundError as error:
        if error.name != "servicepact.entrypoints.http.web":
            raise
    else:
        app.include_router(web_router, include_in_schema=False)
