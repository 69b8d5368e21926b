"""Dependencies of the API routes, as ``Annotated`` aliases: the unit of work, the caller, the page.

The permission check lives here, once: :data:`PrincipalDep` authenticates the bearer token (401
otherwise) and :data:`StaffDep` refuses writes to client users (403). Dependencies that do no I/O, and
the token check (short indexed reads), are ``async`` so they run on the event loop: each ``def``
dependency would cost a hop to the thread pool. Which *clients* a caller may see
is decided by the service layer's scopes (:mod:`servicepact.services.access`), so a client user gets
404 for every object of another client.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated

from fastapi import BackgroundTasks, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from servicepact.domain.errors import PermissionDeniedError, ServicepactError
from servicepact.entrypoints.http.api.schemas.common import PRINTABLE_NONEMPTY
from servicepact.entrypoints.http.context import AppContext, context_of
from servicepact.services import access, records, users
from servicepact.services.live_clocks import AgreementCache, StoredPages
from servicepact.services.model import Page, Principal
from servicepact.services.ports import UnitOfWork
from servicepact.services.revision_cache import RevisionCache

log = logging.getLogger("servicepact")

MAX_LIMIT = 1_000
MAX_OFFSET = 1_000_000_000

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="An API token (`sp_...`): `Authorization: Bearer <token>`.",
)


def unauthorized(message: str) -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


async def get_context(request: Request) -> AppContext:
    return context_of(request)


ContextDep = Annotated[AppContext, Depends(get_context)]


async def get_uow(context: ContextDep) -> UnitOfWork:
    return context.uow_factory()


UowDep = Annotated[UnitOfWork, Depends(get_uow)]


def data_revision_of(request: Request, uow: UnitOfWork) -> int | None:
    """The store's data revision as the request's first use of it found it (read once per request)."""
    if not hasattr(request.state, "data_revision"):
        request.state.data_revision = records.data_revision(uow)
    revision: int | None = request.state.data_revision
    return revision


async def get_data_revision(request: Request, uow: UowDep) -> int | None:
    return data_revision_of(request, uow)


DataRevisionDep = Annotated[int | None, Depends(get_data_revision)]


def _record_use(context: AppContext, token_id: int) -> None:
    # After the answer is sent. A database busy with a long write, or gone, must not turn into an error
    # here: the use is recorded on a later request.
    try:
        users.record_token_use(context.uow_factory(), token_id)
    except ServicepactError as error:
        log.info("the last use of token %s was not recorded: %s", token_id, error.message)


async def get_principal(
    request: Request,
    uow: UowDep,
    context: ContextDep,
    background: BackgroundTasks,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller, from ``Authorization: Bearer <token>``; 401 for a missing, unknown or revoked token.

    The check is two indexed reads, done on the event loop (a hop to the thread pool would cost more
    than the reads), and kept under the data revision (for a minute at most): a revoked token or a
    deactivated user is a commit, which raises the revision, so the next request checks again. The
    token's last use is written at most once a minute, after the answer is sent.
    """
    if credentials is None:
        raise unauthorized("send an API token: Authorization: Bearer <token>")
    secret = credentials.credentials
    checks = context.token_checks
    revision = data_revision_of(request, uow)
    try:
        if revision is None:
            check = users.check_token(uow, secret)
        else:
            key = (revision, users.token_hash(secret))
            check = checks.get(key, lambda: users.check_token(uow, secret))
    except PermissionDeniedError as error:
        raise unauthorized(error.message) from None
    if context.token_uses.due(check, context.time_source.now()):
        background.add_task(_record_use, context, check.token_id)
    return check.principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_staff(principal: PrincipalDep) -> Principal:
    """The caller of a write: MSP staff only (client users read, 403)."""
    access.require_staff(principal)
    return principal


StaffDep = Annotated[Principal, Depends(get_staff)]


async def get_agreements(context: ContextDep) -> AgreementCache:
    """The parsed agreements of this app."""
    return context.agreements


AgreementsDep = Annotated[AgreementCache, Depends(get_agreements)]


async def get_response_cache(context: ContextDep) -> RevisionCache[bytes]:
    return context.response_cache


ResponseCacheDep = Annotated[RevisionCache[bytes], Depends(get_response_cache)]


async def get_stored_pages(context: ContextDep) -> StoredPages:
    return context.stored_pages


StoredPagesDep = Annotated[StoredPages, Depends(get_stored_pages)]


async def get_now(context: ContextDep) -> datetime:
    return context.time_source.now()


NowDep = Annotated[datetime, Depends(get_now)]


async def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(get_page)]

ClientSlug = Annotated[
    str,
    Path(
        description="The client's slug (`acme`).",
        pattern=r"^[a-z0-9][a-z0-9-]{0,62}$",
        examples=["acme"],
    ),
]
TicketId = Annotated[
    str, Path(description="The ticket's id in the PSA.", max_length=200, pattern=PRINTABLE_NONEMPTY)
]
AgreementKey = Annotated[
    str, Path(description="The agreement's `id` in its YAML.", max_length=200, pattern=PRINTABLE_NONEMPTY)
]
VersionNumber = Annotated[int, Path(ge=1, le=1_000_000, description="The version number (1, 2, ...).")]
