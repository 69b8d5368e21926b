"""The repositories' observable behaviour, the same on the in-memory fake and on SQLite and PostgreSQL.

Service tests run on the fake and trust it to behave as the database does: every listing in the same order,
the same conflicts, the same scoping, the same rows given back after an add. Each test here runs three
times (``any_uow``); a difference between the fake and SQL fails one of them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from servicepact.domain.clocks.timeline import Timeline
from servicepact.domain.errors import ConflictError
from servicepact.domain.records import (
    Asset,
    BackupRun,
    BackupStatus,
    EventType,
    Outage,
    RestoreTest,
    TicketEvent,
)
from servicepact.services.model import (
    AuditAction,
    Client,
    Page,
    Role,
    Scope,
    Span,
    StoredCheck,
    VersionStatus,
)
from servicepact.services.ports import TicketRows, UnitOfWork
from servicepact.services.stored_inputs import tickets_to_batches
from servicepact.testing import event_batch, ticket_batch

pytestmark = pytest.mark.db

EVERY_CLIENT = Scope(None)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def add_clients(uow: UnitOfWork, *slugs: str) -> dict[str, Client]:
    with uow:
        added = {slug: uow.clients.add(slug, slug.title(), "UTC", at(0)) for slug in slugs}
        uow.commit()
    return added


def test_an_added_client_is_given_back_as_stored(any_uow: UnitOfWork) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    assert (client.slug, client.name, client.time_zone, client.created_at) == ("acme", "Acme", "UTC", at(0))
    with any_uow:
        assert any_uow.clients.get(client.id, EVERY_CLIENT) == client
        assert any_uow.clients.get_by_slug("acme", EVERY_CLIENT) == client


def test_clients_are_listed_by_slug_and_a_scope_hides_the_others(any_uow: UnitOfWork) -> None:
    added = add_clients(any_uow, "initech", "acme", "globex")
    only_globex = Scope(frozenset({added["globex"].id}))
    with any_uow:
        assert [c.slug for c in any_uow.clients.list(EVERY_CLIENT)] == ["acme", "globex", "initech"]
        assert [c.slug for c in any_uow.clients.list(only_globex)] == ["globex"]
        assert any_uow.clients.get(added["acme"].id, only_globex) is None
        assert any_uow.clients.get_by_slug("acme", only_globex) is None


def test_a_second_client_with_a_slug_is_a_conflict(any_uow: UnitOfWork) -> None:
    add_clients(any_uow, "acme")
    with any_uow, pytest.raises(ConflictError):
        any_uow.clients.add("acme", "Acme again", "UTC", at(1))


def test_users_are_listed_by_email_and_an_email_is_unique(any_uow: UnitOfWork) -> None:
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


def test_a_users_tokens_are_listed_in_the_order_they_were_made(any_uow: UnitOfWork) -> None:
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


def test_the_audit_log_lists_the_newest_first_within_the_scope(any_uow: UnitOfWork) -> None:
    added = add_clients(any_uow, "acme", "globex")
    with any_uow:
        # Newest means last added (SQL: ORDER BY id DESC), not latest ``at``: the instants are out of order.
        for hours, slug in ((1, "acme"), (3, "globex"), (2, "acme"), (4, "acme")):
            any_uow.audit.add(
                at(hours), "system", AuditAction.CLIENT_CREATED, "client", slug, client_id=added[slug].id
            )
        any_uow.commit()
    with any_uow:
        everything = any_uow.audit.list(EVERY_CLIENT, Page())
        assert [e.at for e in everything] == [at(4), at(2), at(3), at(1)]
        acme = any_uow.audit.list(Scope(frozenset({added["acme"].id})), Page())
        assert [e.at for e in acme] == [at(4), at(2), at(1)]
        assert [e.at for e in any_uow.audit.list(EVERY_CLIENT, Page(2, 1))] == [at(2), at(3)]


def test_tickets_are_listed_by_creation_then_id_and_paged_alike(any_uow: UnitOfWork) -> None:
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


def test_importing_the_same_tickets_again_adds_nothing(any_uow: UnitOfWork) -> None:
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


def test_every_record_listing_is_in_time_order_whatever_the_import_order(any_uow: UnitOfWork) -> None:
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


def test_records_of_a_client_outside_the_scope_are_not_listed(any_uow: UnitOfWork) -> None:
    added = add_clients(any_uow, "acme", "globex")
    with any_uow:
        any_uow.imports.outages(added["acme"].id, [Outage(at(1), at(2))])
        any_uow.commit()
    only_globex = Scope(frozenset({added["globex"].id}))
    with any_uow:
        assert any_uow.records.outages(added["acme"].id, only_globex, Page()) == []
        assert any_uow.records.outages(added["globex"].id, EVERY_CLIENT, Page()) == []


# --- the reads of one period (services/stored_inputs.read_period) ---------------------------------------

PERIOD = Span(at(10), at(20))


def test_outages_meeting_a_span_are_those_started_before_its_end_and_not_ended_by_its_start(
    any_uow: UnitOfWork,
) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    with any_uow:
        any_uow.imports.outages(
            client.id,
            [
                Outage(at(1), at(10), uptime_id="ended-at-start"),
                Outage(at(1), at(11), uptime_id="ended-inside"),
                Outage(at(5), None, uptime_id="still-going"),
                Outage(at(19), at(25), uptime_id="started-inside"),
                Outage(at(20), at(21), uptime_id="started-at-end"),
                Outage(at(21), None, uptime_id="started-after"),
            ],
        )
        any_uow.commit()
    with any_uow:
        met = any_uow.records.outages(client.id, EVERY_CLIENT, Page(), PERIOD)
        assert [o.uptime_id for o in met] == ["ended-inside", "still-going", "started-inside"]
        assert [
            o.uptime_id for o in any_uow.records.outages(client.id, EVERY_CLIENT, Page(1, 1), PERIOD)
        ] == ["still-going"]


def test_outages_with_the_same_start_are_listed_in_the_order_they_were_stored(any_uow: UnitOfWork) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    with any_uow:
        any_uow.imports.outages(
            client.id,
            [Outage(at(2), at(3), uptime_id="web"), Outage(at(1), at(2), uptime_id="db")],
        )
        any_uow.imports.outages(
            client.id,
            [Outage(at(2), at(4), uptime_id="api"), Outage(at(2), at(5), uptime_id="dns")],
        )
        any_uow.commit()
    with any_uow:
        listed = any_uow.records.outages(client.id, EVERY_CLIENT, Page())
        assert [o.uptime_id for o in listed] == ["db", "web", "api", "dns"]
        spanned = any_uow.records.outages(client.id, EVERY_CLIENT, Page(), Span(at(2), at(3)))
        assert [o.uptime_id for o in spanned] == ["web", "api", "dns"]


def test_backup_runs_meeting_a_span_started_before_its_end_and_finished_at_or_after_its_start(
    any_uow: UnitOfWork,
) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    ok = BackupStatus.SUCCESS
    with any_uow:
        any_uow.imports.backup_runs(
            client.id,
            [
                BackupRun(at(19), at(21), ok, "started-inside"),
                BackupRun(at(9), at(9.5), ok, "finished-before"),
                BackupRun(at(9), at(10), ok, "finished-at-start"),
                BackupRun(at(20), at(21), ok, "started-at-end"),
                BackupRun(at(12), at(13), ok, "inside"),
            ],
        )
        any_uow.commit()
    with any_uow:
        met = any_uow.records.backup_runs(client.id, EVERY_CLIENT, Page(), PERIOD)
        assert [r.backup_id for r in met] == ["finished-at-start", "inside", "started-inside"]


def test_restore_tests_in_a_span_are_those_made_from_its_start_to_before_its_end(any_uow: UnitOfWork) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    ok = BackupStatus.SUCCESS
    with any_uow:
        any_uow.imports.restore_tests(
            client.id,
            [
                RestoreTest("at-end", at(20), ok),
                RestoreTest("inside", at(19.5), ok),
                RestoreTest("before", at(9), ok),
                RestoreTest("at-start", at(10), ok),
            ],
        )
        any_uow.commit()
    with any_uow:
        made = any_uow.records.restore_tests(client.id, EVERY_CLIENT, Page(), PERIOD)
        assert [t.backup_id for t in made] == ["at-start", "inside"]


def store_period_tickets(uow: UnitOfWork, client: Client) -> None:
    """Tickets around :data:`PERIOD`, each named after why a period read takes it or leaves it out."""
    names = [
        ("open-before", at(1)),  # 0: no events, never resolved
        ("closed-before", at(1)),  # 1: resolved before the period
        ("touched-inside", at(1)),  # 2: resolved before, a status change inside
        ("resolved-inside", at(2)),  # 3
        ("created-at-start", at(10)),  # 4
        ("created-at-end", at(20)),  # 5: never, even open
        ("reopened-before", at(3)),  # 6: resolved, then reopened, before the period
        ("resolved-again", at(3)),  # 7: resolved, reopened, resolved again, all before
        ("reopened-as-resolved", at(3)),  # 8: a reopening at the instant of its resolution
    ]
    resolved, reopened = EventType.RESOLVED, EventType.REOPENED
    events = event_batch(
        (1, at(2), resolved, None),
        (2, at(2), resolved, None),
        (2, at(12), EventType.STATUS, "note"),
        (3, at(15), resolved, None),
        (6, at(4), resolved, None),
        (6, at(5), reopened, None),
        (7, at(4), resolved, None),
        (7, at(5), reopened, None),
        (7, at(6), resolved, None),
        (8, at(6), resolved, None),
        (8, at(6), reopened, None),
    )
    with uow:
        uow.imports.tickets(
            client.id, TicketRows(ticket_batch(*((n, c, "P2") for n, c in names)), events), None
        )
        uow.commit()


def test_a_period_reads_the_tickets_created_or_touched_in_it(any_uow: UnitOfWork) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    store_period_tickets(any_uow, client)
    with any_uow:
        judged = any_uow.records.period_tickets(client.id, EVERY_CLIENT, Page(), PERIOD)
        assert [t.id for t in judged] == ["touched-inside", "resolved-inside", "created-at-start"]
        touched = judged[0]
        assert [(e.at, e.type) for e in touched.events] == [
            (at(2), EventType.RESOLVED),
            (at(12), EventType.STATUS),
        ]
        assert any_uow.records.period_tickets(client.id, Scope(frozenset()), Page(), PERIOD) == []


def test_a_period_with_open_before_also_reads_the_tickets_still_open(any_uow: UnitOfWork) -> None:
    # A reopening stored after a resolution of the same instant follows it (the engine reads events by
    # time, then in the order stored): that ticket is open again and read.
    client = add_clients(any_uow, "acme")["acme"]
    store_period_tickets(any_uow, client)
    with any_uow:
        judged = any_uow.records.period_tickets(client.id, EVERY_CLIENT, Page(), PERIOD, open_before=True)
        assert [t.id for t in judged] == [
            "open-before",
            "touched-inside",
            "resolved-inside",
            "reopened-as-resolved",
            "reopened-before",
            "created-at-start",
        ]
        paged = any_uow.records.period_tickets(client.id, EVERY_CLIENT, Page(2, 1), PERIOD, open_before=True)
        assert [t.id for t in paged] == ["touched-inside", "resolved-inside"]
        every = any_uow.records.tickets_with_events(client.id, EVERY_CLIENT, Page())
    # The read agrees with the clock engine's stop rule: of the tickets created before the period, it
    # leaves out exactly those whose resolution clock the engine stops before it (unless touched in it).
    tickets, events = tickets_to_batches(every)
    start = np.datetime64(int(PERIOD.start.timestamp()), "s")
    stops = Timeline.of(events, len(tickets), start).resolution_stop()
    stopped_before = {ticket.id for ticket, stop in zip(every, stops, strict=True) if not np.isnat(stop)}
    assert stopped_before == {"closed-before", "touched-inside", "resolved-again"}
    created_before = {t.id for t in every if t.created_at < PERIOD.start}
    assert created_before - {t.id for t in judged} == stopped_before - {"touched-inside"}


# --- events of one ticket, manual events ---------------------------------------------------------------


def test_events_at_the_same_instant_are_read_in_the_order_they_were_stored(any_uow: UnitOfWork) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    rows = TicketRows(
        ticket_batch(("T1", at(1), "P2")),
        event_batch(
            (0, at(3), EventType.STATUS, "waiting"),
            (0, at(2), EventType.STATUS, "in progress"),
            (0, at(2), EventType.RESPONDED, None),
            (0, at(2), EventType.ACKNOWLEDGED, None),
        ),
    )
    with any_uow:
        any_uow.imports.tickets(client.id, rows, None)
        any_uow.records.add_event(client.id, TicketEvent("T1", at(2), EventType.WORK, "30"))
        any_uow.commit()
    expected = [
        (at(2), EventType.STATUS, "in progress"),
        (at(2), EventType.RESPONDED, None),
        (at(2), EventType.ACKNOWLEDGED, None),
        (at(2), EventType.WORK, "30"),
        (at(3), EventType.STATUS, "waiting"),
    ]
    with any_uow:
        ticket = any_uow.records.ticket(client.id, "T1", EVERY_CLIENT)
        assert ticket is not None
        assert [(e.at, e.type, e.value) for e in ticket.events] == expected
        (listed,) = any_uow.records.tickets_with_events(client.id, EVERY_CLIENT, Page())
        assert [(e.at, e.type, e.value) for e in listed.events] == expected
        (judged,) = any_uow.records.period_tickets(client.id, EVERY_CLIENT, Page(), Span(at(0), at(4)))
        assert [(e.at, e.type, e.value) for e in judged.events] == expected


def test_the_same_manual_event_twice_is_refused_and_stored_once(any_uow: UnitOfWork) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    event = TicketEvent("T1", at(2), EventType.WORK, "30")
    with any_uow:
        any_uow.imports.tickets(client.id, TicketRows(ticket_batch(("T1", at(1), "P2")), event_batch()), None)
        any_uow.records.add_event(client.id, event)
        any_uow.commit()
    revision = data_revision(any_uow)
    # The fake refuses with ConflictError at once; SQL's unique (ticket, key) raises IntegrityError when the
    # row is flushed, which the unit of work turns into a ConflictError as the block ends.
    with pytest.raises(ConflictError), any_uow:
        any_uow.records.add_event(client.id, event)
    with any_uow:
        ticket = any_uow.records.ticket(client.id, "T1", EVERY_CLIENT)
        assert ticket is not None
        assert [(e.at, e.type, e.value) for e in ticket.events] == [(at(2), EventType.WORK, "30")]
        assert any_uow.records.counts(client.id, EVERY_CLIENT).events == 1
    assert data_revision(any_uow) == revision


# --- agreement versions -------------------------------------------------------------------------------


def add_version(uow: UnitOfWork, client: Client, key: str, hours: float) -> int:
    """A draft of agreement ``key`` uploaded at ``at(hours)``; its id."""
    version = uow.agreements.add_version(
        client.id,
        key,
        title=f"{key} at {hours}",
        text=f"id: {key}\n",
        sha256=f"{key}-{hours}",
        time_zone="UTC",
        priority_matrix={"high": {"high": f"P-{key}-{hours}"}},
        uploaded_at=at(hours),
        uploaded_by="seed",
    )
    return version.id


def test_versions_are_listed_by_agreement_then_number_with_what_selects_the_one_in_force(
    any_uow: UnitOfWork,
) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    with any_uow:
        b1 = add_version(any_uow, client, "b-key", 1)
        a1 = add_version(any_uow, client, "a-key", 2)
        b2 = add_version(any_uow, client, "b-key", 3)
        any_uow.agreements.set_status(b1, VersionStatus.ACTIVE, activated_at=at(4), effective_from=at(0))
        any_uow.agreements.set_status(b1, VersionStatus.RETIRED, retired_at=at(6))
        any_uow.agreements.set_status(b2, VersionStatus.ACTIVE, activated_at=at(6), effective_from=at(5))
        any_uow.commit()
    with any_uow:
        versions = any_uow.agreements.versions(client.id, EVERY_CLIENT)
        assert [(v.id, v.agreement_key, v.number) for v in versions] == [
            (a1, "a-key", 1),
            (b1, "b-key", 1),
            (b2, "b-key", 2),
        ]
        assert [
            (v.status, v.activated_at, v.effective_from, v.retired_at, v.uploaded_at) for v in versions
        ] == [
            (VersionStatus.DRAFT, None, None, None, at(2)),
            (VersionStatus.RETIRED, at(4), at(0), at(6), at(1)),
            (VersionStatus.ACTIVE, at(6), at(5), None, at(3)),
        ]
        assert [v.number for v in any_uow.agreements.versions(client.id, EVERY_CLIENT, "b-key")] == [1, 2]
        active = any_uow.agreements.active(client.id, "b-key", EVERY_CLIENT)
        assert active is not None
        assert active.id == b2
        assert any_uow.agreements.active(client.id, "a-key", EVERY_CLIENT) is None
        assert any_uow.agreements.versions(client.id, Scope(frozenset())) == []


def test_the_priority_context_is_the_latest_activated_active_version_and_the_last_made_on_a_tie(
    any_uow: UnitOfWork,
) -> None:
    client = add_clients(any_uow, "acme")["acme"]
    with any_uow:
        assert any_uow.agreements.priority_context(client.id) == (None, None)
        first = add_version(any_uow, client, "a-key", 1)
        second = add_version(any_uow, client, "b-key", 2)
        third = add_version(any_uow, client, "c-key", 3)
        any_uow.agreements.set_status(second, VersionStatus.ACTIVE, activated_at=at(9), effective_from=at(0))
        any_uow.agreements.set_status(first, VersionStatus.ACTIVE, activated_at=at(5), effective_from=at(0))
        any_uow.commit()
    with any_uow:
        assert any_uow.agreements.priority_context(client.id) == ("UTC", {"high": {"high": "P-b-key-2"}})
        any_uow.agreements.set_status(third, VersionStatus.ACTIVE, activated_at=at(9), effective_from=at(0))
        any_uow.commit()
    with any_uow:
        assert any_uow.agreements.priority_context(client.id) == ("UTC", {"high": {"high": "P-c-key-3"}})


# --- the data revision ----------------------------------------------------------------------------------


def data_revision(uow: UnitOfWork) -> int | None:
    with uow:
        return uow.data_revision()


def test_a_commit_raises_the_data_revision_and_bookkeeping_or_a_rollback_does_not(
    any_uow: UnitOfWork,
) -> None:
    before = data_revision(any_uow)
    assert before is not None
    client = add_clients(any_uow, "acme")["acme"]
    after_client = data_revision(any_uow)
    assert after_client is not None
    assert after_client > before
    with any_uow:
        any_uow.imports.outages(client.id, [Outage(at(1), at(2))])
        # not committed: rolled back as the block ends
    assert data_revision(any_uow) == after_client
    with any_uow:
        user = any_uow.users.add("al@msp.example", Role.ENGINEER, None, None, at(0))
        token = any_uow.tokens.add(user.id, "laptop", "sp_laptop", "hash-laptop", at(0))
        any_uow.commit()
    after_token = data_revision(any_uow)
    assert after_token is not None
    assert after_token > after_client
    with any_uow:
        any_uow.tokens.mark_used(token.id, at(3))
        any_uow.commit(changes_data=False)
    assert data_revision(any_uow) == after_token
    with any_uow:
        used = any_uow.tokens.get(token.id)
        assert used is not None
        assert used.last_used_at == at(3)
