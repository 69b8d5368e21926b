"""Access control, walked over the route table: a new endpoint that is not in a table below fails.

A client user (of acme) gets 404 for every object of another client (beta), 403 for every write (of
any client), and 401 without a token; webhook routes take webhook tokens only.
"""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

PREFIX = "/api/v1"
DOCS = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/redoc", "/api/v1/docs/assets/{name}"}

# GET routes and what their path names: "object" routes name a client's object (404 for others),
# "caller" routes are about the caller, "listing" routes list only what the caller may see.
READS = {
    "/api/v1/me": "caller",
    "/api/v1/clients": "listing",
    "/api/v1/clients/{client}": "object",
    "/api/v1/clients/{client}/agreements": "object",
    "/api/v1/clients/{client}/agreements/{agreement}/versions/{number}": "object",
    "/api/v1/clients/{client}/tickets": "object",
    "/api/v1/clients/{client}/tickets/{ticket_id}": "object",
    "/api/v1/clients/{client}/outages": "object",
    "/api/v1/clients/{client}/backups/runs": "object",
    "/api/v1/clients/{client}/backups/restore-tests": "object",
    "/api/v1/clients/{client}/assets": "object",
    "/api/v1/clients/{client}/reports/{period}": "object",
    "/api/v1/clients/{client}/webhook-tokens": "object",
}
# Every other method: staff only (403 for client users), except the webhook (its own tokens).
WRITES = {
    ("POST", "/api/v1/clients"),
    ("POST", "/api/v1/clients/{client}/agreements"),
    ("POST", "/api/v1/clients/{client}/agreements/{agreement}/versions/{number}/activate"),
    ("POST", "/api/v1/clients/{client}/tickets/{ticket_id}/priority"),
    ("POST", "/api/v1/clients/{client}/imports"),
    ("POST", "/api/v1/clients/{client}/webhook-tokens"),
    ("DELETE", "/api/v1/clients/{client}/webhook-tokens/{token_id}"),
}
WEBHOOKS = {("POST", "/api/v1/webhooks/{client}/events")}


def objects_of(client: str) -> dict[str, str]:
    return {
        "client": client,
        "ticket_id": f"T-{client.upper()}-1",
        "agreement": "northwind-acme-2027",
        "number": "1",
        "token_id": "1",
        "period": "2027-03",
    }


def api_routes(api: Api) -> list[tuple[str, str]]:
    """(method, path) of every route of the app under /api/v1 (included routers walked through)."""
    found = []
    for route in iter_route_contexts(api.app.routes):
        path = (route.path or "").replace(":path}", "}")  # a converter is not part of the template
        if not path.startswith(PREFIX):
            continue
        if isinstance(route.original_route, APIRoute):
            found.extend((method, path) for method in sorted((route.methods or set()) - {"HEAD"}))
        else:
            assert path in DOCS, f"{path} is under {PREFIX} but is no API route"
    return found


def test_every_api_route_is_in_the_access_tables(api: Api) -> None:
    covered = {("GET", path) for path in READS} | WRITES | WEBHOOKS
    routes = set(api_routes(api))
    assert routes - covered == set(), "add the new routes to the tables of this test"
    assert covered - routes == set(), "the tables name routes that no longer exist"


def test_a_client_user_gets_404_for_every_object_of_another_client(api: Api) -> None:
    for method, path in api_routes(api):
        if method != "GET" or READS[path] != "object":
            continue
        theirs = api.get(path.format(**objects_of("beta")), who="acme_user")
        assert theirs.status_code == 404, (path, theirs.text)
        assert theirs.json()["error"]["code"] == "not_found"
        mine = api.get(path.format(**objects_of("acme")), who="acme_user")
        assert mine.status_code == 200, (path, mine.text)


def test_a_client_user_gets_403_for_every_write_of_any_client(api: Api) -> None:
    for method, path in api_routes(api):
        if method == "GET" or (method, path) in WEBHOOKS:
            continue
        for client in ("acme", "beta"):
            response = api.client.request(
                method, path.format(**objects_of(client)), headers=api.headers("acme_user")
            )
            assert response.status_code == 403, (method, path, response.text)
            assert response.json()["error"]["code"] == "forbidden"


def test_every_route_but_the_documents_answers_401_without_a_token(api: Api) -> None:
    for method, path in api_routes(api):
        response = api.client.request(method, path.format(**objects_of("acme")))
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "unauthorized"


def test_a_client_user_lists_only_their_own_client(api: Api) -> None:
    listed = api.get("/api/v1/clients", who="acme_user").json()
    assert [c["slug"] for c in listed["items"]] == ["acme"]
    assert api.get("/api/v1/me", who="acme_user").json() == {
        "name": "it@acme.example",
        "role": "client",
        "client": "acme",
    }


def test_staff_read_and_write_every_client(api: Api) -> None:
    for client in ("acme", "beta"):
        assert api.get(f"/api/v1/clients/{client}/tickets/T-{client.upper()}-1").status_code == 200
    created = api.post("/api/v1/clients", json={"slug": "gamma", "name": "Gamma"})
    assert created.status_code == 201


def test_api_tokens_do_not_open_the_webhook_and_webhook_tokens_do_not_open_the_api(api: Api) -> None:
    event = {"event_id": "x1", "ticket_id": "T-ACME-1", "type": "responded", "at": "2027-03-10T14:00:00Z"}
    for who in ("staff", "admin", "acme_user"):
        assert api.post("/api/v1/webhooks/acme/events", who=who, json=event).status_code == 401
    assert api.get("/api/v1/clients/acme/tickets", who="acme_webhook").status_code == 401


def test_a_garbage_or_revoked_token_gets_401(api: Api) -> None:
    api.tokens["garbage"] = "sp_not-a-token"
    assert api.get("/api/v1/clients", who="garbage").status_code == 401
    response = api.client.get("/api/v1/clients", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401
