"""Test helpers that are real implementations: an in-memory unit of work, a fixed time, small factories.

Service tests run on :class:`FakeUnitOfWork` with no database; it keeps the same rules as the
SQLAlchemy one (unique slugs and emails, immutable active versions, idempotent imports keyed the same
way, scopes on every read)::

    uow = FakeUnitOfWork()
    client = make_client(uow, "acme")
    tickets.import_file(uow, SYSTEM, request, reader)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import numpy as np

from servicepact.domain.errors import ConflictError, NotFoundError
from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.records import (
    Asset,
    BackupRun,
    EventBatch,
    EventType,
    Outage,
    RestoreTest,
    Ticket,
    TicketBatch,
    TicketEvent,
)
from servicepact.services.access import SYSTEM
from servicepact.services.fingerprints import event_keys
from servicepact.services.model import (
    AgreementVersion,
    ApiToken,
    AuditAction,
    AuditEntry,
    Client,
    Page,
    Principal,
    Role,
    Scope,
    Span,
    StoredCheck,
    User,
    VersionStatus,
)
from servicepact.services.ports import (
    BadRow,
    EventRows,
    ImportCounts,
    ImportProgress,
    RecordCounts,
    TicketRows,
)

__all__ = [
    "FakeUnitOfWork",
    "FixedTime",
    "InMemoryStore",
    "event_batch",
    "make_client",
    "make_user",
    "principal_for",
    "ticket_batch",
    "write_lines",
]

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class FixedTime:
    """A time source that says ``at`` until moved with :meth:`advance` or :meth:`set`."""

    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta

    def set(self, at: datetime) -> None:
        self.at = at


@dataclass
class InMemoryStore:
    """What a fake database holds; copied on ``__enter__`` and written back on ``commit``."""

    clients: dict[int, Client] = field(default_factory=dict)
    versions: dict[int, AgreementVersion] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    tokens: dict[int, ApiToken] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    tickets: dict[tuple[int, str], Ticket] = field(default_factory=dict)
    events: dict[tuple[int, str], dict[int, TicketEvent]] = field(default_factory=dict)
    outages: dict[tuple[Any, ...], Outage] = field(default_factory=dict)
    checks: dict[tuple[Any, ...], StoredCheck] = field(default_factory=dict)
    backup_runs: dict[tuple[Any, ...], BackupRun] = field(default_factory=dict)
    restore_tests: dict[tuple[Any, ...], RestoreTest] = field(default_factory=dict)
    assets: dict[tuple[int, str], Asset] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    revision: int = 0
    coverage: dict[tuple[Any, ...], CoveredSpan] = field(default_factory=dict)

    def copy(self) -> InMemoryStore:
        return InMemoryStore(
            dict(self.clients),
            dict(self.versions),
            dict(self.users),
            dict(self.tokens),
            list(self.audit),
            dict(self.tickets),
            {key: dict(value) for key, value in self.events.items()},
            dict(self.outages),
            dict(self.checks),
            dict(self.backup_runs),
            dict(self.restore_tests),
            dict(self.assets),
            self.ids,
            self.revision,
            dict(self.coverage),
        )


def _page(rows: list[Any], page: Page) -> list[Any]:
    return rows[page.offset : page.offset + page.limit]


def _closed(ticket: Ticket) -> bool:
    """Some resolution of the ticket is not followed by a reopening (the clock engine's stop rule)."""
    resolved = [e.at for e in ticket.events if e.type is EventType.RESOLVED]
    reopened = [e.at for e in ticket.events if e.type is EventType.REOPENED]
    return bool(resolved) and (not reopened or max(resolved) > max(reopened))


class _Part:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def s(self) -> InMemoryStore:
        store = self._uow.working
        if store is None:
            raise RuntimeError("use the unit of work inside `with uow:`")
        return store

    def _next_id(self) -> int:
        return next(self.s.ids)


class FakeClients(_Part):
    def add(self, slug: str, name: str, time_zone: str, created_at: datetime) -> Client:
        if any(c.slug == slug for c in self.s.clients.values()):
            raise ConflictError(f"a client {slug!r} exists already")
        client = Client(self._next_id(), slug, name, time_zone, created_at)
        self.s.clients[client.id] = client
        return client

    def get(self, client_id: int, scope: Scope) -> Client | None:
        client = self.s.clients.get(client_id)
        return client if client is not None and scope.allows(client.id) else None

    def get_by_slug(self, slug: str, scope: Scope) -> Client | None:
        return next((c for c in self.s.clients.values() if c.slug == slug and scope.allows(c.id)), None)

    def list(self, scope: Scope) -> list[Client]:
        return sorted((c for c in self.s.clients.values() if scope.allows(c.id)), key=lambda c: c.slug)


class FakeAgreements(_Part):
    def add_version(
        self,
        client_id: int,
        agreement_key: str,
        *,
        title: str,
        text: str,
        sha256: str,
        time_zone: str | None,
        priority_matrix: dict[str, dict[str, str]] | None,
        uploaded_at: datetime,
        uploaded_by: str,
    ) -> AgreementVersion:
        numbers = [
            v.number
            for v in self.s.versions.values()
            if (v.client_id, v.agreement_key) == (client_id, agreement_key)
        ]
        version = AgreementVersion(
            self._next_id(),
            client_id,
            agreement_key,
            max(numbers, default=0) + 1,
            VersionStatus.DRAFT,
            text,
            sha256,
            title,
            uploaded_at,
            uploaded_by,
            time_zone,
            priority_matrix,
        )
        self.s.versions[version.id] = version
        return version

    def replace_draft(
        self,
        version_id: int,
        *,
        title: str,
        text: str,
        sha256: str,
        time_zone: str | None,
        priority_matrix: dict[str, dict[str, str]] | None,
    ) -> AgreementVersion:
        version = self.s.versions[version_id]
        if version.status is not VersionStatus.DRAFT:
            raise ConflictError(f"version {version.number} is {version.status.value}; only drafts change")
        changed = replace(
            version,
            title=title,
            text=text,
            sha256=sha256,
            time_zone=time_zone,
            priority_matrix=priority_matrix,
        )
        self.s.versions[version_id] = changed
        return changed

    def set_status(
        self,
        version_id: int,
        status: VersionStatus,
        *,
        activated_at: datetime | None = None,
        effective_from: datetime | None = None,
        retired_at: datetime | None = None,
    ) -> AgreementVersion:
        version = self.s.versions[version_id]
        changed = replace(
            version,
            status=status,
            activated_at=activated_at or version.activated_at,
            effective_from=effective_from or version.effective_from,
            retired_at=retired_at or version.retired_at,
        )
        self.s.versions[version_id] = changed
        return changed

    def get(self, client_id: int, agreement_key: str, number: int, scope: Scope) -> AgreementVersion | None:
        return next(
            (v for v in self.versions(client_id, scope, agreement_key) if v.number == number),
            None,
        )

    def versions(
        self, client_id: int, scope: Scope, agreement_key: str | None = None
    ) -> list[AgreementVersion]:
        if not scope.allows(client_id):
            return []
        return sorted(
            (
                v
                for v in self.s.versions.values()
                if v.client_id == client_id and agreement_key in (None, v.agreement_key)
            ),
            key=lambda v: (v.agreement_key, v.number),
        )

    def active(self, client_id: int, agreement_key: str, scope: Scope) -> AgreementVersion | None:
        return next(
            (v for v in self.versions(client_id, scope, agreement_key) if v.status is VersionStatus.ACTIVE),
            None,
        )

    def priority_context(self, client_id: int) -> tuple[str | None, dict[str, dict[str, str]] | None]:
        active = [
            v
            for v in self.s.versions.values()
            if v.client_id == client_id and v.status is VersionStatus.ACTIVE
        ]
        latest = max(active, key=lambda v: (v.activated_at or START, v.id), default=None)
        return (latest.time_zone, latest.priority_matrix) if latest else (None, None)


class FakeUsers(_Part):
    def add(
        self, email: str, role: Role, client_id: int | None, password_hash: str | None, created_at: datetime
    ) -> User:
        if self.get_by_email(email) is not None:
            raise ConflictError(f"a user {email!r} exists already")
        user = User(self._next_id(), email, role, client_id, True, created_at, password_hash)
        self.s.users[user.id] = user
        return user

    def get(self, user_id: int) -> User | None:
        return self.s.users.get(user_id)

    def get_by_email(self, email: str) -> User | None:
        return next((u for u in self.s.users.values() if u.email == email), None)

    def list(self) -> list[User]:
        return sorted(self.s.users.values(), key=lambda u: u.email)

    def update(self, user: User) -> User:
        self.s.users[user.id] = user
        return user


class FakeTokens(_Part):
    def add(self, user_id: int, name: str, prefix: str, token_hash: str, created_at: datetime) -> ApiToken:
        token = ApiToken(self._next_id(), user_id, name, prefix, token_hash, created_at)
        self.s.tokens[token.id] = token
        return token

    def get(self, token_id: int) -> ApiToken | None:
        return self.s.tokens.get(token_id)

    def get_by_hash(self, token_hash: str) -> ApiToken | None:
        return next((t for t in self.s.tokens.values() if t.token_hash == token_hash), None)

    def for_user(self, user_id: int) -> list[ApiToken]:
        return [t for t in self.s.tokens.values() if t.user_id == user_id]

    def mark_used(self, token_id: int, at: datetime) -> None:
        self.s.tokens[token_id] = replace(self.s.tokens[token_id], last_used_at=at)

    def revoke(self, token_id: int, at: datetime) -> ApiToken:
        token = self.s.tokens[token_id]
        revoked = token if token.revoked_at else replace(token, revoked_at=at)
        self.s.tokens[token_id] = revoked
        return revoked


class FakeAudit(_Part):
    def add(
        self,
        at: datetime,
        actor: str,
        action: AuditAction,
        object_type: str,
        object_key: str,
        client_id: int | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        entry = AuditEntry(
            self._next_id(), at, actor, action, object_type, object_key, client_id, dict(details or {})
        )
        self.s.audit.append(entry)
        return entry

    def list(self, scope: Scope, page: Page, client_id: int | None = None) -> list[AuditEntry]:
        rows = [
            e
            for e in reversed(self.s.audit)
            if (client_id is None or e.client_id == client_id)
            and (scope.client_ids is None or (e.client_id is not None and scope.allows(e.client_id)))
        ]
        return _page(rows, page)


def _outage_key(client_id: int, o: Outage) -> tuple[Any, ...]:
    return (client_id, o.uptime_id or "", o.service or "", o.start, o.kind)


class FakeRecords(_Part):
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
        return _page(rows, page)

    def _of(self, table: dict[tuple[Any, ...], Any], client_id: int, scope: Scope, page: Page) -> list[Any]:
        if not scope.allows(client_id):
            return []
        return _page([row for key, row in table.items() if key[0] == client_id], page)

    def _all(self, table: dict[tuple[Any, ...], Any], client_id: int, scope: Scope) -> list[Any]:
        if not scope.allows(client_id):
            return []
        return [row for key, row in table.items() if key[0] == client_id]

    def outages(self, client_id: int, scope: Scope, page: Page, span: Span | None = None) -> list[Outage]:
        return _page(
            [
                o
                for o in self._all(self.s.outages, client_id, scope)
                if span is None or (o.start < span.end and (o.end is None or o.end > span.start))
            ],
            page,
        )

    def checks(self, client_id: int, scope: Scope, page: Page) -> list[StoredCheck]:
        return self._of(self.s.checks, client_id, scope, page)

    def coverage(self, client_id: int, scope: Scope) -> list[CoveredSpan]:
        spans = self._all(self.s.coverage, client_id, scope)
        return sorted(spans, key=lambda c: (c.uptime_id, c.start))

    def backup_runs(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[BackupRun]:
        return _page(
            [
                r
                for r in self._all(self.s.backup_runs, client_id, scope)
                if span is None or (r.started_at < span.end and r.finished_at >= span.start)
            ],
            page,
        )

    def restore_tests(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[RestoreTest]:
        return _page(
            [
                t
                for t in self._all(self.s.restore_tests, client_id, scope)
                if span is None or span.start <= t.at < span.end
            ],
            page,
        )

    def assets(self, client_id: int, scope: Scope, page: Page) -> list[Asset]:
        return self._of(self.s.assets, client_id, scope, page)

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
        events[-self._next_id()] = event

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
        return _page(chosen, page)

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


def _text(values: Any, row: int) -> str | None:
    return None if values is None else values[row]


class FakeImports(_Part):
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


class FakeUnitOfWork:
    """An in-memory :class:`~servicepact.services.ports.UnitOfWork`: changes made inside ``with uow:``
    become visible to later blocks only when committed."""

    def __init__(self, time_source: FixedTime | None = None, store: InMemoryStore | None = None) -> None:
        self.store = store or InMemoryStore()
        self.time_source = time_source or FixedTime()
        self.working: InMemoryStore | None = None
        self.commits = 0
        self.clients = FakeClients(self)
        self.agreements = FakeAgreements(self)
        self.users = FakeUsers(self)
        self.tokens = FakeTokens(self)
        self.audit = FakeAudit(self)
        self.records = FakeRecords(self)
        self.imports = FakeImports(self)
        self._depth = 0

    def __enter__(self) -> Self:
        if self._depth == 0:
            self.working = self.store.copy()
        self._depth += 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.working = None

    def commit(self, *, changes_data: bool = True) -> None:
        assert self.working is not None, "commit inside `with uow:`"
        self.working.revision += changes_data
        self.store = self.working
        self.working = self.store.copy()
        self.commits += 1

    def rollback(self) -> None:
        if self.working is not None:
            self.working = self.store.copy()

    def data_revision(self) -> int | None:
        assert self.working is not None, "read inside `with uow:`"
        return self.working.revision


# --- factories ----------------------------------------------------------------------------------------


def make_client(uow: FakeUnitOfWork, slug: str = "acme", time_zone: str = "UTC") -> Client:
    """Store a client directly (no audit entry)."""
    with uow:
        client = uow.clients.add(slug, slug.title(), time_zone, uow.time_source.now())
        uow.commit()
    return client


def make_user(
    uow: FakeUnitOfWork, email: str, role: Role = Role.ENGINEER, client: Client | None = None
) -> User:
    with uow:
        user = uow.users.add(email, role, client.id if client else None, None, uow.time_source.now())
        uow.commit()
    return user


def principal_for(role: Role, client: Client | None = None, name: str | None = None) -> Principal:
    """A principal of ``role`` (a client principal needs ``client``)."""
    if role is Role.ADMIN and client is None and name is None:
        return SYSTEM
    return Principal(name or f"{role.value}@msp.example", role, client.id if client else None)


def ticket_batch(*rows: tuple[str, datetime, str | None]) -> TicketBatch:
    """A ticket batch of ``(id, created_at, priority)`` rows."""

    def objects(values: list[Any]) -> Any:
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return array

    n = len(rows)
    return TicketBatch(
        ids=objects([r[0] for r in rows]),
        created_at=np.array([int(r[1].timestamp()) for r in rows], dtype="datetime64[s]"),
        priority=objects([r[2] for r in rows]),
        client_priority=objects([None] * n),
        service=objects([None] * n),
        asset=objects([None] * n),
        lines=np.arange(2, n + 2, dtype=np.int64),
    )


def event_batch(*rows: tuple[int, datetime, EventType, str | None]) -> EventBatch:
    """An event batch of ``(ticket row, at, type, value)`` rows."""
    values = np.empty(len(rows), dtype=object)
    values[:] = [r[3] for r in rows]
    return EventBatch(
        ticket=np.array([r[0] for r in rows], dtype=np.int64),
        at=np.array([int(r[1].timestamp()) for r in rows], dtype="datetime64[s]"),
        type=np.array([r[2].code for r in rows], dtype=np.int8),
        value=values,
        lines=np.arange(2, len(rows) + 2, dtype=np.int64),
    )


def write_lines(path: Path, *lines: str) -> Path:
    """Write a small text file (CSV rows) and return its path."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
