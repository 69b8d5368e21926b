"""``/clients/{client}/outages``: outages of uptime items and services, by start."""

from __future__ import annotations

from fastapi import APIRouter

from servicepact.entrypoints.http.api.deps import ClientSlug, PageDep, PrincipalDep, UowDep
from servicepact.entrypoints.http.api.schemas.common import Listing
from servicepact.entrypoints.http.api.schemas.outages import OutagePublic
from servicepact.services import clients, records

router = APIRouter(prefix="/clients/{client}/outages", tags=["outages"])


@router.get("", summary="Outages, by start")
def list_outages(
    client: ClientSlug, principal: PrincipalDep, uow: UowDep, page: PageDep
) -> Listing[OutagePublic]:
    found = records.list_outages(uow, principal, client, page)
    total = clients.client_counts(uow, principal, client).outages
    return Listing(
        items=[OutagePublic.of(o) for o in found], total=total, limit=page.limit, offset=page.offset
    )
