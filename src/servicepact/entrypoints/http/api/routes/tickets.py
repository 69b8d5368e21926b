"""``/clients/{client}/tickets``: tickets with their live SLA clocks, filters and pages; priority changes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.concurrency import run_in_threadpool

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.clocks.status import AT_RISK_PERCENT
from servicepact.domain.errors import InputError
from servicepact.entrypoints.http.api.deps import (
    AgreementsDep,
    ClientSlug,
    DataRevisionDep,
    NowDep,
    PageDep,
    PrincipalDep,
    ResponseCacheDep,
    StaffDep,
    StoredPagesDep,
    TicketId,
    UowDep,
)
from servicepact.entrypoints.http.api.schemas.common import PRINTABLE_NONEMPTY, Instant, Listing
from servicepact.entrypoints.http.api.schemas.tickets import (
    EventPublic,
    PriorityChange,
    TicketDetail,
    TicketPublic,
)
from servicepact.services import access, live_clocks, records
from servicepact.services.live_clocks import AgreementCache, SlaStatus, StoredPages
from servicepact.services.model import Page, Principal
from servicepact.services.ports import UnitOfWork

router = APIRouter(prefix="/clients/{client}/tickets", tags=["tickets"])

KEPT_PAGE_ROWS = 200
"""Pages of at most this many tickets are kept (a dashboard asks for 50): 256 kept pages stay small."""

AgreementQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=PRINTABLE_NONEMPTY,
        description="The agreement that judges (when there are several).",
    ),
]


@router.get("", summary="Tickets with their live SLA clocks", response_model=Listing[TicketPublic])
async def list_tickets(
    client: ClientSlug,
    principal: PrincipalDep,
    uow: UowDep,
    agreements: AgreementsDep,
    now: NowDep,
    page: PageDep,
    cache: ResponseCacheDep,
    stored: StoredPagesDep,
    revision: DataRevisionDep,
    status: Annotated[
        list[SlaStatus] | None,
        Query(
            description=f"Only these SLA statuses (repeat for several); at_risk = running, "
            f">= {AT_RISK_PERCENT:g}% used."
        ),
    ] = None,
    priority: Annotated[
        list[Annotated[str, Query(max_length=64, pattern=PRINTABLE_NONEMPTY)]] | None,
        Query(description="Only these priorities in force (repeat for several)."),
    ] = None,
    created_from: Annotated[
        Instant | None, Query(description="Created at or after (with an offset).")
    ] = None,
    created_to: Annotated[Instant | None, Query(description="Created before (with an offset).")] = None,
    agreement: AgreementQuery = None,
    clocks: Annotated[bool, Query(description="Compute the clocks (false: the stored tickets only).")] = True,
) -> Response:
    if not clocks and (status or priority):
        raise InputError("filters on status and priority need the clocks")
    # The clocks count whole seconds: the page as of this second is the page for the whole second.
    as_of = now.replace(microsecond=0)
    statuses, priorities = sorted(set(status or ())), sorted(set(priority or ()))
    keep = revision is not None and page.limit <= KEPT_PAGE_ROWS  # bounds what a process keeps

    def compute() -> bytes:
        listing = _ticket_listing(
            uow, principal, client, agreements, as_of, page, statuses, priorities,
            created_from, created_to, agreement, clocks=clocks, stored=stored if keep else None,
        )  # fmt: skip
        return listing.model_dump_json().encode()

    # A kept body is answered here, on the event loop; computing one runs in the thread pool, where
    # requests for the same page wait for the first (single flight). The revision was read before the
    # caller's token was checked.
    if not keep:
        return Response(await run_in_threadpool(compute), media_type="application/json")
    key = (
        "tickets", revision, access.scope_of(principal), client, as_of if clocks else None, page,
        tuple(statuses), tuple(priorities), created_from, created_to, agreement, clocks,
    )  # fmt: skip
    body = cache.peek(key)
    if body is None:
        body = await run_in_threadpool(cache.get, key, compute)
    return Response(body, media_type="application/json")


def _ticket_listing(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    agreements: AgreementCache,
    now: datetime,
    page: Page,
    statuses: list[SlaStatus],
    priorities: list[str],
    created_from: datetime | None,
    created_to: datetime | None,
    agreement: str | None,
    *,
    clocks: bool,
    stored: StoredPages | None,
) -> Listing[TicketPublic]:
    if not clocks:
        found = records.list_tickets(
            uow, principal, client, page=page, created_from=created_from, created_to=created_to
        )
        total = live_clocks.count_tickets(uow, principal, client, created_from, created_to)
        return Listing(
            items=[TicketPublic.plain(t) for t in found], total=total, limit=page.limit, offset=page.offset
        )
    result = live_clocks.list_ticket_clocks(
        uow,
        principal,
        client,
        agreements,
        page=page,
        created_from=created_from,
        created_to=created_to,
        statuses=set(statuses),
        priorities=set(priorities),
        agreement_key=agreement,
        now=now,
        stored=stored,
    )
    return Listing(
        items=[TicketPublic.of(t) for t in result.items],
        total=result.total,
        limit=page.limit,
        offset=page.offset,
    )


# ":path": an id may hold "/" (sent as %2F, which the server decodes before routing).
@router.get("/{ticket_id:path}", summary="One ticket with its events and clocks")
def read_ticket(
    client: ClientSlug,
    ticket_id: TicketId,
    principal: PrincipalDep,
    uow: UowDep,
    agreements: AgreementsDep,
    now: NowDep,
    agreement: AgreementQuery = None,
) -> TicketDetail:
    found = live_clocks.ticket_clocks(
        uow, principal, client, ticket_id, agreements, agreement_key=agreement, now=now
    )
    return TicketDetail.of(found)


@router.post("/{ticket_id:path}/priority", status_code=201, summary="Change a ticket's priority (audited)")
def change_priority(
    client: ClientSlug, ticket_id: TicketId, body: PriorityChange, principal: StaffDep, uow: UowDep
) -> EventPublic:
    event = records.change_priority(
        uow,
        principal,
        client,
        ticket_id,
        body.priority,
        at=body.at,
        reason=body.reason,
        parser=read_agreement,
    )
    return EventPublic.of(event)
