"""The ports of the service layer: what use cases need from storage, time, and the readers of files.

A :class:`UnitOfWork` is one transaction: used as a context manager, it rolls back whatever was not
committed when the block ends (an error inside the block rolls back too)::

    with uow:
        client = access.writable_client(uow, principal, "acme")
        ...
        uow.commit()

Repositories never commit. Every read that can return client data takes a :class:`Scope` (made only by
:func:`servicepact.services.access.scope_of`), so no query can forget the caller's rights.
Implementations: :mod:`servicepact.adapters.db` (SQLAlchemy) and :mod:`servicepact.testing` (in memory).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from servicepact.domain.agreement import ValidationResult
from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.input_rules import InputRules, PriorityLevels
from servicepact.domain.records import (
    Asset,
    BackupRun,
    EventBatch,
    ObjectArray,
    Outage,
    RestoreTest,
    Ticket,
    TicketBatch,
    TicketEvent,
)
from servicepact.services.model import (
    AgreementVersion,
    ApiToken,
    AuditAction,
    AuditEntry,
    Client,
    ImportKind,
    Page,
    Role,
    Scope,
    Span,
    StoredCheck,
    User,
    VersionStatus,
)

__all__ = [
    "AgreementParser",
    "AgreementRepository",
    "AssetRows",
    "AuditLog",
    "BackupRows",
    "BadRow",
    "CheckRows",
    "ClientRepository",
    "EventRows",
    "ImportCounts",
    "ImportProgress",
    "ImportSink",
    "InputReader",
    "OutageRows",
    "ParsedInput",
    "PriorityOf",
    "RecordCounts",
    "RecordRepository",
    "RestoreRows",
    "Rows",
    "TicketRows",
    "TimeSource",
    "TokenRepository",
    "UnitOfWork",
    "UserRepository",
]


class TimeSource(Protocol):
    def now(self) -> datetime:
        """The current instant, aware UTC."""
        ...


class AgreementParser(Protocol):
    """Reads agreement YAML text (``servicepact.adapters.agreement_files.read_agreement`` fits)."""

    def __call__(self, path_or_text: str, *, source: str | None = None) -> ValidationResult: ...


ImportProgress = Callable[[str, int, int | None], None]
"""``progress(phase, done, total)``: ``phase`` is ``"reading"`` or a table being written (``"tickets"``,
``"events"``...); ``total`` is None when not known in advance."""

PriorityOf = Callable[[str, str], "str | None"]


# --- what readers give the import use case ------------------------------------------------------------


@dataclass(frozen=True)
class BadRow:
    """A row left out of an import (or that stopped it): where, which column, why."""

    source: str
    line: int | None
    column: str | None
    reason: str

    @property
    def field(self) -> str | None:
        """The column, under the name the readers' problems use."""
        return self.column

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.column + ': ' if self.column else ''}{self.reason}"


@dataclass
class TicketRows:
    """Tickets with their events; ``events.ticket`` is a row of ``tickets``. ``event_ids`` are the
    events' external ids where the source has them (a ServiceNow log), else None."""

    tickets: TicketBatch
    events: EventBatch
    event_ids: ObjectArray | None = None


@dataclass
class EventRows:
    """Events of tickets stored earlier: ``events.ticket`` indexes ``ticket_ids`` (external ticket ids;
    one per event is fine). ``source`` names the file in messages about bad rows. With ``priorities``,
    the new priority of a ``priority`` event must be a level of the version judging its ticket."""

    ticket_ids: ObjectArray
    events: EventBatch
    event_ids: ObjectArray | None = None
    source: str = "events"
    priorities: PriorityLevels | None = None


@dataclass
class CheckRows:
    """Monitoring checks and the outages they imply."""

    checks: list[StoredCheck]
    outages: list[Outage]


@dataclass
class OutageRows:
    outages: list[Outage]


@dataclass
class BackupRows:
    runs: list[BackupRun]


@dataclass
class RestoreRows:
    tests: list[RestoreTest]


@dataclass
class AssetRows:
    assets: list[Asset]


Rows = TicketRows | EventRows | CheckRows | OutageRows | BackupRows | RestoreRows | AssetRows


@dataclass
class ParsedInput:
    """A file read by an :class:`InputReader`: its rows, and the rows left out (when skipping)."""

    kind: ImportKind
    source: str
    rows: Rows
    bad_rows: list[BadRow] = field(default_factory=list)
    bad_row_total: int = 0


class InputReader(Protocol):
    """Reads an input file of one kind. Raises :class:`~servicepact.domain.errors.DataRowError` listing
    bad rows (line and reason) unless ``skip_bad_rows``. ``rules`` (spec 1.1 §5): value maps, the
    priority levels of the versions in force, and ``now``; an unknown priority or an instant after
    ``now`` is a bad row."""

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
    ) -> ParsedInput: ...


# --- repositories -------------------------------------------------------------------------------------


class ClientRepository(Protocol):
    def add(self, slug: str, name: str, time_zone: str, created_at: datetime) -> Client:
        """Store a client; :class:`ConflictError` when the slug is taken."""
        ...

    def get(self, client_id: int, scope: Scope) -> Client | None: ...

    def get_by_slug(self, slug: str, scope: Scope) -> Client | None: ...

    def list(self, scope: Scope) -> list[Client]:
        """Clients in ``scope``, by slug."""
        ...


class AgreementRepository(Protocol):
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
        """Store a new draft, numbered one after the agreement's last version."""
        ...

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
        """Change a draft's text; :class:`ConflictError` when the version is no longer a draft."""
        ...

    def set_status(
        self,
        version_id: int,
        status: VersionStatus,
        *,
        activated_at: datetime | None = None,
        effective_from: datetime | None = None,
        retired_at: datetime | None = None,
    ) -> AgreementVersion: ...

    def get(
        self, client_id: int, agreement_key: str, number: int, scope: Scope
    ) -> AgreementVersion | None: ...

    def versions(
        self, client_id: int, scope: Scope, agreement_key: str | None = None
    ) -> list[AgreementVersion]:
        """Versions by agreement key, then number."""
        ...

    def active(self, client_id: int, agreement_key: str, scope: Scope) -> AgreementVersion | None: ...

    def priority_context(self, client_id: int) -> tuple[str | None, dict[str, dict[str, str]] | None]:
        """Time zone and priority matrix of the client's most recently activated active version."""
        ...


class UserRepository(Protocol):
    def add(
        self, email: str, role: Role, client_id: int | None, password_hash: str | None, created_at: datetime
    ) -> User:
        """Store a user; :class:`ConflictError` when the email is taken."""
        ...

    def get(self, user_id: int) -> User | None: ...

    def get_by_email(self, email: str) -> User | None: ...

    def list(self) -> list[User]: ...

    def update(self, user: User) -> User:
        """Store role, client, active flag and password hash of ``user`` (found by id)."""
        ...


class TokenRepository(Protocol):
    def add(
        self, user_id: int, name: str, prefix: str, token_hash: str, created_at: datetime
    ) -> ApiToken: ...

    def get(self, token_id: int) -> ApiToken | None: ...

    def get_by_hash(self, token_hash: str) -> ApiToken | None: ...

    def for_user(self, user_id: int) -> list[ApiToken]: ...

    def mark_used(self, token_id: int, at: datetime) -> None: ...

    def revoke(self, token_id: int, at: datetime) -> ApiToken: ...


class AuditLog(Protocol):
    def add(
        self,
        at: datetime,
        actor: str,
        action: AuditAction,
        object_type: str,
        object_key: str,
        client_id: int | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry: ...

    def list(self, scope: Scope, page: Page, client_id: int | None = None) -> list[AuditEntry]:
        """Newest first. Entries without a client (users, tokens) are visible to staff scopes only."""
        ...


@dataclass(frozen=True)
class RecordCounts:
    tickets: int = 0
    events: int = 0
    outages: int = 0
    checks: int = 0
    backup_runs: int = 0
    restore_tests: int = 0
    assets: int = 0


class RecordRepository(Protocol):
    """Reads of what the service produced, and the few single-row writes use cases make."""

    def ticket(self, client_id: int, external_id: str, scope: Scope) -> Ticket | None:
        """The ticket with its events (by time, then storage order)."""
        ...

    def tickets(
        self,
        client_id: int,
        scope: Scope,
        page: Page,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[Ticket]:
        """Tickets (without events) by creation time, then id; ``created_to`` is exclusive."""
        ...

    def outages(self, client_id: int, scope: Scope, page: Page, span: Span | None = None) -> list[Outage]:
        """By start; with ``span``, the outages that meet it (start before its end, end after its start
        or still going on)."""
        ...

    def checks(self, client_id: int, scope: Scope, page: Page) -> list[StoredCheck]: ...

    def coverage(self, client_id: int, scope: Scope) -> list[CoveredSpan]:
        """Every stored span of monitoring coverage (spec §3), by uptime item and start."""
        ...

    def backup_runs(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[BackupRun]:
        """By start; with ``span``, the runs started before its end that finished at or after its start."""
        ...

    def restore_tests(
        self, client_id: int, scope: Scope, page: Page, span: Span | None = None
    ) -> list[RestoreTest]:
        """By time; with ``span``, the tests made in it."""
        ...

    def assets(self, client_id: int, scope: Scope, page: Page) -> list[Asset]: ...

    def counts(self, client_id: int, scope: Scope) -> RecordCounts: ...

    def add_event(self, client_id: int, event: TicketEvent) -> None:
        """Add one event to a stored ticket; :class:`NotFoundError` when there is no such ticket."""
        ...

    # Added for the API's live clocks (issue 4): a page of tickets with their events in two queries.
    def tickets_with_events(
        self,
        client_id: int,
        scope: Scope,
        page: Page,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[Ticket]:
        """As :meth:`tickets`, each ticket with its events (by time, then storage order)."""
        ...

    def count_tickets(
        self,
        client_id: int,
        scope: Scope,
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> int:
        """How many tickets :meth:`tickets` would list over all pages."""
        ...

    def period_tickets(
        self, client_id: int, scope: Scope, page: Page, span: Span, *, open_before: bool = False
    ) -> list[Ticket]:
        """The tickets (with their events) a period ``span`` judges, by creation time then id: created
        before its end and either created in it or with an event in it; with ``open_before``, also those
        created before it that are still open (never resolved, or reopened after their last resolution)."""
        ...


@dataclass
class ImportCounts:
    """Rows added per table, and rows already stored (same external id or same content)."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    bad_rows: list[BadRow] = field(default_factory=list)
    bad_row_total: int = 0

    def count(self, table: str, added: int, present: int) -> None:
        self.added[table] = self.added.get(table, 0) + added
        self.present[table] = self.present.get(table, 0) + present


class ImportSink(Protocol):
    """Bulk writes of imports, inside the unit of work's transaction, idempotent on external ids.

    Tickets are keyed by (client, id); an event by (ticket, its external id or else its content and
    its rank among identical events); outages by (item or service, start, kind); checks by (monitor,
    at); backup runs by (backup id or system, started_at); restore tests by (backup id, at); assets by
    (client, id), where a stored asset takes the file's type and fields. Rows already stored count as
    ``present``. Events naming a ticket that is not stored come back in ``bad_rows`` and are not stored.
    """

    def tickets(self, client_id: int, rows: TicketRows, progress: ImportProgress | None) -> ImportCounts: ...

    def events(self, client_id: int, rows: EventRows, progress: ImportProgress | None) -> ImportCounts: ...

    def outages(self, client_id: int, outages: Sequence[Outage]) -> ImportCounts: ...

    def checks(self, client_id: int, checks: Sequence[StoredCheck]) -> ImportCounts: ...

    def coverage(self, client_id: int, spans: Sequence[CoveredSpan]) -> ImportCounts:
        """Spans of monitoring coverage, keyed by (uptime item, start, source)."""
        ...

    def backup_runs(self, client_id: int, runs: Sequence[BackupRun]) -> ImportCounts: ...

    def restore_tests(self, client_id: int, tests: Sequence[RestoreTest]) -> ImportCounts: ...

    def assets(self, client_id: int, assets: Sequence[Asset]) -> ImportCounts: ...


class UnitOfWork(Protocol):
    """One transaction over every repository; rolls back on exit unless committed."""

    # Read-only members, so that an implementation may hold its own repository classes.
    @property
    def clients(self) -> ClientRepository: ...

    @property
    def agreements(self) -> AgreementRepository: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def tokens(self) -> TokenRepository: ...

    @property
    def audit(self) -> AuditLog: ...

    @property
    def records(self) -> RecordRepository: ...

    @property
    def imports(self) -> ImportSink: ...

    @property
    def time_source(self) -> TimeSource: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def commit(self, *, changes_data: bool = True) -> None:
        """Make the transaction's changes permanent. ``changes_data`` False marks bookkeeping that no
        computed value depends on (a token's last use): the data revision then stays as it is."""
        ...

    def rollback(self) -> None: ...

    def data_revision(self) -> int | None:
        """A number that every commit raises (None where the store keeps none): equal numbers mean
        equal data, so what was computed from the data at one revision may be reused until it changes."""
        ...
