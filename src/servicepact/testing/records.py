"""In-memory reads of stored records, in the same order as the SQL repositories."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from servicepact.domain.errors import ConflictError, NotFoundError
from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.records import (
    Asset,
    BackupRun,
    EventType,
    Outage,
    RestoreTest,
    Ticket,
    TicketEvent,
)
from servicepact.services.fingerprints import manual_event_key
from servicepact.services.model import (
    Page,
    Scope,
    Span,
    StoredCheck,
)
from servicepact.services.ports import (
    RecordCounts,
)
from servicepact.testing.store import StorePart, page_of


def _closed(ticket: Ticket) -> bool:
    """Some resolution of the ticket is not followed by a reopening (the clock engine's stop rule).

    ``ticket.events`` are in the order the engine reads them (time, then the order stored), so a reopening
    stored after a resolution of the same instant follows it, as in the SQL read.
    """
    kinds = [e.type for e in ticket.events]
    last = {kind: max((i for i, k in enumerate(kinds) if k is kind), default=-1) for kind in EventType}
    return last[EventType.RESOLVED] > last[EventType.REOPENED]


class FakeRecords(StorePart):
    def ticket(self, client_id: int, external_id: str, scope: Scope) -> Ticket | None:
        if not scope.allows(client_id):
            return None
        ticket = self.s.tickets.get((client_id, external_id))
        if ticket is None:
            return None
        events = self.s.events.get((client_id, external_id), {})
        ordered = sorted(enumerate(events.values()), key=lambda item: (item[1].at, item[0]))
        return replace(ticket, events=tuple(event for _, event in ordered))

    def tickets(
        self,
        client_id: int,
        scope: Scope,
        page: Page,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[Ticket]:
        if not scope.allows(client_id):
            return []
        rows = sorted(
            (
                t
                for (c, _), t in self.s.tickets.items()
                if c == client_id
                and (created_from is None or t.created_at >= created_from)
                and (created_to is None or t.created_at < created_to)
            ),
            key=lambda t: (t.created_at, t.id),
        )
        return page_of(rows, page)

    def _listed(
        self, table: dict[tuple[Any, ...], Any], client_id: int, scope: Scope, by: Callable[[Any], Any]
    ) -> list[Any]:
        """The client's rows of ``table`` ordered ``by`` as the SQL reads order them; ties stay in storage
        order, as the SQL reads break them by row id (the sort is stable)."""
        if not scope.allows(client_id):
            return []
        return sorted((row for key, row in table.items() if key[0] == client_id), key=by)

    def outages(self, client_id: int, scope: Scope, page: Page, span: Span | None = None) -> list[Outage]:
        """By start (SQL: ``ORDER BY start, id``)."""
        rows = self._listed(self.s.outages, client_id, scope, lambda o: o.start)
        if span is not None:
            rows = [o for o in rows if o.start < span.end and (o.end is None or o.end > span.start)]
        return page_of(rows, page)

    def checks(self, client_id: int, scope: Scope, page: Page) -> list[StoredCheck]:
        """By instant (SQL: ``ORDER BY at, id``)."""
        return page_of(self._listed(self.s.checks, client_id, scope, lambda c: c.at), page)

    def coverage(self, client_id: int, scope: Scope) -> list[CoveredSpan]:
        """By uptime item and start (SQL: ``ORDER BY uptime_id, start, id``)."""
        return self._listed(self.s.coverage, client_id, scope, lambda c: (c.uptime_id, c.start))

    def backup_runs(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[BackupRun]:
        """By start (SQL: ``ORDER BY started_at, id``)."""
        rows = self._listed(self.s.backup_runs, client_id, scope, lambda r: r.started_at)
        return page_of(
            [r for r in rows if span is None or (r.started_at < span.end and r.finished_at >= span.start)],
            page,
        )

    def restore_tests(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[RestoreTest]:
        """By instant (SQL: ``ORDER BY at, id``)."""
        rows = self._listed(self.s.restore_tests, client_id, scope, lambda t: t.at)
        return page_of([t for t in rows if span is None or span.start <= t.at < span.end], page)

    def assets(self, client_id: int, scope: Scope, page: Page) -> list[Asset]:
        """By external id (SQL: ``ORDER BY external_id, id``)."""
        return page_of(self._listed(self.s.assets, client_id, scope, lambda a: a.id), page)

    def counts(self, client_id: int, scope: Scope) -> RecordCounts:
        if not scope.allows(client_id):
            return RecordCounts()

        def n(table: Mapping[Any, Any]) -> int:
            return sum(1 for key in table if key[0] == client_id)

        return RecordCounts(
            tickets=n(self.s.tickets),
            events=sum(len(v) for k, v in self.s.events.items() if k[0] == client_id),
            outages=n(self.s.outages),
            checks=n(self.s.checks),
            backup_runs=n(self.s.backup_runs),
            restore_tests=n(self.s.restore_tests),
            assets=n(self.s.assets),
        )

    def add_event(self, client_id: int, event: TicketEvent) -> None:
        if (client_id, event.ticket_id) not in self.s.tickets:
            raise NotFoundError(f"no ticket {event.ticket_id!r}")
        events = self.s.events.setdefault((client_id, event.ticket_id), {})
        key = manual_event_key(event)
        if key in events:  # the SQL store's unique (ticket, key) refuses it too
            raise ConflictError(f"ticket {event.ticket_id!r} has this event already")
        events[key] = event

    def tickets_with_events(
        self,
        client_id: int,
        scope: Scope,
        page: Page,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[Ticket]:
        listed = self.tickets(client_id, scope, page, created_from, created_to)
        return [t for t in (self.ticket(client_id, t.id, scope) for t in listed) if t is not None]

    def period_tickets(
        self, client_id: int, scope: Scope, page: Page, span: Span, *, open_before: bool = False
    ) -> list[Ticket]:
        def judged(ticket: Ticket) -> bool:
            if ticket.created_at >= span.end:
                return False
            if ticket.created_at >= span.start or any(span.start <= e.at < span.end for e in ticket.events):
                return True
            return open_before and not _closed(ticket)

        if not scope.allows(client_id):
            return []
        found = (
            self.ticket(client_id, external_id, scope)
            for (c, external_id) in self.s.tickets
            if c == client_id
        )
        chosen = sorted((t for t in found if t is not None and judged(t)), key=lambda t: (t.created_at, t.id))
        return page_of(chosen, page)

    def count_tickets(
        self,
        client_id: int,
        scope: Scope,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> int:
        if not scope.allows(client_id):
            return 0
        return sum(
            1
            for (c, _), t in self.s.tickets.items()
            if c == client_id
            and (created_from is None or t.created_at >= created_from)
            and (created_to is None or t.created_at < created_to)
        )
