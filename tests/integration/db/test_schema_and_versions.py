"""Migrations, agreement versions and their rules, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db import Database
from servicepact.adapters.db.tables import Base
from servicepact.domain.errors import ConflictError, ExternalServiceError
from servicepact.services import agreements
from servicepact.services.access import SYSTEM
from servicepact.services.model import ImportKind, VersionStatus
from servicepact.testing import FixedTime
from tests.integration.db.helpers import EXAMPLE, add_client, run_import, write

pytestmark = pytest.mark.db

TEXT = EXAMPLE.read_text(encoding="utf-8")
CHANGED = TEXT.replace("title: Managed IT Services Agreement", "title: Managed IT Services Agreement (2)")


def test_the_migrations_build_the_schema_the_models_describe(database: Database):
    assert database.current_revision() == database.head_revision()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_an_empty_database_is_upgraded_once_and_then_left_alone(database_url: str):
    from servicepact.adapters.db import DatabaseSettings

    db = Database(DatabaseSettings(database_url))
    try:
        assert db.upgrade_if_empty() is True
        assert db.upgrade_if_empty() is False
        assert db.current_revision() == db.head_revision()
    finally:
        db.dispose()


def test_uploading_twice_the_same_text_stores_one_version(uow):
    add_client(uow)
    first = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement)
    again = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement)
    assert first.version is not None
    assert again.version is not None
    assert again.unchanged
    assert again.version.id == first.version.id
    assert [v.number for v in agreements.list_versions(uow, SYSTEM, "acme")] == [1]


def test_activating_a_version_retires_the_one_active_before(uow, time_source: FixedTime):
    add_client(uow)
    v1 = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True).version
    time_source.advance(timedelta(days=30))
    v2 = agreements.upload_agreement(uow, SYSTEM, "acme", CHANGED, read_agreement).version
    assert v1 is not None
    assert v2 is not None
    assert v2.status is VersionStatus.DRAFT
    agreements.activate_version(uow, SYSTEM, "acme", v2.agreement_key, v2.number, read_agreement)
    statuses = {v.number: v.status for v in agreements.list_versions(uow, SYSTEM, "acme")}
    assert statuses == {1: VersionStatus.RETIRED, 2: VersionStatus.ACTIVE}


def test_an_active_version_cannot_be_replaced_through_the_service(uow):
    add_client(uow)
    v1 = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True).version
    assert v1 is not None
    with pytest.raises(ConflictError, match="never change"):
        agreements.replace_draft(uow, SYSTEM, "acme", v1.agreement_key, 1, CHANGED, read_agreement)


def test_the_database_itself_refuses_to_change_an_activated_version(uow, database: Database):
    add_client(uow)
    agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True)
    with (
        database.engine.connect() as connection,
        pytest.raises(sqlalchemy.exc.DatabaseError, match="never change"),
    ):
        connection.exec_driver_sql("UPDATE agreement_versions SET text = 'changed'")
    (stored,) = agreements.list_versions(uow, SYSTEM, "acme")
    assert stored.text.rstrip("\n") == TEXT.rstrip("\n")


def test_a_draft_can_be_replaced_until_it_is_activated(uow):
    add_client(uow)
    v1 = agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement).version
    assert v1 is not None
    replaced = agreements.replace_draft(uow, SYSTEM, "acme", v1.agreement_key, 1, CHANGED, read_agreement)
    assert replaced.version is not None
    assert replaced.version.title.endswith("(2)")


def test_a_ticket_is_judged_by_the_version_in_force_when_it_was_created(
    uow, time_source: FixedTime, tmp_path
):
    add_client(uow)
    key = "northwind-acme-2027"
    january = datetime(2026, 1, 1, tzinfo=UTC)
    march = datetime(2026, 3, 1, tzinfo=UTC)
    agreements.upload_agreement(
        uow, SYSTEM, "acme", TEXT, read_agreement, activate=True, effective_from=january
    )
    time_source.set(datetime(2026, 2, 20, tzinfo=UTC))
    agreements.upload_agreement(
        uow, SYSTEM, "acme", CHANGED, read_agreement, activate=True, effective_from=march
    )
    write(
        tmp_path / "t.csv",
        "id,created_at,priority",
        "OLD,2026-02-15T10:00:00Z,P2",
        "NEW,2026-03-02T10:00:00Z,P2",
        "BEFORE,2025-12-01T10:00:00Z,P2",
    )
    time_source.set(datetime(2026, 4, 1, tzinfo=UTC))  # after every ticket: an instant after now is a bad row
    run_import(uow, ImportKind.TICKETS, tmp_path / "t.csv")
    judged = {t: agreements.version_for_ticket(uow, SYSTEM, "acme", t) for t in ("OLD", "NEW", "BEFORE")}
    assert judged["OLD"] is not None
    assert judged["OLD"].number == 1
    assert judged["OLD"].status is VersionStatus.RETIRED
    assert judged["NEW"] is not None
    assert judged["NEW"].number == 2
    assert judged["BEFORE"] is None
    assert agreements.version_in_force(uow, SYSTEM, "acme", key, march - timedelta(seconds=1)).number == 1  # type: ignore[union-attr]


def test_a_version_may_not_take_effect_before_the_one_in_force(uow, time_source: FixedTime):
    add_client(uow)
    agreements.upload_agreement(
        uow,
        SYSTEM,
        "acme",
        TEXT,
        read_agreement,
        activate=True,
        effective_from=datetime(2026, 3, 1, tzinfo=UTC),
    )
    with pytest.raises(ConflictError, match="in order"):
        agreements.upload_agreement(
            uow,
            SYSTEM,
            "acme",
            CHANGED,
            read_agreement,
            activate=True,
            effective_from=datetime(2026, 2, 1, tzinfo=UTC),
        )
    # Nothing of the failed upload was stored.
    assert [v.number for v in agreements.list_versions(uow, SYSTEM, "acme")] == [1]


def test_a_database_that_is_not_there_is_an_external_service_error(tmp_path):
    from servicepact.adapters.db import DatabaseSettings
    from servicepact.services import clients

    db = Database(DatabaseSettings("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    try:
        with pytest.raises(ExternalServiceError):
            clients.list_clients(db.unit_of_work(), SYSTEM)
    finally:
        db.dispose()
