"""``/clients/{client}/assets``: the client's assets and the fields the requirement rules read."""

from __future__ import annotations

from fastapi import APIRouter

from servicepact.entrypoints.http.api.deps import ClientSlug, PageDep, PrincipalDep, UowDep
from servicepact.entrypoints.http.api.schemas.assets import AssetPublic
from servicepact.entrypoints.http.api.schemas.common import Listing
from servicepact.services import clients, records

router = APIRouter(prefix="/clients/{client}/assets", tags=["assets"])


@router.get("", summary="Assets, by id")
def list_assets(
    client: ClientSlug, principal: PrincipalDep, uow: UowDep, page: PageDep
) -> Listing[AssetPublic]:
    found = records.list_assets(uow, principal, client, page)
    total = clients.client_counts(uow, principal, client).assets
    return Listing(
        items=[AssetPublic.of(a) for a in found], total=total, limit=page.limit, offset=page.offset
    )
