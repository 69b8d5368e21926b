"""In-memory bulk writes of imports, keyed as the SQL ones are (idempotent on the same keys)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.records import (
    Asset,
    BackupRun,
    EventBatch,
    EventType,
    Outage,
    RestoreTest,
    Ticket,
    TicketEvent,
)
from servicepact.services.fingerprints import event_keys
from servicepact.services.model import (
    StoredCheck,
)
from servicepact.services.ports import (
    BadRow,
    EventRows,
    ImportCounts,
    ImportProgress,
    TicketRows,
)
from servicepact.testing.store import StorePart


def _outage_key(client_id: int, o: Outage) -> tuple[Any, ...]:
    return (client_id, o.uptime_id or "", o.service or "", o.start, o.kind)


def _text(values: Any, row: int) -> str | None:
    return None if values is None else values[row]


class FakeImports(StorePart):
    def tickets(self, client_id: int, rows: TicketRows, progress: ImportProgress | None) -> ImportCounts:
        counts = ImportCounts()
        batch = rows.tickets
        created = batch.created_at.astype("datetime64[s]").astype(np.int64).tolist()
        added = 0
        for row, external_id in enumerate(batch.ids.tolist()):
            key = (client_id, external_id)
            if key in self.s.tickets:
                continue
            added += 1
            self.s.tickets[key] = Ticket(
                id=external_id,
                created_at=datetime.fromtimestamp(created[row], UTC),
                priority=_text(batch.priority, row),
                impact=_text(batch.impact, row),
                urgency=_text(batch.urgency, row),
                client_priority=_text(batch.client_priority, row),
                service=_text(batch.service, row),
                asset=_text(batch.asset, row),
                title=_text(batch.title, row),
            )
        counts.count("tickets", added, len(batch) - added)
        self._events(client_id, batch.ids, rows.events, rows.event_ids, counts)
        return counts

    def events(self, client_id: int, rows: EventRows, progress: ImportProgress | None) -> ImportCounts:
        counts = ImportCounts()
        self._events(client_id, rows.ticket_ids, rows.events, rows.event_ids, counts, rows.source)
        return counts

    def _events(
        self,
        client_id: int,
        ticket_ids: Any,
        events: EventBatch,
        event_ids: Any,
        counts: ImportCounts,
        source: str = "tickets",
    ) -> None:
        seconds = events.at.astype("datetime64[s]").astype(np.int64)
        names = [ticket_ids[row] for row in events.ticket.tolist()]
        groups: dict[str, int] = {}
        group = np.array([groups.setdefault(name, len(groups)) for name in names], dtype=np.int64)
        keys = event_keys(group, seconds, events.type, events.value, event_ids).tolist()
        types = list(EventType)
        added = present = 0
        lines = events.lines.tolist() if events.lines is not None else [None] * len(events)
        for row, (ticket_row, at, code, value, key) in enumerate(
            zip(
                events.ticket.tolist(),
                seconds.tolist(),
                events.type.tolist(),
                events.value.tolist(),
                keys,
                strict=True,
            )
        ):
            ticket_id = ticket_ids[ticket_row]
            if (client_id, ticket_id) not in self.s.tickets:
                counts.bad_rows.append(
                    BadRow(source, lines[row], "ticket_id", f"{ticket_id!r} is not a stored ticket")
                )
                counts.bad_row_total += 1
                continue
            stored = self.s.events.setdefault((client_id, ticket_id), {})
            if key in stored:
                present += 1
                continue
            external = None if event_ids is None else event_ids[row]
            stored[key] = TicketEvent(
                ticket_id, datetime.fromtimestamp(at, UTC), types[code], value, external
            )
            added += 1
        counts.count("events", added, present)

    def _keyed(
        self, table: dict[Any, Any], name: str, rows: Sequence[tuple[tuple[Any, ...], Any]]
    ) -> ImportCounts:
        counts = ImportCounts()
        added = 0
        for key, row in rows:
            if key not in table:
                table[key] = row
                added += 1
        counts.count(name, added, len(rows) - added)
        return counts

    def outages(self, client_id: int, outages: Sequence[Outage]) -> ImportCounts:
        return self._keyed(self.s.outages, "outages", [(_outage_key(client_id, o), o) for o in outages])

    def checks(self, client_id: int, checks: Sequence[StoredCheck]) -> ImportCounts:
        return self._keyed(self.s.checks, "checks", [((client_id, c.monitor, c.at), c) for c in checks])

    def coverage(self, client_id: int, spans: Sequence[CoveredSpan]) -> ImportCounts:
        rows = [((client_id, c.uptime_id, c.start, c.source), c) for c in spans]
        return self._keyed(self.s.coverage, "coverage", rows)

    def backup_runs(self, client_id: int, runs: Sequence[BackupRun]) -> ImportCounts:
        rows = [((client_id, r.backup_id or "", r.system or "", r.started_at), r) for r in runs]
        return self._keyed(self.s.backup_runs, "backup_runs", rows)

    def restore_tests(self, client_id: int, tests: Sequence[RestoreTest]) -> ImportCounts:
        return self._keyed(
            self.s.restore_tests, "restore_tests", [((client_id, t.backup_id, t.at), t) for t in tests]
        )

    def assets(self, client_id: int, assets: Sequence[Asset]) -> ImportCounts:
        counts = ImportCounts()
        added = 0
        for asset in assets:
            added += (client_id, asset.id) not in self.s.assets
            self.s.assets[(client_id, asset.id)] = asset
        counts.count("assets", added, len(assets) - added)
        return counts
