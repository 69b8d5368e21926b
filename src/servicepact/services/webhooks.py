"""Use cases: ticket events pushed by a PSA or helpdesk, and the per-client tokens that authenticate them.

A webhook token is ``spw_`` and 43 random URL-safe characters. It is stored like an API token (only its
SHA-256, in the same table) and belongs to the client's *webhook user*, ``webhook@<client>.invalid``, a
``client``-role user without a password, made with the first token. The bearer-token check of the API
(:func:`servicepact.services.users.check_token`) refuses the ``spw_`` prefix, so a webhook token
can only push events, and only for its own client.

What an event must hold to be taken at all (:meth:`WebhookEvent.problem`: a type of
:data:`WebhookEventType`, an instant, a value where its type needs one...) is decided here; the API
refuses such an event before the delivery reaches :func:`receive_events`, which checks again.

A delivery is all or nothing: events are idempotent on their ``event_id`` (per ticket; a repeated
delivery counts them as duplicates), a ticket is created when an event carries its creation fields and
it is not stored yet (a stored ticket never changes), and an event of an unknown ticket rejects the
whole delivery with the events at fault.

>>> from datetime import UTC, datetime
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client
>>> uow = FakeUnitOfWork()
>>> client = make_client(uow, "acme")
>>> new = create_webhook_token(uow, SYSTEM, "acme")
>>> caller = authenticate_webhook(uow, new.secret)
>>> opened, answered = datetime(2026, 1, 2, 9, 0, tzinfo=UTC), datetime(2026, 1, 2, 9, 20, tzinfo=UTC)
>>> events = [WebhookEvent("e0", "INC1", "created", created_at=opened, priority="P2"),
...           WebhookEvent("e1", "INC1", "responded", answered)]
>>> receive_events(uow, caller, "acme", events)
WebhookReport(received=2, added=1, duplicates=0, tickets_added=1)
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from servicepact.domain.errors import DataRowError, InputError, Location, NotFoundError, PermissionDeniedError
from servicepact.domain.input_rules import PriorityLevels
from servicepact.domain.records import EventBatch, EventType, TicketBatch, object_array
from servicepact.services import access, importing
from servicepact.services.model import ApiToken, AuditAction, Client, NewToken, Principal, Role, User
from servicepact.services.ports import AgreementParser, BadRow, EventRows, TicketRows, UnitOfWork
from servicepact.services.users import token_hash

__all__ = [
    "CREATED",
    "WEBHOOK_TOKEN_PREFIX",
    "WebhookCaller",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookReport",
    "authenticate_webhook",
    "create_webhook_token",
    "list_webhook_tokens",
    "receive_events",
    "revoke_webhook_token",
    "webhook_user_email",
]

WEBHOOK_TOKEN_PREFIX = "spw_"
CREATED = "created"
"""The type of a delivery that only creates a ticket (no event is stored)."""
MAX_EVENTS = 1_000
MAX_WORK_MINUTES = 100_000

WebhookEventType = Literal[
    "created",
    "responded",
    "acknowledged",
    "status",
    "priority",
    "resolved",
    "reopened",
    "work",
    "after_hours_approved",
]
"""The types of event the webhook takes: :data:`CREATED` and every :class:`EventType` (spec §2)."""
EVENT_TYPES: frozenset[str] = frozenset(get_args(WebhookEventType))
_USED_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class WebhookEvent:
    """One pushed event. ``type`` is an :class:`EventType` value or :data:`CREATED`; ``at`` defaults to
    ``created_at``, which (with ``priority`` or ``impact`` + ``urgency``...) creates the ticket when it is
    not stored yet."""

    event_id: str
    ticket_id: str
    type: str
    at: datetime | None = None
    value: str | None = None
    created_at: datetime | None = None
    priority: str | None = None
    impact: str | None = None
    urgency: str | None = None
    client_priority: str | None = None
    service: str | None = None
    asset: str | None = None
    title: str | None = None

    @property
    def happened_at(self) -> datetime:
        """When it happened: ``at``, else the ticket's ``created_at``."""
        happened = self.at or self.created_at
        if happened is None:
            raise InputError(_NO_INSTANT, location=Location(path="at"))
        return happened

    def problem(self) -> str | None:
        """Why the event cannot be taken, whatever else its delivery holds; None when it can."""
        if self.type not in EVENT_TYPES:
            return f"unknown type {self.type!r}"
        if self.at is None and self.created_at is None:
            return _NO_INSTANT
        if self.type == CREATED and self.created_at is None:
            return "a `created` event needs the ticket's `created_at`"
        if self.type in (EventType.STATUS, EventType.PRIORITY) and not (self.value or "").strip():
            return f"a `{self.type}` event needs a `value`"
        if self.type == EventType.WORK:
            try:
                minutes = float(self.value or "")
            except ValueError:
                return "a `work` event's `value` is its minutes, a number"
            if not 0 <= minutes <= MAX_WORK_MINUTES:
                return f"a `work` event's minutes must lie between 0 and {MAX_WORK_MINUTES:,}"
        if (
            self.created_at is not None
            and self.priority is None
            and (self.impact is None) != (self.urgency is None)
        ):
            return "give `impact` and `urgency` together"
        return None


_NO_INSTANT = "an event needs `at` (or the ticket's `created_at`)"


@dataclass(frozen=True)
class WebhookReport:
    """What a delivery changed: events received, stored, already stored; tickets created."""

    received: int
    added: int
    duplicates: int
    tickets_added: int


def webhook_user_email(slug: str) -> str:
    return f"webhook@{slug}.invalid"


def create_webhook_token(
    uow: UnitOfWork, principal: Principal, client: str, *, name: str = "webhook"
) -> NewToken:
    """A new webhook token for ``client`` (staff only); the secret is in the result only."""
    with uow:
        owner = access.writable_client(uow, principal, client)
        user = _webhook_user(uow, owner)
        secret = WEBHOOK_TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = uow.time_source.now()
        token = uow.tokens.add(user.id, name.strip() or "webhook", secret[:11], token_hash(secret), now)
        uow.audit.add(
            now,
            principal.name,
            AuditAction.TOKEN_CREATED,
            "webhook_token",
            f"{owner.slug}/{token.id}",
            owner.id,
            {"name": token.name, "prefix": token.prefix},
        )
        uow.commit()
    return NewToken(token, secret)


def list_webhook_tokens(uow: UnitOfWork, principal: Principal, client: str) -> list[ApiToken]:
    """The client's webhook tokens (revoked ones included), oldest first."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        user = uow.users.get_by_email(webhook_user_email(owner.slug))
        return [] if user is None else sorted(uow.tokens.for_user(user.id), key=lambda t: t.id)


def revoke_webhook_token(uow: UnitOfWork, principal: Principal, client: str, token_id: int) -> ApiToken:
    with uow:
        owner = access.writable_client(uow, principal, client)
        user = uow.users.get_by_email(webhook_user_email(owner.slug))
        token = uow.tokens.get(token_id)
        if user is None or token is None or token.user_id != user.id:
            raise NotFoundError(f"client {owner.slug} has no webhook token {token_id}")
        revoked = uow.tokens.revoke(token_id, uow.time_source.now())
        uow.audit.add(
            uow.time_source.now(),
            principal.name,
            AuditAction.TOKEN_REVOKED,
            "webhook_token",
            f"{owner.slug}/{token_id}",
            owner.id,
        )
        uow.commit()
    return revoked


def _webhook_user(uow: UnitOfWork, owner: Client) -> User:
    email = webhook_user_email(owner.slug)
    user = uow.users.get_by_email(email)
    if user is None:
        user = uow.users.add(email, Role.CLIENT, owner.id, None, uow.time_source.now())
    if user.client_id != owner.id or user.role is not Role.CLIENT:
        raise InputError(f"the user {email} is not the webhook user of {owner.slug}")
    return user


@dataclass(frozen=True)
class WebhookCaller:
    """A caller authenticated by a webhook token (made only by :func:`authenticate_webhook`)."""

    principal: Principal
    token: ApiToken


def authenticate_webhook(uow: UnitOfWork, secret: str) -> WebhookCaller:
    """The caller a webhook token stands for; :class:`PermissionDeniedError` for an API token or an
    unknown, revoked or deactivated one."""
    if not secret.startswith(WEBHOOK_TOKEN_PREFIX):
        raise PermissionDeniedError("not a servicepact webhook token")
    with uow:
        token = uow.tokens.get_by_hash(token_hash(secret))
        if token is None or token.revoked_at is not None:
            raise PermissionDeniedError("unknown or revoked webhook token")
        user = uow.users.get(token.user_id)
        if user is None or user.role is not Role.CLIENT or not user.email.startswith("webhook@"):
            raise PermissionDeniedError("unknown or revoked webhook token")
        return WebhookCaller(access.principal_of(user), token)


def receive_events(
    uow: UnitOfWork,
    caller: WebhookCaller,
    client: str,
    events: Sequence[WebhookEvent],
    *,
    parser: AgreementParser | None = None,
) -> WebhookReport:
    """Store pushed events for ``client``.

    :class:`NotFoundError` when the caller's token is another client's; :class:`DataRowError` (nothing
    stored, the field named) when an event names a ticket that is neither stored nor created by the
    delivery, when an instant is after now, or (with a ``parser``) when a priority is not a level of the
    version in force at the ticket's ``created_at`` (spec 1.1 §5).
    """
    if len(events) > MAX_EVENTS:
        raise InputError(f"a delivery has at most {MAX_EVENTS:,} events; send the rest in another")
    token = caller.token
    with uow:
        owner = access.readable_client(uow, caller.principal, client)
        _, matrix = uow.agreements.priority_context(owner.id)
        unique = _unique(events)
        now = uow.time_source.now()
        levels = importing.priority_levels(uow, owner.id, parser, access.scope_of(caller.principal))
        _check(unique, matrix, levels, now)

        created = _new_tickets(unique, matrix)
        tickets_added = 0
        if created is not None:
            counts = uow.imports.tickets(owner.id, created, None)
            tickets_added = counts.added.get("tickets", 0)

        pushed = [(line, e) for line, e in unique if e.type != CREATED]
        added = present = 0
        if pushed:
            rows = _event_rows(pushed)
            rows.priorities = levels
            counts = uow.imports.events(owner.id, rows, None)
            if counts.bad_row_total:
                raise _rejected(counts.bad_rows, counts.bad_row_total)
            added = counts.added.get("events", 0)
            present = counts.present.get("events", 0)
        present += len(events) - len(unique)

        if added or tickets_added:
            uow.audit.add(
                now,
                f"webhook:{token.prefix}",
                AuditAction.DATA_IMPORTED,
                "webhook",
                token.prefix,
                owner.id,
                {"added": {"events": added, "tickets": tickets_added}, "present": {"events": present}},
            )
        if token.last_used_at is None or now - token.last_used_at >= _USED_EVERY:
            uow.tokens.mark_used(token.id, now)
        uow.commit()
    return WebhookReport(len(events), added, present, tickets_added)


def _unique(events: Sequence[WebhookEvent]) -> list[tuple[int, WebhookEvent]]:
    """Events with their 1-based position, the first of each (ticket, event id) only;
    :class:`InputError` for the first event that cannot be taken (:meth:`WebhookEvent.problem`)."""
    seen: set[tuple[str, str]] = set()
    unique: list[tuple[int, WebhookEvent]] = []
    for line, event in enumerate(events, start=1):
        if event.type not in EVENT_TYPES:
            raise InputError(f"event {line}: unknown type {event.type!r}", location=Location(path="type"))
        problem = event.problem()
        if problem is not None:
            raise InputError(f"event {line}: {problem}")
        key = (event.ticket_id, event.event_id)
        if key not in seen:
            seen.add(key)
            unique.append((line, event))
    return unique


def _creation_priority(event: WebhookEvent, matrix: dict[str, dict[str, str]] | None) -> str | None:
    """The priority a ticket is created with: its own, else its impact and urgency through the matrix."""
    if event.priority is not None:
        return event.priority
    if event.impact is None or event.urgency is None:
        return None
    return (matrix or {}).get(event.impact, {}).get(event.urgency)


def _check(
    events: Sequence[tuple[int, WebhookEvent]],
    matrix: dict[str, dict[str, str]] | None,
    levels: PriorityLevels | None,
    now: datetime,
) -> None:
    """Refuse the delivery (:class:`DataRowError` naming the event and the field) for an instant after
    ``now`` or a new ticket's priority that is not a level of the version in force at its creation."""
    problems: list[BadRow] = []
    for line, event in events:
        for name, moment in (("created_at", event.created_at), ("at", event.happened_at)):
            if moment is not None and moment > now:
                reason = f"{moment.isoformat()} is after now ({now.isoformat()})"
                problems.append(BadRow("webhook", line, name, reason))
        if event.created_at is None or levels is None:
            continue
        priority = _creation_priority(event, matrix)
        created = int(event.created_at.timestamp())
        if (
            priority is None
            and event.priority is None
            and event.impact is not None
            and event.urgency is not None
        ):
            # An impact and urgency the matrix has no cell for would leave the ticket without a priority:
            # silently best effort. Refuse it as a file import refuses an unknown priority.
            reason = f"({event.impact!r}, {event.urgency!r}) is not a cell of the agreement's priority matrix"
            problems.append(BadRow("webhook", line, "impact, urgency", reason))
        elif priority is not None and levels.unknown(priority, created):
            name = "priority" if event.priority is not None else "impact, urgency"
            reason = f"{priority!r} is not a priority of the agreement ({levels.describe(created)})"
            problems.append(BadRow("webhook", line, name, reason))
    if problems:
        raise _rejected(problems, len(problems), hint=False)


def _seconds(instants: Sequence[datetime]) -> npt.NDArray[np.datetime64]:
    return np.array([int(i.astimezone(UTC).timestamp()) for i in instants], dtype="datetime64[s]")


def _new_tickets(
    events: Sequence[tuple[int, WebhookEvent]], matrix: dict[str, dict[str, str]] | None
) -> TicketRows | None:
    """The tickets the delivery describes (the first description of each), for an idempotent insert."""
    described: dict[str, tuple[int, WebhookEvent]] = {}
    for line, event in events:
        if event.created_at is not None and event.ticket_id not in described:
            described[event.ticket_id] = (line, event)
    if not described:
        return None
    rows = [event for _, event in described.values()]
    priorities = [_creation_priority(e, matrix) for e in rows]
    batch = TicketBatch(
        ids=object_array([e.ticket_id for e in rows]),
        created_at=_seconds([e.created_at for e in rows if e.created_at is not None]),
        priority=object_array(priorities),
        client_priority=object_array([e.client_priority for e in rows]),
        service=object_array([e.service for e in rows]),
        asset=object_array([e.asset for e in rows]),
        impact=object_array([e.impact for e in rows]),
        urgency=object_array([e.urgency for e in rows]),
        title=object_array([e.title for e in rows]),
        lines=np.array([line for line, _ in described.values()], dtype=np.int64),
    )
    nothing = EventBatch(
        ticket=np.zeros(0, dtype=np.int64),
        at=np.zeros(0, dtype="datetime64[s]"),
        type=np.zeros(0, dtype=np.int8),
        value=object_array([]),
    )
    return TicketRows(batch, nothing)


def _event_rows(events: Sequence[tuple[int, WebhookEvent]]) -> EventRows:
    ticket_ids = list(dict.fromkeys(e.ticket_id for _, e in events))
    position = {ticket_id: row for row, ticket_id in enumerate(ticket_ids)}
    batch = EventBatch(
        ticket=np.array([position[e.ticket_id] for _, e in events], dtype=np.int64),
        at=_seconds([e.happened_at for _, e in events]),
        type=np.array([EventType(e.type).code for _, e in events], dtype=np.int8),
        value=object_array([e.value for _, e in events]),
        lines=np.array([line for line, _ in events], dtype=np.int64),
    )
    return EventRows(object_array(ticket_ids), batch, object_array([e.event_id for _, e in events]))


def _rejected(rows: list[BadRow], total: int, *, hint: bool = True) -> DataRowError:
    listed = [f"event {row.line}: {row.column + ': ' if row.column else ''}{row.reason}" for row in rows[:20]]
    if total > len(listed):
        listed.append(f"... and {total - len(listed)} more")
    if hint and any(row.column == "ticket_id" for row in rows):
        listed.append(
            "nothing was stored; send the ticket's created_at (and priority) with its first event "
            "to create it"
        )
    else:
        listed.append("nothing was stored")
    first = rows[0] if rows else None
    return DataRowError(
        "\n".join(listed),
        location=Location(
            "webhook", first.line if first else None, path=(first.column if first else None) or "ticket_id"
        ),
    )
