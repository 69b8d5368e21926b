"""Operations without a database server: readiness when the database does not answer, request ids,
the log formats, ``serve --log-format`` and the services' counts reaching the metrics."""

from __future__ import annotations

import importlib
import json
import logging
import os
import subprocess
import sys

import pytest
import uvicorn
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY
from starlette.routing import Route

from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.entrypoints import bootstrap
from servicepact.entrypoints.bootstrap import DatabaseUowFactory
from servicepact.entrypoints.cli import main
from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.logs import REQUEST_ID, JsonFormatter, LogFormat, TextFormatter, log_config
from servicepact.entrypoints.http.metrics import listen_to_services
from servicepact.entrypoints.http.middleware import request_id_of, route_of
from servicepact.entrypoints.http.settings import Settings
from servicepact.services import telemetry
from servicepact.testing import FakeUnitOfWork
from tests.unit.cli.test_serve_command import FakeDatabase


def test_readyz_is_503_naming_the_database_when_it_does_not_answer():
    unreachable = Database(DatabaseSettings("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"))
    app = create_app(Settings(), uow_factory=DatabaseUowFactory(unreachable))
    with TestClient(app) as client:
        answer = client.get("/readyz")
        health = client.get("/healthz")
    assert answer.status_code == 503
    checks = answer.json()["checks"]
    assert checks["database"]["ok"] is False
    assert checks["database"]["detail"].startswith("the database does not answer")
    assert checks["migrations"]["ok"] is False
    assert health.json() == {"status": "ok"}


def test_readyz_over_an_in_memory_unit_of_work_is_ready():
    with TestClient(create_app(Settings(), uow_factory=FakeUnitOfWork)) as client:
        assert client.get("/readyz").status_code == 200


@pytest.mark.parametrize("given", ["abc", "A.b_c-9", "x" * 64])
def test_a_sane_request_id_is_kept(given):
    assert request_id_of(given) == given


@pytest.mark.parametrize("given", [None, "", "x" * 65, "a b", "a\nb", "ä", "a/b", "a;b"])
def test_any_other_request_id_is_replaced(given):
    made = request_id_of(given)
    assert made != given
    assert len(made) == 32


def _record(message: str, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("servicepact.x", logging.WARNING, __file__, 1, message, None, None)
    record.__dict__.update(extra)
    return record


def test_the_json_formatter_puts_the_current_request_id_and_extra_fields_on_one_line():
    token = REQUEST_ID.set("rid-1")
    try:
        line = JsonFormatter().format(
            _record("two\nlines", route="/x", status=204, color_message="\x1b[36mtwo\x1b[0m")
        )
        text = TextFormatter().format(_record("plain"))
    finally:
        REQUEST_ID.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "two\nlines"
    assert "color_message" not in entry  # uvicorn's coloured copy of the message
    assert (entry["request_id"], entry["route"], entry["status"], entry["level"]) == (
        "rid-1",
        "/x",
        204,
        "warning",
    )
    assert text.endswith("plain [rid-1]")
    assert "request_id" not in json.loads(JsonFormatter().format(_record("outside a request")))


def test_the_json_formatter_keeps_the_exception():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "servicepact", logging.ERROR, __file__, 1, "failed", None, __import__("sys").exc_info()
        )
    assert "ValueError: boom" in json.loads(JsonFormatter().format(record))["exception"]


def _serve(monkeypatch, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, object]]:
    started: dict[str, object] = {}
    monkeypatch.setenv("SERVICEPACT_SECRET_KEY", "k" * 32)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(bootstrap, "database", lambda url: FakeDatabase())
    serve_command = importlib.import_module("servicepact.entrypoints.cli.serve")
    monkeypatch.setattr(serve_command, "ensure_port_free", lambda host, port: None)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kwargs: started.update(kwargs))
    monkeypatch.setattr(logging.config, "dictConfig", lambda config: None)  # keep pytest's logging
    return main(["serve", *args]), started


def _formatter_of(started: dict[str, object]) -> str:
    config = started["log_config"]
    assert isinstance(config, dict)
    return str(config["formatters"]["default"]["()"])


def test_serve_logs_text_in_development_and_json_in_production_or_when_asked(monkeypatch):
    code, started = _serve(monkeypatch)
    assert code == 0
    assert _formatter_of(started).endswith("TextFormatter")
    assert started["access_log"] is False  # the request middleware's line replaces uvicorn's
    code, started = _serve(monkeypatch, "--log-format", "json")
    assert code == 0
    assert _formatter_of(started).endswith("JsonFormatter")
    code, started = _serve(monkeypatch, env={"SERVICEPACT_ENV": "production"})
    assert code == 0
    assert _formatter_of(started).endswith("JsonFormatter")
    code, started = _serve(
        monkeypatch, env={"SERVICEPACT_ENV": "production", "SERVICEPACT_LOG_FORMAT": "text"}
    )
    assert code == 0
    assert _formatter_of(started).endswith("TextFormatter")


def test_serve_refuses_an_unknown_log_format(monkeypatch, capsys):
    code, started = _serve(monkeypatch, "--log-format", "xml")
    assert code != 0
    assert not started
    assert "--log-format" in capsys.readouterr().err


def test_the_log_config_is_valid_for_dictconfig():
    config = log_config(LogFormat.JSON)
    logging.config.dictConfig({**config, "loggers": {}})  # the formatter and handler resolve


def test_the_services_counts_reach_the_metrics_and_a_failing_listener_breaks_nothing():
    listen_to_services()
    listen_to_services()  # once per process, however often apps are made
    stop = telemetry.listen(lambda *_: 1 / 0)
    before = (
        REGISTRY.get_sample_value("servicepact_imports_total", {"kind": "assets", "outcome": "failed"}) or 0
    )
    try:
        with pytest.raises(RuntimeError), telemetry.outcome("imports", kind="assets"):
            raise RuntimeError("a fault")
    finally:
        stop()
    after = REGISTRY.get_sample_value("servicepact_imports_total", {"kind": "assets", "outcome": "failed"})
    assert after == before + 1


MULTIPROCESS_SCRIPT = """
import sys
from fastapi.testclient import TestClient
from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.settings import Settings
from servicepact.testing import FakeUnitOfWork
with TestClient(create_app(Settings(), uow_factory=FakeUnitOfWork)) as client:
    client.get("/healthz")
    if sys.argv[1] == "scrape":
        print(client.get("/metrics").text)
"""


def test_with_prometheus_multiproc_dir_metrics_add_up_every_process(tmp_path):
    """Two processes (as two uvicorn workers) count into one folder; either one's /metrics has both."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    run = [sys.executable, "-c", MULTIPROCESS_SCRIPT]
    subprocess.run([*run, "count"], env=env, check=True, capture_output=True)
    scraped = subprocess.run([*run, "scrape"], env=env, check=True, capture_output=True, text=True).stdout
    line = 'servicepact_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 2.0'
    assert line in scraped


def test_a_route_label_is_the_template_with_its_prefix_and_without_converters():
    route = Route("/clients/{client}/tickets/{ticket_id:path}", lambda request: None)
    scope = {"route": route, "path": "/api/v1/clients/acme/tickets/INC/7"}
    assert route_of(scope) == "/api/v1/clients/{client}/tickets/{ticket_id}"
    assert route_of({"path": "/nowhere"}) == "unmatched"
