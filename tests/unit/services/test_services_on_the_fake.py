"""The use cases on the in-memory unit of work: no database needed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

import numpy as np
import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import (
    ConflictError,
    DataRowError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
)
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import EventType
from servicepact.services import access, agreements, audit, clients, importing, records, users
from servicepact.services.access import SYSTEM, scope_of
from servicepact.services.fingerprints import event_keys
from servicepact.services.model import AuditAction, ImportKind, Principal, Role, VersionStatus
from servicepact.services.ports import EventRows, ImportProgress, ParsedInput, PriorityOf, TicketRows
from servicepact.testing import FakeUnitOfWork, FixedTime, event_batch, make_client, ticket_batch

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
CHANGED = TEXT.replace("title: Managed IT Services Agreement", "title: Managed IT Services Agreement (2)")
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class StubReader:
    """An InputReader that hands over rows prepared by the test (and records what it was asked)."""

    def __init__(self, parsed: ParsedInput) -> None:
        self.parsed = parsed
        self.zone: tzinfo | None = None
        self.rules: InputRules | None = None

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
    ) -> ParsedInput:
        self.zone = zone
        self.rules = rules
        return self.parsed


def tickets_rows() -> TicketRows:
    return TicketRows(
        ticket_batch(("T1", T0, "P1"), ("T2", T0 + timedelta(hours=1), "P2")),
        event_batch(
            (0, T0 + timedelta(minutes=5), EventType.RESPONDED, None),
            (0, T0 + timedelta(minutes=30), EventType.WORK, "30"),
            (0, T0 + timedelta(minutes=30), EventType.WORK, "30"),
        ),
    )


def do_import(uow: FakeUnitOfWork, parsed: ParsedInput, principal: Principal = SYSTEM, skip: bool = False):
    request = importing.ImportRequest(parsed.kind, Path("in.csv"), "acme", skip_bad_rows=skip)
    return importing.import_file(uow, principal, request, StubReader(parsed))


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork(FixedTime(T0))
    make_client(fake, "acme")
    make_client(fake, "globex")
    return fake


def test_a_client_principal_scopes_every_query_to_its_client(uow: FakeUnitOfWork):
    acme = clients.get_client(uow, SYSTEM, "acme")
    jo = Principal("jo@acme.example", Role.CLIENT, acme.id)
    assert scope_of(jo).allows(acme.id)
    assert not scope_of(jo).allows(acme.id + 1)
    assert scope_of(SYSTEM).client_ids is None
    assert [c.slug for c in clients.list_clients(uow, jo)] == ["acme"]
    with pytest.raises(NotFoundError):
        clients.get_client(uow, jo, "globex")
    with pytest.raises(PermissionDeniedError):
        access.writable_client(uow, jo, "acme")


def test_a_client_principal_needs_exactly_one_client():
    with pytest.raises(PermissionDeniedError):
        Principal("jo", Role.CLIENT)
    with pytest.raises(PermissionDeniedError):
        Principal("eve", Role.ENGINEER, client_id=1)


def test_a_client_slug_is_checked_and_unique(uow: FakeUnitOfWork):
    with pytest.raises(InputError):
        clients.create_client(uow, SYSTEM, "Not A Slug", "x")
    with pytest.raises(InputError, match="IANA"):
        clients.create_client(uow, SYSTEM, "initech", "Initech", "Mars/Olympus")
    with pytest.raises(ConflictError):
        clients.create_client(uow, SYSTEM, "acme", "Acme again")


def test_upload_with_lint_errors_stores_nothing_and_returns_the_findings(uow: FakeUnitOfWork):
    broken = TEXT.replace("P2: {response: 1h,", "P2: {response: 1 hour,")
    result = agreements.upload_agreement(uow, SYSTEM, "acme", broken, read_agreement)
    assert result.version is None
    assert any(f.code == "SP003" for f in result.findings)
    assert agreements.list_versions(uow, SYSTEM, "acme") == []


def test_versions_activate_in_order_and_retire_the_previous(uow: FakeUnitOfWork):
    # Spec 1.1 §6: a version takes effect at the start of its term by default; with equal starts the
    # version activated later wins.
    v1 = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True).version
    uow.time_source.advance(timedelta(days=10))  # type: ignore[attr-defined]
    v2 = agreements.upload_agreement(uow, SYSTEM, "acme", CHANGED, read_agreement, activate=True).version
    assert v1 is not None
    assert v2 is not None
    versions = agreements.list_versions(uow, SYSTEM, "acme")
    assert [(v.number, v.status) for v in versions] == [(1, VersionStatus.RETIRED), (2, VersionStatus.ACTIVE)]
    term_start = datetime(2027, 1, 1, 5, 0, tzinfo=UTC)  # midnight in New York
    assert v1.effective_from == v2.effective_from == term_start
    key = v1.agreement_key
    assert agreements.version_in_force(uow, SYSTEM, "acme", key, term_start).number == 2  # type: ignore[union-attr]
    assert agreements.version_in_force(uow, SYSTEM, "acme", key, term_start - timedelta(seconds=1)) is None
    with pytest.raises(ConflictError):
        agreements.activate_version(uow, SYSTEM, "acme", key, 1, read_agreement)
    with pytest.raises(ConflictError):
        agreements.replace_draft(uow, SYSTEM, "acme", key, 2, TEXT, read_agreement)


def test_a_version_activated_with_a_later_effective_from_judges_from_then_on(uow: FakeUnitOfWork):
    v1 = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True).version
    amended = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)
    v2 = agreements.upload_agreement(
        uow, SYSTEM, "acme", CHANGED, read_agreement, activate=True, effective_from=amended
    ).version
    assert v1 is not None
    assert v2 is not None
    key = v1.agreement_key
    assert agreements.version_in_force(uow, SYSTEM, "acme", key, amended - timedelta(seconds=1)).number == 1  # type: ignore[union-attr]
    assert agreements.version_in_force(uow, SYSTEM, "acme", key, amended).number == 2  # type: ignore[union-attr]
    v3 = agreements.upload_agreement(uow, SYSTEM, "acme", CHANGED + "\n# v3\n", read_agreement).version
    assert v3 is not None
    with pytest.raises(ConflictError, match="before v2"):  # its term starts before v2 took effect
        agreements.activate_version(uow, SYSTEM, "acme", key, v3.number, read_agreement)


def test_the_active_version_gives_imports_their_zone(uow: FakeUnitOfWork):
    agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True)
    reader = StubReader(ParsedInput(ImportKind.TICKETS, "t.csv", tickets_rows()))
    importing.import_file(
        uow, SYSTEM, importing.ImportRequest(ImportKind.TICKETS, Path("t.csv"), "acme"), reader
    )
    assert str(reader.zone) == "America/New_York"  # the example's support calendar


def test_importing_twice_adds_nothing_the_second_time(uow: FakeUnitOfWork):
    first = do_import(uow, ParsedInput(ImportKind.TICKETS, "t.csv", tickets_rows()))
    again = do_import(uow, ParsedInput(ImportKind.TICKETS, "t.csv", tickets_rows()))
    assert first.added == {"tickets": 2, "events": 3}
    assert again.added == {"tickets": 0, "events": 0}
    assert again.present == {"tickets": 2, "events": 3}
    assert len(records.get_ticket(uow, SYSTEM, "acme", "T1").events) == 3


def test_events_of_unknown_tickets_store_nothing_unless_skipping(uow: FakeUnitOfWork):
    do_import(uow, ParsedInput(ImportKind.TICKETS, "t.csv", tickets_rows()))
    names = np.array(["T2", "NOPE"], dtype=object)
    events = event_batch((0, T0, EventType.RESPONDED, None), (1, T0, EventType.RESPONDED, None))
    parsed = ParsedInput(ImportKind.EVENTS, "e.csv", EventRows(names, events, source="e.csv"))
    with pytest.raises(DataRowError, match=r"e.csv:3: ticket_id: 'NOPE'") as raised:
        do_import(uow, parsed)
    assert [row.line for row in raised.value.problems] == [3]  # type: ignore[attr-defined]
    assert records.get_ticket(uow, SYSTEM, "acme", "T2").events == ()
    report = do_import(uow, parsed, skip=True)
    assert report.added == {"events": 1}
    assert report.bad_row_total == 1


def test_client_users_may_not_import(uow: FakeUnitOfWork):
    acme = clients.get_client(uow, SYSTEM, "acme")
    with pytest.raises(PermissionDeniedError):
        do_import(
            uow,
            ParsedInput(ImportKind.TICKETS, "t.csv", tickets_rows()),
            Principal("jo", Role.CLIENT, acme.id),
        )


def test_a_priority_change_is_an_event_and_an_audit_entry(uow: FakeUnitOfWork):
    do_import(uow, ParsedInput(ImportKind.TICKETS, "t.csv", tickets_rows()))
    eve = Principal("eve@msp.example", Role.ENGINEER)
    records.change_priority(uow, eve, "acme", "T2", "P1", reason="escalated")
    ticket = records.get_ticket(uow, SYSTEM, "acme", "T2")
    assert ticket.priority == "P2"
    assert ticket.events[-1].value == "P1"
    entry = audit.audit_log(uow, SYSTEM, client="acme")[0]
    assert entry.action is AuditAction.PRIORITY_CHANGED
    assert entry.actor == "eve@msp.example"
    assert entry.details == {"from": "P2", "to": "P1", "at": T0.isoformat(), "reason": "escalated"}


def test_passwords_are_salted_scrypt_hashes():
    first, second = users.hash_password("correct horse battery"), users.hash_password("correct horse battery")
    assert first != second
    assert first.startswith("scrypt$")
    assert users.verify_password("correct horse battery", first)
    assert not users.verify_password("wrong", first)
    assert not users.verify_password("anything", None)
    assert not users.verify_password("anything", "garbage")


def test_tokens_are_shown_once_and_stored_as_their_hash(uow: FakeUnitOfWork):
    users.create_user(uow, SYSTEM, "jo@acme.example", Role.CLIENT, client="acme")
    new = users.create_token(uow, SYSTEM, "jo@acme.example", name="reports")
    assert new.secret.startswith("sp_")
    assert new.token.token_hash == users.token_hash(new.secret)
    assert new.secret not in repr(uow.store)
    principal = users.check_token(uow, new.secret).principal
    assert principal.role is Role.CLIENT
    assert principal.client_id == clients.get_client(uow, SYSTEM, "acme").id
    with pytest.raises(PermissionDeniedError):
        users.check_token(uow, new.secret + "x")


def test_a_tokens_use_is_recorded_at_most_once_a_minute_per_process(uow: FakeUnitOfWork):
    users.create_user(uow, SYSTEM, "jo@acme.example", Role.ENGINEER)
    new = users.create_token(uow, SYSTEM, "jo@acme.example")
    check, uses, now = users.check_token(uow, new.secret), users.TokenUses(), uow.time_source.now()
    assert uses.due(check, now)  # never used
    assert not uses.due(check, now + timedelta(seconds=59))  # tried a moment ago in this process
    assert uses.due(check, now + timedelta(seconds=61))
    revision = records.data_revision(uow)
    users.record_token_use(uow, check.token_id)
    assert records.data_revision(uow) == revision  # bookkeeping: what was computed is still good
    recorded = users.check_token(uow, new.secret)
    assert recorded.last_used_at == uow.time_source.now()
    assert not users.TokenUses().due(recorded, uow.time_source.now() + timedelta(seconds=30))


def test_a_user_makes_tokens_only_for_themself_unless_admin(uow: FakeUnitOfWork):
    jo = users.create_user(uow, SYSTEM, "jo@acme.example", Role.ENGINEER)
    eve = users.create_user(uow, SYSTEM, "eve@msp.example", Role.ENGINEER)
    jo_principal = access.principal_of(jo)
    assert users.create_token(uow, jo_principal, "jo@acme.example").token.user_id == jo.id
    with pytest.raises(PermissionDeniedError):
        users.create_token(uow, jo_principal, eve.email)
    with pytest.raises(PermissionDeniedError):
        users.create_user(uow, jo_principal, "x@msp.example", Role.ADMIN)


def test_a_deactivated_user_cannot_use_their_tokens(uow: FakeUnitOfWork):
    users.create_user(uow, SYSTEM, "jo@acme.example", Role.ENGINEER)
    new = users.create_token(uow, SYSTEM, "jo@acme.example")
    users.deactivate_user(uow, SYSTEM, "jo@acme.example")
    with pytest.raises(PermissionDeniedError, match="deactivated"):
        users.check_token(uow, new.secret)


def test_the_fake_forgets_what_was_not_committed(uow: FakeUnitOfWork):
    with uow:
        uow.clients.add("initech", "Initech", "UTC", T0)
    assert [c.slug for c in clients.list_clients(uow, SYSTEM)] == ["acme", "globex"]


def test_identical_events_of_a_ticket_get_different_keys_and_keys_are_stable():
    ticket = np.array([0, 0, 1], dtype=np.int64)
    at = np.array([60, 60, 60], dtype=np.int64)
    kinds = np.array([6, 6, 6], dtype=np.int8)
    values = np.array(["30", "30", "30"], dtype=object)
    keys = event_keys(ticket, at, kinds, values)
    assert keys[0] != keys[1]
    assert keys[0] == keys[2]
    assert (keys >= 0).all()
    assert (event_keys(ticket, at, kinds, values) == keys).all()
    named = event_keys(ticket, at, kinds, values, np.array(["a", "b", None], dtype=object))
    assert named[0] != keys[0]
    assert named[2] == keys[2]


def test_an_import_reads_with_the_clocks_now_the_value_map_and_the_levels_of_each_version(
    uow: FakeUnitOfWork,
):
    from servicepact.domain.input_rules import parse_value_map

    amended = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)
    agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True)
    renamed = CHANGED.replace("P4", "P5")
    agreements.upload_agreement(
        uow, SYSTEM, "acme", renamed, read_agreement, activate=True, effective_from=amended
    )
    reader = StubReader(ParsedInput(ImportKind.TICKETS, "in.csv", tickets_rows()))
    request = importing.ImportRequest(
        ImportKind.TICKETS, Path("in.csv"), "acme", values=parse_value_map(["priority:Critical=P1"])
    )
    importing.import_file(uow, SYSTEM, request, reader, parser=read_agreement)
    rules = reader.rules
    assert rules is not None
    assert rules.now == int(T0.timestamp())
    assert rules.values.map("priority", "critical") == "P1"
    assert rules.priorities is not None
    second = int(amended.timestamp())
    assert rules.priorities.at(int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())) is None
    assert rules.priorities.unknown("P4", int(datetime(2027, 2, 1, tzinfo=UTC).timestamp())) is False
    assert rules.priorities.unknown("P4", second) is True
    assert rules.priorities.unknown("P5", second) is False
    importing.import_file(uow, SYSTEM, request, reader)  # without a parser, priorities are not checked
    assert reader.rules is not None
    assert reader.rules.priorities is None
