"""The repositories' observable behaviour, the same on the in-memory fake and on SQLite and PostgreSQL.

Service tests run on the fake and trust it to behave as the database does: every listing in the same order,
the same conflicts, the same scoping, the same rows given back after an add. Each test here runs three
times (``any_uow``); a difference between the fake and SQL fails one of them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from servicepact.domain.errors import ConflictError
from servicepact.domain.records import Asset, BackupRun, BackupStatus, Outage, RestoreTest
from servicepact.services.model import AuditAction, Page, Role, Scope, StoredCheck
from servicepact.services.ports import TicketRows
from servicepact.testing import event_batch, ticket_batch

pytestmark = pytest.mark.db

EVERY_CLIENT = Scope(None)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def add_clients(uow: Any, *slugs: str) -> dict[str, Any]:
    with uow:
        added = {slug: uow.clients.add(slug, slug.title(), "UTC", at(0)) for slug in slugs}
        uow.commit()
    return added


def test_an_added_client_is_given_back_as_stored(any_uow: Any) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    assert (client.slug, client.name, client.time_zone, client.created_at) == ("acme", "Acme", "UTC", at(0))
    with any_uow:
        assert any_uow.clients.get(client.id, EVERY_CLIENT) == client
        assert any_uow.clients.get_by_slug("acme", EVERY_CLIENT) == client


def test_clients_are_listed_by_slug_and_a_scope_hides_the_others(any_uow: Any) -> None:
    added = add_clients(any_uow, "initech", "acme", "globex")
    only_globex = Scope(frozenset({added["globex"].id}))
    with any_uow:
        assert [c.slug for c in any_uow.clients.list(EVERY_CLIENT)] == ["acme", "globex", "initech"]
        assert [c.slug for c in any_uow.clients.list(only_globex)] == ["globex"]
        assert any_uow.clients.get(added["acme"].id, only_globex) is None
        assert any_uow.clients.get_by_slug("acme", only_globex) is None


def test_a_second_client_with_a_slug_is_a_conflict(any_uow: Any) -> None:
    add_clients(any_uow, "acme")
    with any_uow, pytest.raises(ConflictError):
        any_uow.clients.add("acme", "Acme again", "UTC", at(1))


def test_users_are_listed_by_email_and_an_email_is_unique(any_uow: Any) -> None:
    with any_uow:
        for email in ("zoe@msp.example", "al@msp.example", "mo@msp.example"):
            any_uow.users.add(email, Role.ENGINEER, None, None, at(0))
        any_uow.commit()
    with any_uow:
        assert [u.email for u in any_uow.users.list()] == [
            "al@msp.example",
            "mo@msp.example",
            "zoe@msp.example",
        ]
        found = any_uow.users.get_by_email("mo@msp.example")
        assert found is not None
        assert any_uow.users.get(found.id) == found
        with pytest.raises(ConflictError):
            any_uow.users.add("mo@msp.example", Role.ADMIN, None, None, at(1))


def test_a_users_tokens_are_listed_in_the_order_they_were_made(any_uow: Any) -> None:
    with any_uow:
        user = any_uow.users.add("al@msp.example", Role.ENGINEER, None, None, at(0))
        for name in ("laptop", "ci", "backup"):
            any_uow.tokens.add(user.id, name, f"sp_{name}", f"hash-{name}", at(0))
        any_uow.commit()
    with any_uow:
        assert [t.name for t in any_uow.tokens.for_user(user.id)] == ["laptop", "ci", "backup"]
        found = any_uow.tokens.get_by_hash("hash-ci")
        assert found is not None
        assert found.name == "ci"


def test_the_audit_log_lists_the_newest_first_within_the_scope(any_uow: Any) -> None:
    added = add_clients(any_uow, "acme", "globex")
    with any_uow:
        for hours, slug in ((1, "acme"), (2, "globex"), (3, "acme")):
            any_uow.audit.add(
                at(hours), "system", AuditAction.CLIENT_CREATED, "client", slug, client_id=added[slug].id
            )
        any_uow.commit()
    with any_uow:
        everything = any_uow.audit.list(EVERY_CLIENT, Page())
        assert [e.at for e in everything] == [at(3), at(2), at(1)]
        acme = any_uow.audit.list(Scope(frozenset({added["acme"].id})), Page())
        assert [e.at for e in acme] == [at(3), at(1)]


def test_tickets_are_listed_by_creation_then_id_and_paged_alike(any_uow: Any) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    rows = TicketRows(
        ticket_batch(("T3", at(2), "P1"), ("T1", at(5), "P2"), ("T2", at(2), "P3"), ("T0", at(1), None)),
        event_batch(),
    )
    with any_uow:
        any_uow.imports.tickets(client.id, rows, None)
        any_uow.commit()
    with any_uow:
        listed = any_uow.records.tickets(client.id, EVERY_CLIENT, Page())
        assert [t.id for t in listed] == ["T0", "T2", "T3", "T1"]
        assert [t.id for t in any_uow.records.tickets(client.id, EVERY_CLIENT, Page(2, 1))] == ["T2", "T3"]
        assert any_uow.records.ticket(client.id, "T1", Scope(frozenset())) is None


def test_importing_the_same_tickets_again_adds_nothing(any_uow: Any) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    rows = TicketRows(ticket_batch(("T1", at(1), "P1"), ("T2", at(2), "P2")), event_batch())
    with any_uow:
        first = any_uow.imports.tickets(client.id, rows, None)
        any_uow.commit()
    with any_uow:
        again = any_uow.imports.tickets(client.id, rows, None)
        any_uow.commit()
    assert (first.added.get("tickets"), first.present.get("tickets", 0)) == (2, 0)
    assert (again.added.get("tickets", 0), again.present.get("tickets")) == (0, 2)


def test_every_record_listing_is_in_time_order_whatever_the_import_order(any_uow: Any) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    ok = BackupStatus.SUCCESS
    with any_uow:
        any_uow.imports.outages(client.id, [Outage(at(5), at(6)), Outage(at(1), at(2)), Outage(at(3), None)])
        any_uow.imports.checks(client.id, [StoredCheck("web", at(4), True), StoredCheck("web", at(2), False)])
        any_uow.imports.backup_runs(
            client.id, [BackupRun(at(8), at(9), ok, "b2"), BackupRun(at(2), at(3), ok, "b1")]
        )
        any_uow.imports.restore_tests(
            client.id, [RestoreTest("b2", at(10), ok), RestoreTest("b1", at(4), ok)]
        )
        any_uow.imports.assets(client.id, [Asset("srv-2", "server"), Asset("srv-1", "server")])
        any_uow.commit()
    page = Page()
    with any_uow:
        records = any_uow.records
        assert [o.start for o in records.outages(client.id, EVERY_CLIENT, page)] == [at(1), at(3), at(5)]
        assert [c.at for c in records.checks(client.id, EVERY_CLIENT, page)] == [at(2), at(4)]
        assert [r.started_at for r in records.backup_runs(client.id, EVERY_CLIENT, page)] == [at(2), at(8)]
        assert [t.at for t in records.restore_tests(client.id, EVERY_CLIENT, page)] == [at(4), at(10)]
        assert [a.id for a in records.assets(client.id, EVERY_CLIENT, page)] == ["srv-1", "srv-2"]
        counts = records.counts(client.id, EVERY_CLIENT)
        assert (counts.outages, counts.checks, counts.backup_runs, counts.restore_tests, counts.assets) == (
            3,
            2,
            2,
            2,
            2,
        )


def test_records_of_a_client_outside_the_scope_are_not_listed(any_uow: Any) -> None:
    added = add_clients(any_uow, "acme", "globex")
    with any_uow:
        any_uow.imports.outages(added["acme"].id, [Outage(at(1), at(2))])
        any_uow.commit()
    only_globex = Scope(frozenset({added["globex"].id}))
    with any_uow:
        assert any_uow.records.outages(added["acme"].id, only_globex, Page()) == []
        assert any_uow.records.outages(added["globex"].id, EVERY_CLIENT, Page()) == []
