"""What the service layer stores and returns: clients, agreement versions, users, tokens, audit entries;
and who asks (:class:`Principal`) and what a query may return (:class:`Scope`).

Plain frozen dataclasses (no ORM): the API builds its schemas from these, the database adapter maps
rows to and from them, and :mod:`servicepact.testing` keeps them in memory. Instants are aware UTC.
Tickets, events, outages, backups and assets are the domain's records (:mod:`servicepact.domain.records`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from servicepact.domain.errors import InputError, PermissionDeniedError


class Role(enum.StrEnum):
    """``admin`` and ``engineer`` are MSP staff and see every client; ``client`` reads one client only."""

    ADMIN = "admin"
    ENGINEER = "engineer"
    CLIENT = "client"


class VersionStatus(enum.StrEnum):
    """A version is a ``draft`` until activated; activating the next one retires it. Only drafts change."""

    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class AuditAction(enum.StrEnum):
    CLIENT_CREATED = "client.created"
    AGREEMENT_UPLOADED = "agreement.uploaded"
    AGREEMENT_DRAFT_REPLACED = "agreement.draft_replaced"
    AGREEMENT_ACTIVATED = "agreement.activated"
    AGREEMENT_RETIRED = "agreement.retired"
    PRIORITY_CHANGED = "ticket.priority_changed"
    USER_CREATED = "user.created"
    USER_ROLE_CHANGED = "user.role_changed"
    USER_DEACTIVATED = "user.deactivated"
    USER_PASSWORD_SET = "user.password_set"
    TOKEN_CREATED = "token.created"
    TOKEN_REVOKED = "token.revoked"
    DATA_IMPORTED = "data.imported"


class ImportKind(enum.StrEnum):
    """What ``servicepact import KIND FILE`` reads: the files of spec §5, a ServiceNow event log and
    monitoring checks (which become outages)."""

    TICKETS = "tickets"
    EVENTS = "events"
    OUTAGES = "outages"
    BACKUPS = "backups"
    RESTORES = "restores"
    ASSETS = "assets"
    SERVICENOW = "servicenow"
    CHECKS = "checks"


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a user (``user_id``) or the local command line (``user_id`` None).

    ``client_id`` is the one client a ``client``-role principal may read.
    """

    name: str
    role: Role
    client_id: int | None = None
    user_id: int | None = None

    def __post_init__(self) -> None:
        if (self.role is Role.CLIENT) != (self.client_id is not None):
            raise PermissionDeniedError("a client principal needs exactly one client; staff have none")


@dataclass(frozen=True)
class Scope:
    """The clients a query may return rows of: ``client_ids`` None means every client.

    Made from a :class:`Principal` by :func:`servicepact.services.access.scope_of` only.
    """

    client_ids: frozenset[int] | None

    def allows(self, client_id: int) -> bool:
        return self.client_ids is None or client_id in self.client_ids


@dataclass(frozen=True)
class Client:
    """A client of the MSP. ``slug`` names it in commands and URLs (``acme``); ``time_zone`` reads
    timestamps without an offset when the client has no active agreement."""

    id: int
    slug: str
    name: str
    time_zone: str
    created_at: datetime


@dataclass(frozen=True)
class AgreementVersion:
    """One version of one agreement of a client. ``agreement_key`` is the agreement's ``id`` in its YAML.

    A version is in force from ``effective_from`` until the next activated version's ``effective_from``.
    """

    id: int
    client_id: int
    agreement_key: str
    number: int
    status: VersionStatus
    text: str
    sha256: str
    title: str
    uploaded_at: datetime
    uploaded_by: str
    time_zone: str | None = None
    priority_matrix: dict[str, dict[str, str]] | None = None
    activated_at: datetime | None = None
    effective_from: datetime | None = None
    retired_at: datetime | None = None


@dataclass(frozen=True)
class User:
    """A person or system that signs in. ``password_hash`` is ``scrypt$n$r$p$salt$hash`` or None (token
    only); never show it. ``client_id`` is set exactly for the ``client`` role."""

    id: int
    email: str
    role: Role
    client_id: int | None
    active: bool
    created_at: datetime
    password_hash: str | None = None


@dataclass(frozen=True)
class ApiToken:
    """A stored API token: only the SHA-256 of the secret is kept; ``prefix`` tells tokens apart."""

    id: int
    user_id: int
    name: str
    prefix: str
    token_hash: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class NewToken:
    """A token just created: ``secret`` is shown to its owner once and never stored."""

    token: ApiToken
    secret: str


@dataclass(frozen=True)
class AuditEntry:
    """Who (``actor``, an email or ``cli:<user>``) did what to which object, and when."""

    id: int
    at: datetime
    actor: str
    action: AuditAction
    object_type: str
    object_key: str
    client_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredCheck:
    """One monitoring check as stored (the input's ``Check`` without its line)."""

    monitor: str
    at: datetime
    up: bool
    name: str | None = None
    http_code: int | None = None
    response_ms: int | None = None


@dataclass(frozen=True)
class Span:
    """A half-open span of time ``[start, end)`` (aware UTC) that a read is bounded by in SQL."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InputError(
                f"a span ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})"
            )


@dataclass(frozen=True)
class Page:
    """A slice of a listing: ``limit`` rows from ``offset``, in a stable order."""

    limit: int = 100
    offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= 10_000 or self.offset < 0:
            raise InputError("a page has 1 to 10,000 rows and a non-negative offset")
