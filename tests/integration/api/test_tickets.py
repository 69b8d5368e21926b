"""Tickets with live SLA clocks: statuses, filters, pages, and the version in force at creation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.integration.api.conftest import AGREEMENT, Api

pytestmark = pytest.mark.db

TICKETS = "/api/v1/clients/acme/tickets"


def by_id(listing: dict) -> dict[str, dict]:
    return {t["id"]: t for t in listing["items"]}


def test_the_list_carries_each_tickets_live_clocks(api: Api) -> None:
    listing = api.get(TICKETS).json()
    assert (listing["total"], listing["limit"], listing["offset"]) == (3, 50, 0)
    assert [t["id"] for t in listing["items"]] == ["T-ACME-2", "T-ACME-1", "T-ACME-3"]  # by creation
    tickets = by_id(listing)
    running = tickets["T-ACME-1"]
    assert running["sla_status"] == "running"
    assert running["judged_by"] == {"agreement": "northwind-acme-2027", "number": 1}
    assert running["response"]["status"] == "met"
    assert running["resolution"] == {
        "due": "2027-03-10T22:00:00Z",  # 8 business hours from 08:00 New York: 08-12 and 13-17
        "stopped_at": None,
        "status": "running",
        "business_seconds": 2 * 3600,
        "percent_used": 25.0,
    }
    assert tickets["T-ACME-2"]["sla_status"] == "breached"
    assert tickets["T-ACME-3"]["sla_status"] == "met"


def test_a_running_clock_with_three_quarters_of_its_target_used_is_at_risk(api: Api) -> None:
    api.time_source.set(datetime(2027, 3, 10, 20, 0, tzinfo=UTC))  # 15:00 New York: 6 of 8 business hours
    at_risk = api.get(TICKETS, params={"status": "at_risk"}).json()
    assert [t["id"] for t in at_risk["items"]] == ["T-ACME-1"]
    assert at_risk["items"][0]["resolution"]["percent_used"] == 75.0
    assert api.get(TICKETS, params={"status": "running"}).json()["total"] == 0


def test_status_filters_combine_and_count_every_match(api: Api) -> None:
    listing = api.get(TICKETS, params=[("status", "running"), ("status", "breached")]).json()
    assert sorted(t["id"] for t in listing["items"]) == ["T-ACME-1", "T-ACME-2"]
    assert listing["total"] == 2
    page = api.get(TICKETS, params=[("status", "running"), ("status", "breached"), ("limit", "1")]).json()
    assert (len(page["items"]), page["total"]) == (1, 2)


def test_priority_and_creation_filters_and_pages(api: Api) -> None:
    assert [t["id"] for t in api.get(TICKETS, params={"priority": "P1"}).json()["items"]] == ["T-ACME-2"]
    window = {"created_from": "2027-03-10T13:00:00Z", "created_to": "2027-03-10T14:00:00+00:00"}
    assert [t["id"] for t in api.get(TICKETS, params=window).json()["items"]] == ["T-ACME-1"]
    page = api.get(TICKETS, params={"limit": 1, "offset": 1}).json()
    assert ([t["id"] for t in page["items"]], page["total"]) == (["T-ACME-1"], 3)


def test_the_list_without_clocks_gives_the_stored_tickets(api: Api) -> None:
    listing = api.get(TICKETS, params={"clocks": "false", "limit": 2}).json()
    assert listing["total"] == 3
    assert [t["sla_status"] for t in listing["items"]] == [None, None]


def test_one_ticket_comes_with_its_events_and_clocks(api: Api) -> None:
    ticket = api.get(f"{TICKETS}/T-ACME-3").json()
    assert ticket["sla_status"] == "met"
    assert [(e["type"], e["at"]) for e in ticket["events"]] == [
        ("responded", "2027-03-10T14:05:00Z"),
        ("resolved", "2027-03-10T14:30:00Z"),
    ]
    assert api.get(f"{TICKETS}/NOPE").status_code == 404


def test_each_ticket_is_judged_by_the_version_in_force_when_it_was_created(api: Api) -> None:
    text = AGREEMENT.read_text(encoding="utf-8").replace(
        "P2: {response: 1h, resolution: 8h}", "P2: {response: 1h, resolution: 16h}"
    )
    uploaded = api.post(
        "/api/v1/clients/acme/agreements",
        params={"activate": "true", "effective_from": "2027-03-10T13:30:00Z"},
        content=text.encode(),
        headers={"content-type": "application/yaml"},
    )
    assert uploaded.status_code == 201, uploaded.text
    tickets = by_id(api.get(TICKETS).json())
    assert tickets["T-ACME-1"]["judged_by"]["number"] == 1  # created 13:00, before v2 took effect
    assert tickets["T-ACME-1"]["resolution"]["percent_used"] == 25.0
    assert tickets["T-ACME-3"]["judged_by"]["number"] == 2  # created 14:00


def test_a_priority_change_is_an_event_that_moves_the_targets(api: Api) -> None:
    changed = api.post(f"{TICKETS}/T-ACME-1/priority", json={"priority": "P1", "reason": "outage"})
    assert changed.status_code == 201, changed.text
    ticket = api.get(f"{TICKETS}/T-ACME-1").json()
    assert ticket["priority"] == "P1"
    assert ticket["events"][-1]["type"] == "priority"


def test_bad_filters_are_422_with_the_field_never_500(api: Api) -> None:
    cases = {
        "status": "sleeping",
        "created_from": "2027-03-10T13:00:00",  # no offset
        "limit": "0",
        "offset": "-1",
    }
    for name, value in cases.items():
        response = api.get(TICKETS, params={name: value})
        assert response.status_code == 422, (name, response.text)
        assert response.json()["error"]["field"].split(".")[0] == name
