"""Uploads and imports run off the event loop (issue 13): another request answers while one parses.

Each heavy call (parsing an agreement, reading an import file, importing it) is made to take 1 s; a
``GET /api/v1/me`` sent meanwhile must answer in well under that. The app runs in the test client's
event loop (one loop, as under uvicorn): a heavy call made on the loop holds the probe for the whole
second.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from servicepact.adapters.demo_data import DEMO_NOW
from servicepact.entrypoints.bootstrap import database_uow_factory
from servicepact.entrypoints.demo_seed import DemoSummary
from servicepact.entrypoints.http.web.pages import imports as import_pages
from servicepact.services import agreements, importing, users
from servicepact.services.access import SYSTEM
from servicepact.testing import FixedTime
from tests.integration.web.helpers import ADMIN, csrf_of, make_app, sign_in

SLOW_SECONDS = 1.0
PROBE_LIMIT_SECONDS = 0.3
CSV = b"id,created_at,priority\nLOOP-1,2027-03-01T10:00:00Z,P1\n"
AGREEMENT = "format: servicepact/v1\n"
_CONFIRM = re.compile(r"/clients/acme/imports/([A-Za-z0-9_-]+)/confirm")


@pytest.fixture
def signed_in(demo: DemoSummary, tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """An admin signed in to an app over a copy of the demo database, and an API token of theirs."""
    copy = tmp_path / "demo.db"
    shutil.copy(Path(demo.database_url.removeprefix("sqlite:///")), copy)
    url = f"sqlite:///{copy}"
    time_source = FixedTime(DEMO_NOW)
    token = users.create_token(database_uow_factory(url, time_source=time_source)(), SYSTEM, ADMIN).secret
    with TestClient(make_app(url, time_source)) as client:
        sign_in(client, ADMIN)
        yield client, token


def _slowed(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW_SECONDS)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, slow)


def _probe_while(client: TestClient, token: str, heavy: Callable[[], httpx.Response]) -> float:
    """Seconds ``GET /api/v1/me`` took while ``heavy`` ran on another thread."""
    answers: list[httpx.Response] = []
    worker = threading.Thread(target=lambda: answers.append(heavy()))
    worker.start()
    time.sleep(0.25)  # the heavy call is under way
    began = time.perf_counter()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    took = time.perf_counter() - began
    worker.join()
    assert me.status_code == 200
    assert answers
    assert answers[0].status_code < 500, answers[0].text[:300]
    return took


def test_an_agreement_upload_on_the_web_leaves_the_loop_free(
    signed_in: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, token = signed_in
    _slowed(monkeypatch, agreements, "upload_agreement")
    csrf = csrf_of(client.get("/clients/acme/upload").text)
    took = _probe_while(
        client,
        token,
        lambda: client.post("/clients/acme/upload", data={"csrf_token": csrf, "text": AGREEMENT}),
    )
    assert took < PROBE_LIMIT_SECONDS


def test_an_agreement_upload_through_the_api_leaves_the_loop_free(
    signed_in: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, token = signed_in
    _slowed(monkeypatch, agreements, "upload_agreement")
    took = _probe_while(
        client,
        token,
        lambda: client.post(
            "/api/v1/clients/acme/agreements",
            content=AGREEMENT,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/yaml"},
        ),
    )
    assert took < PROBE_LIMIT_SECONDS


def test_an_import_preview_and_its_confirmation_leave_the_loop_free(
    signed_in: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, token = signed_in
    csrf = csrf_of(client.get("/clients/acme/imports").text)
    _slowed(monkeypatch, import_pages, "_header_and_rows")
    answers: list[httpx.Response] = []

    def upload() -> httpx.Response:
        answer = client.post(
            "/clients/acme/imports",
            data={"csrf_token": csrf, "kind": "tickets"},
            files={"file": ("tickets.csv", CSV, "text/csv")},
        )
        answers.append(answer)
        return answer

    assert _probe_while(client, token, upload) < PROBE_LIMIT_SECONDS
    found = _CONFIRM.search(answers[0].text)
    assert found is not None, answers[0].text[:500]
    pending = found.group(1)
    monkeypatch.undo()
    _slowed(monkeypatch, importing, "import_file")
    confirm = f"/clients/acme/imports/{pending}/confirm"
    took = _probe_while(client, token, lambda: client.post(confirm, data={"csrf_token": csrf}))
    assert took < PROBE_LIMIT_SECONDS
