"""Dependencies of the API routes, as ``Annotated`` aliases: the unit of work, the caller, the page.

The permission check lives here, once: :data:`PrincipalDep` authenticates the bearer token (401
otherwise) and :data:`StaffDep` refuses writes to client users (403). Dependencies that do no I/O, and
the token check (short indexed reads), are ``async`` so they run on the event loop: each ``def``
dependency would cost a hop to the thread pool. Which *clients* a caller may see
is decided by the service layer's scopes (:mod:`servicepact.services.access`), so a client user gets
404 for every object of another client.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import ConflictError, PermissionDeniedError
from servicepact.entrypoints.http.app import AppContext
from servicepact.services import access, records, users
from servicepact.services.access import Principal
from servicepact.services.live_clocks import AgreementCache, StoredPages
from servicepact.services.model import Page
from servicepact.services.ports import UnitOfWork
from servicepact.services.revision_cache import RevisionCache

MAX_LIMIT = 1_000
MAX_OFFSET = 1_000_000_000
SAFE_TEXT = r"^[^\x00-\x1f\x7f]+$"  # no control characters (no NUL, which PostgreSQL refuses in text)

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="An API token (`sp_...`): `Authorization: Bearer <token>`.",
)


def unauthorized(message: str) -> HTTPException:
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


async def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


ContextDep = Annotated[AppContext, Depends(get_context)]


async def get_uow(context: ContextDep) -> UnitOfWork:
    return context.uow_factory()


UowDep = Annotated[UnitOfWork, Depends(get_uow)]


async def get_data_revision(uow: UowDep) -> int | None:
    """The store's data revision as the request starts (read once per request)."""
    return records.data_revision(uow)


DataRevisionDep = Annotated[int | None, Depends(get_data_revision)]


async def get_token_checks(request: Request) -> RevisionCache[users.TokenCheck]:
    checks: RevisionCache[users.TokenCheck] = request.app.state.token_checks
    return checks


async def get_principal(
    uow: UowDep,
    context: ContextDep,
    revision: DataRevisionDep,
    checks: Annotated[RevisionCache[users.TokenCheck], Depends(get_token_checks)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller, from ``Authorization: Bearer <token>``; 401 for a missing, unknown or revoked token.

    The check is two indexed reads, done on the event loop (a hop to the thread pool would cost more
    than the reads), and kept under the data revision: a revoked token or a deactivated user is a
    commit, which raises the revision, so the next request checks again. The write of the token's last
    use, at most once a minute, goes to the thread pool, where waiting for the write lock holds up no
    other request.
    """
    if credentials is None:
        raise unauthorized("send an API token: Authorization: Bearer <token>")
    secret = credentials.credentials
    try:
        if revision is None:
            check = users.check_token(uow, secret)
        else:
            key = (revision, users.token_hash(secret))
            check = checks.get(key, lambda: users.check_token(uow, secret))
    except PermissionDeniedError as error:
        raise unauthorized(error.message) from None
    if check.use_due(context.clock.now()):
        # A database busy with a long write must not fail a read: the use is recorded on a later request.
        with suppress(ConflictError):
            await run_in_threadpool(users.record_token_use, context.uow_factory(), check.token_id)
    return check.principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_staff(principal: PrincipalDep) -> Principal:
    """The caller of a write: MSP staff only (client users read, 403)."""
    access.require_staff(principal)
    return principal


StaffDep = Annotated[Principal, Depends(get_staff)]


async def get_agreements(request: Request) -> AgreementCache:
    """The parsed agreements of this app (one cache per app, made on first use)."""
    cache: AgreementCache | None = getattr(request.app.state, "agreement_cache", None)
    if cache is None:
        cache = AgreementCache(read_agreement)
        request.app.state.agreement_cache = cache
    return cache


AgreementsDep = Annotated[AgreementCache, Depends(get_agreements)]


async def get_response_cache(request: Request) -> RevisionCache[bytes]:
    cache: RevisionCache[bytes] = request.app.state.response_cache
    return cache


ResponseCacheDep = Annotated[RevisionCache[bytes], Depends(get_response_cache)]


async def get_stored_pages(request: Request) -> StoredPages:
    pages: StoredPages = request.app.state.stored_pages
    return pages


StoredPagesDep = Annotated[StoredPages, Depends(get_stored_pages)]


async def get_now(context: ContextDep) -> datetime:
    return context.clock.now()


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
TicketId = Annotated[str, Path(description="The ticket's id in the PSA.", max_length=200, pattern=SAFE_TEXT)]
AgreementKey = Annotated[
    str, Path(description="The agreement's `id` in its YAML.", max_length=200, pattern=SAFE_TEXT)
]
VersionNumber = Annotated[int, Path(ge=1, le=1_000_000, description="The version number (1, 2, ...).")]
