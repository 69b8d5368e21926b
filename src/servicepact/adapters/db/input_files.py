"""The :class:`~servicepact.services.ports.InputReader` over ``servicepact.adapters.inputs``.

It renames columns (``--map``) by rewriting the header of a copy of the file, calls the reader of the
kind, and shapes what it returns for the import use case.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

import numpy as np

from servicepact.adapters.inputs.assets import read_assets
from servicepact.adapters.inputs.backups import read_backup_runs, read_restore_tests
from servicepact.adapters.inputs.events import EventColumns, read_event_columns
from servicepact.adapters.inputs.outages import read_outages
from servicepact.adapters.inputs.problems import DataFileError, ProblemLog, RowProblem
from servicepact.adapters.inputs.rows import is_json
from servicepact.adapters.inputs.tickets import read_ticket_batch
from servicepact.adapters.inputs.uci import ServiceNowLog, read_servicenow_log
from servicepact.adapters.inputs.upptime import checks_to_outages, read_monitor_checks
from servicepact.domain.errors import InputError
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import EventBatch, EventType, tickets_as_columns
from servicepact.services.model import ImportKind, StoredCheck
from servicepact.services.ports import (
    AssetRows,
    BackupRows,
    BadRow,
    CheckRows,
    EventRows,
    ImportProgress,
    OutageRows,
    ParsedInput,
    PriorityOf,
    RestoreRows,
    TicketRows,
)


def _bad(problems: list[RowProblem]) -> list[BadRow]:
    return [BadRow(p.source, p.line, p.field, p.reason) for p in problems]


@contextmanager
def mapped(path: Path, mapping: Mapping[str, str]) -> Iterator[Path]:
    """``path``, or a copy whose header (CSV) or keys (JSON) are renamed by ``mapping``."""
    if not mapping:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="servicepact-map-") as folder:
        target = Path(folder) / path.name
        if is_json(path):
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if isinstance(data, list):
                data = [
                    {mapping.get(str(k).strip().lower(), k): v for k, v in item.items()}
                    if isinstance(item, dict)
                    else item
                    for item in data
                ]
            target.write_text(json.dumps(data), encoding="utf-8")
        else:
            with (
                path.open("r", encoding="utf-8-sig", newline="") as source,
                target.open("w", encoding="utf-8", newline="") as out,
            ):
                header = source.readline()
                names = next(csv.reader(io.StringIO(header)), [])
                renamed = [mapping.get(name.strip().lower(), name) for name in names]
                unknown = set(mapping) - {name.strip().lower() for name in names}
                if unknown:
                    raise InputError(
                        f"--map names columns the file does not have: {', '.join(sorted(unknown))}"
                    )
                line = io.StringIO()
                csv.writer(line, lineterminator="\r\n" if header.endswith("\r\n") else "\n").writerow(renamed)
                out.write(line.getvalue())
                shutil.copyfileobj(source, out, 1 << 22)
        yield target


class FileInputReader:
    """Reads the input files of every :class:`ImportKind`."""

    def read(
        self,
        kind: ImportKind,
        path: Path,
        *,
        zone: tzinfo,
        priority_of: PriorityOf | None,
        mapping: Mapping[str, str],
        skip_bad_rows: bool,
        progress: ImportProgress | None,
        rules: InputRules | None = None,
    ) -> ParsedInput:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        source = path.name
        with mapped(path, mapping) as readable:
            if kind is ImportKind.TICKETS:
                tickets, events, problems = read_ticket_batch(
                    readable,
                    None,
                    zone,
                    priority_of=priority_of,
                    progress=(lambda rows: progress("reading", rows, None)) if progress else None,
                    skip_bad_rows=skip_bad_rows,
                    rules=rules,
                )
                return ParsedInput(kind, source, TicketRows(tickets, events), _bad(problems), len(problems))
            if kind is ImportKind.EVENTS:
                return self._events(readable, source, zone, skip_bad_rows, progress, rules)
            if kind is ImportKind.OUTAGES:
                read = read_outages(readable, zone, skip_bad_rows, rules)
                return ParsedInput(
                    kind, source, OutageRows(read.outages), _bad(read.problems), len(read.problems)
                )
            if kind is ImportKind.BACKUPS:
                runs = read_backup_runs(readable, zone, skip_bad_rows, rules)
                return ParsedInput(
                    kind, source, BackupRows(runs.runs), _bad(runs.problems), len(runs.problems)
                )
            if kind is ImportKind.RESTORES:
                tests = read_restore_tests(readable, zone, skip_bad_rows, rules)
                return ParsedInput(
                    kind, source, RestoreRows(tests.tests), _bad(tests.problems), len(tests.problems)
                )
            if kind is ImportKind.ASSETS:
                assets = read_assets(readable, skip_bad_rows)
                return ParsedInput(
                    kind, source, AssetRows(assets.assets), _bad(assets.problems), len(assets.problems)
                )
            if kind is ImportKind.SERVICENOW:
                log = read_servicenow_log(readable, zone, skip_bad_rows, rules)
                return ParsedInput(kind, source, servicenow_rows(log), _bad(log.problems), len(log.problems))
            if kind is ImportKind.CHECKS:
                return self._checks(readable, source, zone, skip_bad_rows, rules)
        raise InputError(f"unknown import kind {kind!r}")

    def _events(
        self,
        path: Path,
        source: str,
        zone: tzinfo,
        skip: bool,
        progress: ImportProgress | None,
        rules: InputRules | None,
    ) -> ParsedInput:
        log = ProblemLog()
        columns = read_event_columns(
            path,
            zone,
            log,
            None,
            (lambda rows: progress("reading", rows, None)) if progress else None,
            rules=rules,
        )
        log.check(skip)
        return ParsedInput(
            ImportKind.EVENTS, source, event_rows(columns, source), _bad(log.problems), log.total
        )

    def _checks(
        self, path: Path, source: str, zone: tzinfo, skip: bool, rules: InputRules | None
    ) -> ParsedInput:
        try:
            checks = read_monitor_checks(path, zone, skip, rules)
        except DataFileError:
            raise
        stored = [StoredCheck(c.monitor, c.at, c.up, c.name, c.http_code, c.response_ms) for c in checks]
        # Two checks of one monitor at the same second are one check.
        unique = list({(c.monitor, c.at): c for c in stored}.values())
        return ParsedInput(ImportKind.CHECKS, source, CheckRows(unique, checks_to_outages(checks)))


def event_rows(columns: EventColumns, source: str = "events") -> EventRows:
    """Event columns as rows naming their tickets by external id (one name per event)."""
    events = EventBatch(
        ticket=np.arange(len(columns.ticket_ids), dtype=np.int64),
        at=columns.at.astype("datetime64[s]"),
        type=columns.type,
        value=columns.value,
        lines=columns.lines,
    )
    return EventRows(columns.ticket_ids, events, source=source)


def servicenow_rows(log: ServiceNowLog) -> TicketRows:
    """A ServiceNow log as tickets and events. A ticket's stored priority is its priority when opened
    (the first row's); the ``priority`` events carry every change, so each row's priority can be rebuilt."""
    first_priority: dict[str, str | None] = {}
    for update in log.updates:
        first_priority.setdefault(update.number, update.priority)
    tickets = log.tickets
    priorities = [first_priority.get(t.id, t.priority) for t in tickets]
    batch, events, ids = tickets_as_columns(tickets, priorities, events_by_time=False)
    return TicketRows(batch, events, ids)


__all__ = ["EventType", "FileInputReader", "event_rows", "mapped", "servicenow_rows"]
