"""Response and resolution clocks for a batch of tickets (spec §2).

- Priority: the last ``priority`` event, else the ticket's own (already mapped through the matrix).
  After a change both targets are those of the new priority, counted from ``created_at``.
- Response: ``created_at`` to the first ``responded`` (or ``acknowledged`` with ``response_counts: any``),
  in the target's calendar, never paused.
- Resolution: ``created_at`` to the last ``resolved`` not followed by ``reopened``, paused in
  ``support.pause_on`` states and between a ``resolved`` and the ``reopened`` that follows it.
- Due = add(created_at, target, pauses); met when stop <= due; no stop: breached once now > due.

Tickets are grouped by the calendar of their priority's targets: the loops run over calendars and
priorities (a handful), never over tickets.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.values import Duration
from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.clocks.results import ClockResults, ClockStatus
from servicepact.domain.clocks.scope import ClockOptions, classify_scope
from servicepact.domain.clocks.timeline import NAT, Timeline, factorize
from servicepact.domain.records import EventBatch, EventType, TicketBatch

Instants = npt.NDArray[np.datetime64]
Seconds = npt.NDArray[np.timedelta64]

# 0-d object arrays, so that np.where keeps the enum members instead of turning them into text.
_MET = np.array(ClockStatus.MET, dtype=object)
_BREACHED = np.array(ClockStatus.BREACHED, dtype=object)
_RUNNING = np.array(ClockStatus.RUNNING, dtype=object)


def evaluate_clocks(
    agreement: Agreement,
    tickets: TicketBatch,
    events: EventBatch,
    now: np.datetime64,
    options: ClockOptions | None = None,
) -> ClockResults:
    """Both clocks of every ticket as of ``now`` (``datetime64[s]`` UTC)."""
    options = options or ClockOptions()
    count = len(tickets)
    now = now.astype("datetime64[s]")
    created = tickets.created_at.astype("datetime64[s]")
    timeline = Timeline.of(events, count, now)
    support = agreement.support

    changed = timeline.last_value(EventType.PRIORITY)
    priority = np.where(changed != None, changed, tickets.priority)  # noqa: E711 - elementwise

    response_types = [EventType.RESPONDED]
    if support is not None and support.response_counts.value == "any":
        response_types.append(EventType.ACKNOWLEDGED)
    responded_at = timeline.first_at(*response_types)
    resolved_at = timeline.resolution_stop()

    response_end = np.where(np.isnat(responded_at), now, responded_at)
    resolution_end = np.where(np.isnat(resolved_at), now, resolved_at)
    pause_states = support.pause_on if support is not None else []
    pause_starts, pause_ends, pause_rows = timeline.pauses(pause_states, resolution_end)

    results = ClockResults(
        ids=tickets.ids,
        priority=priority,
        response_due=np.full(count, NAT),
        responded_at=responded_at,
        response_status=np.full(count, ClockStatus.BEST_EFFORT, dtype=object),
        resolution_due=np.full(count, NAT),
        resolved_at=resolved_at,
        resolution_status=np.full(count, ClockStatus.BEST_EFFORT, dtype=object),
        response_business=np.zeros(count, dtype="timedelta64[s]"),
        resolution_business=np.zeros(count, dtype="timedelta64[s]"),
        percent_used=np.full(count, np.nan),
        response_percent_used=np.full(count, np.nan),
        after_hours=np.zeros(count, dtype="timedelta64[s]"),
        created_at=created,
    )
    if support is None:
        return results

    codes, levels = factorize(priority)
    by_level = {level: code for code, level in enumerate(levels) if isinstance(level, str)}
    for level in sorted(by_level):
        target = support.targets.get(level)
        if target is None:
            continue
        rows = np.flatnonzero(codes == by_level[level])
        calendar = agreement.calendar(support.target_calendar(level))
        _clock(
            calendar,
            target.response,
            created[rows],
            response_end[rows],
            responded_at[rows],
            now,
            results.response_due,
            results.response_status,
            results.response_business,
            results.response_percent_used,
            rows,
            None,
        )
        local_pauses = _pauses_of(rows, count, pause_starts, pause_ends, pause_rows)
        _clock(
            calendar,
            target.resolution,
            created[rows],
            resolution_end[rows],
            resolved_at[rows],
            now,
            results.resolution_due,
            results.resolution_status,
            results.resolution_business,
            results.percent_used,
            rows,
            local_pauses,
        )

    no_resolution_target = np.isnan(results.percent_used)
    results.percent_used[no_resolution_target] = results.response_percent_used[no_resolution_target]

    _mark_scope(agreement, tickets, options, results)
    _after_hours(agreement, timeline, results)
    return results


def _clock(
    calendar: BusinessCalendar,
    target: Duration | None,
    created: Instants,
    end: Instants,
    stop: Instants,
    now: np.datetime64,
    due_out: Instants,
    status_out: npt.NDArray[np.object_],
    business_out: Seconds,
    percent_out: npt.NDArray[np.float64],
    rows: npt.NDArray[np.int64],
    pauses: tuple[Instants, Instants, npt.NDArray[np.int64]] | None,
) -> None:
    pause_starts, pause_ends, pause_rows = pauses if pauses is not None else (None, None, None)
    business = calendar.between_many(created, end, pause_starts, pause_ends, pause_rows)
    business_out[rows] = business
    if target is None:
        return
    target_seconds = _target(target, calendar.day_length)
    durations = np.full(len(rows), target_seconds, dtype=np.int64).astype("timedelta64[s]")
    due = calendar.add_many(created, durations, pause_starts, pause_ends, pause_rows)
    due_out[rows] = due
    stopped = ~np.isnat(stop)
    status = np.where(
        stopped,
        np.where(stop <= due, _MET, _BREACHED),
        np.where(now > due, _BREACHED, _RUNNING),
    )
    status_out[rows] = status
    if target_seconds > 0:
        percent_out[rows] = business.astype(np.int64) / target_seconds * 100


def _target(target: Duration, day_length: timedelta) -> int:
    return int(target.business_time(day_length).total_seconds())


def _pauses_of(
    rows: npt.NDArray[np.int64],
    count: int,
    starts: Instants,
    ends: Instants,
    pause_rows: npt.NDArray[np.int64],
) -> tuple[Instants, Instants, npt.NDArray[np.int64]]:
    """The pauses of the tickets in ``rows``, re-indexed to positions within ``rows``."""
    local = np.full(count, -1, dtype=np.int64)
    local[rows] = np.arange(len(rows))
    mine = local[pause_rows] >= 0
    return starts[mine], ends[mine], local[pause_rows[mine]]


def _mark_scope(
    agreement: Agreement, tickets: TicketBatch, options: ClockOptions, results: ClockResults
) -> None:
    """Out-of-scope and best-effort tickets keep their times but carry no SLA status."""
    scope = classify_scope(agreement, tickets, options)
    for status in (results.response_status, results.resolution_status):
        status[scope.best_effort] = ClockStatus.BEST_EFFORT
        status[scope.out_of_scope] = ClockStatus.OUT_OF_SCOPE


def _after_hours(agreement: Agreement, timeline: Timeline, results: ClockResults) -> None:
    """The part of each ``work`` event outside ``support.calendar``, summed per ticket."""
    support = agreement.support
    if support is None:
        return
    starts, lengths, rows = timeline.work()
    if len(starts) == 0:
        return
    calendar = agreement.calendar(support.calendar)
    inside = calendar.between_many(starts, starts + lengths)
    outside = (lengths - inside).astype(np.int64)
    results.after_hours[:] = np.bincount(rows, weights=outside, minlength=len(results)).astype(
        "timedelta64[s]"
    )
