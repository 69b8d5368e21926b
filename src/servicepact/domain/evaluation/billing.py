"""Billing lines of a period (spec §2): after-hours work, and billable out-of-scope work.

- After hours: the part of each ``work`` event outside ``support.calendar`` is billed at
  ``hourly_rate × after_hours.surcharge`` (1 when no surcharge is set), at least ``after_hours.minimum``
  per work event, rounded up to ``billing.increment``. Work events wholly inside the calendar give no line.
- Out of scope: each ``work`` event of an out-of-scope ticket whose handling is ``billable`` is billed in
  full at ``hourly_rate``, rounded up to ``billing.increment``; it gets no after-hours line as well.
- A work event belongs to the period in which it started. Amounts are Decimals rounded to cents (half up).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import Handling
from servicepact.domain.evaluation.metrics import iso_z, money, number
from servicepact.domain.evaluation.period import Period
from servicepact.domain.records import EventBatch, EventType, TicketBatch

CENT = Decimal("0.01")
HOUR = Decimal(3600)


class LineKind(enum.StrEnum):
    AFTER_HOURS = "after_hours"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class BillingLine:
    """One billed work event: its worked and billed seconds, the rate applied and the amount."""

    kind: LineKind
    ticket_id: str
    started_at: int
    worked_seconds: int
    chargeable_seconds: int
    billed_seconds: int
    rate: Decimal
    amount: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "ticket": self.ticket_id,
            "started_at": iso_z(self.started_at),
            "worked_seconds": self.worked_seconds,
            "chargeable_seconds": self.chargeable_seconds,
            "billed_seconds": self.billed_seconds,
            "rate": money(self.rate),
            "amount": money(self.amount),
        }


@dataclass(frozen=True)
class BillingResult:
    currency: str
    hourly_rate: Decimal | None
    surcharge: Decimal
    minimum_seconds: int
    increment_seconds: int
    lines: tuple[BillingLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    def total_of(self, kind: LineKind) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind is kind), Decimal("0.00"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "hourly_rate": money(self.hourly_rate),
            "surcharge": number(self.surcharge),
            "minimum_seconds": self.minimum_seconds,
            "increment_seconds": self.increment_seconds,
            "after_hours_total": money(self.total_of(LineKind.AFTER_HOURS)),
            "out_of_scope_total": money(self.total_of(LineKind.OUT_OF_SCOPE)),
            "total": money(self.total),
            "lines": [line.to_dict() for line in self.lines],
        }


def billed_seconds(chargeable: int, minimum: int, increment: int) -> int:
    """``max(chargeable, minimum)`` rounded up to a whole number of ``increment`` (no rounding when 0).

    >>> billed_seconds(20 * 60, 3600, 900), billed_seconds(61 * 60, 3600, 900)
    (3600, 4500)
    """
    seconds = max(chargeable, minimum)
    if increment <= 0:
        return seconds
    return -(-seconds // increment) * increment


def amount(seconds: int, rate: Decimal) -> Decimal:
    return (Decimal(seconds) / HOUR * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def billing_lines(
    agreement: Agreement,
    period: Period,
    tickets: TicketBatch,
    events: EventBatch,
    out_of_scope: npt.NDArray[np.bool_],
    handling: npt.NDArray[np.object_],
    now: int,
) -> BillingResult:
    """After-hours and out-of-scope billing lines for the work events that started in ``period``."""
    billing = agreement.billing
    support = agreement.support
    rate = billing.hourly_rate if billing and billing.hourly_rate is not None else None
    after = support.after_hours if support else None
    surcharge = after.surcharge if after and after.surcharge is not None else Decimal(1)
    minimum = int(after.minimum.wall_clock().total_seconds()) if after and after.minimum else 0
    increment = int(billing.increment.wall_clock().total_seconds()) if billing and billing.increment else 0
    result = BillingResult(agreement.currency, rate, surcharge, minimum, increment, ())
    if rate is None or support is None or len(events) == 0:
        return result

    at = events.at.astype("datetime64[s]").astype(np.int64)
    work = (
        (events.type == EventType.WORK.code)
        & (at >= period.start_seconds)
        & (at < period.end_seconds)
        & (at <= now)
        & (events.ticket >= 0)
    )
    positions = np.flatnonzero(work)
    if positions.size == 0:
        return result
    starts = at[positions]
    minutes = np.array([_minutes(v) for v in events.value[positions].tolist()], dtype=np.float64)
    lengths = np.round(minutes * 60).astype(np.int64)
    rows = events.ticket[positions]
    calendar = agreement.calendar(support.calendar)
    inside = calendar.between_many(
        starts.astype("datetime64[s]"), (starts + lengths).astype("datetime64[s]")
    ).astype(np.int64)
    outside = lengths - inside
    billable_out = out_of_scope[rows] & (handling[rows] == Handling.BILLABLE)
    after_rate = rate * surcharge
    chosen = np.flatnonzero(billable_out | (~out_of_scope[rows] & (outside > 0)))
    is_out = billable_out[chosen]
    chargeable = np.where(is_out, lengths[chosen], outside[chosen])
    floor = np.where(is_out, 0, minimum)
    billed = np.maximum(chargeable, floor)
    if increment > 0:
        billed = -(-billed // increment) * increment
    prices: dict[tuple[bool, int], Decimal] = {}  # few distinct billed lengths: price each once
    lines = []
    for out, ticket, start, worked, charge, seconds in zip(
        is_out.tolist(),
        tickets.ids[rows[chosen]].tolist(),
        starts[chosen].tolist(),
        lengths[chosen].tolist(),
        chargeable.tolist(),
        billed.tolist(),
        strict=True,
    ):
        line_rate = rate if out else after_rate
        price = prices.get((out, seconds))
        if price is None:
            price = prices[(out, seconds)] = amount(seconds, line_rate)
        kind = LineKind.OUT_OF_SCOPE if out else LineKind.AFTER_HOURS
        lines.append(BillingLine(kind, str(ticket), start, worked, charge, seconds, line_rate, price))
    lines.sort(key=lambda line: (line.started_at, line.ticket_id))
    return BillingResult(agreement.currency, rate, surcharge, minimum, increment, tuple(lines))


def _minutes(value: object) -> float:
    try:
        return max(0.0, float(str(value)))
    except ValueError:
        return 0.0
