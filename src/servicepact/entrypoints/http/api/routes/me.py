"""``/me``: who the token stands for."""

from __future__ import annotations

from fastapi import APIRouter

from servicepact.entrypoints.http.api.deps import PrincipalDep, UowDep
from servicepact.entrypoints.http.api.schemas.me import MePublic
from servicepact.services import access

router = APIRouter(tags=["me"])


@router.get("/me", summary="The caller")
def read_me(principal: PrincipalDep, uow: UowDep) -> MePublic:
    client = None
    if principal.client_id is not None:
        with uow:
            found = uow.clients.get(principal.client_id, access.scope_of(principal))
        client = found.slug if found else None
    return MePublic(name=principal.name, role=principal.role.value, client=client)
