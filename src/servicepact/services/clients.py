"""Use cases: clients of the MSP.

>>> from servicepact.testing import SYSTEM, FakeUnitOfWork
>>> create_client(FakeUnitOfWork(), SYSTEM, "acme", "Acme Ltd", "Europe/London").slug
'acme'
"""

from __future__ import annotations

import re

from servicepact.domain.agreement.zones import parse_iana_zone
from servicepact.domain.errors import InputError, Location
from servicepact.services import access
from servicepact.services.model import AuditAction, Client, Principal
from servicepact.services.ports import RecordCounts, UnitOfWork

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def create_client(
    uow: UnitOfWork, principal: Principal, slug: str, name: str, time_zone: str = "UTC"
) -> Client:
    """Store a new client (staff only); the slug is lower-case letters, digits and hyphens.

    Raises :class:`ConflictError` when the slug is taken, :class:`InputError` for a bad slug or zone.
    """
    access.require_staff(principal, "create clients")
    if not _SLUG.fullmatch(slug):
        raise InputError(f"client slug {slug!r}: use lower-case letters, digits and hyphens (at most 63)")
    if not name.strip():
        raise InputError("a client needs a name")
    try:
        parse_iana_zone(time_zone)  # only IANA names: "localtime" would be the server's own zone
    except ValueError as error:
        raise InputError(str(error), location=Location(path="time_zone")) from None
    with uow:
        now = uow.time_source.now()
        client = uow.clients.add(slug, name.strip(), time_zone, now)
        uow.audit.add(
            now, principal.name, AuditAction.CLIENT_CREATED, "client", slug, client.id, {"name": name}
        )
        uow.commit()
    return client


def list_clients(uow: UnitOfWork, principal: Principal) -> list[Client]:
    """The clients the caller may see, by slug (a client user sees only their own)."""
    with uow:
        return uow.clients.list(access.scope_of(principal))


def get_client(uow: UnitOfWork, principal: Principal, slug: str) -> Client:
    """One client; :class:`NotFoundError` when it does not exist or is not visible to the caller."""
    with uow:
        return access.readable_client(uow, principal, slug)


def client_counts(uow: UnitOfWork, principal: Principal, slug: str) -> RecordCounts:
    """How many tickets, events, outages... are stored for a client."""
    with uow:
        client = access.readable_client(uow, principal, slug)
        return uow.records.counts(client.id, access.scope_of(principal))
