"""Backups (spec §3): ``backup_success_rate``, ``rpo_compliance`` and ``restore_test_compliance``.

- A run belongs to the period when it started in it; ``partial`` and ``failed`` runs are not successes.
- A run counts for a system when it names the system, or names a backup set that protects it.
- RPO: at each instant of the period (up to ``now``) a system is compliant when its last successful
  backup ended no longer ago than its ``rpo`` (the recovery tier's, else the backup set's ``frequency``).
  Successful backups before the period count, so a period starts compliant when the last backup of the
  previous period was recent. The metric is the compliant share of time, averaged over the systems.
- Restore tests: a backup set with a ``restore_test`` interval is overdue only past that interval: when,
  at the end of the period (or ``now``, if earlier), its last successful test is older than the interval,
  or it was never tested and the agreement has been in force longer than the interval. Sets with no
  interval are not judged.
- No data is not success (spec §3): with no backup runs given at all (no source) the run metrics are
  ``no_data``; so is the restore metric with no restore tests given. With a source, a system that was
  never backed up is 0% compliant: that is a finding, not missing data. A rate over no runs is
  ``no_data`` too (empty denominator).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.evaluation.metrics import MetricValue, Unit, epoch, iso_z
from servicepact.domain.evaluation.period import Period
from servicepact.domain.records import BackupRun, BackupStatus, RestoreTest


@dataclass(frozen=True)
class BackupRuns:
    """Backup runs as columns (epoch seconds); ``label`` is the run's backup set id or system."""

    started: npt.NDArray[np.int64]
    finished: npt.NDArray[np.int64]
    success: npt.NDArray[np.bool_]
    label: npt.NDArray[np.object_]

    @classmethod
    def of(cls, runs: Sequence[BackupRun]) -> BackupRuns:
        count = len(runs)
        label = np.empty(count, dtype=object)
        label[:] = [run.backup_id if run.backup_id is not None else run.system for run in runs]
        return cls(
            started=np.fromiter((epoch(run.started_at) for run in runs), dtype=np.int64, count=count),
            finished=np.fromiter((epoch(run.finished_at) for run in runs), dtype=np.int64, count=count),
            success=np.fromiter(
                (run.status is BackupStatus.SUCCESS for run in runs), dtype=bool, count=count
            ),
            label=label,
        )

    def __len__(self) -> int:
        return len(self.started)


@dataclass(frozen=True)
class SystemRpo:
    """One protected system: its RPO and the share of the period it was within it."""

    system: str
    rpo_seconds: int
    successful_runs: int
    last_success_at: int | None
    compliant_seconds: int
    measured_seconds: int
    source: bool = True

    @property
    def compliance(self) -> MetricValue:
        name = f"rpo_compliance.{self.system}"
        if not self.source:
            return MetricValue.without_source(name, numerator=0, denominator=self.measured_seconds)
        return MetricValue.ratio(name, self.compliant_seconds, self.measured_seconds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "rpo_seconds": self.rpo_seconds,
            "successful_runs_in_period": self.successful_runs,
            "last_success_at": iso_z(self.last_success_at),
            "compliance": self.compliance.to_dict(),
        }


@dataclass(frozen=True)
class RestoreCompliance:
    backup_id: str
    interval_seconds: int
    last_success_at: int | None
    complies: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "backup": self.backup_id,
            "interval_seconds": self.interval_seconds,
            "last_success_at": iso_z(self.last_success_at),
            "complies": self.complies,
        }


@dataclass(frozen=True)
class BackupResult:
    success_rate: MetricValue
    rpo_compliance: MetricValue
    restore_test_compliance: MetricValue
    systems: tuple[SystemRpo, ...]
    restore_tests: tuple[RestoreCompliance, ...]
    runs_by_status: tuple[tuple[str, int], ...]

    def metrics(self) -> tuple[MetricValue, ...]:
        return (self.success_rate, self.rpo_compliance, self.restore_test_compliance)

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs_by_status": dict(self.runs_by_status),
            "systems": [system.to_dict() for system in self.systems],
            "restore_tests": [test.to_dict() for test in self.restore_tests],
        }


def evaluate_backups(
    agreement: Agreement,
    period: Period,
    runs: BackupRuns,
    restores: Sequence[RestoreTest],
    now: int,
    backup_source: bool = True,
    restore_source: bool = True,
) -> BackupResult:
    """The three backup metrics of ``period`` as of ``now`` (epoch seconds). ``backup_source`` /
    ``restore_source``: whether backup runs / restore tests were given at all (without, ``no_data``)."""
    low, high = period.start_seconds, period.end_seconds
    in_period = (runs.started >= low) & (runs.started < high)
    statuses: dict[str, int] = {}
    if len(runs):
        success_count = int((in_period & runs.success).sum())
        statuses = {"success": success_count, "not_success": int(in_period.sum()) - success_count}
    success_rate = MetricValue.ratio(
        "backup_success_rate", int((in_period & runs.success).sum()), int(in_period.sum())
    )
    if not backup_source:
        success_rate = MetricValue.without_source("backup_success_rate")

    systems = _systems(agreement, period, runs, max(low, min(high, now)), backup_source)
    rpo = _rpo(systems, backup_source)

    as_of = max(low, min(high, now))
    tests = _restore_tests(agreement, period, restores, as_of)
    restore = MetricValue.ratio("restore_test_compliance", sum(1 for t in tests if t.complies), len(tests))
    if not restore_source:
        restore = MetricValue.without_source("restore_test_compliance", numerator=0, denominator=len(tests))
    return BackupResult(
        success_rate=success_rate,
        rpo_compliance=rpo,
        restore_test_compliance=restore,
        systems=systems,
        restore_tests=tests,
        runs_by_status=tuple(statuses.items()),
    )


def _rpo(systems: tuple[SystemRpo, ...], source: bool) -> MetricValue:
    """The systems' compliance averaged over the systems that have a value (spec §3: "averaged over
    systems"); ``numerator`` is the sum of their percentages, ``denominator`` their number."""
    if not source:
        return MetricValue.without_source("rpo_compliance", numerator=0, denominator=len(systems))
    values = [value for s in systems if (value := s.compliance.value) is not None]
    if not values:
        return MetricValue.ratio("rpo_compliance", 0, 0)
    total = sum(values, Decimal(0))
    average = total / len(values)
    if average == average.to_integral_value():
        average = average.quantize(Decimal(1))
    return MetricValue("rpo_compliance", average, Unit.PERCENT, total, len(values))


def _systems(
    agreement: Agreement, period: Period, runs: BackupRuns, high: int, source: bool = True
) -> tuple[SystemRpo, ...]:
    availability = agreement.availability
    if availability is None:
        return ()
    tier_rpo: dict[str, int] = {}
    for tier in availability.recovery:
        if tier.rpo is not None:
            for system in tier.systems:
                tier_rpo.setdefault(system, int(tier.rpo.wall_clock().total_seconds()))
    low = period.start_seconds
    result = []
    seen: set[str] = set()
    for backup_set in availability.backups:
        frequency = int(backup_set.frequency.wall_clock().total_seconds())
        for system in backup_set.systems:
            if system in seen:
                continue
            seen.add(system)
            rpo = tier_rpo.get(system, frequency)
            sets = {b.id for b in availability.backups if system in b.systems}
            mine = runs.success & np.isin(runs.label, [system, *sets])
            finished = np.sort(runs.finished[mine])
            finished = finished[finished <= high]
            result.append(
                SystemRpo(
                    system=system,
                    rpo_seconds=rpo,
                    successful_runs=int(((finished >= low) & (finished < high)).sum()),
                    last_success_at=int(finished[-1]) if finished.size else None,
                    compliant_seconds=covered_seconds(finished, rpo, low, high),
                    measured_seconds=high - low,
                    source=source,
                )
            )
    return tuple(result)


def covered_seconds(finished: npt.NDArray[np.int64], rpo: int, low: int, high: int) -> int:
    """Seconds of ``[low, high)`` within ``rpo`` after some instant of ``finished`` (sorted).

    >>> covered_seconds(np.array([0, 50], dtype=np.int64), 30, 0, 100)
    60
    """
    if finished.size == 0 or high <= low:
        return 0
    starts = np.clip(finished, low, high)
    following = np.append(finished[1:], np.iinfo(np.int64).max)
    ends = np.clip(np.minimum(finished + rpo, following), low, high)
    return int(np.maximum(ends - starts, 0).sum())


def _restore_tests(
    agreement: Agreement, period: Period, restores: Sequence[RestoreTest], as_of: int
) -> tuple[RestoreCompliance, ...]:
    """Each set with a ``restore_test`` interval, judged at ``as_of`` (the period's end, or ``now``)."""
    availability = agreement.availability
    if availability is None:
        return ()
    last: dict[str, int] = {}
    for test in restores:
        at = epoch(test.at)
        if test.status is BackupStatus.SUCCESS and at <= as_of and at > last.get(test.backup_id, -(2**62)):
            last[test.backup_id] = at
    # A set never tested is due one interval after the agreement began, not at once.
    began = epoch(datetime.combine(agreement.term.start, time(0), tzinfo=period.zone))
    result = []
    for backup_set in availability.backups:
        if backup_set.restore_test is None:
            continue
        interval = int(backup_set.restore_test.wall_clock().total_seconds())
        at_ = last.get(backup_set.id)
        since = at_ if at_ is not None else began
        result.append(RestoreCompliance(backup_set.id, interval, at_, as_of - since <= interval))
    return tuple(result)
