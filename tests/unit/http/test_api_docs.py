"""The API's documentation pages load everything from the package (no CDN, no inline script), and are
off in production unless asked for."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from servicepact.domain.errors import InputError
from servicepact.entrypoints.http.api_docs import ASSETS
from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.settings import Settings
from servicepact.testing import FakeUnitOfWork

PRODUCTION = {"SERVICEPACT_ENV": "production", "SERVICEPACT_SECRET_KEY": "k" * 32}


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings, uow_factory=FakeUnitOfWork))


@pytest.mark.parametrize("page", ["/api/v1/docs", "/api/v1/redoc"])
def test_the_docs_pages_load_only_the_packages_own_files(page):
    with _client(Settings.from_env({})) as client:
        html = client.get(page)
        assert html.status_code == 200
        assert "text/html" in html.headers["content-type"]
        assert "//" not in re.sub(r"<!doctype html>", "", html.text)  # no URL of another host
        scripts = re.findall(r"<script[^>]*>", html.text)
        assert scripts
        assert all('src="/api/v1/docs/assets/' in tag for tag in scripts)  # no inline script
        assert not re.search(r"<script[^>]*>[^<]+</script>", html.text)
        for url in re.findall(r'(?:src|href)="([^"]+)"', html.text):
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert asset.headers["content-type"] == ASSETS[url.rsplit("/", 1)[1]]
        assert "/api/v1/openapi.json" in html.text


def test_an_unknown_asset_is_404():
    with _client(Settings.from_env({})) as client:
        assert client.get("/api/v1/docs/assets/..%2Fsettings.py").status_code == 404
        assert client.get("/api/v1/docs/assets/VENDORED.md").status_code == 404


def test_the_docs_are_off_in_production_unless_asked_for_and_the_openapi_document_stays():
    with _client(Settings.from_env(PRODUCTION)) as client:
        assert client.get("/api/v1/docs").status_code == 404
        assert client.get("/api/v1/redoc").status_code == 404
        assert client.get("/api/v1/openapi.json").status_code == 200
    with _client(Settings.from_env({**PRODUCTION, "SERVICEPACT_API_DOCS": "on"})) as client:
        assert client.get("/api/v1/docs").status_code == 200
    assert Settings.from_env({"SERVICEPACT_API_DOCS": "off"}).api_docs is False


def test_a_bad_docs_switch_is_an_error_naming_the_variable():
    with pytest.raises(InputError, match="SERVICEPACT_API_DOCS"):
        Settings.from_env({"SERVICEPACT_API_DOCS": "maybe"})
