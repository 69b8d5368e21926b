"""Bulk writes of imports: millions of rows in one transaction, idempotent on external ids.

Two paths, both inside the unit of work's transaction (so a failure or a killed process leaves nothing):

- SQLite: the driver's ``executemany`` of ``INSERT ... ON CONFLICT DO NOTHING`` in chunks of plain
  tuples (no ORM objects, no per-row SQLAlchemy type processing; instants are the integer seconds
  ``types.UtcDateTime`` stores on SQLite).
- PostgreSQL: ``COPY`` (psycopg 3) of the rows not stored yet: tickets are looked up by external id,
  and events by (ticket, key) for the tickets stored before this import. ``COPY`` has no ``ON CONFLICT``:
  when a concurrent import stored some of the same rows first, it fails on the unique index; then the
  rows are copied again into a temporary table and inserted from it with ``ON CONFLICT DO NOTHING``
  (after waiting for the other import to commit), so that both imports succeed and every row is stored
  once, counted as added by the import that stored it.

On SQLite an import's transaction becomes a write transaction before it looks anything up
(``engine.start_writing``): imports of one database take turns, each seeing what the others stored. The
driver's errors are translated here, at the edge (``errors.translate``): busy, a conflict, a failure.

Small tables (outages, checks, backups, restore tests, assets) use SQLAlchemy Core ``insert`` with the
dialect's ``on_conflict_do_nothing`` (``on_conflict_do_update`` for assets, which take the newest fields).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, ParamSpec, TypeVar

import numpy as np
import numpy.typing as npt
from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from servicepact.adapters.db.copy_rows import UNIQUE_KEYS, Rows, chunks, copy_once, stamps
from servicepact.adapters.db.engine import start_writing
from servicepact.adapters.db.errors import translate
from servicepact.adapters.db.tables import (
    AssetRow,
    BackupRunRow,
    CheckRow,
    CoverageRow,
    EventRow,
    OutageRow,
    RestoreTestRow,
    TicketRow,
)
from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.records import (
    TICKET_TEXT_FIELDS,
    Asset,
    BackupRun,
    EventBatch,
    EventType,
    ObjectArray,
    Outage,
    RestoreTest,
    TicketBatch,
)
from servicepact.services.fingerprints import event_keys
from servicepact.services.model import StoredCheck
from servicepact.services.ports import BadRow, EventRows, ImportCounts, ImportProgress, TicketRows

MAX_BAD_ROWS = 1000
SQLITE_CACHE_KIB = 256 * 1024
TYPE_NAMES = np.array([t.value for t in EventType], dtype=object)
TICKET_COLUMNS = ("client_id", "external_id", "created_at", *TICKET_TEXT_FIELDS)
EVENT_COLUMNS = ("ticket_id", "at", "type", "value", "external_id", "key")


def _objects(values: ObjectArray | None, n: int) -> list[Any]:
    return [None] * n if values is None else values.tolist()


def _seconds(instants: npt.NDArray[np.datetime64]) -> npt.NDArray[np.int64]:
    return instants.astype("datetime64[s]").astype(np.int64)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _translated(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """``method`` with the database's errors, SQLAlchemy's and the driver's, as ServicepactErrors."""

    @functools.wraps(method)
    def translating(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except Exception as error:
            imports = args[0]
            assert isinstance(imports, SqlImports)
            if isinstance(error, imports.database_errors):
                raise translate(error) from error
            raise

    return translating


class SqlImports:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def _instants(self, seconds: npt.NDArray[np.int64]) -> list[Any]:
        """Instants as each database takes them in bulk: seconds (SQLite, see ``types.UtcDateTime``) or
        UTC text for ``COPY`` (PostgreSQL)."""
        return seconds.tolist() if self.dialect == "sqlite" else stamps(seconds)

    @property
    def database_errors(self) -> tuple[type[Exception], ...]:
        """The errors that come from the database: SQLAlchemy's and the driver's own."""
        return (SQLAlchemyError, self.session.get_bind().dialect.loaded_dbapi.Error)

    def _driver(self) -> Any:
        """The DBAPI connection of this transaction (sqlite3 or psycopg)."""
        return self.session.connection().connection.driver_connection

    def _start_writing(self) -> None:
        """Before the first lookup of a write: on SQLite, take the write lock now (waiting for it), so
        that what is looked up is what the import writes over."""
        start_writing(self.session.connection())

    # --- tickets and events -------------------------------------------------------------------------

    @_translated
    def tickets(self, client_id: int, rows: TicketRows, progress: ImportProgress | None) -> ImportCounts:
        self._start_writing()
        counts = ImportCounts()
        batch = rows.tickets
        ids, is_new = self._store_tickets(client_id, batch, counts, progress)
        may_conflict = ~is_new[rows.events.ticket] if len(rows.events) else np.zeros(0, dtype=bool)
        self._store_events(ids, rows.events, rows.event_ids, None, may_conflict, counts, progress)
        return counts

    @_translated
    def events(self, client_id: int, rows: EventRows, progress: ImportProgress | None) -> ImportCounts:
        self._start_writing()
        counts = ImportCounts()
        known = self._ticket_ids(client_id)
        external = rows.ticket_ids.tolist()
        ids = np.fromiter(map(known.get, external, repeat(-1)), dtype=np.int64, count=len(external))
        db_ticket = ids[rows.events.ticket] if len(rows.events) else np.zeros(0, dtype=np.int64)
        unknown = np.flatnonzero(db_ticket < 0)
        lines = rows.events.lines
        for row in unknown[:MAX_BAD_ROWS].tolist():
            name = external[int(rows.events.ticket[row])]
            line = None if lines is None else int(lines[row])
            counts.bad_rows.append(BadRow(rows.source, line, "ticket_id", f"{name!r} is not a stored ticket"))
        counts.bad_row_total = int(unknown.size)
        unknown_priority = self._unknown_priorities(rows, db_ticket, counts)
        may_conflict = np.ones(len(rows.events), dtype=bool)
        keep = (db_ticket >= 0) & ~unknown_priority
        self._store_events(ids, rows.events, rows.event_ids, keep, may_conflict, counts, progress)
        return counts

    def _unknown_priorities(
        self, rows: EventRows, db_ticket: npt.NDArray[np.int64], counts: ImportCounts
    ) -> npt.NDArray[np.bool_]:
        """The ``priority`` events whose new priority is not a level of the version in force at their
        stored ticket's ``created_at`` (spec 1.1 §5), reported as bad rows."""
        bad = np.zeros(len(rows.events), dtype=bool)
        levels = rows.priorities
        if levels is None or len(rows.events) == 0:
            return bad
        candidates = np.flatnonzero((rows.events.type == EventType.PRIORITY.code) & (db_ticket >= 0))
        if candidates.size == 0:
            return bad
        wanted = np.unique(db_ticket[candidates]).tolist()
        created: dict[int, int] = {}
        for part in chunks(len(wanted), 5_000):
            query = select(TicketRow.id, TicketRow.created_at).where(TicketRow.id.in_(wanted[part]))
            created.update((int(i), int(at.timestamp())) for i, at in self.session.execute(query))
        lines = rows.events.lines
        for row in candidates.tolist():
            value = rows.events.value[row]
            judged_at = created[int(db_ticket[row])]
            if value is None or not levels.unknown(value, judged_at):
                continue
            bad[row] = True
            counts.bad_row_total += 1
            if len(counts.bad_rows) < MAX_BAD_ROWS:
                line = None if lines is None else int(lines[row])
                reason = (
                    f"{value!r} is not a priority of the agreement ({levels.describe(judged_at)}); "
                    f"map it with --map-value priority:{value}=LEVEL"
                )
                counts.bad_rows.append(BadRow(rows.source, line, "value", reason))
        return bad

    def _ticket_ids(self, client_id: int) -> dict[str, int]:
        """External id -> database id of the client's tickets (straight from the driver: millions of rows)."""
        cursor = self._driver().cursor()
        try:
            placeholder = "?" if self.dialect == "sqlite" else "%s"
            cursor.execute(
                f"SELECT external_id, id FROM tickets WHERE client_id = {placeholder}", (client_id,)
            )
            return dict(cursor.fetchall())
        finally:
            cursor.close()

    def _store_tickets(
        self, client_id: int, batch: TicketBatch, counts: ImportCounts, progress: ImportProgress | None
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Store the tickets not stored yet; return the database id of every ticket of the batch and
        whether it is new."""
        n = len(batch)
        before = self._ticket_ids(client_id)
        external = batch.ids.tolist()
        is_new = np.fromiter((t not in before for t in external), dtype=bool, count=n)
        new_rows = np.flatnonzero(is_new)
        columns = [
            _objects(batch.ids, n),
            self._instants(_seconds(batch.created_at)),
            *(_objects(getattr(batch, name), n) for name in TICKET_TEXT_FIELDS),
        ]
        picked = (
            [[column[i] for i in new_rows.tolist()] for column in columns] if new_rows.size < n else columns
        )
        total = len(picked[0])
        if self.dialect == "postgresql":
            added = copy_once(
                self._driver(), Rows("tickets", TICKET_COLUMNS, client_id, picked, total), progress
            )
        else:
            added = self._executemany("tickets", TICKET_COLUMNS, client_id, picked, total, progress)
        counts.count("tickets", added, n - added)
        after = self._ticket_ids(client_id)
        return np.fromiter((after[t] for t in external), dtype=np.int64, count=n), is_new

    def _store_events(
        self,
        ids: npt.NDArray[np.int64],
        events: EventBatch,
        event_ids: ObjectArray | None,
        keep: npt.NDArray[np.bool_] | None,
        may_conflict: npt.NDArray[np.bool_],
        counts: ImportCounts,
        progress: ImportProgress | None,
    ) -> None:
        n = len(events)
        if n == 0:
            counts.count("events", 0, 0)
            return
        seconds = _seconds(events.at)
        keys = event_keys(ids[events.ticket], seconds, events.type, events.value, event_ids)
        rows = np.arange(n) if keep is None else np.flatnonzero(keep)
        # By ticket, then time, then file order: the (ticket_id, key) index fills page after page instead
        # of at random, and ids follow time within a ticket (ties keep the order of the file).
        rows = rows[np.lexsort((rows, seconds[rows], ids[events.ticket[rows]]))]
        ticket = ids[events.ticket[rows]]
        columns: list[list[Any]] = [
            ticket.tolist(),
            self._instants(seconds[rows]),
            TYPE_NAMES[events.type[rows].astype(np.intp)].tolist(),
            events.value[rows].tolist(),
            [None] * rows.size if event_ids is None else event_ids[rows].tolist(),
            keys[rows].tolist(),
        ]
        if self.dialect == "postgresql":
            added = self._copy_events(columns, may_conflict[rows], progress)
        else:
            added = self._executemany("ticket_events", EVENT_COLUMNS, None, columns, rows.size, progress)
        counts.count("events", added, int(rows.size) - added)

    # --- SQLite ------------------------------------------------------------------------------------------

    def _executemany(
        self,
        table: str,
        names: tuple[str, ...],
        client_id: int | None,
        columns: list[list[Any]],
        total: int,
        progress: ImportProgress | None,
    ) -> int:
        sql = (
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
            f"ON CONFLICT ({UNIQUE_KEYS[table]}) DO NOTHING"
        )
        cursor = self._driver().cursor()
        # A large page cache for this connection: a big transaction otherwise spills pages to the WAL
        # over and over (the default cache is 2 MB).
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        added = 0
        try:
            for part in chunks(total):
                values = [column[part] for column in columns]
                if client_id is not None:
                    values.insert(0, [client_id] * (part.stop - part.start))
                cursor.executemany(sql, zip(*values, strict=True))
                added += max(cursor.rowcount, 0)
                if progress is not None:
                    progress(table.replace("ticket_", ""), part.stop, total)
        finally:
            cursor.close()
        return added

    # --- PostgreSQL ------------------------------------------------------------------------------------

    def _copy_events(
        self, columns: list[list[Any]], may_conflict: npt.NDArray[np.bool_], progress: ImportProgress | None
    ) -> int:
        """Copy the events not stored yet. Only events of tickets stored before this import can be
        stored already; their (ticket, key) pairs are looked up and those found are left out (the events
        a concurrent import stored meanwhile are skipped by ``copy_rows.copy_once``)."""
        keep = np.ones(len(may_conflict), dtype=bool)
        check = np.flatnonzero(may_conflict)
        if check.size:
            tickets = np.asarray(columns[0], dtype=np.int64)
            keys = np.asarray(columns[5], dtype=np.int64)
            with self._driver().cursor() as cursor:
                cursor.execute(
                    "SELECT ticket_id, key FROM ticket_events WHERE ticket_id = ANY(%s)",
                    (np.unique(tickets[check]).tolist(),),
                )
                stored = set(cursor.fetchall())
            if stored:
                found = np.fromiter(
                    map(stored.__contains__, zip(tickets[check].tolist(), keys[check].tolist(), strict=True)),
                    dtype=bool,
                    count=check.size,
                )
                keep[check[found]] = False
        rows = np.flatnonzero(keep)
        if rows.size == 0:
            return 0
        part = columns if rows.size == len(keep) else [[c[i] for i in rows.tolist()] for c in columns]
        new_events = Rows("ticket_events", EVENT_COLUMNS, None, part, int(rows.size))
        return copy_once(self._driver(), new_events, progress)

    # --- small tables ----------------------------------------------------------------------------------

    @_translated
    def _insert(
        self, table: Table, client_id: int, rows: list[dict[str, Any]], name: str, update: bool = False
    ) -> ImportCounts:
        self._start_writing()
        counts = ImportCounts()
        count = select(func.count()).select_from(table).where(table.c.client_id == client_id)
        before = int(self.session.scalar(count) or 0)
        if rows:
            insert = postgresql.insert(table) if self.dialect == "postgresql" else sqlite.insert(table)
            unique = [c.name for c in _unique_columns(table)]
            if update:
                statement = insert.on_conflict_do_update(
                    index_elements=unique,
                    set_={"type": insert.excluded.type, "fields": insert.excluded.fields},
                )
            else:
                statement = insert.on_conflict_do_nothing(index_elements=unique)
            for part in chunks(len(rows), 5_000):
                self.session.execute(statement, [{"client_id": client_id, **row} for row in rows[part]])
        after = int(self.session.scalar(count) or 0)
        counts.count(name, after - before, len(rows) - (after - before))
        return counts

    def outages(self, client_id: int, outages: Sequence[Outage]) -> ImportCounts:
        rows = [
            {
                "target": _target(o.uptime_id, o.service),
                "uptime_id": o.uptime_id,
                "service": o.service,
                "start": o.start,
                "end": o.end,
                "kind": o.kind,
                "announced_at": o.announced_at,
            }
            for o in outages
        ]
        return self._insert(OutageRow.__table__, client_id, rows, "outages")  # type: ignore[arg-type]

    def coverage(self, client_id: int, spans: Sequence[CoveredSpan]) -> ImportCounts:
        rows = [{"uptime_id": c.uptime_id, "start": c.start, "end": c.end, "source": c.source} for c in spans]
        return self._insert(CoverageRow.__table__, client_id, rows, "coverage")  # type: ignore[arg-type]

    def checks(self, client_id: int, checks: Sequence[StoredCheck]) -> ImportCounts:
        rows = [
            {
                "monitor": c.monitor,
                "at": c.at,
                "up": c.up,
                "name": c.name,
                "http_code": c.http_code,
                "response_ms": c.response_ms,
            }
            for c in checks
        ]
        return self._insert(CheckRow.__table__, client_id, rows, "checks")  # type: ignore[arg-type]

    def backup_runs(self, client_id: int, runs: Sequence[BackupRun]) -> ImportCounts:
        rows = [
            {
                "target": _target(r.backup_id, r.system),
                "backup_id": r.backup_id,
                "system": r.system,
                "started_at": r.started_at,
                "finished_at": r.finished_at,
                "status": r.status,
            }
            for r in runs
        ]
        return self._insert(BackupRunRow.__table__, client_id, rows, "backup_runs")  # type: ignore[arg-type]

    def restore_tests(self, client_id: int, tests: Sequence[RestoreTest]) -> ImportCounts:
        rows = [{"backup_id": t.backup_id, "at": t.at, "status": t.status} for t in tests]
        return self._insert(RestoreTestRow.__table__, client_id, rows, "restore_tests")  # type: ignore[arg-type]

    def assets(self, client_id: int, assets: Sequence[Asset]) -> ImportCounts:
        rows = [{"external_id": a.id, "type": a.type, "fields": dict(a.fields)} for a in assets]
        return self._insert(AssetRow.__table__, client_id, rows, "assets", update=True)  # type: ignore[arg-type]


def _target(first: str | None, second: str | None) -> str:
    """The ``target`` column of a row named by either of two ids (an outage's ``uptime_id`` or
    ``service``, a backup run's ``backup_id`` or ``system``): both, ``|``-joined, empty for None, so that
    the unique key can hold it (a NULL never conflicts)."""
    return f"{first or ''}|{second or ''}"


def _unique_columns(table: Table) -> list[Any]:
    from sqlalchemy import UniqueConstraint

    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            return list(constraint.columns)
    raise LookupError(table.name)


__all__ = ["EventRow", "SqlImports"]
