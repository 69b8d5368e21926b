"""Backup runs and restore tests (spec §5).

- runs: ``backup_id | system, started_at, finished_at, status (success | failed | partial)``
- restore tests: ``backup_id, at, status``
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

import numpy as np

from servicepact.adapters.inputs.rows import (
    Columns,
    ProblemLog,
    Repeats,
    RowProblem,
    read_chunks,
    source_name,
)
from servicepact.adapters.inputs.timestamps import to_datetime
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import BackupRun, BackupStatus, RestoreTest

RUN_COLUMNS = Columns(required=("started_at", "finished_at", "status"), groups=(("backup_id",), ("system",)))
TEST_COLUMNS = Columns(required=("backup_id", "at", "status"))
STATUSES = tuple(status.value for status in BackupStatus)


@dataclass
class BackupRunsRead:
    runs: list[BackupRun]
    problems: list[RowProblem]


@dataclass
class RestoreTestsRead:
    tests: list[RestoreTest]
    problems: list[RowProblem]


def read_backup_runs(
    path: Path | str, default_zone: tzinfo, skip_bad_rows: bool = False, rules: InputRules | None = None
) -> BackupRunsRead:
    """Read backup runs; a run that finishes before it starts, an instant after ``rules.now`` and a run
    that repeats an earlier run of the same backup (or system) and start are bad rows.

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact.testing import write_lines
    >>> runs = write_lines(TMP / "runs.csv", "backup_id,started_at,finished_at,status",
    ...                    "nightly,2027-03-01T01:00Z,2027-03-01T01:40Z,success")
    >>> read_backup_runs(runs, ZoneInfo("UTC")).runs[0].status
    <BackupStatus.SUCCESS: 'success'>
    """
    log = ProblemLog()
    runs: list[BackupRun] = []
    statuses = list(BackupStatus)
    repeats = Repeats(source_name(Path(path)), "started_at", "run", default_zone)
    for chunk in read_chunks(path, RUN_COLUMNS, log, rules=rules):
        backup_id, system = chunk.either_text("backup_id", "system")
        started, _ = chunk.instants("started_at", default_zone, required=True)
        finished, has_finished = chunk.instants("finished_at", default_zone, required=True)
        status = chunk.choice("status", STATUSES)
        for row in np.flatnonzero(has_finished & (finished < started)).tolist():
            chunk.report(row, "finished_at", f"{chunk.text('finished_at')[row]!r} is before started_at")
        for row in np.flatnonzero(~chunk.bad).tolist():
            repeats.check(chunk, row, (backup_id[row], system[row], int(started[row])))
        runs.extend(
            BackupRun(
                started_at=to_datetime(started[row]),
                finished_at=to_datetime(finished[row]),
                status=statuses[status[row]],
                backup_id=backup_id[row],
                system=system[row],
            )
            for row in np.flatnonzero(~chunk.bad).tolist()
        )
    log.check(skip_bad_rows)
    return BackupRunsRead(runs, log.problems)


def read_restore_tests(
    path: Path | str, default_zone: tzinfo, skip_bad_rows: bool = False, rules: InputRules | None = None
) -> RestoreTestsRead:
    """Read restore tests (``backup_id, at, status``); a test at the instant of an earlier test of the
    same backup, and one after ``rules.now``, are bad rows."""
    log = ProblemLog()
    tests: list[RestoreTest] = []
    statuses = list(BackupStatus)
    repeats = Repeats(source_name(Path(path)), "at", "restore test", default_zone)
    for chunk in read_chunks(path, TEST_COLUMNS, log, rules=rules):
        backup_id = chunk.required_text("backup_id")
        at, _ = chunk.instants("at", default_zone, required=True)
        status = chunk.choice("status", STATUSES)
        for row in np.flatnonzero(~chunk.bad).tolist():
            repeats.check(chunk, row, (backup_id[row], int(at[row])))
        tests.extend(
            RestoreTest(backup_id=backup_id[row], at=to_datetime(at[row]), status=statuses[status[row]])
            for row in np.flatnonzero(~chunk.bad).tolist()
        )
    log.check(skip_bad_rows)
    return RestoreTestsRead(tests, log.problems)
