"""Request bodies are refused as they stream past the limit (issue 13): 413, and nothing stored."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicepact.entrypoints.http import body_limit
from servicepact.entrypoints.http.api.routes import imports as import_routes
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

IMPORTS = "/api/v1/clients/acme/imports"
LIMIT = 1024 * 1024
BODY = b"x" * (2 * LIMIT)
BOUNDARY = "servicepact-boundary"


@pytest.fixture
def limited(api: Api, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A 1 MB limit, a temporary folder of the test's own (empty), and no import allowed to run."""
    monkeypatch.setattr(body_limit, "MAX_BODY_BYTES", LIMIT)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))

    def never(*_: object, **__: object) -> None:
        raise AssertionError("the import ran on a refused body")

    monkeypatch.setattr(import_routes.importing, "import_file", never)
    return temporary


def _multipart_chunks() -> Iterator[bytes]:
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntickets\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    for start in range(0, len(BODY), 64 * 1024):
        yield BODY[start : start + 64 * 1024]
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def _assert_refused(response_status: int, body: dict[str, dict[str, str]], seconds: float) -> None:
    assert response_status == 413
    assert body["error"]["code"] == "too_large"
    assert body["error"]["field"] == "body"
    assert "limited to 1 MB" in body["error"]["message"]
    assert seconds < 1.0


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(api: Api, limited: Path) -> None:
    began = time.perf_counter()
    response = api.post(IMPORTS, data={"kind": "tickets"}, files={"file": ("t.csv", BODY, "text/csv")})
    _assert_refused(response.status_code, response.json(), time.perf_counter() - began)
    assert list(limited.iterdir()) == []


def test_a_chunked_body_is_refused_as_it_passes_the_limit(api: Api, limited: Path) -> None:
    read: list[int] = []

    def counted() -> Iterator[bytes]:
        for chunk in _multipart_chunks():
            read.append(len(chunk))
            yield chunk

    began = time.perf_counter()
    response = api.post(
        IMPORTS,
        content=counted(),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    _assert_refused(response.status_code, response.json(), time.perf_counter() - began)
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert list(limited.iterdir()) == []


def test_a_body_within_the_limit_still_reaches_the_route(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body_limit, "MAX_BODY_BYTES", LIMIT)
    response = api.post(
        IMPORTS, data={"kind": "tickets"}, files={"file": ("t.csv", b"id,created_at\n", "text/csv")}
    )
    assert response.status_code != 413
