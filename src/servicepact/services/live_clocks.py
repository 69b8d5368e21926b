"""Use case: the live SLA clocks of stored tickets, each judged by the agreement version in force when
the ticket was created (spec §2), as of ``now``.

A ticket's ``sla_status`` sums up its two clocks, most urgent first, by the domain's rule
(:mod:`servicepact.domain.clocks.status`: breached, at risk, running, met, best effort, out of scope, no
agreement).

Agreement texts are parsed once per process (:class:`AgreementCache`, keyed by their SHA-256), so a page
of tickets costs the reads of the page and one vectorised clock evaluation per version in use; with
:data:`StoredPages`, the reads are kept per data revision and a page asked for again costs its clocks.

A month of two stored tickets (INC1's P1 resolution breached) of the shipped agreement, stored in the fake
unit of work by ``stored_month`` (the doctests' setup, in the project's ``conftest.py``):

>>> from servicepact import read_agreement
>>> from servicepact.testing import SYSTEM
>>> uow, now = stored_month()
>>> cache = AgreementCache(read_agreement)
>>> page = list_ticket_clocks(uow, SYSTEM, "acme", cache, statuses={SlaStatus.BREACHED}, now=now)
>>> [(t.ticket.id, t.sla_status) for t in page.items]
[('INC1', <SlaStatus.BREACHED: 'breached'>)]
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import ClockOptions, ClockResults, evaluate_clocks
from servicepact.domain.clocks.status import SlaStatus, sla_status
from servicepact.domain.errors import AgreementError, InputError, NotFoundError
from servicepact.domain.evaluation.requirements import evaluate_requirements
from servicepact.domain.records import Asset, EventType, Ticket
from servicepact.services import access, telemetry
from servicepact.services.model import AgreementVersion, Client, Page, Principal, Scope
from servicepact.services.ports import AgreementParser, UnitOfWork
from servicepact.services.revision_cache import RevisionCache
from servicepact.services.stored_inputs import tickets_to_batches
from servicepact.services.versions import VersionRule, client_rule

__all__ = [
    "AgreementCache",
    "ClockPage",
    "SlaClock",
    "SlaStatus",
    "StoredPage",
    "StoredPages",
    "TicketClocks",
    "clocks_of",
    "count_tickets",
    "list_ticket_clocks",
    "ticket_clocks",
]

REQUIREMENTS_TTL = 60.0
"""Seconds for which a client's asset compliance is reused: a change of assets shows within a minute."""

_CODES = {kind: kind.code for kind in EventType}
_BATCH = 10_000  # rows per read when every ticket of a period must be judged (a filter on status)


@dataclass(frozen=True)
class SlaClock:
    """One clock of a ticket: due instant, stop instant (None while running), status, business time
    used so far and its share of the target (None where the priority has no such target)."""

    due: datetime | None
    stopped_at: datetime | None
    status: str
    business_seconds: int | None
    percent_used: float | None


@dataclass(frozen=True)
class TicketClocks:
    """A stored ticket with its clocks. ``version`` is the agreement version that judges it."""

    ticket: Ticket
    version: AgreementVersion | None
    priority: str | None
    sla_status: SlaStatus
    percent_used: float | None
    response: SlaClock | None
    resolution: SlaClock | None
    after_hours_seconds: int | None


@dataclass(frozen=True)
class ClockPage:
    items: list[TicketClocks]
    total: int


@dataclass(frozen=True)
class StoredPage:
    """What a page of clocks is computed from, besides the instant: the client, its tickets with their
    events, how many tickets match, and the activated versions of the agreement that judges them."""

    owner: Client
    tickets: list[Ticket]
    total: int
    versions: list[AgreementVersion]


StoredPages = RevisionCache[StoredPage]
"""Stored pages kept per data revision, caller scope and query (see :func:`list_ticket_clocks`)."""


class AgreementCache:
    """Agreements parsed from stored version texts, kept by SHA-256 (least recently used go first).

    Thread-safe: API requests run in a thread pool. An activated version's text never changes, so an
    entry never goes stale.
    """

    def __init__(self, parser: AgreementParser, size: int = 64) -> None:
        self._parser = parser
        self._size = size
        self._agreements: OrderedDict[str, Agreement] = OrderedDict()
        self._options: OrderedDict[tuple[int, str, date], tuple[float, ClockOptions]] = OrderedDict()
        self._lock = threading.Lock()

    def options(
        self, client_id: int, version: AgreementVersion, today: date, compute: Callable[[], ClockOptions]
    ) -> ClockOptions:
        """The client's asset requirements under ``version`` as clock options, kept for
        :data:`REQUIREMENTS_TTL` seconds (so a page does not read every asset of the client)."""
        key = (client_id, version.sha256, today)
        now = time.monotonic()
        with self._lock:
            found = self._options.get(key)
            if found is not None and found[0] > now:
                return found[1]
        options = compute()
        with self._lock:
            self._options[key] = (now + REQUIREMENTS_TTL, options)
            while len(self._options) > self._size * 16:
                self._options.popitem(last=False)
        return options

    def agreement(self, version: AgreementVersion) -> Agreement:
        with self._lock:
            found = self._agreements.get(version.sha256)
            if found is not None:
                self._agreements.move_to_end(version.sha256)
                return found
        result = self._parser(version.text, source=f"{version.agreement_key} v{version.number}")
        if result.agreement is None:
            raise AgreementError(result.problems)
        with self._lock:
            self._agreements[version.sha256] = result.agreement
            while len(self._agreements) > self._size:
                self._agreements.popitem(last=False)
        return result.agreement


# --- the use cases -----------------------------------------------------------------------------------


def list_ticket_clocks(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    agreements: AgreementCache,
    *,
    page: Page | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    statuses: Collection[str] = (),
    priorities: Collection[str] = (),
    agreement_key: str | None = None,
    now: datetime | None = None,
    stored: StoredPages | None = None,
) -> ClockPage:
    """A page of a client's tickets (by creation time, then id) with their clocks as of ``now``.

    ``statuses`` and ``priorities`` (the priority in force, after priority changes) filter the tickets;
    as both depend on the clocks, every ticket created in ``[created_from, created_to)`` is judged
    first, then the page is cut. ``agreement_key`` names the agreement when the client has several.

    Without filters, ``stored`` keeps what the page is read from per data revision, caller scope and
    query, so that the same page at a later instant costs only its clocks.
    """
    page = page or Page()
    unknown = set(statuses) - {s.value for s in SlaStatus}
    if unknown:
        names = ", ".join(s.value for s in SlaStatus)
        raise InputError(f"unknown SLA status {sorted(unknown)[0]!r}; use one of {names}")
    with uow:
        scope = access.scope_of(principal)
        as_of = _aware(now or uow.time_source.now())
        if not statuses and not priorities:
            query = (scope, client, page, created_from, created_to, agreement_key)
            read = _stored_page(uow, principal, client, page, created_from, created_to, agreement_key)
            revision = uow.data_revision() if stored is not None else None
            found = read() if stored is None or revision is None else stored.get((revision, *query), read)
            options = _options_of(uow, found.owner.id, scope, agreements, found.tickets, as_of)
            items = clocks_of(found.tickets, found.versions, agreements, as_of, options)
            return ClockPage(items, found.total)
        owner = access.readable_client(uow, principal, client)
        versions = list(client_rule(uow, principal, owner, agreement_key).versions)
        judged: list[TicketClocks] = []
        offset = 0
        while True:
            batch = uow.records.tickets_with_events(
                owner.id, scope, Page(_BATCH, offset), created_from, created_to
            )
            options = _options_of(uow, owner.id, scope, agreements, batch, as_of)
            judged.extend(
                t
                for t in clocks_of(batch, versions, agreements, as_of, options)
                if (not statuses or t.sla_status in statuses) and (not priorities or t.priority in priorities)
            )
            if len(batch) < _BATCH:
                break
            offset += _BATCH
    return ClockPage(judged[page.offset : page.offset + page.limit], len(judged))


def _stored_page(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    page: Page,
    created_from: datetime | None,
    created_to: datetime | None,
    agreement_key: str | None,
) -> Callable[[], StoredPage]:
    def read() -> StoredPage:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        return StoredPage(
            owner,
            uow.records.tickets_with_events(owner.id, scope, page, created_from, created_to),
            uow.records.count_tickets(owner.id, scope, created_from, created_to),
            list(client_rule(uow, principal, owner, agreement_key).versions),
        )

    return read


def ticket_clocks(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    ticket_id: str,
    agreements: AgreementCache,
    *,
    agreement_key: str | None = None,
    now: datetime | None = None,
) -> TicketClocks:
    """One ticket with its events and clocks; :class:`NotFoundError` when missing or not visible."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        ticket = uow.records.ticket(owner.id, ticket_id, scope)
        if ticket is None:
            raise NotFoundError(f"client {owner.slug} has no ticket {ticket_id!r}")
        versions = list(client_rule(uow, principal, owner, agreement_key).versions)
        as_of = _aware(now or uow.time_source.now())
        options = _options_of(uow, owner.id, scope, agreements, [ticket], as_of)
        return clocks_of([ticket], versions, agreements, as_of, options)[0]


def count_tickets(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> int:
    """How many of the client's tickets were created in ``[created_from, created_to)``."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.count_tickets(owner.id, access.scope_of(principal), created_from, created_to)


# --- the computation ---------------------------------------------------------------------------------


OptionsOf = Callable[[AgreementVersion, Agreement], ClockOptions | None]
"""The clock options (best-effort and excluded assets) of the tickets judged by a version."""


def clocks_of(
    tickets: Sequence[Ticket],
    versions: Sequence[AgreementVersion],
    agreements: AgreementCache,
    now: datetime,
    options_of: OptionsOf | None = None,
) -> list[TicketClocks]:
    """The clocks of ``tickets`` (with their events) as of ``now``, in the order given.

    ``versions`` are the activated versions of one agreement; each ticket is judged by the one in force
    at its creation (:class:`~servicepact.services.versions.VersionRule`).
    """
    rule = VersionRule.of(versions)
    in_force = rule.versions
    created = np.array([int(t.created_at.timestamp()) for t in tickets], dtype="datetime64[s]")
    groups: dict[int, list[int]] = {}
    for row, index in enumerate(rule.indexes(created).tolist()):
        groups.setdefault(index, []).append(row)

    out: list[TicketClocks | None] = [None] * len(tickets)
    instant = np.datetime64(int(now.timestamp()), "s")
    for index, rows in groups.items():
        members = [tickets[row] for row in rows]
        if index < 0:
            for row, ticket in zip(rows, members, strict=True):
                out[row] = _unjudged(ticket)
            continue
        version = in_force[index]
        agreement = agreements.agreement(version)
        options = options_of(version, agreement) if options_of is not None else None
        batch, events = tickets_to_batches(members, agreement)
        columns = _Columns.of(evaluate_clocks(agreement, batch, events, instant, options))
        for position, (row, ticket) in enumerate(zip(rows, members, strict=True)):
            out[row] = columns.judged(ticket, version, position)
        telemetry.count("clocks_computed", len(rows))
    return [t for t in out if t is not None]


def _unjudged(ticket: Ticket) -> TicketClocks:
    priority = next(
        (e.value for e in reversed(ticket.events) if e.type is EventType.PRIORITY), ticket.priority
    )
    return TicketClocks(ticket, None, priority, SlaStatus.NO_AGREEMENT, None, None, None, None)


@dataclass(frozen=True)
class _Columns:
    """The clock results as Python lists (converted a column at a time, not a value at a time)."""

    priority: list[object]
    response_due: list[datetime | None]
    responded_at: list[datetime | None]
    response_status: list[str]
    response_business: list[int | None]
    response_percent: list[float | None]
    resolution_due: list[datetime | None]
    resolved_at: list[datetime | None]
    resolution_status: list[str]
    resolution_business: list[int | None]
    resolution_percent: list[float | None]
    percent_used: list[float | None]
    after_hours: list[int | None]

    @classmethod
    def of(cls, r: ClockResults) -> _Columns:
        no_resolution_target = np.isnat(r.resolution_due)
        resolution_percent = np.where(no_resolution_target, np.nan, r.percent_used)
        return cls(
            priority=r.priority.tolist(),
            response_due=_instants(r.response_due),
            responded_at=_instants(r.responded_at),
            response_status=[str(s) for s in r.response_status.tolist()],
            response_business=_seconds(r.response_business),
            response_percent=_percents(r.response_percent_used),
            resolution_due=_instants(r.resolution_due),
            resolved_at=_instants(r.resolved_at),
            resolution_status=[str(s) for s in r.resolution_status.tolist()],
            resolution_business=_seconds(r.resolution_business),
            resolution_percent=_percents(resolution_percent),
            percent_used=_percents(r.percent_used),
            after_hours=_seconds(r.after_hours),
        )

    def judged(self, ticket: Ticket, version: AgreementVersion, row: int) -> TicketClocks:
        response = SlaClock(
            self.response_due[row],
            self.responded_at[row],
            self.response_status[row],
            self.response_business[row],
            self.response_percent[row],
        )
        resolution = SlaClock(
            self.resolution_due[row],
            self.resolved_at[row],
            self.resolution_status[row],
            self.resolution_business[row],
            self.resolution_percent[row],
        )
        priority = self.priority[row]
        return TicketClocks(
            ticket=ticket,
            version=version,
            priority=priority if isinstance(priority, str) else None,
            sla_status=sla_status((response, resolution)),
            percent_used=self.percent_used[row],
            response=response,
            resolution=resolution,
            after_hours_seconds=self.after_hours[row],
        )


def _instants(values: npt.NDArray[np.datetime64]) -> list[datetime | None]:
    seconds = values.astype("datetime64[s]").astype(np.int64).tolist()
    missing = np.isnat(values).tolist()
    return [
        None if gone else datetime.fromtimestamp(v, tz=UTC) for v, gone in zip(seconds, missing, strict=True)
    ]


def _seconds(values: npt.NDArray[np.timedelta64]) -> list[int | None]:
    seconds = values.astype("timedelta64[s]").astype(np.int64).tolist()
    missing = np.isnat(values).tolist()
    return [None if gone else int(v) for v, gone in zip(seconds, missing, strict=True)]


def _percents(values: npt.NDArray[np.float64]) -> list[float | None]:
    rounded = np.round(values.astype(np.float64), 2).tolist()
    return [None if v != v else float(v) for v in rounded]  # NaN is the one value unequal to itself


def _requirements(agreement: Agreement, assets: Sequence[Asset], now: datetime) -> ClockOptions:
    if agreement.client_requirements is None:
        return ClockOptions()
    return evaluate_requirements(agreement, assets, _today(agreement, now)).clock_options()


def _today(agreement: Agreement, now: datetime) -> date:
    if agreement.support is None:
        return now.date()
    return now.astimezone(agreement.calendar(agreement.support.calendar).timezone).date()


# --- reads -------------------------------------------------------------------------------------------


def _options_of(
    uow: UnitOfWork,
    client_id: int,
    scope: Scope,
    agreements: AgreementCache,
    tickets: Sequence[Ticket],
    now: datetime,
) -> OptionsOf:
    """Clock options from the client's asset requirements, when some ticket names an asset."""
    named = any(t.asset for t in tickets)

    def options_of(version: AgreementVersion, agreement: Agreement) -> ClockOptions | None:
        if not named or agreement.client_requirements is None:
            return None
        return agreements.options(
            client_id,
            version,
            _today(agreement, now),
            lambda: _requirements(agreement, _assets(uow, client_id, scope), now),
        )

    return options_of


def _assets(uow: UnitOfWork, client_id: int, scope: Scope) -> list[Asset]:
    """Every asset of the client, page by page (no cap: a missing asset would change a ticket's SLA)."""
    assets: list[Asset] = []
    while True:
        chunk = uow.records.assets(client_id, scope, Page(_BATCH, len(assets)))
        assets.extend(chunk)
        if len(chunk) < _BATCH:
            return assets


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise InputError(f"{instant.isoformat()} has no UTC offset")
    return instant.astimezone(UTC)
