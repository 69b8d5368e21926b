"""The server-rendered web UI (Jinja2 + htmx, no build step), mounted by ``create_app`` beside the API.

English and Russian; sign-in with a signed session cookie; a CSRF token in every form; failed sign-ins
throttled. See ``docs/web.md`` for the pages and how they are tested.
"""

from fastapi import APIRouter

from servicepact.entrypoints.http.web.common import warm_up
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

__all__ = ["router", "warm_up"]
