"""The webhook: events pushed with a per-client token, duplicates by event_id ignored."""

from __future__ import annotations

from typing import get_args

import pytest

from servicepact.domain.errors import InputError
from servicepact.domain.records import EventType
from servicepact.services import webhooks
from servicepact.services.webhooks import CREATED, WebhookEvent, WebhookEventType
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

URL = "/api/v1/webhooks/acme/events"

NEW_TICKET = [
    {
        "event_id": "evt-100",
        "ticket_id": "HD-100",
        "type": "created",
        "created_at": "2027-03-10T14:00:00Z",
        "priority": "P2",
        "title": "Mail is down",
        "service": "helpdesk",
    },
    {"event_id": "evt-101", "ticket_id": "HD-100", "type": "responded", "at": "2027-03-10T14:10:00Z"},
    {
        "event_id": "evt-102",
        "ticket_id": "HD-100",
        "type": "status",
        "at": "2027-03-10T14:20:00Z",
        "value": "waiting_on_client",
    },
]


def test_pushed_events_create_the_ticket_and_repeated_deliveries_are_ignored(api: Api) -> None:
    first = api.post(URL, who="acme_webhook", json=NEW_TICKET)
    assert first.status_code == 200, first.text
    assert first.json() == {"received": 3, "added": 2, "duplicates": 0, "tickets_added": 1}
    again = api.post(URL, who="acme_webhook", json=NEW_TICKET)
    assert again.json() == {"received": 3, "added": 0, "duplicates": 2, "tickets_added": 0}
    ticket = api.get("/api/v1/clients/acme/tickets/HD-100").json()
    assert [e["event_id"] for e in ticket["events"]] == ["evt-101", "evt-102"]
    assert ticket["sla_status"] == "running"


def test_one_event_may_come_alone_and_twice_in_one_delivery(api: Api) -> None:
    event = {
        "event_id": "evt-7",
        "ticket_id": "T-ACME-1",
        "type": "work",
        "at": "2027-03-10T14:00:00Z",
        "value": "30",
    }
    assert api.post(URL, who="acme_webhook", json=event).json()["added"] == 1
    twice = api.post(URL, who="acme_webhook", json=[{**event, "event_id": "evt-8"}] * 2).json()
    assert (twice["added"], twice["duplicates"]) == (1, 1)


def test_an_event_of_an_unknown_ticket_rejects_the_delivery_and_stores_nothing(api: Api) -> None:
    delivery = [
        {"event_id": "ok-1", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T14:00:00Z"},
        {"event_id": "bad-1", "ticket_id": "NOPE", "type": "resolved", "at": "2027-03-10T14:00:00Z"},
    ]
    response = api.post(URL, who="acme_webhook", json=delivery)
    assert response.status_code == 422
    assert "event 2" in response.json()["error"]["message"]
    events = api.get("/api/v1/clients/acme/tickets/T-ACME-1").json()["events"]
    assert "ok-1" not in [e["event_id"] for e in events]


def test_a_wrong_or_revoked_token_gets_401_and_another_clients_token_404(api: Api) -> None:
    event = {"event_id": "e", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T14:00:00Z"}
    api.tokens["forged"] = "spw_" + "x" * 43
    assert api.post(URL, who="forged", json=event).status_code == 401
    assert api.post(URL, who=None, json=event).status_code == 401
    other = api.post(URL, who="beta_webhook", json=event)
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "not_found"
    token_id = api.get("/api/v1/clients/acme/webhook-tokens").json()["items"][0]["id"]
    assert (
        api.client.delete(
            f"/api/v1/clients/acme/webhook-tokens/{token_id}", headers=api.headers("staff")
        ).status_code
        == 200
    )
    assert api.post(URL, who="acme_webhook", json=event).status_code == 401


def test_staff_create_webhook_tokens_shown_once_and_stored_hashed(api: Api) -> None:
    created = api.post("/api/v1/clients/acme/webhook-tokens", json={"name": "zammad"})
    assert created.status_code == 201
    secret = created.json()["secret"]
    assert secret.startswith("spw_")
    listed = api.get("/api/v1/clients/acme/webhook-tokens").json()["items"]
    assert [t["name"] for t in listed] == ["webhook", "zammad"]
    assert all("secret" not in t for t in listed)
    api.tokens["zammad"] = secret
    event = {"event_id": "z1", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T14:00:00Z"}
    assert api.post(URL, who="zammad", json=event).status_code == 200


def test_malformed_events_are_422_naming_the_field(api: Api) -> None:
    cases = [
        (
            {"event_id": "e", "ticket_id": "T-ACME-1", "type": "exploded", "at": "2027-03-10T14:00:00Z"},
            "type",
        ),
        ({"event_id": "e", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T14:00:00"}, "at"),
        (
            {
                "event_id": "e",
                "ticket_id": "T-ACME-1",
                "type": "work",
                "at": "2027-03-10T14:00:00Z",
                "value": "x",
            },
            None,
        ),
        (
            {"event_id": "e\x00", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T14:00:00Z"},
            "event_id",
        ),
    ]
    for event, field in cases:
        response = api.post(URL, who="acme_webhook", json=event)
        assert response.status_code == 422, (event, response.text)
        if field:
            assert field in (response.json()["error"]["field"] or ""), response.json()
    assert api.post(URL, who="acme_webhook", json=[]).status_code == 422


def test_the_webhook_takes_every_event_type_and_created() -> None:
    assert set(get_args(WebhookEventType)) == {CREATED, *EventType}


def test_the_service_refuses_what_the_api_refuses_for_any_caller(api: Api) -> None:
    caller = webhooks.authenticate_webhook(
        api.database.unit_of_work(api.time_source), api.tokens["acme_webhook"]
    )
    at = api.time_source.now()
    bad = WebhookEvent("e", "T-ACME-1", "work", at, value="x")
    assert bad.problem() == "a `work` event's `value` is its minutes, a number"
    with pytest.raises(InputError, match="event 2: a `work` event's `value` is its minutes"):
        webhooks.receive_events(
            api.database.unit_of_work(api.time_source),
            caller,
            "acme",
            [WebhookEvent("ok", "T-ACME-1", "responded", at), bad],
        )
    late = WebhookEvent("c", "T-ACME-1", "created", None, created_at=at)
    assert late.problem() is None
    assert late.happened_at == at
