"""The web UI's routes: one router per page family (``pages/``), mounted by ``create_app``."""

from fastapi import APIRouter

from servicepact.entrypoints.http.web.pages import (
    clients,
    dashboard,
    imports,
    reports,
    session,
    static,
    tickets,
)

router = APIRouter()
for module in (static, session, dashboard, clients, tickets, reports, imports):
    router.include_router(module.router)

__all__ = ["router"]
