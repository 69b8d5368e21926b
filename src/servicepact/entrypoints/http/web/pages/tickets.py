"""Tickets: the list with filters and live SLA state (refreshed by htmx), and one ticket's timeline."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response

from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Period
from servicepact.entrypoints.http.context import context_of
from servicepact.entrypoints.http.web.common import SignedIn, WebRoute, new_uow, now_of, render, web_state
from servicepact.services import clients, dashboard, live_clocks
from servicepact.services.live_clocks import SlaStatus, TicketClocks
from servicepact.services.model import Page

router = APIRouter(route_class=WebRoute)

PAGE = 50
MONTH_LIMIT = 10_000
REFRESH_SECONDS = 30
STATES = ("open", "at_risk", "breached", "running", "met", "best_effort", "out_of_scope")


def _zone(request: Request, viewer: SignedIn, slug: str, time_zone: str) -> ZoneInfo:
    in_force = dashboard.agreement_in_force(
        new_uow(request), viewer.principal, slug, web_state(request).parser, now_of(request)
    )
    agreement = in_force.agreement if in_force else None
    if agreement is not None and agreement.support is not None:
        return agreement.calendar(agreement.support.calendar).timezone
    return ZoneInfo(time_zone)


def _is_open(item: TicketClocks) -> bool:
    return any(
        c is not None and c.stopped_at is None and c.due is not None for c in (item.response, item.resolution)
    )


@router.get("/clients/{slug}/tickets")
def tickets_page(
    request: Request,
    slug: str,
    viewer: SignedIn,
    month: str = "",
    state: str = "",
    priority: str = "",
    q: str = "",
    page: int = 1,
) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    zone = _zone(request, viewer, slug, client.time_zone)
    now = now_of(request)
    month = month or f"{now.astimezone(zone):%Y-%m}"
    try:
        period = Period.parse(month, zone)
    except InputError:
        period = Period.parse(f"{now.astimezone(zone):%Y-%m}", zone)
        month = period.label
    if state and state not in STATES:
        state = ""
    statuses = [state] if state and state not in ("open",) else []
    if state == "open":
        statuses = [SlaStatus.RUNNING.value, SlaStatus.AT_RISK.value, SlaStatus.BREACHED.value]
    page = max(1, page)
    # A month's tickets are judged together (a few hundred), then shown newest first, a page at a time.
    listing = live_clocks.list_ticket_clocks(
        new_uow(request),
        viewer.principal,
        slug,
        context_of(request).agreements,
        page=Page(MONTH_LIMIT),
        created_from=period.start,
        created_to=period.end,
        statuses=statuses,
        priorities=[priority] if priority else [],
        now=now,
    )
    needle = q.strip().lower()
    items = [
        i
        for i in reversed(listing.items)
        if (state != "open" or _is_open(i))
        and (not needle or needle in i.ticket.id.lower() or needle in (i.ticket.title or "").lower())
    ]
    total = len(items)
    items = items[(page - 1) * PAGE : page * PAGE]
    values = {
        "client": client,
        "items": items,
        "total": total,
        "page": page,
        "pages": max(1, (total + PAGE - 1) // PAGE),
        "zone": zone,
        "filters": {"month": month, "state": state, "priority": priority, "q": q},
        "states": STATES,
        "priorities": _priorities(request, viewer, slug),
        "refresh": REFRESH_SECONDS,
        "query": request.url.query,
    }
    if request.headers.get("HX-Request"):
        return render(request, "_ticket_rows.html", values)
    return render(request, "tickets.html", values)


def _priorities(request: Request, viewer: SignedIn, slug: str) -> list[str]:
    in_force = dashboard.agreement_in_force(
        new_uow(request), viewer.principal, slug, web_state(request).parser, now_of(request)
    )
    if in_force is None or in_force.agreement is None or in_force.agreement.support is None:
        return []
    return list(in_force.agreement.support.targets)


# ":path": an id may hold "/"; the pages link to it percent-encoded (the urlpart filter).
@router.get("/clients/{slug}/tickets/{ticket_id:path}")
def ticket_page(request: Request, slug: str, ticket_id: str, viewer: SignedIn) -> Response:
    state = web_state(request)
    timeline = dashboard.ticket_timeline(
        new_uow(request),
        viewer.principal,
        slug,
        ticket_id,
        state.parser,
        context_of(request).agreements,
        now_of(request),
    )
    return render(
        request, "ticket.html", {"timeline": timeline, "client": timeline.client, "zone": timeline.zone}
    )


def local_month(at: datetime, zone: ZoneInfo) -> str:
    return f"{at.astimezone(zone):%Y-%m}"
