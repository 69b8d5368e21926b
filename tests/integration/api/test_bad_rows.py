"""Spec 1.1 §5 through the API: value maps on import, unknown priorities and instants after now refused
with 422 naming the field, on import, the webhook and a priority change."""

from __future__ import annotations

import pytest

from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

IMPORTS = "/api/v1/clients/acme/imports"
WEBHOOK = "/api/v1/webhooks/acme/events"
EXPORT = b"id,created_at,priority\nINC-1,2027-03-09T10:00:00Z,Critical\nINC-2,2027-03-09T11:00:00Z,P3\n"


def test_an_uploaded_export_with_a_priority_the_agreement_lacks_is_422_naming_line_and_value(
    api: Api,
) -> None:
    response = api.post(IMPORTS, files={"file": ("export.csv", EXPORT)}, data={"kind": "tickets"})
    assert response.status_code == 422
    row = response.json()["error"]["bad_rows"][0]
    assert (row["source"], row["line"], row["column"]) == ("export.csv", 2, "priority")
    assert row["reason"].startswith("'Critical' is not a priority of the agreement (P1, P2, P3, P4)")
    assert api.get("/api/v1/clients/acme/tickets/INC-2").status_code == 404


def test_the_api_import_takes_the_same_value_map_as_the_cli(api: Api) -> None:
    form = {"kind": "tickets", "map_value": ["priority:critical=P1"]}
    response = api.post(IMPORTS, files={"file": ("export.csv", EXPORT)}, data=form)
    assert response.status_code == 201, response.text
    assert api.get("/api/v1/clients/acme/tickets/INC-1").json()["priority"] == "P1"


def test_a_value_map_that_is_not_field_from_to_is_422_on_its_field(api: Api) -> None:
    form = {"kind": "tickets", "map_value": ["Critical=P1"]}
    response = api.post(IMPORTS, files={"file": ("export.csv", EXPORT)}, data=form)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "map_value"


def test_an_uploaded_row_after_now_is_a_bad_row(api: Api) -> None:
    later = b"id,created_at,priority\nINC-9,2027-04-01T10:00:00Z,P2\n"
    response = api.post(IMPORTS, files={"file": ("t.csv", later)}, data={"kind": "tickets"})
    assert response.status_code == 422
    row = response.json()["error"]["bad_rows"][0]
    assert (row["line"], row["column"]) == (2, "created_at")
    assert "is after now" in row["reason"]


def test_a_webhook_creating_a_ticket_with_an_unknown_priority_is_422_naming_the_field(api: Api) -> None:
    event = {
        "event_id": "evt-1",
        "ticket_id": "HD-1",
        "type": "created",
        "created_at": "2027-03-10T14:00:00Z",
        "priority": "High",
    }
    response = api.post(WEBHOOK, who="acme_webhook", json=event)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == "priority"
    assert "event 1: priority: 'High' is not a priority of the agreement (P1, P2, P3, P4)" in error["message"]
    assert api.get("/api/v1/clients/acme/tickets/HD-1").status_code == 404


def test_a_webhook_event_after_now_or_a_priority_event_to_an_unknown_level_is_422(api: Api) -> None:
    later = {"event_id": "e1", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T16:00:00Z"}
    response = api.post(WEBHOOK, who="acme_webhook", json=later)
    assert (response.status_code, response.json()["error"]["field"]) == (422, "at")
    unknown = {
        "event_id": "e2",
        "ticket_id": "T-ACME-1",
        "type": "priority",
        "at": "2027-03-10T14:00:00Z",
        "value": "P9",
    }
    response = api.post(WEBHOOK, who="acme_webhook", json=unknown)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == "value"
    assert "'P9' is not a priority of the agreement" in response.json()["error"]["message"]


def test_a_priority_change_to_an_undefined_level_or_after_now_is_422_naming_the_field(api: Api) -> None:
    url = "/api/v1/clients/acme/tickets/T-ACME-1/priority"
    undefined = api.post(url, json={"priority": "P9"})
    assert undefined.status_code == 422
    assert undefined.json()["error"]["field"] == "priority"
    assert "'P9' is not a priority of the agreement" in undefined.json()["error"]["message"]
    later = api.post(url, json={"priority": "P1", "at": "2027-03-11T00:00:00Z"})
    assert (later.status_code, later.json()["error"]["field"]) == (422, "at")
    assert api.post(url, json={"priority": "P1"}).status_code == 201


def test_a_webhook_ticket_whose_impact_and_urgency_are_no_cell_of_the_matrix_is_422(api: Api) -> None:
    event = {
        "event_id": "evt-7",
        "ticket_id": "HD-7",
        "type": "created",
        "created_at": "2027-03-10T14:00:00Z",
        "impact": "severe",
        "urgency": "high",
    }
    response = api.post(WEBHOOK, who="acme_webhook", json=event)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert "is not a cell of the agreement's priority matrix" in error["message"]
    assert api.get("/api/v1/clients/acme/tickets/HD-7").status_code == 404
    known = {**event, "event_id": "evt-8", "impact": "high"}
    assert api.post(WEBHOOK, who="acme_webhook", json=known).status_code < 300
    assert api.get("/api/v1/clients/acme/tickets/HD-7").json()["priority"] == "P1"
