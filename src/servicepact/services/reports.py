"""Use case: one client's period evaluated from the stored records: the one path every surface takes.

The dashboard, the web report, the API report, ``servicepact report`` and ``servicepact export`` all call
:func:`stored_period`, so they see the same rows (:func:`~servicepact.services.stored_inputs.read_period`),
the same versions (:mod:`servicepact.services.versions`: the period by the version in force at its last
instant or ``now``, each ticket by the version in force at its creation) and the same engine
(:func:`~servicepact.services.evaluation.evaluate_period`, which ``servicepact evaluate`` runs on files).

A month of two stored tickets (INC1's P1 resolution breached) of the shipped agreement, stored in the fake
unit of work by ``stored_month`` (the doctests' setup, in the project's ``conftest.py``):

>>> from servicepact import read_agreement
>>> from servicepact.testing import SYSTEM
>>> uow, now = stored_month()
>>> stored = stored_period(uow, SYSTEM, "acme", "2027-03", read_agreement, now)
>>> stored.evaluation.credits.total
Decimal('225.00')
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import TicketJudges
from servicepact.domain.errors import InputError, Location, NotFoundError
from servicepact.domain.evaluation import Evaluation, EvaluationInputs, Period
from servicepact.domain.records import Ticket
from servicepact.services import access
from servicepact.services.evaluation import UptimeConvention, evaluate_period, period_of
from servicepact.services.model import AgreementVersion, Client, Principal, Role
from servicepact.services.ports import AgreementParser, UnitOfWork
from servicepact.services.revision_cache import RevisionCache
from servicepact.services.stored_inputs import StoredInputs, read_period
from servicepact.services.versions import AgreementInForce, VersionRule, client_rule, parsed_version

__all__ = [
    "MAX_REPORT_MONTHS",
    "MAX_STAFF_REPORT_MONTHS",
    "JudgedPeriod",
    "StoredPeriod",
    "StoredPeriods",
    "check_period_length",
    "client_zone",
    "judged_period",
    "stored_period",
]


@dataclass(frozen=True)
class StoredPeriod:
    """A client's period evaluated from stored records, with what the report's charts need."""

    client: str
    version: AgreementVersion
    agreement: Agreement
    period: Period
    inputs: EvaluationInputs
    evaluation: Evaluation
    tickets: tuple[Ticket, ...] = ()
    key: Hashable = None  # names this evaluation in a cache (None: not cached)


StoredPeriods = RevisionCache[StoredPeriod]
"""Evaluations kept per data revision, caller scope, client, period and minute of ``now``."""

MAX_REPORT_MONTHS = 13
"""The longest period a client user may ask for: a year and the month before it (a 200-year report took
54 s of a server's time)."""

MAX_STAFF_REPORT_MONTHS = 120
"""The longest period staff may ask for over HTTP (ten years), so that no request's work is unbounded.
The command line (a principal without a user) is not capped: it spends its own process's time."""

REUSE_SECONDS = 60
"""A kept evaluation is reused within the same minute of ``now`` while the data stay the same."""


@dataclass(frozen=True)
class JudgedPeriod:
    """A period of a client with the version that judges it (spec §6)."""

    owner: Client
    rule: VersionRule
    period: Period
    in_force: AgreementInForce


def judged_period(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    period: str | Period | None,
    parser: AgreementParser,
    now: datetime,
    *,
    agreement_key: str | None = None,
) -> JudgedPeriod:
    """The version that judges ``period`` (None: the month of ``now``), read in its calendar's zone.

    :class:`NotFoundError` when no version of the client's agreement covers the period.
    """
    with uow:
        owner = access.readable_client(uow, principal, client)
        rule = client_rule(uow, principal, owner, agreement_key)
    if not rule.versions:
        raise NotFoundError(f"client {owner.slug} has no agreement, so there is nothing to report on")
    latest = _agreement(parsed_version(rule.versions[-1], parser).agreement, rule.versions[-1], owner)
    label = period if period is not None else f"{now.astimezone(_zone(latest)):%Y-%m}"
    chosen = period_of(latest, label)
    check_period_length(principal, chosen)
    version = rule.for_period(chosen.end, now)
    if version is None:
        first = rule.versions[0].effective_from
        raise NotFoundError(
            f"no agreement of client {owner.slug} was in force in {chosen.label}; the first version takes "
            f"effect at {first.isoformat() if first else '?'}"
        )
    in_force = parsed_version(version, parser)
    if in_force.agreement is not None and in_force.agreement.support is not None:
        chosen = period_of(in_force.agreement, label if isinstance(label, str) else chosen)
    return JudgedPeriod(owner, rule, chosen, in_force)


def check_period_length(principal: Principal, period: Period) -> None:
    """Raise :class:`InputError` naming ``period`` when it is longer than ``principal`` may ask for."""
    if principal.user_id is None:
        return
    staff = principal.role is not Role.CLIENT
    cap = MAX_STAFF_REPORT_MONTHS if staff else MAX_REPORT_MONTHS
    first, end = period.first_day, period.end_day
    months = (end.year - first.year) * 12 + end.month - first.month
    if months > cap or (months == cap and end.day > first.day):
        advice = "ask for a shorter one" if staff else "ask your provider for a longer one"
        raise InputError(
            f"period {period.label!r} is too long: a report covers at most {cap} months; {advice}",
            location=Location(path="period"),
        )


def stored_period(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    period: str | Period | None,
    parser: AgreementParser,
    now: datetime,
    convention: UptimeConvention = UptimeConvention.SERVICEPACT,
    *,
    agreement_key: str | None = None,
    open_before: bool = False,
    cache: StoredPeriods | None = None,
) -> StoredPeriod:
    """Evaluate ``period`` (``2027-03``, ``2027-Q1``, ``A..B`` in the support calendar's zone; None: this
    month) of a client as of ``now``.

    :class:`NotFoundError` when no version of the client's agreement covers the period,
    :class:`InputError` when the version that judges it no longer validates or the period cannot be read.
    ``open_before`` also reads the tickets created before the period that are still open (live clocks).
    """
    judged = judged_period(uow, principal, client, period, parser, now, agreement_key=agreement_key)
    owner, rule, chosen, version = judged.owner, judged.rule, judged.period, judged.in_force.version
    agreement = _agreement(judged.in_force.agreement, version, owner)

    def compute() -> StoredPeriod:
        stored = read_period(uow, principal, client, chosen, agreement, open_before=open_before, now=now)
        judges = _judges(rule, stored, parser, owner)
        inputs = _matrix_priorities(stored, judges)
        evaluation = evaluate_period(agreement, chosen, inputs, now, convention, judges)
        return StoredPeriod(
            owner.slug,
            version,
            agreement,
            chosen,
            inputs,
            evaluation,
            tuple(stored.tickets),
        )

    if cache is None:
        return compute()
    with uow:
        revision = uow.data_revision()
    scope = access.scope_of(principal)
    minute = int(now.timestamp()) // REUSE_SECONDS
    key = (
        revision,
        scope,
        owner.id,
        agreement_key,
        chosen.label,
        open_before,
        convention,
        minute,
        version.sha256,
    )
    return replace(cache.get(key, compute), key=key)


def client_zone(uow: UnitOfWork, principal: Principal, client: str, parser: AgreementParser) -> ZoneInfo:
    """The zone a client's local times are read in (a ``--now`` without offset, like a period): the
    support calendar's of its latest activated version, else the client's own."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        rule = client_rule(uow, principal, owner)
    agreement = parsed_version(rule.versions[-1], parser).agreement if rule.versions else None
    if agreement is not None and agreement.support is not None:
        return _zone(agreement)
    return ZoneInfo(owner.time_zone)


def _zone(agreement: Agreement) -> ZoneInfo:
    if agreement.support is None:
        raise InputError("the agreement has no `support` section, so no calendar to read the period in")
    return agreement.calendar(agreement.support.calendar).timezone


def _agreement(agreement: Agreement | None, version: AgreementVersion, owner: Client) -> Agreement:
    if agreement is None:
        raise InputError(
            f"version {version.number} of the agreement of client {owner.slug} does not validate; fix it "
            "before reporting"
        )
    return agreement


def _matrix_priorities(stored: StoredInputs, judges: TicketJudges) -> EvaluationInputs:
    """A ticket stored with impact and urgency but no priority takes the priority of the matrix of the
    version that judges it (as the ticket list and ``evaluate`` do)."""
    batch = stored.inputs.tickets
    priority = batch.priority.copy()
    changed = False
    for row, ticket in enumerate(stored.tickets):
        if ticket.priority is not None or ticket.impact is None or ticket.urgency is None:
            continue
        judge = int(judges.index[row])
        matrix = judges.agreements[judge].priorities if judge >= 0 else None
        found = matrix.from_matrix(ticket.impact, ticket.urgency) if matrix is not None else None
        if found != priority[row]:
            priority[row], changed = found, True
    if not changed:
        return stored.inputs
    return replace(stored.inputs, tickets=replace(batch, priority=priority))


def _judges(rule: VersionRule, stored: StoredInputs, parser: AgreementParser, owner: Client) -> TicketJudges:
    """Spec §6: the agreement of the version in force at each ticket's creation (-1 before the first)."""
    index = rule.indexes(stored.inputs.tickets.created_at)
    used = sorted({int(i) for i in np.unique(index) if i >= 0})
    agreements = tuple(
        _agreement(parsed_version(rule.versions[i], parser).agreement, rule.versions[i], owner) for i in used
    )
    place = {version: position for position, version in enumerate(used)}
    return TicketJudges(agreements, np.array([place.get(int(i), -1) for i in index], dtype=np.int64))
