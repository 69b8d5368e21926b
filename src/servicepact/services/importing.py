"""Use case: import a file of tickets, events, outages, backups, restore tests, assets, a ServiceNow
event log or monitoring checks for one client.

All or nothing: the file is read first (outside any transaction); its rows are then written in one
transaction, which is committed only when everything was stored. A bad row stops the import with its
line and reason unless ``skip_bad_rows`` was asked for, in which case it is left out and reported.
Importing the same file again adds nothing (see :class:`~servicepact.services.ports.ImportSink`).

No data is not success (spec §3): an outages import records the span it covers for every uptime item
(``covers``, by default from the file's earliest to its latest instant), a checks import each monitor's
span, in the same transaction as the rows; uptime is measured over the stored coverage only.

Timestamps without an offset are read in the zone of the client's active agreement's support calendar
(else the client's own zone); ``impact`` + ``urgency`` map to a priority through that agreement's matrix.

>>> from servicepact.adapters.db.input_files import FileInputReader
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client, write_lines
>>> uow = FakeUnitOfWork()
>>> client = make_client(uow, "acme")
>>> path = write_lines(TMP / "tickets.csv", "id,created_at,priority",
...                    "INC1,2026-01-02T09:00Z,P2", "INC2,2026-01-02T10:00Z,P3")
>>> request = ImportRequest(ImportKind.TICKETS, path, "acme")
>>> report = import_file(uow, SYSTEM, request, FileInputReader())
>>> report.added["tickets"]
2
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from servicepact.domain.agreement.model import priority_from_matrix
from servicepact.domain.errors import DataRowError, InputError
from servicepact.domain.evaluation import ALL_ITEMS, CoveredSpan
from servicepact.domain.evaluation.uptime import check_spans
from servicepact.domain.input_rules import InputRules, PriorityLevels, ValueMap
from servicepact.domain.records import Outage
from servicepact.services import access, telemetry
from servicepact.services.model import AuditAction, ImportKind, Principal, Scope, StoredCheck
from servicepact.services.ports import (
    AgreementParser,
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
    """What to import: ``mapping`` renames the file's columns (``{"Number": "id"}``) before reading;
    ``covers`` (``A..B``, outages only) the span the file is the whole record of."""

    kind: ImportKind
    path: Path
    client: str
    mapping: Mapping[str, str] = field(default_factory=dict)
    skip_bad_rows: bool = False
    values: ValueMap = field(default_factory=ValueMap)
    covers: str | None = None


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


MAX_FILE_NAME_BYTES = 120
"""An uploaded file's name is kept to this many bytes of UTF-8 (file systems allow 255; it also names the
source of bad rows and of coverage, and an audit entry)."""
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def upload_file_name(name: str | None, default: str = "upload") -> str:
    """An uploaded file's own name, safe to write into a folder of ours: the last part of its path,
    letters, digits, ``.``, ``-`` and ``_`` (the rest become ``_``), at most :data:`MAX_FILE_NAME_BYTES`,
    cut before its extension so that the extension stays.

    >>> upload_file_name("../exports/tickets (March).csv")
    'tickets_March_.csv'
    >>> len(upload_file_name("x" * 300 + ".json").encode()), upload_file_name("x" * 300 + ".json")[-6:]
    (120, 'x.json')
    """
    last = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_NAME.sub("_", last).strip("._") or default
    if len(base.encode("utf-8")) <= MAX_FILE_NAME_BYTES:
        return base
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        stem, extension = base, ""
    room = MAX_FILE_NAME_BYTES - len(extension.encode("utf-8")) - (1 if extension else 0)
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return f"{cut}.{extension}" if extension else cut


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
    """The agreement's rule of priority from impact × urgency over a stored matrix (None without one)."""
    return partial(priority_from_matrix, matrix) if matrix else None


def import_file(
    uow: UnitOfWork,
    principal: Principal,
    request: ImportRequest,
    reader: InputReader,
    progress: ImportProgress | None = None,
    *,
    parser: AgreementParser | None = None,
) -> ImportReport:
    """Read ``request.path`` with ``reader`` and store its rows for ``request.client`` in one transaction.

    Raises :class:`DataRowError` (every bad row with its line, the first :data:`MAX_LISTED` in the
    message) unless ``skip_bad_rows``; nothing of the file is stored then.

    Spec 1.1 §5: ``request.values`` maps the export's values (``priority:Critical=P1``); with a
    ``parser`` a ticket's priority must be a level of the version in force at its ``created_at`` (rows
    no version covers are stored unchecked, see :func:`priority_levels`); an instant after the unit of
    work's ``now`` is a bad row.
    """
    with telemetry.outcome("imports", kind=request.kind.value):
        return _import_file(uow, principal, request, reader, progress, parser=parser)


def _import_file(
    uow: UnitOfWork,
    principal: Principal,
    request: ImportRequest,
    reader: InputReader,
    progress: ImportProgress | None = None,
    *,
    parser: AgreementParser | None = None,
) -> ImportReport:
    """:func:`import_file` without its count."""
    access.require_staff(principal, "import data")
    if request.covers is not None and request.kind is not ImportKind.OUTAGES:
        raise InputError("--covers is for an outages import: checks cover the span they were taken in")
    with uow:
        client = access.writable_client(uow, principal, request.client)
        zone_name, matrix = uow.agreements.priority_context(client.id)
        levels = priority_levels(uow, client.id, parser, access.scope_of(principal))
        rules = InputRules(int(uow.time_source.now().timestamp()), request.values, levels)
    zone = ZoneInfo(zone_name or client.time_zone)
    covers = parse_covers(request.covers, zone) if request.covers is not None else None
    parsed = reader.read(
        request.kind,
        request.path,
        zone=zone,
        priority_of=_priority_of(matrix),
        mapping=request.mapping,
        skip_bad_rows=request.skip_bad_rows,
        progress=progress,
        rules=rules,
    )
    if isinstance(parsed.rows, EventRows):
        parsed.rows.priorities = levels  # checked against each stored ticket's version as they are stored
    with uow:
        client = access.writable_client(uow, principal, request.client)
        counts = _store(uow.imports, client.id, parsed, progress)
        spans = _coverage(parsed, covers)
        if spans:
            more = uow.imports.coverage(client.id, spans)
            counts.count("coverage", more.added["coverage"], more.present["coverage"])
        if counts.bad_row_total and not request.skip_bad_rows:
            raise bad_rows_error(counts.bad_rows, counts.bad_row_total)
        bad = parsed.bad_rows + counts.bad_rows
        total_bad = parsed.bad_row_total + counts.bad_row_total
        uow.audit.add(
            uow.time_source.now(),
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


def parse_covers(text: str, zone: tzinfo) -> tuple[datetime, datetime]:
    """``A..B`` (ISO 8601 dates or instants; without an offset in ``zone``; a date is its midnight) as
    aware instants; :class:`InputError` naming ``--covers`` when it cannot be read.

    >>> parse_covers("2027-03-01..2027-04-01", ZoneInfo("UTC"))[1].isoformat()
    '2027-04-01T00:00:00+00:00'
    """
    first, sep, last = text.partition("..")
    if not sep:
        raise InputError(f"--covers {text!r}: write START..END (e.g. 2027-03-01..2027-04-01)")
    start, end = _instant(first, zone, text), _instant(last, zone, text)
    if end <= start:
        raise InputError(f"--covers {text!r}: the end is not after the start")
    return start, end


def _instant(value: str, zone: tzinfo, text: str) -> datetime:
    value = value.strip()
    try:
        if len(value) == 10:
            moment = datetime.combine(date.fromisoformat(value), time(0))
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--covers {text!r}: {value!r} is not an ISO 8601 date or timestamp") from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _coverage(parsed: ParsedInput, covers: tuple[datetime, datetime] | None) -> list[CoveredSpan]:
    """What an import says was watched: an outages file covers every item over ``covers`` (by default
    its earliest to its latest instant; nothing for an empty file); checks each monitor's span."""
    rows = parsed.rows
    if isinstance(rows, CheckRows):
        return _checks_coverage(rows.checks, f"checks:{parsed.source}")
    if not isinstance(rows, OutageRows):
        return []
    span = covers if covers is not None else _outages_span(rows.outages)
    if span is None:
        return []
    return [CoveredSpan(ALL_ITEMS, span[0], span[1], f"outages:{parsed.source}")]


def _outages_span(outages: Sequence[Outage]) -> tuple[datetime, datetime] | None:
    instants = [moment for o in outages for moment in (o.start, o.end, o.announced_at) if moment is not None]
    return (min(instants), max(instants)) if instants else None


def _checks_coverage(checks: Sequence[StoredCheck], source: str) -> list[CoveredSpan]:
    """Each monitor from its first to its last check (:func:`check_spans`, as ``evaluate --checks``)."""
    spans = check_spans((check.monitor, check.at, check.up) for check in checks)
    return [CoveredSpan(monitor, first, last, source) for monitor, first, last in spans]


_LEVELS: dict[str, tuple[str, ...]] = {}
"""The priority ids of a stored version's text, by its SHA-256 (an activated text never changes)."""


def priority_levels(
    uow: UnitOfWork, client_id: int, parser: AgreementParser | None, scope: Scope
) -> PriorityLevels | None:
    """The priority levels of the client's activated versions from their ``effective_from`` (spec §6),
    for checking input rows; None without a ``parser`` or before any version is activated.

    A row that no version covers (created before the first ``effective_from``) is not checked when it is
    stored; it is judged as "no agreement" until a version covers it, and activating that version does
    not refuse it (see docs/decisions.md, "Bad rows and value maps").
    """
    if parser is None:
        return None
    versions = [
        v
        for v in uow.agreements.versions(client_id, scope)
        if v.effective_from is not None and v.activated_at is not None
    ]
    if not versions:
        return None
    found = []
    for version in versions:
        ids = _LEVELS.get(version.sha256)
        if ids is None:
            result = parser(version.text, source=f"{version.agreement_key} v{version.number}")
            agreement = result.agreement
            priorities = agreement.priorities if agreement is not None else None
            ids = _LEVELS[version.sha256] = tuple(priorities.ids if priorities is not None else ())
        assert version.effective_from is not None
        found.append((version.agreement_key, int(version.effective_from.timestamp()), ids))
    if not any(ids for _, _, ids in found):
        return None
    return PriorityLevels.of_versions(found)


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
