"""Chart series that need the period's records, not only the evaluation's totals.

- :func:`time_bands`: for each priority, how many clocks stopped within half their target, within it,
  within twice it, or later. The clocks are computed again, as :func:`evaluate` computed them (same
  ``now``, same requirement options, same scope), so a band's "within target" is exactly the clocks the
  evaluation counted as met.
- :func:`backup_ages`: the age of each system's last successful backup over the period, as the largest
  age in each of a few hundred slices (so a 50,000-run month draws as 400 steps and no breach of the RPO
  disappears between two samples).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import ClockStatus, evaluate_clocks
from servicepact.domain.clocks.scope import classify_scope
from servicepact.domain.evaluation import BackupRuns, Evaluation, EvaluationInputs

SLICES = 400
BANDS = 4  # ≤ ½ target, ≤ target, ≤ 2 × target, later


@dataclass(frozen=True)
class PriorityBands:
    """Counts of stopped clocks per band, for the response and the resolution clock of one priority."""

    priority: str
    response: tuple[int, ...]
    resolution: tuple[int, ...]


@dataclass(frozen=True)
class BackupAge:
    """One system: slice starts (epoch seconds) and the largest backup age in each (None: no backup yet)."""

    system: str
    rpo_seconds: int
    starts: tuple[int, ...]
    ages: tuple[int | None, ...]


def time_bands(
    agreement: Agreement, evaluation: Evaluation, inputs: EvaluationInputs
) -> tuple[PriorityBands, ...]:
    """Band counts per priority of ``evaluation.tickets.by_priority`` (see the module docstring)."""
    tickets = inputs.tickets
    if len(tickets) == 0 or not evaluation.tickets.by_priority:
        return ()
    options = evaluation.requirements.clock_options()
    clocks = evaluate_clocks(
        agreement, tickets, inputs.events, np.datetime64(evaluation.evaluated_at, "s"), options
    )
    scope = classify_scope(agreement, tickets, options)
    created = clocks.created_at.astype(np.int64)
    period = evaluation.period
    counted = (created >= period.start_seconds) & (created < period.end_seconds) & scope.in_scope
    result = []
    for stats in evaluation.tickets.by_priority:
        rows = counted & (clocks.priority == stats.priority)
        result.append(
            PriorityBands(
                stats.priority,
                _bands(rows, clocks.response_status, clocks.response_percent_used),
                _bands(rows, clocks.resolution_status, clocks.percent_used),
            )
        )
    return tuple(result)


def _bands(
    rows: npt.NDArray[np.bool_], status: npt.NDArray[np.object_], used: npt.NDArray[np.float64]
) -> tuple[int, ...]:
    met = rows & (status == ClockStatus.MET)
    breached = rows & (status == ClockStatus.BREACHED)
    percent = np.nan_to_num(used, nan=0.0)
    half = met & (percent <= 50)
    double = breached & (percent <= 200)
    return (
        int(half.sum()),
        int((met & ~half).sum()),
        int(double.sum()),
        int((breached & ~double).sum()),
    )


def backup_ages(
    agreement: Agreement, evaluation: Evaluation, inputs: EvaluationInputs, slices: int = SLICES
) -> tuple[BackupAge, ...]:
    """The backup age of every system of ``evaluation.backups`` over the measured part of the period."""
    availability = agreement.availability
    if availability is None or not evaluation.backups.systems:
        return ()
    runs = BackupRuns.of(inputs.backup_runs)
    low = evaluation.period.start_seconds
    high = max(low + 1, min(evaluation.period.end_seconds, evaluation.evaluated_at))
    edges = np.linspace(low, high, slices + 1).astype(np.int64)
    result = []
    for system in evaluation.backups.systems:
        sets = [b.id for b in availability.backups if system.system in b.systems]
        mine = runs.success & np.isin(runs.label, [system.system, *sets])
        finished = np.sort(runs.finished[mine])
        finished = finished[finished <= high]
        ages = largest_ages(finished, edges)
        result.append(
            BackupAge(
                system=system.system,
                rpo_seconds=system.rpo_seconds,
                starts=tuple(edges[:-1].tolist()),
                ages=tuple(None if age < 0 else int(age) for age in ages.tolist()),
            )
        )
    return tuple(result)


def largest_ages(finished: npt.NDArray[np.int64], edges: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The largest age of the last backup (seconds since the last instant of ``finished``) in each slice
    ``[edges[i], edges[i+1])``; −1 where no backup had finished yet. ``finished`` is sorted.

    The age grows until the next backup, so its largest value in a slice is just before a backup that
    finished inside it, or at the slice's end.

    >>> largest_ages(np.array([0, 10, 40]), np.array([0, 20, 60])).tolist()
    [10, 30]
    """
    count = len(edges) - 1
    if finished.size == 0:
        return np.full(count, -1, dtype=np.int64)
    ends = edges[1:]
    before_end = np.searchsorted(finished, ends, side="left") - 1  # last backup finished before the end
    ages = np.where(before_end >= 0, ends - finished[np.maximum(before_end, 0)], -1)
    gaps = np.diff(finished)  # the age just before backup i + 1
    inside = (finished[1:] > edges[0]) & (finished[1:] <= edges[-1])
    slice_of = np.clip(np.searchsorted(edges, finished[1:][inside], side="left") - 1, 0, count - 1)
    np.maximum.at(ages, slice_of, gaps[inside])
    return ages.astype(np.int64)
