"""Use cases: read what was imported (tickets, outages, checks, backups, assets) and change a ticket's
priority (an audited ``priority`` event; the ticket row itself never changes).

>>> from servicepact.adapters.db.input_files import FileInputReader
>>> from servicepact.services.importing import ImportRequest, import_file
>>> from servicepact.services.model import ImportKind
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client, write_lines
>>> uow = FakeUnitOfWork()
>>> client = make_client(uow, "acme")
>>> path = write_lines(TMP / "tickets.csv", "id,created_at,priority,first_response_at,resolved_at",
...                    "INC0001,2026-01-02T09:00Z,P2,2026-01-02T09:20Z,2026-01-02T11:00Z")
>>> report = import_file(uow, SYSTEM, ImportRequest(ImportKind.TICKETS, path, "acme"), FileInputReader())
>>> ticket = get_ticket(uow, SYSTEM, "acme", "INC0001")
>>> [e.type for e in ticket.events]
[<EventType.RESPONDED: 'responded'>, <EventType.RESOLVED: 'resolved'>]
"""

from __future__ import annotations

from datetime import UTC, datetime

from servicepact.domain.errors import InputError, Location, NotFoundError
from servicepact.domain.records import Asset, BackupRun, EventType, Outage, RestoreTest, Ticket, TicketEvent
from servicepact.services import access, importing
from servicepact.services.model import AuditAction, Page, Principal, StoredCheck
from servicepact.services.ports import AgreementParser, UnitOfWork


def data_revision(uow: UnitOfWork) -> int | None:
    """The store's data revision now: unchanged data keeps it (see ``UnitOfWork.data_revision``)."""
    with uow:
        return uow.data_revision()


def get_ticket(uow: UnitOfWork, principal: Principal, client: str, ticket_id: str) -> Ticket:
    """A ticket with its events; :class:`NotFoundError` when missing or not visible."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        ticket = uow.records.ticket(owner.id, ticket_id, access.scope_of(principal))
    if ticket is None:
        raise NotFoundError(f"client {client} has no ticket {ticket_id!r}")
    return ticket


def list_tickets(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    *,
    page: Page | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> list[Ticket]:
    """Tickets (without events) by creation time; ``created_to`` is exclusive."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.tickets(
            owner.id, access.scope_of(principal), page or Page(), created_from, created_to
        )


def list_outages(
    uow: UnitOfWork, principal: Principal, client: str, page: Page | None = None
) -> list[Outage]:
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.outages(owner.id, access.scope_of(principal), page or Page())


def list_checks(
    uow: UnitOfWork, principal: Principal, client: str, page: Page | None = None
) -> list[StoredCheck]:
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.checks(owner.id, access.scope_of(principal), page or Page())


def list_backup_runs(
    uow: UnitOfWork, principal: Principal, client: str, page: Page | None = None
) -> list[BackupRun]:
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.backup_runs(owner.id, access.scope_of(principal), page or Page())


def list_restore_tests(
    uow: UnitOfWork, principal: Principal, client: str, page: Page | None = None
) -> list[RestoreTest]:
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.restore_tests(owner.id, access.scope_of(principal), page or Page())


def list_assets(uow: UnitOfWork, principal: Principal, client: str, page: Page | None = None) -> list[Asset]:
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.records.assets(owner.id, access.scope_of(principal), page or Page())


def change_priority(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    ticket_id: str,
    priority: str,
    *,
    at: datetime | None = None,
    reason: str | None = None,
    parser: AgreementParser | None = None,
) -> TicketEvent:
    """Record that a ticket's priority changed (spec §2: both targets follow the new priority), with an
    audit entry. ``at`` defaults to now.

    With a ``parser``, the new priority must be a level of the version judging the ticket (in force at
    its ``created_at``; not checked while no version covers it): :class:`InputError` on ``priority``
    otherwise. A change after now is refused (on ``at``)."""
    if not priority.strip():
        raise InputError("a priority change needs the new priority")
    with uow:
        owner = access.writable_client(uow, principal, client)
        scope = access.scope_of(principal)
        ticket = uow.records.ticket(owner.id, ticket_id, scope)
        if ticket is None:
            raise NotFoundError(f"client {client} has no ticket {ticket_id!r}")
        now = uow.time_source.now()
        when = now if at is None else at
        if when.tzinfo is None:
            raise InputError("the time of a priority change needs a UTC offset")
        if when > now:
            raise InputError(
                f"{when.isoformat()} is after now ({now.isoformat()})", location=Location(path="at")
            )
        levels = importing.priority_levels(uow, owner.id, parser, scope)
        created = int(ticket.created_at.timestamp())
        if levels is not None and levels.unknown(priority.strip(), created):
            raise InputError(
                f"{priority.strip()!r} is not a priority of the agreement that judges ticket {ticket_id!r} "
                f"({levels.describe(created)})",
                location=Location(path="priority"),
            )
        event = TicketEvent(ticket_id, when.astimezone(UTC), EventType.PRIORITY, priority.strip())
        uow.records.add_event(owner.id, event)
        previous = next(
            (e.value for e in reversed(ticket.events) if e.type is EventType.PRIORITY), ticket.priority
        )
        uow.audit.add(
            now,
            principal.name,
            AuditAction.PRIORITY_CHANGED,
            "ticket",
            ticket_id,
            owner.id,
            {"from": previous, "to": event.value, "at": event.at.isoformat(), "reason": reason},
        )
        uow.commit()
    return event
