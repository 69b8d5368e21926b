"""The event type `after_hours_approved` (spec 1.1 §5; value: who approved, optional) is imported, stored
and read back on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from servicepact.domain.records import EventType
from servicepact.services import records
from servicepact.services.access import SYSTEM
from servicepact.services.model import ImportKind
from tests.integration.db.helpers import add_client, run_import, tickets_file, write

pytestmark = pytest.mark.db


def test_an_after_hours_approval_is_stored_with_its_approver_or_without_one(uow, tmp_path: Path):
    add_client(uow)
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    events = write(
        tmp_path / "events.csv",
        "ticket_id,at,type,value",
        "T2,2026-01-06T17:30:00Z,after_hours_approved,Jane Doe",
        "T3,2026-01-07T17:30:00Z,after_hours_approved,",
    )
    run_import(uow, ImportKind.EVENTS, events)
    stored = [
        (e.type, e.value)
        for ticket in ("T2", "T3")
        for e in records.get_ticket(uow, SYSTEM, "acme", ticket).events
        if e.type is EventType.AFTER_HOURS_APPROVED
    ]
    assert stored == [(EventType.AFTER_HOURS_APPROVED, "Jane Doe"), (EventType.AFTER_HOURS_APPROVED, None)]
