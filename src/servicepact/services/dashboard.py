"""Read models of the web UI: a client's agreement in force, this month's figures, live clocks, a ticket's
timeline. Built from the stored records with the same domain engines as ``servicepact evaluate``.

Every read goes through :mod:`servicepact.services.access`, so a client user sees only their own client.

>>> overview = client_overview(uow, principal, "acme", read_agreement, now)  # doctest: +SKIP
>>> overview.evaluation.credits.total  # doctest: +SKIP
Decimal('225.00')
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any, cast
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import ClockOptions
from servicepact.domain.errors import InputError, NotFoundError
from servicepact.domain.evaluation import Evaluation, EvaluationInputs, Period, evaluate
from servicepact.domain.evaluation.requirements import evaluate_requirements
from servicepact.domain.lint import Finding, lint
from servicepact.domain.records import Asset, EventBatch, EventType, Ticket, TicketBatch
from servicepact.services import access
from servicepact.services.access import Principal
from servicepact.services.live_clocks import (
    AgreementCache,
    Clock,
    OptionsOf,
    SlaStatus,
    TicketClocks,
    clocks_of,
)
from servicepact.services.model import AgreementVersion, Client, Page
from servicepact.services.ports import AgreementParser, UnitOfWork

__all__ = [
    "AT_RISK_PERCENT",
    "AgreementInForce",
    "ClientData",
    "ClientOverview",
    "DataCache",
    "TicketTimeline",
    "TimelineEntry",
    "agreement_in_force",
    "client_data",
    "client_overview",
    "next_clock",
    "open_clocks",
    "parsed_version",
    "ticket_timeline",
    "tickets_to_batches",
]

AT_RISK_PERCENT = 75.0
"""A running clock that has used this share of its target is "at risk"."""

LOOKBACK = timedelta(days=62)
"""Tickets created this long before the period still show on live clocks when they are open."""

MAX_TICKETS = 10_000


@dataclass(frozen=True)
class AgreementInForce:
    """A stored version read back: the agreement (None when it no longer validates) and its findings."""

    version: AgreementVersion
    agreement: Agreement | None
    findings: tuple[Finding, ...]


@lru_cache(maxsize=64)
def _parse(
    parser: Hashable, sha256: str, text: str, language: str | None
) -> tuple[Agreement | None, tuple[Finding, ...]]:
    result = cast("AgreementParser", parser)(text, source=f"{sha256[:12]}.yaml")
    return result.agreement, tuple(lint(result, language=language))


def parsed_version(
    version: AgreementVersion, parser: AgreementParser, language: str | None = None
) -> AgreementInForce:
    """A version's agreement and lint findings (parsed once per text and language, then cached)."""
    agreement, findings = _parse(cast(Hashable, parser), version.sha256, version.text, language)
    return AgreementInForce(version, agreement, findings)


def agreement_in_force(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    parser: AgreementParser,
    at: datetime,
    *,
    language: str | None = None,
) -> AgreementInForce | None:
    """The version of the client's (first) agreement in force at ``at``, else its active one, else None."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        versions = uow.agreements.versions(owner.id, scope)
        keys = sorted({v.agreement_key for v in versions})
        for key in keys:
            version = uow.agreements.in_force_at(owner.id, key, at, scope) or uow.agreements.active(
                owner.id, key, scope
            )
            if version is not None:
                return parsed_version(version, parser, language)
    return None


@dataclass
class ClientData:
    """What is stored for a client over a span of time, as records and as columns."""

    client: Client
    tickets: list[Ticket]
    inputs: EvaluationInputs
    key: Hashable = None


def tickets_to_batches(tickets: Sequence[Ticket]) -> tuple[TicketBatch, EventBatch]:
    """The columnar form of stored tickets and their events (events in ticket order, then time)."""

    def objects(values: list[object]) -> npt.NDArray[np.object_]:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return array

    batch = TicketBatch(
        ids=objects([t.id for t in tickets]),
        created_at=np.array([int(t.created_at.timestamp()) for t in tickets], dtype="datetime64[s]"),
        priority=objects([t.priority for t in tickets]),
        client_priority=objects([t.client_priority for t in tickets]),
        service=objects([t.service for t in tickets]),
        asset=objects([t.asset for t in tickets]),
        impact=objects([t.impact for t in tickets]),
        urgency=objects([t.urgency for t in tickets]),
        title=objects([t.title for t in tickets]),
    )
    rows: list[int] = []
    at: list[int] = []
    types: list[int] = []
    values: list[object] = []
    for row, ticket in enumerate(tickets):
        for event in sorted(ticket.events, key=lambda e: e.at):
            rows.append(row)
            at.append(int(event.at.timestamp()))
            types.append(event.type.code)
            values.append(event.value)
    events = EventBatch(
        ticket=np.array(rows, dtype=np.int64),
        at=np.array(at, dtype="datetime64[s]"),
        type=np.array(types, dtype=np.int8),
        value=objects(values),
    )
    return batch, events


class DataCache:
    """Recently read :class:`ClientData`, keyed by client, span and the client's record counts (so any
    import or new event makes a new key). Bounded; safe to share between threads."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, data: Any) -> None:
        with self._lock:
            self._entries[key] = data
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def client_data(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    created_from: datetime | None = None,
    cache: DataCache | None = None,
) -> ClientData:
    """Tickets (with their events) created since ``created_from``, and every outage, backup run, restore
    test and asset of the client. At most :data:`MAX_TICKETS` tickets.

    With ``cache``, a read is reused while the client's record counts stay the same (reading months of
    hourly backup runs and every event costs more than evaluating them).
    """
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        key = None
        if cache is not None:
            key = (owner.id, created_from, uow.records.counts(owner.id, scope))
            if (found := cache.get(key)) is not None:
                return cast(ClientData, found)
        page = Page(MAX_TICKETS)
        tickets = uow.records.tickets_with_events(owner.id, scope, page, created_from)
        outages = uow.records.outages(owner.id, scope, page)
        runs = uow.records.backup_runs(owner.id, scope, page)
        restores = uow.records.restore_tests(owner.id, scope, page)
        assets = uow.records.assets(owner.id, scope, page)
    batch, events = tickets_to_batches(tickets)
    inputs = EvaluationInputs(
        tickets=batch, events=events, outages=outages, backup_runs=runs, restore_tests=restores, assets=assets
    )
    data = ClientData(owner, tickets, inputs, key)
    if cache is not None:
        cache.put(key, data)
    return data


@dataclass
class ClientOverview:
    """This month of one client: the evaluation so far, and its open tickets' clocks."""

    client: Client
    in_force: AgreementInForce | None
    period: Period | None = None
    evaluation: Evaluation | None = None
    clocks: list[TicketClocks] = field(default_factory=list)
    tickets: list[Ticket] = field(default_factory=list)
    inputs: EvaluationInputs | None = None
    evaluation_key: Hashable = None  # names this evaluation in a cache (None: not cached)
    judged: list[TicketClocks] = field(default_factory=list)

    @property
    def at_risk(self) -> list[TicketClocks]:
        return [c for c in self.clocks if c.sla_status is SlaStatus.AT_RISK]

    @property
    def breached_open(self) -> list[TicketClocks]:
        return [c for c in self.clocks if c.sla_status is SlaStatus.BREACHED]

    @property
    def zone(self) -> ZoneInfo:
        agreement = self.in_force.agreement if self.in_force else None
        if agreement is not None and agreement.support is not None:
            return agreement.calendar(agreement.support.calendar).timezone
        return ZoneInfo(self.client.time_zone)


def month_of(agreement: Agreement, at: datetime) -> Period:
    """The calendar month containing ``at``, in the support calendar's zone."""
    if agreement.support is None:
        raise InputError("the agreement has no `support` section")
    zone = agreement.calendar(agreement.support.calendar).timezone
    return Period.parse(f"{at.astimezone(zone):%Y-%m}", zone)


def client_overview(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    parser: AgreementParser,
    agreements: AgreementCache,
    now: datetime,
    *,
    period: Period | None = None,
    cache: DataCache | None = None,
    with_evaluation: bool = True,
) -> ClientOverview:
    """The evaluation of ``period`` (default: this month) so far and the live clocks of open tickets."""
    in_force = agreement_in_force(uow, principal, client, parser, now)
    with uow:
        owner = access.readable_client(uow, principal, client)
    overview = ClientOverview(owner, in_force)
    if in_force is None or in_force.agreement is None or in_force.agreement.support is None:
        return overview
    agreement = in_force.agreement
    chosen = period or month_of(agreement, now)
    data = client_data(uow, principal, client, chosen.start - LOOKBACK, cache)
    overview.period = chosen
    if with_evaluation:
        overview.evaluation, overview.evaluation_key = _evaluation(
            agreement, in_force.version, chosen, data, now, cache
        )
    with uow:
        versions = uow.agreements.versions(owner.id, access.scope_of(principal))
    # Only tickets whose resolution clock may still run need a live clock; the rest were judged in the
    # evaluation already.
    candidates = [t for t in data.tickets if _may_be_open(t)]
    judged = clocks_of(candidates, versions, agreements, now, requirement_options(data.inputs.assets, now))
    overview.tickets = data.tickets
    overview.inputs = data.inputs
    overview.judged = judged
    overview.clocks = open_clocks(judged)
    return overview


EVALUATION_REUSE = timedelta(seconds=60)


def _evaluation(
    agreement: Agreement,
    version: AgreementVersion,
    period: Period,
    data: ClientData,
    now: datetime,
    cache: DataCache | None,
) -> tuple[Evaluation, Hashable]:
    """The period's evaluation as of ``now``; with a cache, reused for up to a minute while the data and
    the version stay the same (the live clocks are always computed afresh)."""
    if cache is None or data.key is None:
        return evaluate(agreement, period, data.inputs, now), None
    bucket = int(now.timestamp() // EVALUATION_REUSE.total_seconds())
    key = ("evaluation", data.key, version.sha256, period.label, bucket)
    found = cache.get(key)
    if found is None:
        found = evaluate(agreement, period, data.inputs, now)
        cache.put(key, found)
    return found, key


def _may_be_open(ticket: Ticket) -> bool:
    """No resolution yet, or reopened after the last one."""
    resolved = [e.at for e in ticket.events if e.type is EventType.RESOLVED]
    if not resolved:
        return True
    reopened = [e.at for e in ticket.events if e.type is EventType.REOPENED]
    return bool(reopened) and max(reopened) > max(resolved)


def requirement_options(assets: Sequence[Asset], now: datetime) -> OptionsOf:
    """Clock options (best-effort and excluded assets) from the client requirements of the version that
    judges a ticket, on the local date of ``now``."""

    def options_of(version: AgreementVersion, agreement: Agreement) -> ClockOptions | None:
        if not assets or agreement.client_requirements is None:
            return None
        zone: tzinfo = agreement.calendar(agreement.support.calendar).timezone if agreement.support else UTC
        return evaluate_requirements(agreement, assets, now.astimezone(zone).date()).clock_options()

    return options_of


_URGENCY = {SlaStatus.BREACHED: 0, SlaStatus.AT_RISK: 1, SlaStatus.RUNNING: 2}


def open_clocks(judged: Sequence[TicketClocks]) -> list[TicketClocks]:
    """The tickets with a clock still running (or running late), most urgent first."""
    running = [
        c
        for c in judged
        if c.sla_status in _URGENCY
        and any(
            k is not None and k.stopped_at is None and k.due is not None for k in (c.response, c.resolution)
        )
    ]
    running.sort(key=lambda c: (_URGENCY[c.sla_status], -(c.percent_used or 0.0), c.ticket.created_at))
    return running


def next_clock(clocks: TicketClocks) -> tuple[str, Clock] | None:
    """The clock that matters next: the response while there is none, else the resolution."""
    if clocks.response is not None and clocks.response.stopped_at is None and clocks.response.due is not None:
        return "response", clocks.response
    if (
        clocks.resolution is not None
        and clocks.resolution.stopped_at is None
        and clocks.resolution.due is not None
    ):
        return "resolution", clocks.resolution
    return None


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a ticket's timeline: an event, a due line, or a pause."""

    at: datetime
    kind: str  # created, responded, acknowledged, status, priority, resolved, reopened, work, due, pause
    value: str | None = None
    minutes: int = 0
    after_hours_minutes: int = 0
    until: datetime | None = None
    paused: bool = False


@dataclass
class TicketTimeline:
    """A ticket, the version that judges it, its clocks and its timeline (time order)."""

    client: Client
    ticket: Ticket
    in_force: AgreementInForce | None
    entries: list[TimelineEntry]
    clocks: TicketClocks | None = None
    priority: str | None = None
    after_hours_minutes: int = 0
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))


def ticket_timeline(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    ticket_id: str,
    parser: AgreementParser,
    agreements: AgreementCache,
    now: datetime,
) -> TicketTimeline:
    """The timeline of one ticket, judged by the agreement version in force when it was created: its
    events, the pauses of its resolution clock, its due lines and the minutes of work outside the support
    calendar."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        ticket = uow.records.ticket(owner.id, ticket_id, scope)
        if ticket is None:
            raise NotFoundError(f"client {owner.slug} has no ticket {ticket_id!r}")
        versions = uow.agreements.versions(owner.id, scope)
        assets = uow.records.assets(owner.id, scope, Page(MAX_TICKETS)) if ticket.asset else []
    in_force = agreement_in_force(uow, principal, client, parser, ticket.created_at)
    timeline = TicketTimeline(owner, ticket, in_force, [], zone=ZoneInfo(owner.time_zone))
    agreement = in_force.agreement if in_force else None
    support = agreement.support if agreement is not None else None
    pause_states = set(support.pause_on) if support is not None else set()
    business = agreement.calendar(support.calendar) if agreement is not None and support is not None else None
    if business is not None:
        timeline.zone = business.timezone
    entries = [TimelineEntry(ticket.created_at, "created", ticket.priority)]
    pause_start: datetime | None = None
    for event in sorted(ticket.events, key=lambda e: e.at):
        outside = 0
        if event.type is EventType.WORK and business is not None and event.minutes:
            inside = business.between(event.at, event.at + timedelta(minutes=event.minutes))
            outside = event.minutes - int(inside.total_seconds() // 60)
            timeline.after_hours_minutes += outside
        paused = event.type is EventType.STATUS and (event.value or "") in pause_states
        ends_pause = event.type in (EventType.STATUS, EventType.RESOLVED) and not paused
        if pause_start is not None and ends_pause:
            entries.append(TimelineEntry(pause_start, "pause", until=event.at))
            pause_start = None
        if paused and pause_start is None:
            pause_start = event.at
        entries.append(
            TimelineEntry(event.at, event.type.value, event.value, event.minutes, outside, paused=paused)
        )
    if pause_start is not None:
        entries.append(TimelineEntry(pause_start, "pause", until=None))
    judged = clocks_of([ticket], versions, agreements, now, requirement_options(assets, now))[0]
    timeline.clocks = judged
    timeline.priority = judged.priority
    for name, clock in (("response", judged.response), ("resolution", judged.resolution)):
        if clock is not None and clock.due is not None:
            entries.append(TimelineEntry(clock.due, "due", name))
    entries.sort(key=lambda e: (e.at, e.kind == "due"))
    timeline.entries = entries
    return timeline
