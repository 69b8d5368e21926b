"""Access scoping, the audit log and API tokens, on a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db import Database
from servicepact.domain.errors import NotFoundError, PermissionDeniedError
from servicepact.services import agreements, audit, clients, records, users
from servicepact.services.access import SYSTEM
from servicepact.services.model import AuditAction, ImportKind, Principal, Role
from tests.integration.db.helpers import EXAMPLE, add_client, run_import, tickets_file

pytestmark = pytest.mark.db


@pytest.fixture
def two_clients(uow, tmp_path: Path) -> Principal:
    """acme and globex with a ticket T1 each; returns the principal of an acme client user."""
    acme, _ = add_client(uow, "acme"), add_client(uow, "globex")
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path), "acme")
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path), "globex")
    users.create_user(uow, SYSTEM, "jo@acme.example", Role.CLIENT, client="acme")
    return Principal("jo@acme.example", Role.CLIENT, acme.id)


def test_a_client_user_sees_only_their_client(uow, two_clients: Principal):
    assert [c.slug for c in clients.list_clients(uow, two_clients)] == ["acme"]
    assert records.get_ticket(uow, two_clients, "acme", "T1").id == "T1"


def test_another_clients_objects_are_not_found_for_a_client_user(uow, two_clients: Principal):
    with pytest.raises(NotFoundError):
        clients.get_client(uow, two_clients, "globex")
    with pytest.raises(NotFoundError):
        records.get_ticket(uow, two_clients, "globex", "T1")
    with pytest.raises(NotFoundError):
        records.list_tickets(uow, two_clients, "globex")
    with pytest.raises(NotFoundError):
        agreements.list_versions(uow, two_clients, "globex")


def test_a_client_user_may_not_change_anything(uow, two_clients: Principal, tmp_path: Path):
    from servicepact.adapters.db.input_files import FileInputReader
    from servicepact.services import importing

    with pytest.raises(PermissionDeniedError):
        records.change_priority(uow, two_clients, "acme", "T1", "P1")
    with pytest.raises(PermissionDeniedError):
        agreements.upload_agreement(uow, two_clients, "acme", EXAMPLE.read_text(), read_agreement)
    with pytest.raises(PermissionDeniedError):
        importing.import_file(
            uow,
            two_clients,
            importing.ImportRequest(ImportKind.TICKETS, tickets_file(tmp_path), "acme"),
            FileInputReader(),
        )
    with pytest.raises(PermissionDeniedError):
        users.create_user(uow, two_clients, "x@acme.example", Role.CLIENT, client="acme")


def test_changes_leave_audit_entries_of_who_did_what_and_when(uow, time_source, two_clients: Principal):
    engineer = Principal("eve@msp.example", Role.ENGINEER)
    agreements.upload_agreement(uow, engineer, "acme", EXAMPLE.read_text(), read_agreement, activate=True)
    records.change_priority(uow, engineer, "acme", "T2", "P1", reason="client escalated")
    users.create_token(uow, SYSTEM, "jo@acme.example", name="reports")
    entries = audit.audit_log(uow, SYSTEM)
    actions = [e.action for e in entries]
    for action in (
        AuditAction.AGREEMENT_UPLOADED,
        AuditAction.AGREEMENT_ACTIVATED,
        AuditAction.PRIORITY_CHANGED,
        AuditAction.USER_CREATED,
        AuditAction.TOKEN_CREATED,
        AuditAction.DATA_IMPORTED,
    ):
        assert action in actions
    change = next(e for e in entries if e.action is AuditAction.PRIORITY_CHANGED)
    assert (change.actor, change.object_key, change.at) == ("eve@msp.example", "T2", time_source.now())
    assert change.details["from"] == "P2"
    assert change.details["to"] == "P1"
    assert records.get_ticket(uow, SYSTEM, "acme", "T2").events[-1].value == "P1"
    # The client user sees their client's entries, never user or token entries about nobody's client.
    seen = audit.audit_log(uow, two_clients)
    assert seen
    assert all(e.client_id == two_clients.client_id for e in seen)
    with pytest.raises(NotFoundError):
        audit.audit_log(uow, two_clients, client="globex")


def test_the_database_never_holds_a_token_only_its_hash(uow, database: Database):
    users.create_user(uow, SYSTEM, "ops@msp.example", Role.ENGINEER, password="correct horse battery")
    new = users.create_token(uow, SYSTEM, "ops@msp.example", name="ci")
    assert users.check_token(uow, new.secret).principal.name == "ops@msp.example"
    with database.engine.connect() as connection:
        for table in ("api_tokens", "audit_log", "users"):
            for row in connection.execute(sqlalchemy.text(f"SELECT * FROM {table}")):
                assert all(new.secret not in str(value) for value in row)
                assert all("correct horse battery" not in str(value) for value in row)
    users.revoke_token(uow, SYSTEM, new.token.id)
    with pytest.raises(PermissionDeniedError):
        users.check_token(uow, new.secret)


def test_passwords_are_checked_against_their_scrypt_hash(uow):
    users.create_user(uow, SYSTEM, "ops@msp.example", Role.ADMIN, password="correct horse battery")
    assert users.authenticate_password(uow, "OPS@msp.example", "correct horse battery").role is Role.ADMIN
    with pytest.raises(PermissionDeniedError):
        users.authenticate_password(uow, "ops@msp.example", "wrong horse battery")
