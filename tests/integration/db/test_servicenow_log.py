"""The UCI ServiceNow incident event log imported whole (slow: 141,712 rows)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from servicepact.adapters.db import Database
from servicepact.services.model import ImportKind
from tests.integration.db.helpers import add_client, run_import

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _file_rows(path: Path) -> list[tuple[str, str, str | None]]:
    """(incident, external id of the row as the importer names it, priority code) for every row."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read("incident_event_log.csv").decode("utf-8")
    rows = []
    seen: dict[str, int] = {}
    for row in csv.DictReader(io.StringIO(data)):
        external = f"{row['number']}:{row['sys_mod_count']}"
        seen[external] = seen.get(external, 0) + 1
        if seen[external] > 1:
            external += f"#{seen[external]}"
        priority = None if row["priority"] in ("?", "") else row["priority"].split(" - ")[0]
        rows.append((row["number"], external, priority))
    return rows


def test_the_uci_log_imports_whole_with_every_rows_priority(database: Database, shared_dir: Path):
    log = shared_dir / "data" / "uci-incident-event-log" / "incident_event_log.zip"
    uow = database.unit_of_work()
    add_client(uow, "uci")
    report = run_import(uow, ImportKind.SERVICENOW, log, "uci")
    assert report.added["tickets"] == 24_918
    with database.engine.connect() as connection:
        tickets = dict(connection.execute(text("SELECT external_id, priority FROM tickets")).all())
        events = connection.execute(
            text("SELECT external_id, type, value FROM ticket_events WHERE external_id IS NOT NULL")
        ).all()
    status = {external for external, kind, _ in events if kind == "status"}
    changes = {
        external.removesuffix("/priority"): value for external, kind, value in events if kind == "priority"
    }
    file_rows = _file_rows(log)
    assert len(tickets) == 24_918
    assert len(status) == len(file_rows) == 141_712
    # Every row of the file is a stored update, and the priority in force at it - the ticket's priority
    # when opened, then each stored change in the file's order - is the row's priority.
    in_force: dict[str, str | None] = {}
    mismatches = 0
    for number, external, priority in file_rows:
        assert external in status
        current = changes.get(external, in_force.get(number, tickets[number]))
        in_force[number] = current
        mismatches += current != priority
    assert mismatches == 0
    again = run_import(uow, ImportKind.SERVICENOW, log, "uci")
    assert not again.changed
