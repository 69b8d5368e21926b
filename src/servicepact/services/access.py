"""Who may see and change what: the one place where a caller's rights become query scopes.

Every read of the repositories takes a :class:`Scope`, and only :func:`scope_of` makes one, from the
:class:`Principal` the entrypoint authenticated. Use cases ask here for the client they work on:

- :func:`readable_client`: the client, or :class:`NotFoundError` when it does not exist *or* the caller may
  not see it (a client user cannot tell another client's objects from missing ones);
- :func:`writable_client`: as above, and :class:`PermissionDeniedError` for a read-only caller;
- :func:`require_admin`: user management.

:class:`Principal` and :class:`Scope` live in :mod:`servicepact.services.model`, where the ports use them too.

>>> from servicepact.services.access import scope_of
>>> from servicepact.services.model import Principal, Role
>>> scope_of(Principal("ops@msp.example", Role.CLIENT, client_id=7)).allows(8)
False
"""

from __future__ import annotations

from servicepact.domain.errors import NotFoundError, PermissionDeniedError
from servicepact.services.model import Client, Principal, Role, Scope, User
from servicepact.services.ports import UnitOfWork

__all__ = [
    "SYSTEM",
    "can_write",
    "principal_of",
    "readable_client",
    "require_admin",
    "require_staff",
    "scope_of",
    "writable_client",
]


SYSTEM = Principal("cli", Role.ADMIN)
"""The local command line: whoever can run it can open the database file anyway."""


def principal_of(user: User) -> Principal:
    """The principal of a signed-in user; a deactivated user has none."""
    if not user.active:
        raise PermissionDeniedError(f"the user {user.email} is deactivated")
    return Principal(user.email, user.role, user.client_id, user.id)


def scope_of(principal: Principal) -> Scope:
    """The scope of every query made for ``principal``."""
    if principal.role is Role.CLIENT:
        assert principal.client_id is not None
        return Scope(frozenset({principal.client_id}))
    return Scope(None)


def can_write(principal: Principal) -> bool:
    """Staff change data; client users only read."""
    return principal.role in (Role.ADMIN, Role.ENGINEER)


def require_staff(principal: Principal, action: str = "change data") -> None:
    if not can_write(principal):
        raise PermissionDeniedError(f"{principal.name} may not {action}: client users have read-only access")


def require_admin(principal: Principal, action: str = "manage users") -> None:
    if principal.role is not Role.ADMIN:
        raise PermissionDeniedError(f"{principal.name} may not {action}: only admins may")


def readable_client(uow: UnitOfWork, principal: Principal, slug: str) -> Client:
    """The client named ``slug`` as ``principal`` may see it, else :class:`NotFoundError`."""
    client = uow.clients.get_by_slug(slug, scope_of(principal))
    if client is None:
        raise NotFoundError(f"no client {slug!r}")
    return client


def writable_client(uow: UnitOfWork, principal: Principal, slug: str) -> Client:
    """The client named ``slug`` for a change: :class:`PermissionDeniedError` for read-only callers,
    :class:`NotFoundError` when it does not exist."""
    require_staff(principal)
    return readable_client(uow, principal, slug)
