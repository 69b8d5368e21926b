"""The webhook takes spec 1.1's `after_hours_approved` event (value: who approved, optional)."""

from __future__ import annotations

import pytest

from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

URL = "/api/v1/webhooks/acme/events"


def test_an_after_hours_approval_is_received_and_shown_on_the_ticket(api: Api) -> None:
    delivery = [
        {
            "event_id": "ok-ah-1",
            "ticket_id": "T-ACME-1",
            "type": "after_hours_approved",
            "at": "2027-03-10T14:00:00Z",
            "value": "Jane Doe",
        },
        {
            "event_id": "ok-ah-2",
            "ticket_id": "T-ACME-1",
            "type": "after_hours_approved",
            "at": "2027-03-10T15:00:00Z",
        },
    ]
    response = api.post(URL, who="acme_webhook", json=delivery)
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 2
    events = api.get("/api/v1/clients/acme/tickets/T-ACME-1").json()["events"]
    approvals = [(e["type"], e["value"]) for e in events if e["event_id"] in ("ok-ah-1", "ok-ah-2")]
    assert approvals == [("after_hours_approved", "Jane Doe"), ("after_hours_approved", None)]


def test_an_unknown_event_type_is_still_refused(api: Api) -> None:
    event = {
        "event_id": "bad-ah",
        "ticket_id": "T-ACME-1",
        "type": "after_hours",
        "at": "2027-03-10T14:00:00Z",
    }
    assert api.post(URL, who="acme_webhook", json=event).status_code == 422
