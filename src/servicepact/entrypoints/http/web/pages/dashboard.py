"""The dashboard over all clients the viewer may see: this month's KPIs, uptime, credits at stake, and
the tickets at risk or breached, with live clocks refreshed by htmx every 30 seconds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from servicepact.entrypoints.http.context import context_of
from servicepact.entrypoints.http.web.common import (
    SignedIn,
    WebRoute,
    new_uow,
    now_of,
    redirect,
    render,
    web_state,
)
from servicepact.entrypoints.http.web.pages.charts import uptime_chart
from servicepact.services import clients, dashboard
from servicepact.services.dashboard import ClientOverview

router = APIRouter(route_class=WebRoute)

REFRESH_SECONDS = 30


def overviews(request: Request, viewer: SignedIn, *, with_evaluation: bool = True) -> list[ClientOverview]:
    state = web_state(request)
    now = now_of(request)
    return [
        dashboard.client_overview(
            new_uow(request),
            viewer.principal,
            client.slug,
            state.parser,
            context_of(request).agreements,
            now,
            cache=state.periods,
            with_evaluation=with_evaluation,
        )
        for client in clients.list_clients(new_uow(request), viewer.principal)
    ]


@router.get("/")
def home(request: Request, viewer: SignedIn) -> Response:
    return redirect("/dashboard")


@router.get("/dashboard")
def dashboard_page(request: Request, viewer: SignedIn) -> Response:
    items = overviews(request, viewer)
    charts = {o.client.slug: uptime_chart(o, viewer.texts) for o in items}
    return render(
        request, "dashboard.html", {"overviews": items, "charts": charts, "refresh": REFRESH_SECONDS}
    )


@router.get("/dashboard/clocks")
def live_clocks_fragment(request: Request, viewer: SignedIn) -> Response:
    """The live clocks table alone, for htmx to swap in."""
    items = overviews(request, viewer, with_evaluation=False)  # the clocks need no month's figures
    return render(request, "_clocks.html", {"overviews": items, "refresh": REFRESH_SECONDS})
