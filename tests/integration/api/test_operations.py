"""Operations over a real database (SQLite and PostgreSQL): the probes, the metrics after real requests,
request ids and the request log line."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from sqlalchemy import text

from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.entrypoints.bootstrap import DatabaseUowFactory
from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.logs import JsonFormatter
from servicepact.entrypoints.http.settings import Settings
from tests.integration.api.conftest import Api


def _app_over(database: Database) -> TestClient:
    return TestClient(create_app(Settings(), uow_factory=DatabaseUowFactory(database)))


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_healthz_and_readyz_answer_over_a_current_database(database: Database):
    with _app_over(database) as client:
        health = client.get("/healthz")
        ready = client.get("/readyz")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["checks"]["database"] == {"ok": True}
    assert ready.json()["checks"]["migrations"]["current"] == database.head_revision()


def test_readyz_is_503_while_the_database_is_behind_a_migration(database_url: str):
    behind = Database(DatabaseSettings(database_url))
    try:
        behind.upgrade("0003")
        with _app_over(behind) as client:
            answer = client.get("/readyz")
            assert client.get("/healthz").status_code == 200  # the process still answers
    finally:
        behind.dispose()
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == {"ok": True}
    migrations = body["checks"]["migrations"]
    assert (migrations["ok"], migrations["current"]) == (False, "0003")
    assert "servicepact db upgrade" in migrations["detail"]


def test_readyz_is_503_when_the_version_row_names_an_unknown_revision(database: Database):
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with _app_over(database) as client:
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["migrations"]["current"] == "9999"


def test_the_metrics_hold_each_request_by_route_template_and_the_clocks_computed(api: Api):
    route = "/api/v1/clients/{client}/tickets/{ticket_id}"
    before = _sample(
        "servicepact_http_request_duration_seconds_count", route=route, method="GET", status="200"
    )
    clocks_before = _sample("servicepact_clocks_computed_total")
    assert api.get("/api/v1/clients/acme/tickets/T-ACME-1").status_code == 200
    exposition = api.client.get("/metrics")
    assert exposition.status_code == 200
    assert exposition.headers["content-type"].startswith("text/plain")
    assert f'route="{route}"' in exposition.text
    assert "T-ACME-1" not in exposition.text  # no ids in labels
    after = _sample(
        "servicepact_http_request_duration_seconds_count", route=route, method="GET", status="200"
    )
    assert after == before + 1
    assert _sample("servicepact_clocks_computed_total") == clocks_before + 1


def test_errors_are_counted_by_status_class(api: Api):
    before = _sample("servicepact_http_errors_total", status_class="4xx")
    assert api.get("/api/v1/clients/acme/tickets/T-BETA-1", who="acme_user").status_code == 404
    assert api.client.get("/no/such/page").status_code == 404
    assert _sample("servicepact_http_errors_total", status_class="4xx") == before + 2
    assert (
        _sample(
            "servicepact_http_request_duration_seconds_count", route="unmatched", method="GET", status="404"
        )
        >= 1
    )


def test_an_api_import_is_counted_by_kind_and_outcome(api: Api):
    ok = _sample("servicepact_imports_total", kind="tickets", outcome="ok")
    refused = _sample("servicepact_imports_total", kind="tickets", outcome="refused")
    good = "id,created_at,priority\nOPS-1,2027-03-01T09:00:00Z,P2\n"
    bad = "id,created_at,priority\nOPS-2,not a time,P2\n"
    for body, status in ((good, 201), (bad, 422)):
        answer = api.request(
            "POST",
            "/api/v1/clients/acme/imports",
            files={"file": ("tickets.csv", body.encode(), "text/csv")},
            data={"kind": "tickets"},
        )
        assert answer.status_code == status, answer.text
    assert _sample("servicepact_imports_total", kind="tickets", outcome="ok") == ok + 1
    assert _sample("servicepact_imports_total", kind="tickets", outcome="refused") == refused + 1


def test_a_sane_request_id_is_echoed_and_any_other_replaced(api: Api):
    echoed = api.get("/api/v1/me", headers={"X-Request-ID": "lb-7f3a.2_x"})
    assert echoed.headers["X-Request-ID"] == "lb-7f3a.2_x"
    made = api.get("/api/v1/me").headers["X-Request-ID"]
    assert len(made) == 32
    assert int(made, 16) >= 0
    for insane in ("a b", "x" * 65, "caf\xc3\xa9".encode("latin-1"), "<script>", ""):
        answer = api.get("/api/v1/me", headers={"X-Request-ID": insane})
        assert answer.headers["X-Request-ID"] != insane
        assert len(answer.headers["X-Request-ID"]) == 32
    assert api.get("/api/v1/me").headers["X-Request-ID"] != made  # a new one for every request


def test_every_request_writes_one_json_log_line_with_its_request_id(
    api: Api, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.INFO, logger="servicepact.http.requests"):
        api.get("/api/v1/clients/acme/tickets/T-ACME-1", headers={"X-Request-ID": "req-42"})
    records = [r for r in caplog.records if r.name == "servicepact.http.requests"]
    assert len(records) == 1
    line = JsonFormatter().format(records[0])
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["request_id"] == "req-42"
    assert entry["method"] == "GET"
    assert entry["route"] == "/api/v1/clients/{client}/tickets/{ticket_id}"
    assert entry["status"] == 200
    assert isinstance(entry["duration_ms"], float)
    assert entry["duration_ms"] >= 0
    assert entry["level"] == "info"
    assert entry["time"].endswith("+00:00")


def test_probes_are_logged_quietly(api: Api, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.INFO, logger="servicepact.http.requests"):
        api.client.get("/healthz")
    assert not [r for r in caplog.records if r.name == "servicepact.http.requests"]


def test_the_probes_and_metrics_are_not_in_the_openapi_document(api: Api):
    paths = api.client.get("/api/v1/openapi.json").json()["paths"]
    assert not {"/healthz", "/readyz", "/metrics"} & set(paths)
