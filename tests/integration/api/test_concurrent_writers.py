"""Writers never 500 (issue 13): parallel imports and webhook deliveries on one client, on SQLite and on
PostgreSQL, all answered 2xx, and every ticket and event stored exactly once.

Each writer's file (or delivery) holds rows every writer sends (the same external ids and event keys)
and rows of its own, so the writers both wait on each other's locks and race to insert the same rows.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

IMPORTS = "/api/v1/clients/acme/imports"
WEBHOOK = "/api/v1/webhooks/acme/events"
IMPORTERS = 8
DELIVERIES = 12
SHARED, OWN = 150, 40
SEEDED_TICKETS, SEEDED_EVENTS = 3, 4  # the api fixture's acme
DAY = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _z(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ticket_lines(prefix: str, count: int) -> list[str]:
    """Tickets with a response and a resolution each: two events per ticket."""
    lines = []
    for i in range(count):
        opened = DAY + timedelta(minutes=7 * i)
        responded, resolved = opened + timedelta(minutes=5), opened + timedelta(hours=2)
        lines.append(f"{prefix}-{i},{_z(opened)},P3,{_z(responded)},{_z(resolved)}")
    return lines


def _tickets_file(writer: int) -> bytes:
    rows = _ticket_lines("SH", SHARED) + _ticket_lines(f"W{writer}", OWN)
    return ("id,created_at,priority,first_response_at,resolved_at\n" + "\n".join(rows) + "\n").encode()


def _events_file(writer: int) -> bytes:
    """``work`` events on the seeded tickets: the shared ones first, then the writer's own."""
    rows = [f"T-ACME-{1 + i % 3},{_z(DAY + timedelta(minutes=i))},work,5" for i in range(SHARED)]
    own = DAY + timedelta(days=1, minutes=1000 * writer)
    rows += [f"T-ACME-{1 + i % 3},{_z(own + timedelta(minutes=i))},work,7" for i in range(OWN)]
    return ("ticket_id,at,type,value\n" + "\n".join(rows) + "\n").encode()


def _delivery(writer: int) -> list[dict[str, str]]:
    """A new ticket every delivery sends and one of the delivery's own, each created with two events."""
    events: list[dict[str, str]] = []
    for ticket, opened in (("HD-SHARED", DAY), (f"HD-{writer}", DAY + timedelta(hours=writer))):
        events += [
            {
                "event_id": f"{ticket}-created",
                "ticket_id": ticket,
                "type": "created",
                "created_at": _z(opened),
                "priority": "P2",
            },
            {"event_id": f"{ticket}-r", "ticket_id": ticket, "type": "responded", "at": _z(opened)},
            {"event_id": f"{ticket}-w", "ticket_id": ticket, "type": "work", "at": _z(opened), "value": "3"},
        ]
    return events


def _all_at_once(
    api: Api, count: int, send: Callable[[TestClient, int], httpx.Response]
) -> list[httpx.Response]:
    """``send(client, 0..count-1)`` from ``count`` threads released together. The client answers a
    fault of ours as the server would (a 500), so that every writer's answer is counted."""
    start = threading.Barrier(count)
    client = TestClient(api.app, raise_server_exceptions=False)

    def one(writer: int) -> httpx.Response:
        start.wait()
        return send(client, writer)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def _refused(responses: list[httpx.Response], ok: int) -> str:
    """What went wrong, for the assertion's message: the statuses and the first bodies not ``ok``."""
    statuses = Counter(r.status_code for r in responses)
    bodies = [r.text[:300] for r in responses if r.status_code != ok][:3]
    return f"statuses {dict(statuses)}; {bodies}"


def _stored(api: Api) -> tuple[int, int]:
    """acme's tickets and events, counted in the database."""
    with api.database.engine.connect() as connection:
        client = "(SELECT id FROM clients WHERE slug = 'acme')"
        tickets = connection.scalar(text(f"SELECT count(*) FROM tickets WHERE client_id = {client}"))
        events = connection.scalar(
            text(
                "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                f"WHERE t.client_id = {client}"
            )
        )
    return int(tickets or 0), int(events or 0)


def test_parallel_imports_of_overlapping_ticket_files_store_every_ticket_once(api: Api) -> None:
    def send(client: TestClient, writer: int) -> httpx.Response:
        upload = {"file": (f"tickets-{writer}.csv", _tickets_file(writer))}
        return client.post(IMPORTS, files=upload, data={"kind": "tickets"}, headers=api.headers("staff"))

    responses = _all_at_once(api, IMPORTERS, send)

    assert all(r.status_code == 201 for r in responses), _refused(responses, 201)
    new_tickets = SHARED + IMPORTERS * OWN
    assert _stored(api) == (SEEDED_TICKETS + new_tickets, SEEDED_EVENTS + 2 * new_tickets)
    added = [r.json()["added"] for r in responses]
    assert sum(a["tickets"] for a in added) == new_tickets  # each ticket reported added by one import
    assert sum(a["events"] for a in added) == 2 * new_tickets


def test_parallel_imports_of_overlapping_event_files_store_every_event_once(api: Api) -> None:
    def send(client: TestClient, writer: int) -> httpx.Response:
        upload = {"file": (f"events-{writer}.csv", _events_file(writer))}
        return client.post(IMPORTS, files=upload, data={"kind": "events"}, headers=api.headers("staff"))

    responses = _all_at_once(api, IMPORTERS, send)

    assert all(r.status_code == 201 for r in responses), _refused(responses, 201)
    new_events = SHARED + IMPORTERS * OWN
    assert _stored(api) == (SEEDED_TICKETS, SEEDED_EVENTS + new_events)
    assert sum(r.json()["added"]["events"] for r in responses) == new_events


def test_parallel_webhook_deliveries_store_every_ticket_and_event_once(api: Api) -> None:
    def send(client: TestClient, writer: int) -> httpx.Response:
        return client.post(WEBHOOK, json=_delivery(writer), headers=api.headers("acme_webhook"))

    responses = _all_at_once(api, DELIVERIES, send)

    assert all(r.status_code == 200 for r in responses), _refused(responses, 200)
    new_tickets = 1 + DELIVERIES
    assert _stored(api) == (SEEDED_TICKETS + new_tickets, SEEDED_EVENTS + 2 * new_tickets)
    bodies = [r.json() for r in responses]
    assert sum(b["tickets_added"] for b in bodies) == new_tickets
    assert sum(b["added"] for b in bodies) == 2 * new_tickets
