"""Use case: the SLA report of one client and period from the stored records (issue 5 over issue 4).

The agreement is the client's version in force at the end of the period (else its active one); the
records are the tickets created from :data:`LOOKBACK` before the period to its end (with their events),
and every outage, backup run, restore test and asset of the client. The evaluation is the same
:func:`~servicepact.services.evaluation.evaluate_period` as ``servicepact evaluate`` runs on files.

>>> stored = stored_period(uow, principal, "acme", "2027-03", read_agreement, now)  # doctest: +SKIP
>>> stored.evaluation.credits.total  # doctest: +SKIP
Decimal('225.00')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from servicepact.domain.agreement import Agreement
from servicepact.domain.errors import InputError, NotFoundError
from servicepact.domain.evaluation import Evaluation, EvaluationInputs, Period
from servicepact.domain.records import Ticket
from servicepact.services import access
from servicepact.services.access import Principal
from servicepact.services.dashboard import agreement_in_force, tickets_to_batches
from servicepact.services.evaluation import UptimeConvention, evaluate_period, period_of
from servicepact.services.model import AgreementVersion, Page
from servicepact.services.ports import AgreementParser, UnitOfWork
from servicepact.services.sources import with_sources

__all__ = ["LOOKBACK", "StoredPeriod", "stored_period"]

LOOKBACK = timedelta(days=62)
"""Tickets created this long before the period are read too: their events in the period count for the
reopen rate and for billing (as with the dashboard's live clocks)."""

PAGE_ROWS = 10_000
T = TypeVar("T")


@dataclass(frozen=True)
class StoredPeriod:
    """A client's period evaluated from stored records, with what the report's charts need."""

    client: str
    version: AgreementVersion
    agreement: Agreement
    period: Period
    inputs: EvaluationInputs
    evaluation: Evaluation


def stored_period(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    period: str,
    parser: AgreementParser,
    now: datetime,
    convention: UptimeConvention = UptimeConvention.SERVICEPACT,
) -> StoredPeriod:
    """Evaluate ``period`` (``2027-03``, ``2027-Q1``, ``A..B`` in the support calendar's zone) of a client
    as of ``now``; :class:`NotFoundError` when the client has no agreement, :class:`InputError` when the
    stored agreement no longer validates or the period cannot be read."""
    current = agreement_in_force(uow, principal, client, parser, now)
    if current is None:
        raise NotFoundError(f"client {client} has no agreement, so there is nothing to report on")
    if current.agreement is None:
        raise InputError(f"the agreement of client {client} does not validate; fix it before reporting")
    chosen = period_of(current.agreement, period)
    last_instant = min(now, chosen.end - timedelta(seconds=1))
    in_force = agreement_in_force(uow, principal, client, parser, last_instant) or current
    agreement = in_force.agreement
    if agreement is None:
        raise InputError(
            f"version {in_force.version.number} of the agreement of client {client}, in force at the end "
            f"of {chosen.label}, does not validate"
        )
    chosen = period_of(agreement, period)
    inputs = _inputs(uow, principal, client, chosen)
    evaluation = evaluate_period(agreement, chosen, inputs, now, convention)
    return StoredPeriod(client, in_force.version, agreement, chosen, inputs, evaluation)


def _inputs(uow: UnitOfWork, principal: Principal, client: str, period: Period) -> EvaluationInputs:
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        records = uow.records
        tickets: list[Ticket] = _all(
            lambda page: records.tickets_with_events(
                owner.id, scope, page, period.start - LOOKBACK, period.end
            )
        )
        outages = _all(lambda page: records.outages(owner.id, scope, page))
        runs = _all(lambda page: records.backup_runs(owner.id, scope, page))
        restores = _all(lambda page: records.restore_tests(owner.id, scope, page))
        assets = _all(lambda page: records.assets(owner.id, scope, page))
        batch, events = tickets_to_batches(tickets)
        inputs = EvaluationInputs(
            tickets=batch,
            events=events,
            outages=outages,
            backup_runs=runs,
            restore_tests=restores,
            assets=assets,
        )
        # No data is not success: uptime over the stored coverage only; backups need a source.
        return with_sources(uow, owner.id, scope, inputs)


def _all(read: Callable[[Page], Sequence[T]]) -> list[T]:
    """Every row of a paged listing."""
    rows: list[T] = []
    while True:
        page = read(Page(PAGE_ROWS, len(rows)))
        rows.extend(page)
        if len(page) < PAGE_ROWS:
            return rows
