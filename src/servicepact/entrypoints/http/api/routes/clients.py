"""``/clients``: the MSP's clients (a client user sees only their own)."""

from __future__ import annotations

from fastapi import APIRouter

from servicepact.entrypoints.http.api.deps import ClientSlug, PrincipalDep, StaffDep, UowDep
from servicepact.entrypoints.http.api.schemas.clients import (
    ClientCreate,
    ClientDetail,
    ClientPublic,
    CountsPublic,
)
from servicepact.entrypoints.http.api.schemas.common import Listing
from servicepact.services import clients

router = APIRouter(prefix="/clients", tags=["clients"])


@router.get("", summary="List the clients the caller may see")
def list_clients(principal: PrincipalDep, uow: UowDep) -> Listing[ClientPublic]:
    found = clients.list_clients(uow, principal)
    return Listing(items=[ClientPublic.of(c) for c in found], total=len(found), limit=len(found), offset=0)


@router.post("", status_code=201, summary="Create a client (staff)")
def create_client(body: ClientCreate, principal: StaffDep, uow: UowDep) -> ClientPublic:
    return ClientPublic.of(clients.create_client(uow, principal, body.slug, body.name, body.time_zone))


@router.get("/{client}", summary="One client with the number of its records")
def read_client(client: ClientSlug, principal: PrincipalDep, uow: UowDep) -> ClientDetail:
    found = clients.get_client(uow, principal, client)
    counts = clients.client_counts(uow, principal, client)
    return ClientDetail(**ClientPublic.of(found).model_dump(), counts=CountsPublic.of(counts))
