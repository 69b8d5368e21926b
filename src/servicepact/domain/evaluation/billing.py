"""Billing lines of a period (spec 1.1 §2): after-hours call-outs, and billable out-of-scope work.

- *After-hours time* is a ticket's work (the union of its ``work`` entries: overlapping entries count
  once) outside the service days of ``support.calendar`` (before a date's first opening, after its last
  closing, or on a closed date; a lunch break inside the day is not after-hours).
- It is *billable* only while ``after_hours.available``, and only for the entries whose priority in force
  when they start (the ticket's, changed by ``priority`` events) is in ``after_hours.priorities`` (absent:
  every priority, as lint SP203 reads it), or which an ``after_hours_approved`` event of the same ticket
  precedes (at or before their start). Other after-hours work is reported, never billed.
- Billable stretches of one ticket less than ``after_hours.callout_gap`` apart (default 1h) are one
  *call-out*: its time is the union of its work, not the gaps; billed at ``hourly_rate × surcharge`` (1
  when no surcharge is set), at least ``after_hours.minimum``, rounded up to ``billing.increment``.
- Work on out-of-scope tickets whose handling is ``billable``: the union of the ticket's work, one line
  per ticket and local date (a stretch belongs to the date it starts on), at ``hourly_rate``, rounded up
  to ``billing.increment``; never billed as after-hours as well. Other out-of-scope tickets (``quote``,
  ``not_offered``) get no call-outs: their after-hours work is reported.
- A call-out or a day belongs to the period in which its first work starts; the unbilled after-hours
  stretches to the period in which each starts. Amounts are Decimals rounded to cents (half up).

Every line names its ticket, its intervals, the rule applied, the priority and the time before and after
the minimum and the rounding, so that a client can check it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import DEFAULT_CALLOUT_GAP, Handling
from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.calendars.local_days import local_day_numbers
from servicepact.domain.calendars.spans import outside_by_row, union_by_row
from servicepact.domain.clocks.timeline import Timeline, factorize
from servicepact.domain.evaluation.metrics import iso_z, money, number
from servicepact.domain.evaluation.period import Period
from servicepact.domain.records import EventBatch, EventType, TicketBatch

CENT = Decimal("0.01")
HOUR = Decimal(3600)

Interval = tuple[int, int]
Seconds = npt.NDArray[np.int64]


class BillingRule(enum.StrEnum):
    """The rule a billing line applies."""

    AFTER_HOURS_CALLOUT = "after_hours_callout"
    """One call-out: billable after-hours work of a ticket, at the surcharge, with the minimum."""
    OUT_OF_SCOPE_DAY = "out_of_scope_day"
    """A day of work on an out-of-scope ticket whose handling is ``billable``, at the hourly rate."""


class CalloutBasis(enum.StrEnum):
    """Why a call-out is billable (spec 1.1 §2), so that a client can check it."""

    COVERED_PRIORITY = "covered_priority"
    """The priority in force when it starts is in ``after_hours.priorities``."""
    APPROVED = "approved"
    """An ``after_hours_approved`` event of the ticket precedes it (the client asked for the work)."""


class UnbilledReason(enum.StrEnum):
    """Why after-hours work is reported but not billed."""

    NOT_COVERED = "not_covered"
    """Its priority is not in ``after_hours.priorities`` and no ``after_hours_approved`` precedes it."""
    UNAVAILABLE = "unavailable"
    """The agreement offers no after-hours service (``after_hours.available`` is not true)."""
    NO_RATE = "no_rate"
    """The agreement has no ``billing.hourly_rate`` to bill it at."""
    OUT_OF_SCOPE = "out_of_scope"
    """The ticket is out of scope and its handling is not ``billable`` (``quote``, ``not_offered``)."""


Iso = Callable[[int], str | None]


def _intervals_dict(intervals: tuple[Interval, ...], iso: Iso) -> list[list[str | None]]:
    return [[iso(start), iso(end)] for start, end in intervals]


def _iso_of(instants: list[int]) -> Iso:
    """``iso_z`` for many instants at once: one NumPy conversion of the distinct ones, then lookups."""
    if not instants:
        return iso_z
    distinct = np.unique(np.array(instants, dtype=np.int64))
    texts = np.strings.add(np.datetime_as_string(distinct.view("datetime64[s]"), unit="s"), "Z")
    return dict(zip(distinct.tolist(), texts.tolist(), strict=True)).__getitem__


@dataclass(frozen=True)
class BillingLine:
    """One billed call-out or day: its intervals (epoch seconds), the time worked in them, that time after
    the minimum and after the rounding, the rate applied and the amount."""

    rule: BillingRule
    ticket_id: str
    priority: str | None
    intervals: tuple[Interval, ...]
    worked_seconds: int
    after_minimum_seconds: int
    billed_seconds: int
    rate: Decimal
    amount: Decimal
    basis: CalloutBasis | None = None  # call-outs only

    @property
    def started_at(self) -> int:
        return self.intervals[0][0]

    def to_dict(self, iso: Iso = iso_z) -> dict[str, Any]:
        return {
            "rule": self.rule.value,
            "ticket": self.ticket_id,
            "priority": self.priority,
            "started_at": iso(self.started_at),
            "intervals": _intervals_dict(self.intervals, iso),
            "worked_seconds": self.worked_seconds,
            "after_minimum_seconds": self.after_minimum_seconds,
            "billed_seconds": self.billed_seconds,
            "rate": money(self.rate),
            "amount": money(self.amount),
            "basis": self.basis.value if self.basis is not None else None,
        }


@dataclass(frozen=True)
class UnbilledWork:
    """After-hours work of one ticket in the period that is reported but not billed."""

    ticket_id: str
    priority: str | None
    intervals: tuple[Interval, ...]
    seconds: int
    reason: UnbilledReason

    def to_dict(self, iso: Iso = iso_z) -> dict[str, Any]:
        return {
            "ticket": self.ticket_id,
            "priority": self.priority,
            "intervals": _intervals_dict(self.intervals, iso),
            "seconds": self.seconds,
            "reason": self.reason.value,
        }


@dataclass(frozen=True)
class BillingResult:
    currency: str
    hourly_rate: Decimal | None
    surcharge: Decimal
    minimum_seconds: int
    increment_seconds: int
    lines: tuple[BillingLine, ...]
    callout_gap_seconds: int = int(DEFAULT_CALLOUT_GAP.wall_clock().total_seconds())
    after_hours_available: bool = False
    after_hours_priorities: tuple[str, ...] | None = None
    unbilled: tuple[UnbilledWork, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    def total_of(self, rule: BillingRule) -> Decimal:
        return sum((line.amount for line in self.lines if line.rule is rule), Decimal("0.00"))

    def lines_of(self, rule: BillingRule) -> tuple[BillingLine, ...]:
        return tuple(line for line in self.lines if line.rule is rule)

    @property
    def after_hours_worked_seconds(self) -> int:
        """After-hours time of the billed call-outs, before the minimum and the rounding."""
        return sum(line.worked_seconds for line in self.lines_of(BillingRule.AFTER_HOURS_CALLOUT))

    @property
    def after_hours_unbilled_seconds(self) -> int:
        """After-hours time of the period reported but not billed."""
        return sum(work.seconds for work in self.unbilled)

    def to_dict(self) -> dict[str, Any]:
        spans = [line.intervals for line in self.lines] + [work.intervals for work in self.unbilled]
        iso = _iso_of([t for intervals in spans for interval in intervals for t in interval])
        return {
            "currency": self.currency,
            "hourly_rate": money(self.hourly_rate),
            "surcharge": number(self.surcharge),
            "minimum_seconds": self.minimum_seconds,
            "increment_seconds": self.increment_seconds,
            "callout_gap_seconds": self.callout_gap_seconds,
            "after_hours_available": self.after_hours_available,
            "after_hours_priorities": (
                list(self.after_hours_priorities) if self.after_hours_priorities is not None else None
            ),
            "after_hours_total": money(self.total_of(BillingRule.AFTER_HOURS_CALLOUT)),
            "out_of_scope_total": money(self.total_of(BillingRule.OUT_OF_SCOPE_DAY)),
            "total": money(self.total),
            "after_hours_billed_worked_seconds": self.after_hours_worked_seconds,
            "after_hours_unbilled_seconds": self.after_hours_unbilled_seconds,
            "lines": [line.to_dict(iso) for line in self.lines],
            "after_hours_unbilled": [work.to_dict(iso) for work in self.unbilled],
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
    """The call-outs and out-of-scope days whose first work starts in ``period`` (work logged up to
    ``now``), and the after-hours work of the period that is reported but not billed."""
    billing = agreement.billing
    support = agreement.support
    rate = billing.hourly_rate if billing and billing.hourly_rate is not None else None
    after = support.after_hours if support else None
    available = bool(after and after.available)
    covered = tuple(after.priorities) if after and after.priorities is not None else None
    surcharge = after.surcharge if after and after.surcharge is not None else Decimal(1)
    minimum = _seconds(after.minimum) if after and after.minimum else 0
    increment = _seconds(billing.increment) if billing and billing.increment else 0
    gap = _seconds(after.gap if after else DEFAULT_CALLOUT_GAP)
    result = BillingResult(
        agreement.currency, rate, surcharge, minimum, increment, (), gap, available, covered
    )
    if support is None or len(events) == 0 or len(tickets) == 0:
        return result

    timeline = Timeline.of(events, len(tickets), np.datetime64(now, "s"))
    start_times, lengths, rows = timeline.work()
    known = rows >= 0
    rows = rows[known]
    starts = start_times[known].astype(np.int64)
    ends = starts + lengths[known].astype(np.int64)
    if rows.size == 0:
        return result

    window = (period.start_seconds, period.end_seconds)
    outside_scope = np.asarray(out_of_scope, dtype=bool)
    billable_out = outside_scope & (np.asarray(handling, dtype=object) == Handling.BILLABLE)
    by_day = billable_out[rows]
    work = _Work(timeline, tickets, rows, starts, ends)
    calendar = agreement.calendar(support.calendar)

    # After-hours: all of it (reported), and the billable part of it (call-outs).
    hours = ~by_day
    all_rows, all_starts, all_ends = work.after_hours(calendar, hours)
    if available and rate is not None:
        in_cover = work.in_force_value(EventType.PRIORITY, default=tickets.priority)
        approved = work.in_force(EventType.AFTER_HOURS_APPROVED) >= 0
        billable = ~outside_scope[rows] & (_member(in_cover, covered) | approved)
    else:
        billable = np.zeros(rows.size, dtype=bool)
    bill_rows, bill_starts, bill_ends = work.after_hours(calendar, billable)
    lines = [
        replace(
            line,
            basis=CalloutBasis.COVERED_PRIORITY
            if covered is None or line.priority in covered
            else CalloutBasis.APPROVED,
        )
        for line in _callouts(
            work, bill_rows, bill_starts, bill_ends, gap, window, rate, surcharge, minimum, increment
        )
    ]

    if rate is not None:
        lines += _out_of_scope_days(work, by_day, period, window, rate, increment)

    reason = (
        UnbilledReason.UNAVAILABLE
        if not available
        else UnbilledReason.NO_RATE
        if rate is None
        else UnbilledReason.NOT_COVERED
    )
    left = outside_by_row(all_rows, all_starts, all_ends, bill_rows, bill_starts, bill_ends)
    unbilled = _unbilled(work, *left, window, reason, outside_scope)

    lines.sort(key=lambda line: (line.started_at, line.ticket_id, line.rule.value))
    return BillingResult(
        agreement.currency,
        rate,
        surcharge,
        minimum,
        increment,
        tuple(lines),
        gap,
        available,
        covered,
        unbilled,
    )


@dataclass
class _Work:
    """The ``work`` entries of the period's tickets (logged up to now): ticket row, start, end."""

    timeline: Timeline
    tickets: TicketBatch
    rows: Seconds
    starts: Seconds
    ends: Seconds

    def after_hours(
        self, calendar: BusinessCalendar, chosen: npt.NDArray[np.bool_]
    ) -> tuple[Seconds, Seconds, Seconds]:
        """Per ticket, the union of the ``chosen`` entries outside the service days (rows, starts, ends)."""
        union_rows, union_starts, union_ends = union_by_row(
            self.rows[chosen], self.starts[chosen], self.ends[chosen]
        )
        which, part_starts, part_ends = calendar.outside_service_days_many(
            union_starts.view("datetime64[s]"), union_ends.view("datetime64[s]")
        )
        return union_rows[which], part_starts.astype(np.int64), part_ends.astype(np.int64)

    def in_force(
        self, event_type: EventType, rows: Seconds | None = None, at: Seconds | None = None
    ) -> Seconds:
        """Per entry (or per ``rows``/``at``), the timeline position of the last event of ``event_type``
        of the same ticket at or before the instant; -1 where there is none."""
        rows = self.rows if rows is None else rows
        at = self.starts if at is None else at
        timeline = self.timeline
        positions = timeline.positions(event_type)
        if positions.size == 0 or rows.size == 0:
            return np.full(rows.size, -1, dtype=np.int64)
        event_rows = timeline.ticket[positions]
        event_at = timeline.at[positions].astype(np.int64)
        base = int(min(event_at.min(), at.min()))
        width = int(max(event_at.max(), at.max())) - base + 1
        found = (
            np.searchsorted(event_rows * width + (event_at - base), rows * width + (at - base), "right") - 1
        )
        safe = np.maximum(found, 0)
        mine = (found >= 0) & (event_rows[safe] == rows)
        return np.where(mine, positions[safe], -1)

    def in_force_value(
        self,
        event_type: EventType,
        default: npt.NDArray[np.object_],
        rows: Seconds | None = None,
        at: Seconds | None = None,
    ) -> npt.NDArray[np.object_]:
        """The value of the event :meth:`in_force` returns, else the ticket's ``default``."""
        rows = self.rows if rows is None else rows
        position = self.in_force(event_type, rows, at)
        values: npt.NDArray[np.object_] = np.asarray(default, dtype=object)[rows].copy()
        has = position >= 0
        values[has] = self.timeline.value[position[has]]
        return values

    def priority_at(self, rows: Seconds, at: Seconds) -> npt.NDArray[np.object_]:
        return self.in_force_value(EventType.PRIORITY, self.tickets.priority, rows, at)


def _callouts(
    work: _Work,
    rows: Seconds,
    starts: Seconds,
    ends: Seconds,
    gap: int,
    window: Interval,
    rate: Decimal | None,
    surcharge: Decimal,
    minimum: int,
    increment: int,
) -> list[BillingLine]:
    """Billable after-hours stretches (sorted by ticket, then time) joined into call-outs: a stretch less
    than ``gap`` after the previous one of the same ticket continues its call-out."""
    if rows.size == 0 or rate is None:
        return []
    new = np.ones(rows.size, dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]) | (starts[1:] - ends[:-1] >= gap)
    heads = np.flatnonzero(new)
    callout = np.cumsum(new) - 1
    worked = np.bincount(callout, weights=ends - starts).astype(np.int64)
    chosen = (starts[heads] >= window[0]) & (starts[heads] < window[1])
    floor = np.maximum(worked, minimum)
    billed = -(-floor // increment) * increment if increment > 0 else floor
    priority = work.priority_at(rows[heads], starts[heads])
    rule = BillingRule.AFTER_HOURS_CALLOUT
    groups = _Groups(heads, chosen, rows, starts, ends, worked, floor, billed, priority)
    return _lines(rule, work, groups, rate * surcharge)


def _out_of_scope_days(
    work: _Work,
    chosen_entries: npt.NDArray[np.bool_],
    period: Period,
    window: Interval,
    rate: Decimal,
    increment: int,
) -> list[BillingLine]:
    """Per billable out-of-scope ticket and local date, the union of its work (a stretch belongs to the
    date it starts on), rounded up to ``increment``, at ``rate``."""
    rows, starts, ends = union_by_row(
        work.rows[chosen_entries], work.starts[chosen_entries], work.ends[chosen_entries]
    )
    if rows.size == 0:
        return []
    days = local_day_numbers(starts, period.zone)
    new = np.ones(rows.size, dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]) | (days[1:] != days[:-1])
    heads = np.flatnonzero(new)
    group = np.cumsum(new) - 1
    worked = np.bincount(group, weights=ends - starts).astype(np.int64)
    chosen = (starts[heads] >= window[0]) & (starts[heads] < window[1])
    billed = -(-worked // increment) * increment if increment > 0 else worked
    priority = work.priority_at(rows[heads], starts[heads])
    groups = _Groups(heads, chosen, rows, starts, ends, worked, worked, billed, priority)
    return _lines(BillingRule.OUT_OF_SCOPE_DAY, work, groups, rate)


@dataclass(frozen=True)
class _Groups:
    """Stretches (``rows``, ``starts``, ``ends``, sorted) in groups that each become a line: ``heads`` is
    the first stretch of each group; per group, whether it is ``chosen`` (in the period) and its times."""

    heads: Seconds
    chosen: npt.NDArray[np.bool_]
    rows: Seconds
    starts: Seconds
    ends: Seconds
    worked: Seconds
    after_minimum: Seconds
    billed: Seconds
    priority: npt.NDArray[np.object_]


def _lines(rule: BillingRule, work: _Work, groups: _Groups, rate: Decimal) -> list[BillingLine]:
    """One line per chosen group of stretches (the loop reads Python lists: NumPy scalars are slow)."""
    chosen = np.flatnonzero(groups.chosen)
    heads = groups.heads[chosen]
    lows = heads.tolist()
    highs = np.append(groups.heads, groups.rows.size)[chosen + 1].tolist()
    tickets = work.tickets.ids[groups.rows[heads]].tolist()
    levels = groups.priority[chosen].tolist()
    worked = groups.worked[chosen].tolist()
    after_minimum = groups.after_minimum[chosen].tolist()
    billed = groups.billed[chosen].tolist()
    all_starts, all_ends = groups.starts.tolist(), groups.ends.tolist()
    prices: dict[int, Decimal] = {}  # few distinct billed lengths: price each once
    lines = []
    for i, (low, high) in enumerate(zip(lows, highs, strict=True)):
        seconds = billed[i]
        price = prices.get(seconds)
        if price is None:
            price = prices[seconds] = amount(seconds, rate)
        level = levels[i]
        lines.append(
            BillingLine(
                rule,
                str(tickets[i]),
                None if level is None else str(level),
                tuple(zip(all_starts[low:high], all_ends[low:high], strict=True)),
                worked[i],
                after_minimum[i],
                seconds,
                rate,
                price,
            )
        )
    return lines


def _unbilled(
    work: _Work,
    rows: Seconds,
    starts: Seconds,
    ends: Seconds,
    window: Interval,
    reason: UnbilledReason,
    out_of_scope: npt.NDArray[np.bool_],
) -> tuple[UnbilledWork, ...]:
    """The unbilled after-hours stretches that start in the period, one entry per ticket; ``reason``
    unless the ticket is out of scope (then its handling is not ``billable``: it was never to be billed)."""
    inside = (starts >= window[0]) & (starts < window[1])
    rows, starts, ends = rows[inside], starts[inside], ends[inside]
    if rows.size == 0:
        return ()
    new = np.ones(rows.size, dtype=bool)
    new[1:] = rows[1:] != rows[:-1]
    heads = np.flatnonzero(new)
    highs = np.append(heads[1:], rows.size).tolist()
    seconds = np.add.reduceat(ends - starts, heads).tolist()
    levels = work.priority_at(rows[heads], starts[heads]).tolist()
    tickets = work.tickets.ids[rows[heads]].tolist()
    outside = out_of_scope[rows[heads]].tolist()
    all_starts, all_ends = starts.tolist(), ends.tolist()
    result = []
    for i, (low, high) in enumerate(zip(heads.tolist(), highs, strict=True)):
        level = levels[i]
        result.append(
            UnbilledWork(
                str(tickets[i]),
                None if level is None else str(level),
                tuple(zip(all_starts[low:high], all_ends[low:high], strict=True)),
                seconds[i],
                UnbilledReason.OUT_OF_SCOPE if outside[i] else reason,
            )
        )
    result.sort(key=lambda item: (item.intervals[0][0], item.ticket_id))
    return tuple(result)


def _member(values: npt.NDArray[np.object_], levels: tuple[str, ...] | None) -> npt.NDArray[np.bool_]:
    """Whether each value is one of ``levels`` (``None``: every priority is covered)."""
    if levels is None:
        return np.ones(values.size, dtype=bool)
    codes, distinct = factorize(values)
    wanted = set(levels)
    return np.array([value in wanted for value in distinct], dtype=bool)[codes]


def _seconds(duration: Any) -> int:
    return int(duration.wall_clock().total_seconds())
