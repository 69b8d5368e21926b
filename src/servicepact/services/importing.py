"""Use case: import a file of tickets, events, outages, backups, restore tests, assets, a ServiceNow
event log or monitoring checks for one client.

All or nothing: the file is read first (outside any transaction); its rows are then written in one
transaction, which is committed only when everything was stored. A bad row stops the import with its
line and reason unless ``skip_bad_rows`` was asked for, in which case it is left out and reported.
Importing the same file again adds nothing (see :class:`~servicepact.services.ports.ImportSink`).

Timestamps without an offset are read in the zone of the client's active agreement's support calendar
(else the client's own zone); ``impact`` + ``urgency`` map to a priority through that agreement's matrix.

>>> request = ImportRequest(ImportKind.TICKETS, path, "acme")  # doctest: +SKIP
>>> report = import_file(uow, principal, request, reader)  # doctest: +SKIP
>>> report.added["tickets"]  # doctest: +SKIP
1000
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from servicepact.domain.errors import DataRowError, InputError
from servicepact.services import access
from servicepact.services.access import Principal
from servicepact.services.model import AuditAction, ImportKind
from servicepact.services.ports import (
    AssetRows,
    BackupRows,
    BadRow,
    CheckRows,
    EventRows,
    ImportCounts,
    ImportProgress,
    ImportSink,
    InputReader,
    OutageRows,
    ParsedInput,
    PriorityOf,
    RestoreRows,
    TicketRows,
    UnitOfWork,
)

MAX_LISTED = 20


@dataclass(frozen=True)
class ImportRequest:
    """What to import: ``mapping`` renames the file's columns (``{"Number": "id"}``) before reading."""

    kind: ImportKind
    path: Path
    client: str
    mapping: Mapping[str, str] = field(default_factory=dict)
    skip_bad_rows: bool = False


@dataclass(frozen=True)
class ImportReport:
    """Rows added and already present per table, and the bad rows left out (when skipping)."""

    kind: ImportKind
    client: str
    source: str
    added: dict[str, int]
    present: dict[str, int]
    bad_rows: list[BadRow]
    bad_row_total: int

    @property
    def changed(self) -> bool:
        return any(self.added.values())


def parse_mapping(items: list[str]) -> dict[str, str]:
    """``["Number=id", "Opened=created_at"]`` -> ``{"number": "id", "opened": "created_at"}``."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, name = item.partition("=")
        if not sep or not column.strip() or not name.strip():
            raise InputError(f"--map {item!r}: write column=field")
        mapping[column.strip().lower()] = name.strip().lower()
    return mapping


def _priority_of(matrix: dict[str, dict[str, str]] | None) -> PriorityOf | None:
    if not matrix:
        return None

    def priority_of(impact: str, urgency: str) -> str | None:
        return matrix.get(impact, {}).get(urgency)

    return priority_of


def import_file(
    uow: UnitOfWork,
    principal: Principal,
    request: ImportRequest,
    reader: InputReader,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Read ``request.path`` with ``reader`` and store its rows for ``request.client`` in one transaction.

    Raises :class:`DataRowError` (every bad row with its line, the first :data:`MAX_LISTED` in the
    message) unless ``skip_bad_rows``; nothing of the file is stored then.
    """
    access.require_staff(principal, "import data")
    with uow:
        client = access.writable_client(uow, principal, request.client)
        zone_name, matrix = uow.agreements.priority_context(client.id)
    parsed = reader.read(
        request.kind,
        request.path,
        zone=ZoneInfo(zone_name or client.time_zone),
        priority_of=_priority_of(matrix),
        mapping=request.mapping,
        skip_bad_rows=request.skip_bad_rows,
        progress=progress,
    )
    with uow:
        client = access.writable_client(uow, principal, request.client)
        counts = _store(uow.imports, client.id, parsed, progress)
        if counts.bad_row_total and not request.skip_bad_rows:
            raise bad_rows_error(counts.bad_rows, counts.bad_row_total)
        bad = parsed.bad_rows + counts.bad_rows
        total_bad = parsed.bad_row_total + counts.bad_row_total
        uow.audit.add(
            uow.clock.now(),
            principal.name,
            AuditAction.DATA_IMPORTED,
            request.kind.value,
            parsed.source,
            client.id,
            {"added": counts.added, "present": counts.present, "bad_rows": total_bad},
        )
        uow.commit()
    return ImportReport(
        request.kind, client.slug, parsed.source, counts.added, counts.present, bad, total_bad
    )


def bad_rows_error(rows: list[BadRow], total: int) -> DataRowError:
    """One error listing the first bad rows; ``problems`` holds them all (as the readers' errors do)."""
    listed = [str(row) for row in rows[:MAX_LISTED]]
    if total > len(listed):
        listed.append(f"... and {total - len(listed)} more")
    # No location on the error itself: every listed row carries its own.
    error = DataRowError("\n".join(listed))
    error.problems = list(rows)  # type: ignore[attr-defined]
    return error


def _store(
    sink: ImportSink, client_id: int, parsed: ParsedInput, progress: ImportProgress | None
) -> ImportCounts:
    rows = parsed.rows
    if isinstance(rows, AssetRows):
        return sink.assets(client_id, rows.assets)
    if isinstance(rows, TicketRows):
        return sink.tickets(client_id, rows, progress)
    if isinstance(rows, EventRows):
        return sink.events(client_id, rows, progress)
    if isinstance(rows, CheckRows):
        counts = sink.checks(client_id, rows.checks)
        more = sink.outages(client_id, rows.outages)
        for table in more.added:
            counts.count(table, more.added[table], more.present[table])
        return counts
    if isinstance(rows, OutageRows):
        return sink.outages(client_id, rows.outages)
    if isinstance(rows, BackupRows):
        return sink.backup_runs(client_id, rows.runs)
    if isinstance(rows, RestoreRows):
        return sink.restore_tests(client_id, rows.tests)
    raise InputError(f"cannot store {parsed.kind.value} rows")
