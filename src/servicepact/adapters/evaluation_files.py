"""Read the files named on ``servicepact evaluate`` into :class:`EvaluationInputs`.

Every reader is the spec §5 reader of ``adapters.inputs``; bad rows raise ``DataFileError`` with file,
line and field (or are skipped and returned as problems with ``skip_bad_rows``). Monitoring checks
(Upptime's ``status_checks.csv`` or ``monitor, at, status``) become unplanned outages.

No data is not success (spec §3): an outages file covers the whole period for every uptime item (an
empty one means "no outages"); checks cover the span they were taken in; ``coverage`` (``uptime_id,
start, end``) adds covered spans. Without any of them uptime is ``no_data``; without ``backups`` /
``restores`` the backup metrics are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from servicepact.adapters.agreement_files import load_agreement
from servicepact.adapters.inputs import (
    RowProblem,
    checks_coverage,
    checks_to_outages,
    read_assets,
    read_backup_runs,
    read_coverage,
    read_monitor_checks,
    read_outages,
    read_restore_tests,
    read_ticket_batch,
)
from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import TicketJudges
from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Coverage, EvaluationInputs
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import Outage


@dataclass(frozen=True)
class EvaluationFiles:
    """The files of one evaluation; only ``tickets`` may be given without the others."""

    tickets: Path | None = None
    events: Path | None = None
    outages: Path | None = None
    checks: Path | None = None
    backups: Path | None = None
    restores: Path | None = None
    assets: Path | None = None
    coverage: Path | None = None

    def paths(self) -> list[tuple[str, Path]]:
        names = ("tickets", "events", "outages", "checks", "backups", "restores", "assets", "coverage")
        return [(name, path) for name in names if (path := getattr(self, name)) is not None]


@dataclass
class FilesRead:
    inputs: EvaluationInputs
    problems: list[RowProblem] = field(default_factory=list)


def read_evaluation_files(
    agreement: Agreement, files: EvaluationFiles, skip_bad_rows: bool = False, rules: InputRules | None = None
) -> FilesRead:
    """Read every file given; timestamps without an offset are in the support calendar's zone.
    ``rules`` (spec 1.1 §5, see :meth:`InputRules.for_agreement`) make unknown priorities and instants
    after now bad rows, and map the export's values.

    >>> from servicepact import load_agreement
    >>> from servicepact.testing import write_lines
    >>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
    >>> tickets = write_lines(TMP / "t.csv", "id,created_at,priority", "INC1,2027-03-02T10:00,P1")
    >>> read_evaluation_files(agreement, EvaluationFiles(tickets=tickets)).inputs.tickets.ids
    array(['INC1'], dtype=object)
    """
    for name, path in files.paths():
        if not path.is_file():
            raise InputError(f"--{name} {path}: no such file")
    if files.events is not None and files.tickets is None:
        raise InputError("--events needs --tickets: events name the tickets they belong to")
    if agreement.support is None:
        raise InputError("the agreement has no `support` section, so no calendar to read times in")
    zone = agreement.calendar(agreement.support.calendar).timezone
    problems: list[RowProblem] = []
    inputs = EvaluationInputs()
    if files.tickets is not None:
        tickets, events, ticket_problems = read_ticket_batch(
            files.tickets,
            files.events,
            zone,
            priority_of=agreement.priorities.from_matrix if agreement.priorities else None,
            skip_bad_rows=skip_bad_rows,
            rules=rules,
        )
        problems += ticket_problems
        inputs = replace(inputs, tickets=tickets, events=events)
    outages: list[Outage] = []
    coverage = Coverage()
    if files.outages is not None:
        read = read_outages(files.outages, zone, skip_bad_rows, rules)
        outages += read.outages
        problems += read.problems
        if files.coverage is None:
            # The file is the whole record: "no outages" means none. With a coverage file (an export),
            # that file says what monitoring watched, as it does for the stored evaluation.
            coverage = Coverage.everything()
    if files.checks is not None:
        checks = read_monitor_checks(files.checks, zone, skip_bad_rows, rules)
        outages += checks_to_outages(checks)
        spans = {monitor: ((first, last),) for monitor, first, last in checks_coverage(checks)}
        coverage = coverage.plus(Coverage(spans))
    if files.coverage is not None:
        covered = read_coverage(files.coverage, zone, skip_bad_rows)
        coverage = coverage.plus(covered.coverage)
        problems += covered.problems
    inputs = replace(
        inputs, backup_source=files.backups is not None, restore_source=files.restores is not None
    )
    if files.backups is not None:
        runs = read_backup_runs(files.backups, zone, skip_bad_rows, rules)
        inputs = replace(inputs, backup_runs=runs.runs)
        problems += runs.problems
    if files.restores is not None:
        tests = read_restore_tests(files.restores, zone, skip_bad_rows, rules)
        inputs = replace(inputs, restore_tests=tests.tests)
        problems += tests.problems
    if files.assets is not None:
        assets = read_assets(files.assets, skip_bad_rows)
        inputs = replace(inputs, assets=assets.assets)
        problems += assets.problems
    inputs = replace(inputs, outages=outages, coverage=coverage)
    return FilesRead(inputs, problems)


def read_versions(path: Path) -> TicketJudgesSource:
    """``versions.csv`` of an export: ``file, effective_from`` rows in the order the versions take effect
    (files relative to the CSV's folder, instants with an offset). Every problem names its line."""
    agreements: list[Agreement] = []
    starts: list[int] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise InputError(f"{path}: no versions (columns: file, effective_from)")
    for line, row in enumerate(rows, start=2):
        name, effective = (row.get("file") or "").strip(), (row.get("effective_from") or "").strip()
        if not name or not effective:
            raise InputError(f"{path}:{line}: file and effective_from are both required")
        try:
            instant = datetime.fromisoformat(effective.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(
                f"{path}:{line}: effective_from {effective!r} is not an ISO 8601 instant"
            ) from None
        if instant.tzinfo is None:
            raise InputError(f"{path}:{line}: effective_from {effective!r} needs an offset (Z or +03:00)")
        seconds = int(instant.timestamp())
        if starts and seconds < starts[-1]:
            raise InputError(f"{path}:{line}: versions are listed in the order they take effect")
        agreements.append(load_agreement(path.parent / name))
        starts.append(seconds)
    return TicketJudgesSource(tuple(agreements), np.array(starts, dtype=np.int64))


@dataclass(frozen=True)
class TicketJudgesSource:
    """The versions of ``versions.csv``: agreements and their ``effective_from`` (epoch seconds)."""

    agreements: tuple[Agreement, ...]
    effective_from: npt.NDArray[np.int64]

    def judges(self, created_at: npt.NDArray[np.datetime64]) -> TicketJudges:
        return TicketJudges.by_creation(self.agreements, self.effective_from, created_at)
