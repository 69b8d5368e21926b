"""The app context: what every request handler reaches, made once per app by ``create_app``.

Routers and dependencies import this module, never ``app.py`` (which imports every router). Every cache
of the app is made with the context, none on first use: requests run in a thread pool, so each cache
shared between threads takes its own lock (:class:`RevisionCache`, :class:`AgreementCache`,
:class:`~servicepact.entrypoints.http.web.state.WebState`'s). Outside the context only pure memos remain,
process-wide ``functools.lru_cache``s whose value depends on their arguments alone (a parsed agreement text
in ``services/versions``, a drawn chart in ``web/pages/charts``), so no process sees state another lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request

from servicepact.adapters.agreement_files import read_agreement
from servicepact.entrypoints.http.settings import Settings
from servicepact.entrypoints.http.web.auth import SessionCodec
from servicepact.entrypoints.http.web.state import WebState
from servicepact.services.live_clocks import AgreementCache, StoredPage, StoredPages
from servicepact.services.ports import TimeSource, UnitOfWork
from servicepact.services.revision_cache import RevisionCache
from servicepact.services.users import TokenCheck, TokenUses

TOKEN_CHECKS = 1_024  # token checks kept per process (each a few hundred bytes)
KEPT_FOR = 60.0  # seconds: a write that bypassed the unit of work (by hand, a restore) shows within this


@dataclass(frozen=True)
class AppContext:
    """What every request handler reaches through :func:`context_of`."""

    settings: Settings
    uow_factory: Callable[[], UnitOfWork]
    time_source: TimeSource
    agreements: AgreementCache
    """Agreements parsed from stored version texts (API and web UI alike)."""
    response_cache: RevisionCache[bytes]
    """The ticket list's JSON bodies, by data revision, caller's scope and query."""
    stored_pages: StoredPages
    """The stored tickets the ticket list's pages are computed from, by data revision and query."""
    token_checks: RevisionCache[TokenCheck]
    """API token checks, by data revision and the token's hash."""
    token_uses: TokenUses
    """When each token's last use was recorded (used on the event loop only)."""
    web: WebState


def make_context(
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    time_source: TimeSource,
    *,
    agreements: AgreementCache | None = None,
) -> AppContext:
    """A context with empty caches sized by ``settings`` (``agreements``: a cache to share, for tests)."""
    size = settings.response_cache_size
    return AppContext(
        settings=settings,
        uow_factory=uow_factory,
        time_source=time_source,
        agreements=AgreementCache(read_agreement) if agreements is None else agreements,
        response_cache=RevisionCache[bytes](size),
        stored_pages=RevisionCache[StoredPage](size, max_age=KEPT_FOR),
        token_checks=RevisionCache[TokenCheck](TOKEN_CHECKS if size else 0, max_age=KEPT_FOR),
        token_uses=TokenUses(),
        web=WebState(SessionCodec(settings.secret_key)),
    )


def context_of(request: Request) -> AppContext:
    """The context of the app serving ``request``."""
    context: AppContext = request.app.state.context
    return context
