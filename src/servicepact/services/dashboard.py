"""Read models of the web UI: a client's agreement in force, this month's figures, live clocks, a ticket's
timeline. Built from the stored records with the same domain engines as ``servicepact evaluate``.

Every read goes through :mod:`servicepact.services.access`, so a client user sees only their own client.

A month of two stored tickets (INC1's P1 resolution breached) of the shipped agreement, stored in the fake
unit of work by ``stored_month`` (the doctests' setup, in the project's ``conftest.py``):

>>> from servicepact import read_agreement
>>> from servicepact.testing import SYSTEM
>>> uow, now = stored_month()
>>> from servicepact.services.live_clocks import AgreementCache
>>> overview = client_overview(uow, SYSTEM, "acme", read_agreement, AgreementCache(read_agreement), now)
>>> overview.evaluation.credits.total
Decimal('225.00')
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

import numpy as np

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import ClockOptions
from servicepact.domain.clocks.pauses import resolution_pauses
from servicepact.domain.clocks.status import SlaStatus
from servicepact.domain.errors import InputError, NotFoundError
from servicepact.domain.evaluation import Evaluation, EvaluationInputs, Period
from servicepact.domain.evaluation.requirements import evaluate_requirements
from servicepact.domain.records import Asset, EventType, Ticket, TicketEvent
from servicepact.services import access
from servicepact.services.live_clocks import (
    AgreementCache,
    OptionsOf,
    SlaClock,
    TicketClocks,
    clocks_of,
)
from servicepact.services.model import AgreementVersion, Client, Principal
from servicepact.services.ports import AgreementParser, UnitOfWork
from servicepact.services.reports import StoredPeriods, judged_period, stored_period
from servicepact.services.stored_inputs import read_all_assets, read_period, tickets_to_batches
from servicepact.services.versions import AgreementInForce, client_rule, parsed_version

__all__ = [
    "AgreementInForce",
    "ClientOverview",
    "TicketTimeline",
    "TimelineEntry",
    "agreement_in_force",
    "client_overview",
    "next_clock",
    "open_clocks",
    "parsed_version",
    "ticket_timeline",
    "tickets_to_batches",
]


def agreement_in_force(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    parser: AgreementParser,
    at: datetime,
    *,
    language: str | None = None,
) -> AgreementInForce | None:
    """The version of the client's agreement in force at ``at`` (spec §6), or None before the first."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        version = client_rule(uow, principal, owner).at(at)
    return parsed_version(version, parser, language) if version is not None else None


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
    problem: str | None = None  # why there are no figures, where it is not "no agreement"

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


def client_overview(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    parser: AgreementParser,
    agreements: AgreementCache,
    now: datetime,
    *,
    period: Period | str | None = None,
    cache: StoredPeriods | None = None,
    with_evaluation: bool = True,
) -> ClientOverview:
    """The evaluation of ``period`` (default: this month) so far and the live clocks of open tickets.

    The evaluation is :func:`~servicepact.services.reports.stored_period`'s, the same as the reports'.
    """
    with uow:
        owner = access.readable_client(uow, principal, client)
    overview = ClientOverview(owner, None)
    try:
        judged = judged_period(uow, principal, client, period, parser, now)
    except NotFoundError:
        return overview
    except InputError as problem:
        # One client whose agreements cannot be told apart must not take the dashboard of every client
        # down: its card says what is wrong.
        overview.problem = problem.message
        return overview
    overview.in_force = judged.in_force
    agreement = judged.in_force.agreement
    if agreement is None or agreement.support is None:
        return overview
    overview.period = judged.period
    if with_evaluation:
        stored = stored_period(
            uow, principal, client, judged.period, parser, now, open_before=True, cache=cache
        )
        overview.evaluation, overview.evaluation_key = stored.evaluation, stored.key
        tickets, inputs = list(stored.tickets), stored.inputs
    else:
        read = read_period(uow, principal, client, judged.period, agreement, open_before=True, now=now)
        tickets, inputs = read.tickets, read.inputs
    # Only tickets whose resolution clock may still run need a live clock; the rest were judged in the
    # evaluation already.
    candidates = [t for t in tickets if _may_be_open(t)]
    judged_clocks = clocks_of(
        candidates, judged.rule.versions, agreements, now, requirement_options(inputs.assets, now)
    )
    overview.tickets = tickets
    overview.inputs = inputs
    overview.judged = judged_clocks
    overview.clocks = open_clocks(judged_clocks)
    return overview


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


def next_clock(clocks: TicketClocks) -> tuple[str, SlaClock] | None:
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
    events, the pauses of its resolution clock (as the clock engine counts them), its due lines and its
    after-hours work (as the clock engine counts it)."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        ticket = uow.records.ticket(owner.id, ticket_id, scope)
        if ticket is None:
            raise NotFoundError(f"client {owner.slug} has no ticket {ticket_id!r}")
        rule = client_rule(uow, principal, owner)
    assets = read_all_assets(uow, principal, client) if ticket.asset else []
    version = rule.at(ticket.created_at)
    in_force = parsed_version(version, parser) if version is not None else None
    timeline = TicketTimeline(owner, ticket, in_force, [], zone=ZoneInfo(owner.time_zone))
    agreement = in_force.agreement if in_force else None
    support = agreement.support if agreement is not None else None
    if agreement is not None and support is not None:
        timeline.zone = agreement.calendar(support.calendar).timezone
    pause_states = set(support.pause_on) if support is not None else set()
    events_in_order = sorted(ticket.events, key=lambda e: e.at)
    outside = _after_hours_minutes(agreement, events_in_order)
    entries = [TimelineEntry(ticket.created_at, "created", ticket.priority)]
    for position, event in enumerate(events_in_order):
        paused = event.type is EventType.STATUS and (event.value or "") in pause_states
        entries.append(
            TimelineEntry(
                event.at,
                event.type.value,
                event.value,
                event.minutes,
                outside.get(position, 0),
                paused=paused,
            )
        )
    if agreement is not None:
        batch, events = tickets_to_batches([ticket], agreement)
        instant = np.datetime64(int(now.timestamp()), "s")
        starts, ends, _ = resolution_pauses(agreement, batch, events, instant)
        for start, end in zip(starts.astype(np.int64).tolist(), ends.astype(np.int64).tolist(), strict=True):
            until = datetime.fromtimestamp(end, tz=UTC)
            # A pause that lasts until now is still going on: drawn open-ended.
            entries.append(
                TimelineEntry(
                    datetime.fromtimestamp(start, tz=UTC), "pause", until=None if until >= now else until
                )
            )
    judged = clocks_of([ticket], rule.versions, agreements, now, requirement_options(assets, now))[0]
    timeline.clocks = judged
    timeline.priority = judged.priority
    timeline.after_hours_minutes = (judged.after_hours_seconds or 0) // 60
    for name, clock in (("response", judged.response), ("resolution", judged.resolution)):
        if clock is not None and clock.due is not None:
            entries.append(TimelineEntry(clock.due, "due", name))
    entries.sort(key=lambda e: (e.at, e.kind == "due"))
    timeline.entries = entries
    return timeline


def _after_hours_minutes(agreement: Agreement | None, events: Sequence[TicketEvent]) -> dict[int, int]:
    """Minutes of each work entry (by position) outside the support calendar's service days (spec 1.1
    §2: a break inside an open day is not after hours), as the billing and the clock engine count them."""
    if agreement is None or agreement.support is None:
        return {}
    work = [(i, e) for i, e in enumerate(events) if e.type is EventType.WORK and e.minutes > 0]
    if not work:
        return {}
    starts = np.array([int(e.at.timestamp()) for _, e in work], dtype="datetime64[s]")
    ends = starts + np.array([e.minutes * 60 for _, e in work], dtype="timedelta64[s]")
    calendar = agreement.calendar(agreement.support.calendar)
    rows, part_starts, part_ends = calendar.outside_service_days_many(starts, ends)
    seconds = np.bincount(rows, weights=(part_ends - part_starts).astype(np.int64), minlength=len(work))
    return {work[row][0]: int(seconds[row]) // 60 for row in range(len(work)) if seconds[row] > 0}
