"""Ticket metrics of a period (spec §3) from the clocks of ``evaluate_clocks``.

The period's tickets are those created in ``[start, end)``. Ratios count the clocks that are ``met`` or
``breached`` (running clocks, best-effort and out-of-scope tickets are left out); mean times are the
mean business time of the stopped clocks (met or breached with a stop instant). ``reopen_rate`` counts
tickets with a ``reopened`` event in the period over tickets with a ``resolved`` event in the period.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import Handling
from servicepact.domain.clocks import ClockResults, ClockStatus
from servicepact.domain.clocks.scope import TicketScope
from servicepact.domain.evaluation.metrics import MetricValue, Unit, iso_z
from servicepact.domain.evaluation.period import Period
from servicepact.domain.records import EventBatch, EventType, TicketBatch

Mask = npt.NDArray[np.bool_]


class Scope(enum.StrEnum):
    IN_SCOPE = "in_scope"
    BEST_EFFORT = "best_effort"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class PriorityStats:
    """The ticket metrics of one priority."""

    priority: str
    tickets: int
    response_within_target: MetricValue
    resolution_within_target: MetricValue
    mean_response_time: MetricValue
    mean_resolution_time: MetricValue

    def to_dict(self) -> dict[str, Any]:
        return {
            "priority": self.priority,
            "tickets": self.tickets,
            "response_within_target": self.response_within_target.to_dict(),
            "resolution_within_target": self.resolution_within_target.to_dict(),
            "mean_response_time": self.mean_response_time.to_dict(),
            "mean_resolution_time": self.mean_resolution_time.to_dict(),
        }


@dataclass(frozen=True)
class TicketEntry:
    """One ticket as the report lists it."""

    id: str
    priority: str | None
    client_priority: str | None
    created_at: int
    service: str | None
    asset: str | None
    response_status: str
    resolution_status: str
    response_due: int | None
    responded_at: int | None
    resolution_due: int | None
    resolved_at: int | None
    reason: str | None = None
    handling: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "priority": self.priority,
            "client_priority": self.client_priority,
            "created_at": iso_z(self.created_at),
            "service": self.service,
            "asset": self.asset,
            "response_status": self.response_status,
            "resolution_status": self.resolution_status,
            "response_due": iso_z(self.response_due),
            "responded_at": iso_z(self.responded_at),
            "resolution_due": iso_z(self.resolution_due),
            "resolved_at": iso_z(self.resolved_at),
            "reason": self.reason,
            "handling": self.handling,
        }


@dataclass(frozen=True)
class Dispute:
    """A ticket whose client asked for another priority than the one assigned."""

    ticket_id: str
    created_at: int
    client_priority: str
    assigned_priority: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ticket": self.ticket_id,
            "created_at": iso_z(self.created_at),
            "client_priority": self.client_priority,
            "assigned_priority": self.assigned_priority,
        }


@dataclass(frozen=True)
class TicketMetrics:
    """Everything the period's tickets say (see the module docstring)."""

    created: int
    in_scope: int
    response_within_target: MetricValue
    resolution_within_target: MetricValue
    mean_response_time: MetricValue
    mean_resolution_time: MetricValue
    reopen_rate: MetricValue
    priority_agreement: MetricValue
    csat: MetricValue
    by_priority: tuple[PriorityStats, ...]
    disputes: tuple[Dispute, ...]
    breached: tuple[TicketEntry, ...]
    best_effort: tuple[TicketEntry, ...]
    out_of_scope: tuple[TicketEntry, ...]

    def metrics(self) -> tuple[MetricValue, ...]:
        return (
            self.response_within_target,
            self.resolution_within_target,
            self.mean_response_time,
            self.mean_resolution_time,
            self.reopen_rate,
            self.priority_agreement,
            self.csat,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "in_scope": self.in_scope,
            "by_priority": [stats.to_dict() for stats in self.by_priority],
            "disputes": [dispute.to_dict() for dispute in self.disputes],
            "breached": [entry.to_dict() for entry in self.breached],
            "best_effort": [entry.to_dict() for entry in self.best_effort],
            "out_of_scope": [entry.to_dict() for entry in self.out_of_scope],
        }


def ticket_metrics(
    agreement: Agreement,
    period: Period,
    tickets: TicketBatch,
    events: EventBatch,
    clocks: ClockResults,
    scope: TicketScope,
    now: int,
    satisfaction: Mapping[str, float | int | Decimal] | None = None,
) -> TicketMetrics:
    """The ticket metrics of ``period`` as of ``now`` (epoch seconds)."""
    created_at = clocks.created_at.astype(np.int64)
    in_period = (created_at >= period.start_seconds) & (created_at < period.end_seconds)
    counted = in_period & scope.in_scope
    response_status = clocks.response_status
    resolution_status = clocks.resolution_status
    response_met = response_status == ClockStatus.MET
    response_breached = response_status == ClockStatus.BREACHED
    resolution_met = resolution_status == ClockStatus.MET
    resolution_breached = resolution_status == ClockStatus.BREACHED
    response_stopped = (response_met | response_breached) & ~np.isnat(clocks.responded_at)
    resolution_stopped = (resolution_met | resolution_breached) & ~np.isnat(clocks.resolved_at)
    response_seconds = clocks.response_business.astype(np.int64)
    resolution_seconds = clocks.resolution_business.astype(np.int64)

    def stats(rows: Mask) -> tuple[MetricValue, MetricValue, MetricValue, MetricValue]:
        return (
            MetricValue.ratio(
                "response_within_target",
                int((rows & response_met).sum()),
                int((rows & (response_met | response_breached)).sum()),
            ),
            MetricValue.ratio(
                "resolution_within_target",
                int((rows & resolution_met).sum()),
                int((rows & (resolution_met | resolution_breached)).sum()),
            ),
            MetricValue.mean(
                "mean_response_time",
                int(response_seconds[rows & response_stopped].sum()),
                int((rows & response_stopped).sum()),
            ),
            MetricValue.mean(
                "mean_resolution_time",
                int(resolution_seconds[rows & resolution_stopped].sum()),
                int((rows & resolution_stopped).sum()),
            ),
        )

    priority = clocks.priority
    listed = agreement.priority_ids()
    seen = {p for p in priority[counted].tolist() if isinstance(p, str)}
    levels = [p for p in listed if p in seen] + sorted(seen - set(listed))
    by_priority = []
    for level in levels:
        rows = counted & (priority == level)
        by_priority.append(PriorityStats(level, int(rows.sum()), *stats(rows)))
    response, resolution, mean_response, mean_resolution = stats(counted)

    reopen = _reopen_rate(period, events, scope.in_scope, now)
    agreement_metric, disputes = _priority_agreement(tickets, clocks, in_period)
    csat = _csat(tickets, in_period & scope.in_scope, satisfaction)

    breached = in_period & scope.in_scope & (response_breached | resolution_breached)
    return TicketMetrics(
        created=int(in_period.sum()),
        in_scope=int(counted.sum()),
        response_within_target=response,
        resolution_within_target=resolution,
        mean_response_time=mean_response,
        mean_resolution_time=mean_resolution,
        reopen_rate=reopen,
        priority_agreement=agreement_metric,
        csat=csat,
        by_priority=tuple(by_priority),
        disputes=disputes,
        breached=_entries(tickets, clocks, scope, breached),
        best_effort=_entries(tickets, clocks, scope, in_period & scope.best_effort),
        out_of_scope=_entries(tickets, clocks, scope, in_period & scope.out_of_scope),
    )


def _reopen_rate(period: Period, events: EventBatch, in_scope: Mask, now: int) -> MetricValue:
    at = events.at.astype("datetime64[s]").astype(np.int64)
    inside = (at >= period.start_seconds) & (at < min(period.end_seconds, now + 1))
    ticket = events.ticket
    valid = (ticket >= 0) & inside
    valid[valid] = in_scope[ticket[valid]]

    def tickets_with(kind: EventType) -> int:
        return int(np.unique(ticket[valid & (events.type == kind.code)]).size)

    return MetricValue.ratio(
        "reopen_rate", tickets_with(EventType.REOPENED), tickets_with(EventType.RESOLVED)
    )


def _priority_agreement(
    tickets: TicketBatch, clocks: ClockResults, in_period: Mask
) -> tuple[MetricValue, tuple[Dispute, ...]]:
    client = tickets.client_priority
    named = np.fromiter(
        (isinstance(c, str) and c != "" for c in client.tolist()), dtype=bool, count=len(client)
    )
    claimed = in_period & named
    agreed = claimed & (client == clocks.priority)
    created = clocks.created_at.astype(np.int64)
    disputes = tuple(
        Dispute(str(tickets.ids[row]), int(created[row]), str(client[row]), clocks.priority[row])
        for row in np.flatnonzero(claimed & ~agreed).tolist()
    )
    return MetricValue.ratio("priority_agreement", int(agreed.sum()), int(claimed.sum())), disputes


def _csat(
    tickets: TicketBatch, rows: Mask, satisfaction: Mapping[str, float | int | Decimal] | None
) -> MetricValue:
    if not satisfaction:
        return MetricValue.mean("csat", 0, 0, Unit.SCORE)
    scores = [Decimal(str(satisfaction[tid])) for tid in tickets.ids[rows].tolist() if tid in satisfaction]
    return MetricValue.mean("csat", sum(scores, Decimal(0)), len(scores), Unit.SCORE)


def _entries(
    tickets: TicketBatch, clocks: ClockResults, scope: TicketScope, rows: Mask
) -> tuple[TicketEntry, ...]:
    chosen = np.flatnonzero(rows)
    if chosen.size == 0:
        return ()

    def instants(values: npt.NDArray[np.datetime64]) -> list[int | None]:
        picked = values[chosen]
        seconds = picked.astype(np.int64).tolist()
        missing = np.isnat(picked).tolist()
        return [None if gone else value for value, gone in zip(seconds, missing, strict=True)]

    def texts(values: npt.NDArray[np.object_]) -> list[Any]:
        return list(values[chosen].tolist())

    handling = [h.value if isinstance(h, Handling) else None for h in scope.handling[chosen].tolist()]
    columns = zip(
        [str(i) for i in tickets.ids[chosen].tolist()],
        texts(clocks.priority),
        texts(tickets.client_priority),
        clocks.created_at[chosen].astype(np.int64).tolist(),
        texts(tickets.service),
        texts(tickets.asset),
        [str(s) for s in clocks.response_status[chosen].tolist()],
        [str(s) for s in clocks.resolution_status[chosen].tolist()],
        instants(clocks.response_due),
        instants(clocks.responded_at),
        instants(clocks.resolution_due),
        instants(clocks.resolved_at),
        texts(scope.reason),
        handling,
        strict=True,
    )
    return tuple(TicketEntry(*values) for values in columns)
