"""Response and resolution clocks for a batch of tickets (spec §2).

- Priority: the last ``priority`` event, else the ticket's own (already mapped through the matrix).
  After a change both targets are those of the new priority, counted from ``created_at``.
- Response: ``created_at`` to the first ``responded`` (or ``acknowledged`` with ``response_counts: any``),
  in the target's calendar, never paused.
- Resolution: ``created_at`` to the last ``resolved`` not followed by ``reopened``, paused in
  ``support.pause_on`` states and between a ``resolved`` and the ``reopened`` that follows it.
- Due = add(created_at, target, pauses); met when stop <= due; no stop: breached once now > due.

The two clocks of all tickets are counted as one batch, grouped by the calendar of their priority's
targets: each calendar is asked once to count business time and once to add the targets (per chunk of
``_CHUNK`` clocks; a page of 50 tickets costs little more than those two calls per calendar). The loops
run over calendars, priorities and chunks, never over tickets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import Support
from servicepact.domain.agreement.values import Duration
from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.calendars.spans import union_by_row
from servicepact.domain.clocks.results import ClockResults, ClockStatus
from servicepact.domain.clocks.scope import ClockOptions, classify_scope
from servicepact.domain.clocks.timeline import NAT, Rows, Timeline, factorize
from servicepact.domain.records import EventBatch, EventType, TicketBatch, none_cells

Instants = npt.NDArray[np.datetime64]
Seconds = npt.NDArray[np.timedelta64]

# Statuses are small integer codes while the clocks are counted and become ClockStatus members in one
# lookup at the end: choosing among integers is much cheaper than among Python objects, and np.full
# with a ClockStatus would store a plain str copy of it in every row.
_STATUSES = np.array(
    [ClockStatus.BEST_EFFORT, ClockStatus.MET, ClockStatus.BREACHED, ClockStatus.RUNNING], dtype=object
)
_BEST_EFFORT, _MET, _BREACHED, _RUNNING = (np.int8(code) for code in range(len(_STATUSES)))

# Clocks per calendar call. The calendar's temporaries for this many rows stay in the CPU cache: two
# million clocks count about twice as fast in chunks as in one call, with a lower peak of memory.
_CHUNK = 2**16


@dataclass
class _Clocks:
    """Both clocks of every ticket as one batch of ``2 x count`` rows: the response clocks, then the
    resolution clocks (row ``count + i`` is the resolution clock of ticket ``i``); only resolution
    clocks have pauses, sorted by row. The results are views of the two halves.
    """

    start: Instants
    end: Instants  # where business time is counted to: the stop, else now
    stop: Instants
    pause_starts: Instants
    pause_ends: Instants
    pause_rows: Rows
    due: Instants
    status: npt.NDArray[np.int8]
    business: Seconds
    percent: npt.NDArray[np.float64]


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
    priority = np.where(none_cells(changed), tickets.priority, changed)

    response_types = [EventType.RESPONDED]
    if support is not None and support.response_counts.value == "any":
        response_types.append(EventType.ACKNOWLEDGED)
    responded_at = timeline.first_at(*response_types)
    resolved_at = timeline.resolution_stop()

    # A ticket created after ``now`` has not started: its running clocks count nothing (percent_used 0),
    # never negative time. Readers refuse such rows (spec 1.1 §5); this guards stored or pushed ones.
    running_to = np.maximum(created, now)
    response_end = np.where(np.isnat(responded_at), running_to, responded_at)
    resolution_end = np.where(np.isnat(resolved_at), running_to, resolved_at)
    pause_states = support.pause_on if support is not None else []
    pause_starts, pause_ends, pause_rows = timeline.pauses(pause_states, resolution_end)
    by_row = np.argsort(pause_rows, kind="stable")  # the pauses of a run of rows are then one slice

    clocks = _Clocks(
        start=np.concatenate([created, created]),
        end=np.concatenate([response_end, resolution_end]),
        stop=np.concatenate([responded_at, resolved_at]),
        pause_starts=pause_starts[by_row],
        pause_ends=pause_ends[by_row],
        pause_rows=pause_rows[by_row] + count,  # only the resolution clock pauses
        due=np.full(2 * count, NAT),
        status=np.full(2 * count, _BEST_EFFORT),
        business=np.zeros(2 * count, dtype="timedelta64[s]"),
        percent=np.full(2 * count, np.nan),
    )
    if support is not None:
        _count_clocks(agreement, support, priority, clocks, now)

    statuses = _STATUSES[clocks.status]
    results = ClockResults(
        ids=tickets.ids,
        priority=priority,
        response_due=clocks.due[:count],
        responded_at=responded_at,
        response_status=statuses[:count],
        resolution_due=clocks.due[count:],
        resolved_at=resolved_at,
        resolution_status=statuses[count:],
        response_business=clocks.business[:count],
        resolution_business=clocks.business[count:],
        percent_used=clocks.percent[count:],
        response_percent_used=clocks.percent[:count],
        after_hours=np.zeros(count, dtype="timedelta64[s]"),
        created_at=created,
    )
    if support is None:
        return results

    no_resolution_target = np.isnan(results.percent_used)
    results.percent_used[no_resolution_target] = results.response_percent_used[no_resolution_target]

    _mark_scope(agreement, tickets, options, results)
    _after_hours(agreement, timeline, results)
    return results


def _count_clocks(
    agreement: Agreement,
    support: Support,
    priority: npt.NDArray[np.object_],
    clocks: _Clocks,
    now: np.datetime64,
) -> None:
    """Fill in the clocks of the tickets whose priority has targets, one calendar at a time.

    A priority without targets leaves its clocks as they are (best effort, no business time); a
    priority with targets counts business time on both clocks in its targets' calendar, and a due
    instant and a status on each clock that has a target.
    """
    codes, levels = factorize(priority)
    by_level = {level: code for code, level in enumerate(levels) if isinstance(level, str)}
    # Per priority code: the number of its targets' calendar in ``calendars`` (-1: no targets), and per
    # clock whether it has a target and how many seconds of business time that is in the calendar.
    calendars: dict[str, BusinessCalendar] = {}
    calendar_of = np.full(len(levels), -1, dtype=np.int64)
    timed = np.zeros((2, len(levels)), dtype=bool)
    seconds = np.zeros((2, len(levels)), dtype=np.int64)
    day_lengths: dict[str, timedelta] = {}  # worked out once per calendar, and only for a target
    for level in sorted(by_level):
        target = support.targets.get(level)
        if target is None:
            continue
        code = by_level[level]
        calendar_id = support.target_calendar(level)
        if calendar_id not in calendars:
            calendars[calendar_id] = agreement.calendar(calendar_id)
        calendar_of[code] = list(calendars).index(calendar_id)
        for clock, duration in enumerate((target.response, target.resolution)):
            if duration is None:
                continue
            if calendar_id not in day_lengths:
                day_lengths[calendar_id] = calendars[calendar_id].day_length
            timed[clock, code] = True
            seconds[clock, code] = _target(duration, day_lengths[calendar_id])

    clock_calendar = np.tile(calendar_of[codes], 2)
    clock_timed = timed[:, codes].ravel()
    clock_seconds = seconds[:, codes].ravel()
    for number, calendar in enumerate(calendars.values()):
        rows = np.flatnonzero(clock_calendar == number)
        for first in range(0, len(rows), _CHUNK):
            chunk = rows[first : first + _CHUNK]
            _count(calendar, chunk, clock_timed[chunk], clock_seconds[chunk], clocks, now)


def _count(
    calendar: BusinessCalendar,
    rows: Rows,
    timed: npt.NDArray[np.bool_],
    seconds: npt.NDArray[np.int64],
    clocks: _Clocks,
    now: np.datetime64,
) -> None:
    """The clocks in ``rows``, all counted in ``calendar``; ``timed``: those with a target of ``seconds``."""
    start = clocks.start[rows]
    pauses = _pauses_of(rows, clocks.pause_starts, clocks.pause_ends, clocks.pause_rows)
    business = calendar.between_many(start, clocks.end[rows], *pauses)
    clocks.business[rows] = business
    if not timed.all():
        if not timed.any():
            return
        kept = np.flatnonzero(timed)
        pauses = _pauses_of(kept, *pauses)
        rows, start, business, seconds = rows[kept], start[kept], business[kept], seconds[kept]
    due = calendar.add_many(start, seconds.astype("timedelta64[s]"), *pauses)
    clocks.due[rows] = due
    stop = clocks.stop[rows]
    clocks.status[rows] = np.where(
        ~np.isnat(stop),
        np.where(stop <= due, _MET, _BREACHED),
        np.where(now > due, _BREACHED, _RUNNING),
    )
    # A zero target has no share to use up: its percent stays NaN.
    counted = seconds > 0
    if not counted.all():
        rows, business, seconds = rows[counted], business[counted], seconds[counted]
    clocks.percent[rows] = business.astype(np.int64) / seconds * 100


def _target(target: Duration, day_length: timedelta) -> int:
    return int(target.business_time(day_length).total_seconds())


def _pauses_of(
    rows: Rows, starts: Instants, ends: Instants, pause_rows: Rows
) -> tuple[Instants, Instants, Rows]:
    """The pauses of ``rows``, re-indexed to positions within ``rows``.

    Both ``rows`` and ``pause_rows`` ascend: the pauses of ``rows`` lie in the slice of pauses between
    its first and last row, and a binary search finds the position of each.
    """
    first = int(np.searchsorted(pause_rows, rows[0], side="left"))
    last = int(np.searchsorted(pause_rows, rows[-1], side="right"))
    candidates = pause_rows[first:last]
    position = np.searchsorted(rows, candidates)
    mine = rows[np.minimum(position, len(rows) - 1)] == candidates
    return starts[first:last][mine], ends[first:last][mine], position[mine]


def _mark_scope(
    agreement: Agreement, tickets: TicketBatch, options: ClockOptions, results: ClockResults
) -> None:
    """Out-of-scope and best-effort tickets keep their times but carry no SLA status."""
    scope = classify_scope(agreement, tickets, options)
    for status in (results.response_status, results.resolution_status):
        status[scope.best_effort] = ClockStatus.BEST_EFFORT
        status[scope.out_of_scope] = ClockStatus.OUT_OF_SCOPE


def _after_hours(agreement: Agreement, timeline: Timeline, results: ClockResults) -> None:
    """After-hours time per ticket (spec 1.1 §2): the union of its ``work`` entries (overlapping entries
    count once) outside the service days of ``support.calendar`` (a lunch break is not after-hours),
    billable or not."""
    support = agreement.support
    if support is None:
        return
    starts, lengths, rows = timeline.work()
    if len(starts) == 0:
        return
    begin = starts.astype(np.int64)
    union_rows, union_starts, union_ends = union_by_row(rows, begin, begin + lengths.astype(np.int64))
    calendar = agreement.calendar(support.calendar)
    which, part_starts, part_ends = calendar.outside_service_days_many(
        union_starts.view("datetime64[s]"), union_ends.view("datetime64[s]")
    )
    outside = (part_ends - part_starts).astype(np.int64)
    results.after_hours[:] = np.bincount(union_rows[which], weights=outside, minlength=len(results)).astype(
        "timedelta64[s]"
    )
