"""Reads of stored tickets, events, outages, checks, backups and assets (scoped like every read)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from servicepact.adapters.db.repositories import scoped
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
from servicepact.domain.errors import NotFoundError
from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.records import Asset, BackupRun, EventType, Outage, RestoreTest, Ticket, TicketEvent
from servicepact.services.fingerprints import manual_event_key
from servicepact.services.model import Page, Scope, Span, StoredCheck
from servicepact.services.ports import RecordCounts


def _ticket(row: TicketRow, events: tuple[TicketEvent, ...] = ()) -> Ticket:
    return Ticket(
        id=row.external_id,
        created_at=row.created_at,
        priority=row.priority,
        impact=row.impact,
        urgency=row.urgency,
        client_priority=row.client_priority,
        service=row.service,
        asset=row.asset,
        title=row.title,
        events=events,
    )


class SqlRecords:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _ticket_row(self, client_id: int, external_id: str, scope: Scope) -> TicketRow | None:
        return self.session.scalar(
            select(TicketRow).where(
                TicketRow.client_id == client_id,
                TicketRow.external_id == external_id,
                scoped(TicketRow.client_id, scope),
            )
        )

    def ticket(self, client_id: int, external_id: str, scope: Scope) -> Ticket | None:
        row = self._ticket_row(client_id, external_id, scope)
        if row is None:
            return None
        events = self.session.scalars(
            select(EventRow).where(EventRow.ticket_id == row.id).order_by(EventRow.at, EventRow.id)
        )
        return _ticket(
            row,
            tuple(TicketEvent(external_id, e.at, EventType(e.type), e.value, e.external_id) for e in events),
        )

    def tickets(
        self,
        client_id: int,
        scope: Scope,
        page: Page,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[Ticket]:
        query = self._ticket_query(client_id, scope, created_from, created_to)
        rows = self.session.scalars(
            query.order_by(TicketRow.created_at, TicketRow.external_id).limit(page.limit).offset(page.offset)
        )
        return [_ticket(row) for row in rows]

    def _rows(
        self,
        table: Any,
        client_id: int,
        scope: Scope,
        page: Page,
        *order: Any,
        where: tuple[ColumnElement[bool], ...] = (),
    ) -> Any:
        return self.session.scalars(
            select(table)
            .where(table.client_id == client_id, scoped(table.client_id, scope), *where)
            .order_by(*order, table.id)
            .limit(page.limit)
            .offset(page.offset)
        )

    def outages(self, client_id: int, scope: Scope, page: Page, span: Span | None = None) -> list[Outage]:
        where: tuple[ColumnElement[bool], ...] = ()
        if span is not None:
            where = (
                OutageRow.start < span.end,
                or_(OutageRow.end.is_(None), OutageRow.end > span.start),
            )
        return [
            Outage(r.start, r.end, r.kind, r.uptime_id, r.service, r.announced_at)
            for r in self._rows(OutageRow, client_id, scope, page, OutageRow.start, where=where)
        ]

    def checks(self, client_id: int, scope: Scope, page: Page) -> list[StoredCheck]:
        return [
            StoredCheck(r.monitor, r.at, r.up, r.name, r.http_code, r.response_ms)
            for r in self._rows(CheckRow, client_id, scope, page, CheckRow.at)
        ]

    def coverage(self, client_id: int, scope: Scope) -> list[CoveredSpan]:
        """Every stored span of monitoring coverage of the client (spec §3), by item and start."""
        rows = self.session.scalars(
            select(CoverageRow)
            .where(CoverageRow.client_id == client_id, scoped(CoverageRow.client_id, scope))
            .order_by(CoverageRow.uptime_id, CoverageRow.start, CoverageRow.id)
        )
        return [CoveredSpan(r.uptime_id, r.start, r.end, r.source) for r in rows]

    def backup_runs(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[BackupRun]:
        where: tuple[ColumnElement[bool], ...] = ()
        if span is not None:
            where = (BackupRunRow.started_at < span.end, BackupRunRow.finished_at >= span.start)
        # Core rows, not ORM objects: a period reads tens of thousands of runs.
        columns = (
            BackupRunRow.started_at,
            BackupRunRow.finished_at,
            BackupRunRow.status,
            BackupRunRow.backup_id,
            BackupRunRow.system,
        )
        rows = self.session.connection().execute(
            select(*columns)
            .where(BackupRunRow.client_id == client_id, scoped(BackupRunRow.client_id, scope), *where)
            .order_by(BackupRunRow.started_at, BackupRunRow.id)
            .limit(page.limit)
            .offset(page.offset)
        )
        return [BackupRun(*row) for row in rows]

    def restore_tests(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[RestoreTest]:
        where: tuple[ColumnElement[bool], ...] = ()
        if span is not None:
            where = (RestoreTestRow.at >= span.start, RestoreTestRow.at < span.end)
        return [
            RestoreTest(r.backup_id, r.at, r.status)
            for r in self._rows(RestoreTestRow, client_id, scope, page, RestoreTestRow.at, where=where)
        ]

    def assets(self, client_id: int, scope: Scope, page: Page) -> list[Asset]:
        return [
            Asset(r.external_id, r.type, dict(r.fields))
            for r in self._rows(AssetRow, client_id, scope, page, AssetRow.external_id)
        ]

    def counts(self, client_id: int, scope: Scope) -> RecordCounts:
        def count(table: Any) -> int:
            return int(
                self.session.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(table.client_id == client_id, scoped(table.client_id, scope))
                )
                or 0
            )

        events = self.session.scalar(
            select(func.count())
            .select_from(EventRow)
            .join(TicketRow, TicketRow.id == EventRow.ticket_id)
            .where(TicketRow.client_id == client_id, scoped(TicketRow.client_id, scope))
        )
        return RecordCounts(
            tickets=count(TicketRow),
            events=int(events or 0),
            outages=count(OutageRow),
            checks=count(CheckRow),
            backup_runs=count(BackupRunRow),
            restore_tests=count(RestoreTestRow),
            assets=count(AssetRow),
        )

    def add_event(self, client_id: int, event: TicketEvent) -> None:
        ticket_id = self.session.scalar(
            select(TicketRow.id).where(
                TicketRow.client_id == client_id, TicketRow.external_id == event.ticket_id
            )
        )
        if ticket_id is None:
            raise NotFoundError(f"no ticket {event.ticket_id!r}")
        key = manual_event_key(event)
        self.session.add(
            EventRow(
                ticket_id=ticket_id,
                at=event.at,
                type=event.type.value,
                value=event.value,
                external_id=event.external_id,
                key=key,
            )
        )
        self.session.flush()

    # Added for the API's live clocks (issue 4): a page of tickets and all their events in two queries.
    def _ticket_query(
        self, client_id: int, scope: Scope, created_from: datetime | None, created_to: datetime | None
    ) -> Any:
        query = select(TicketRow).where(TicketRow.client_id == client_id, scoped(TicketRow.client_id, scope))
        if created_from is not None:
            query = query.where(TicketRow.created_at >= created_from)
        if created_to is not None:
            query = query.where(TicketRow.created_at < created_to)
        return query

    def tickets_with_events(
        self,
        client_id: int,
        scope: Scope,
        page: Page,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[Ticket]:
        return self._with_events(self._ticket_query(client_id, scope, created_from, created_to), page)

    def period_tickets(
        self, client_id: int, scope: Scope, page: Page, span: Span, *, open_before: bool = False
    ) -> list[Ticket]:
        in_span = select(EventRow.ticket_id).where(EventRow.at >= span.start, EventRow.at < span.end)
        judged = [TicketRow.created_at >= span.start, TicketRow.id.in_(in_span)]
        if open_before:
            # Closed: some resolution is not followed by a reopening. Open: no such resolution.
            # "Followed" in the order the clock engine reads events, (at, id): a reopening stored after a
            # resolution of the same instant follows it, and the ticket is open again.
            resolved, reopened = aliased(EventRow), aliased(EventRow)
            later_reopening = select(reopened.id).where(
                reopened.ticket_id == resolved.ticket_id,
                reopened.type == EventType.REOPENED.value,
                or_(
                    reopened.at > resolved.at,
                    and_(reopened.at == resolved.at, reopened.id > resolved.id),
                ),
            )
            closing = select(resolved.id).where(
                resolved.ticket_id == TicketRow.id,
                resolved.type == EventType.RESOLVED.value,
                ~later_reopening.exists(),
            )
            judged.append(~closing.exists())
        query = self._ticket_query(client_id, scope, None, span.end).where(or_(*judged))
        return self._with_events(query, page)

    def _with_events(self, query: Any, page: Page) -> list[Ticket]:
        # Core rows, not ORM objects: this read serves every page of the API's ticket list.
        query = query.with_only_columns(
            TicketRow.id,
            TicketRow.external_id,
            TicketRow.created_at,
            TicketRow.priority,
            TicketRow.impact,
            TicketRow.urgency,
            TicketRow.client_priority,
            TicketRow.service,
            TicketRow.asset,
            TicketRow.title,
        )
        # On the session's connection: plain rows, without the ORM's row loading (half the read's time).
        connection = self.session.connection()
        rows = connection.execute(
            query.order_by(TicketRow.created_at, TicketRow.external_id).limit(page.limit).offset(page.offset)
        ).all()
        if not rows:
            return []
        events: dict[int, list[TicketEvent]] = {row[0]: [] for row in rows}
        external = {row[0]: row[1] for row in rows}
        types = {t.value: t for t in EventType}
        found = connection.execute(
            select(EventRow.ticket_id, EventRow.at, EventRow.type, EventRow.value, EventRow.external_id)
            .where(EventRow.ticket_id.in_(list(events)))
            .order_by(EventRow.ticket_id, EventRow.at, EventRow.id)
        )
        for ticket_id, at, kind, value, event_id in found:
            events[ticket_id].append(TicketEvent(external[ticket_id], at, types[kind], value, event_id))
        return [
            Ticket(
                id=external_id,
                created_at=created_at,
                priority=priority,
                impact=impact,
                urgency=urgency,
                client_priority=client_priority,
                service=service,
                asset=asset,
                title=title,
                events=tuple(events[row_id]),
            )
            for (
                row_id,
                external_id,
                created_at,
                priority,
                impact,
                urgency,
                client_priority,
                service,
                asset,
                title,
            ) in rows
        ]

    def count_tickets(
        self,
        client_id: int,
        scope: Scope,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> int:
        query = self._ticket_query(client_id, scope, created_from, created_to)
        return int(self.session.scalar(select(func.count()).select_from(query.subquery())) or 0)
