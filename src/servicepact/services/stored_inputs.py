"""The one path from stored data to the engines: a client's inputs for a period, read in full.

Every surface that evaluates stored data (the dashboard, the web and API reports, ``servicepact report``,
``servicepact export``) reads through :func:`read_period` and turns tickets into batches with
:func:`tickets_to_batches`, so they all see the same rows:

- tickets created before the period's end that were created in it or have an event in it (and, for live
  clocks, those created earlier that are still open), with all their events;
- outages that meet the period (and the month before it, for Upptime's rolling windows);
- backup runs from the longest backup horizon of the agreement before the period (the last success before
  the period decides the RPO at its start), restore tests from the longest restore-test interval before
  its end; every asset.

Reads are bounded by time in SQL and paged to the end: no silent caps.

A month of two stored tickets (INC1's P1 resolution breached) of the shipped agreement, stored in the fake
unit of work by ``stored_month`` (the doctests' setup, in the project's ``conftest.py``):

>>> from servicepact import read_agreement
>>> from servicepact.testing import SYSTEM
>>> uow, now = stored_month()
>>> from servicepact.services.evaluation import period_of
>>> agreement = read_agreement(EXAMPLES / "northwind-acme.en.yaml").agreement
>>> stored = read_period(uow, SYSTEM, "acme", period_of(agreement, "2027-03"), agreement)
>>> len(stored.tickets), stored.inputs.tickets.ids[:1]
(2, array(['INC1'], dtype=object))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeVar

from servicepact.domain.agreement import Agreement
from servicepact.domain.evaluation import EvaluationInputs, Period
from servicepact.domain.records import (
    Asset,
    BackupRun,
    EventBatch,
    Outage,
    RestoreTest,
    Ticket,
    TicketBatch,
    tickets_as_columns,
)
from servicepact.services import access
from servicepact.services.model import Client, Page, Principal, Span
from servicepact.services.ports import UnitOfWork
from servicepact.services.sources import with_sources

__all__ = [
    "PAGE_ROWS",
    "StoredInputs",
    "as_of",
    "read_all_assets",
    "read_period",
    "record_spans",
    "tickets_to_batches",
]

PAGE_ROWS = 10_000
T = TypeVar("T")

OUTAGE_MARGIN = timedelta(days=31)
"""Outages read before the period: Upptime's month window ends at ``now`` and reaches a month back."""

MIN_BACKUP_HORIZON = timedelta(days=31)


@dataclass(frozen=True)
class StoredInputs:
    """What is stored for a client over a period, as records (``tickets``) and as engine inputs."""

    client: Client
    period: Period
    tickets: list[Ticket]
    inputs: EvaluationInputs


@dataclass(frozen=True)
class RecordSpans:
    """The spans of time each kind of record is read over for a period."""

    tickets: Span
    outages: Span
    backup_runs: Span
    restore_tests: Span


def record_spans(agreement: Agreement, period: Period) -> RecordSpans:
    """How far before ``period`` each kind of record matters to its evaluation under ``agreement``."""
    availability = agreement.availability
    horizons = [MIN_BACKUP_HORIZON]
    tests = [timedelta(0)]
    if availability is not None:
        horizons += [tier.rpo.wall_clock() for tier in availability.recovery if tier.rpo is not None]
        horizons += [backup.frequency.wall_clock() for backup in availability.backups]
        tests += [b.restore_test.wall_clock() for b in availability.backups if b.restore_test is not None]
    # A business-day duration is read as whole days here; twice the longest is more than any rule needs.
    backup_horizon = 2 * max(horizons)
    return RecordSpans(
        tickets=Span(period.start, period.end),
        outages=Span(period.start - OUTAGE_MARGIN, period.end),
        backup_runs=Span(period.start - backup_horizon, period.end),
        restore_tests=Span(period.start - 2 * max(tests) - MIN_BACKUP_HORIZON, period.end),
    )


def read_period(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    period: Period,
    agreement: Agreement,
    *,
    open_before: bool = False,
    now: datetime | None = None,
) -> StoredInputs:
    """Every stored row of ``client`` that the evaluation of ``period`` under ``agreement`` reads.

    ``open_before`` adds the tickets created before the period that are still open (live clocks).
    With ``now``, the rows as they stood then (see :func:`as_of`): a report as of an earlier instant
    sees what ``evaluate --now`` on the files would see.
    """
    spans = record_spans(agreement, period)
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        records = uow.records
        tickets: list[Ticket] = _all(
            lambda page: records.period_tickets(owner.id, scope, page, spans.tickets, open_before=open_before)
        )
        outages = _all(lambda page: records.outages(owner.id, scope, page, spans.outages))
        runs = _all(lambda page: records.backup_runs(owner.id, scope, page, spans.backup_runs))
        restores = _all(lambda page: records.restore_tests(owner.id, scope, page, spans.restore_tests))
        assets = _all(lambda page: records.assets(owner.id, scope, page))
        if now is not None:
            tickets, outages, runs, restores = as_of(now, tickets, outages, runs, restores)
        batch, events = tickets_to_batches(tickets, agreement)
        inputs = EvaluationInputs(
            tickets=batch,
            events=events,
            outages=outages,
            backup_runs=runs,
            restore_tests=restores,
            assets=assets,
        )
        # No data is not success (spec §3): uptime over the stored coverage only; backups need a source.
        inputs = with_sources(uow, owner.id, scope, inputs)
    return StoredInputs(owner, period, tickets, inputs)


def as_of(
    now: datetime,
    tickets: Sequence[Ticket],
    outages: Sequence[Outage],
    runs: Sequence[BackupRun],
    restores: Sequence[RestoreTest],
) -> tuple[list[Ticket], list[Outage], list[BackupRun], list[RestoreTest]]:
    """The records as they stood at ``now``: tickets created and events made by then; outages begun by
    then (still going on if they ended later, unannounced if announced later); backup runs finished and
    restore tests made by then. Nothing after ``now`` is stored by an import, but a report or an export
    may be asked as of an earlier instant."""
    kept_tickets = [
        t
        if all(e.at <= now for e in t.events)
        else replace(t, events=tuple(e for e in t.events if e.at <= now))
        for t in tickets
        if t.created_at <= now
    ]
    kept_outages = []
    for outage in outages:
        if outage.start > now:
            continue
        if outage.end is not None and outage.end > now:
            outage = replace(outage, end=None)
        if outage.announced_at is not None and outage.announced_at > now:
            outage = replace(outage, announced_at=None)
        kept_outages.append(outage)
    return (
        kept_tickets,
        kept_outages,
        [r for r in runs if r.finished_at <= now],
        [r for r in restores if r.at <= now],
    )


def read_all_assets(uow: UnitOfWork, principal: Principal, client: str) -> list[Asset]:
    """Every asset of the client (the client requirements judge tickets on them)."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        return _all(lambda page: uow.records.assets(owner.id, scope, page))


def _all(read: Callable[[Page], Sequence[T]]) -> list[T]:
    """Every row of a paged listing."""
    rows: list[T] = []
    while True:
        page = read(Page(PAGE_ROWS, len(rows)))
        rows.extend(page)
        if len(page) < PAGE_ROWS:
            return rows


def tickets_to_batches(
    tickets: Sequence[Ticket], agreement: Agreement | None = None
) -> tuple[TicketBatch, EventBatch]:
    """The columnar form of stored tickets and their events (events in ticket order, then time).

    With ``agreement``, a ticket stored with impact and urgency but no priority takes the priority its
    matrix gives (as the file readers do).
    """
    matrix = agreement.priorities if agreement is not None else None
    priorities: list[str | None] = []
    for ticket in tickets:
        priority = ticket.priority
        if (
            priority is None
            and matrix is not None
            and ticket.impact is not None
            and ticket.urgency is not None
        ):
            priority = matrix.from_matrix(ticket.impact, ticket.urgency)
        priorities.append(priority)
    batch, events, _external_ids = tickets_as_columns(tickets, priorities, events_by_time=True)
    return batch, events
