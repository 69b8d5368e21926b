"""Every response carries its security headers: a strict Content-Security-Policy for the web UI's pages
(no inline script, no framing), a looser one for the API's documentation pages, none allowed for the rest;
HSTS only in production. No template holds an inline script or an event-handler attribute."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.security_headers import (
    CHART_STYLE_HASH,
    DOCS_POLICY,
    DOCUMENT_POLICY,
    HSTS,
    STRICT_POLICY,
    WEB_POLICY,
    headers_for,
)
from servicepact.entrypoints.http.settings import Settings
from servicepact.testing import FakeUnitOfWork

PRODUCTION = {
    "SERVICEPACT_ENV": "production",
    "SERVICEPACT_SECRET_KEY": "k" * 32,
    "SERVICEPACT_API_DOCS": "on",
}
TEMPLATES = resources.files("servicepact.entrypoints.http.web") / "templates"


def _client(environ: dict[str, str]) -> TestClient:
    return TestClient(create_app(Settings.from_env(environ), uow_factory=FakeUnitOfWork))


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize(
    ("path", "status", "policy"),
    [
        ("/sign-in", 200, WEB_POLICY),  # a web page
        ("/no-such-page", 404, STRICT_POLICY),  # an unmatched path: a JSON 404
        ("/api/v1/docs", 200, DOCS_POLICY),
        ("/api/v1/redoc", 200, DOCS_POLICY),
        ("/api/v1/openapi.json", 200, STRICT_POLICY),
        ("/api/v1/me", 401, STRICT_POLICY),  # a JSON API error
        ("/api/v1/docs/assets/redoc.standalone.js", 200, STRICT_POLICY),
        ("/healthz", 200, STRICT_POLICY),
    ],
)
def test_each_kind_of_response_carries_its_policy_and_the_common_headers(path, status, policy):
    with _client({}) as client:
        response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-security-policy"] == policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in response.headers
    # One of each, not the route's own copy next to the middleware's.
    for name in ("content-security-policy", "x-frame-options", "x-content-type-options"):
        assert len(response.headers.get_list(name)) == 1, name


def test_the_web_static_files_carry_the_strict_policy():
    with _client({}) as client:
        page = client.get("/sign-in").text
        for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert asset.headers["content-security-policy"] == STRICT_POLICY
            assert asset.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/sign-in", "/api/v1/me", "/api/v1/docs", "/healthz"])
def test_hsts_only_in_production(path):
    with _client(PRODUCTION) as client:
        response = client.get(path)
    assert response.headers["strict-transport-security"] == HSTS
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "path", ["/clients/acme/versions/northwind-acme-2027/2/contract", "/clients/acme/reports/2027-03.html"]
)
def test_the_framed_documents_may_be_framed_by_the_apps_own_pages_only(path):
    headers = dict(headers_for(path, "text/html; charset=utf-8", production=False))
    assert headers["Content-Security-Policy"] == DOCUMENT_POLICY
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    document = _directives(DOCUMENT_POLICY)
    assert document["default-src"] == "'none'"  # no script at all
    assert document["frame-ancestors"] == "'self'"
    # The same paths as PDF or JSON downloads, and the pages around them, are not framed documents.
    assert dict(headers_for(path, "application/pdf", production=False))["X-Frame-Options"] == "DENY"
    page = dict(headers_for("/clients/acme/reports", "text/html", production=False))
    assert page["Content-Security-Policy"] == WEB_POLICY


def test_the_web_policy_allows_no_inline_script_and_no_framing():
    web = _directives(WEB_POLICY)
    assert web["script-src"] == "'self'"
    assert web["frame-ancestors"] == "'none'"
    assert web["object-src"] == "'none'"
    assert "'unsafe-inline'" not in web["style-src"]  # only the chart's style element, by its hash
    assert "'unsafe-eval'" not in WEB_POLICY
    docs = _directives(DOCS_POLICY)
    assert docs["script-src"] == "'self'"
    assert docs["worker-src"] == "blob:"
    assert docs["frame-ancestors"] == "'none'"


def test_the_chart_style_hash_matches_what_matplotlib_writes():
    from servicepact.entrypoints.http.web.pages.charts import _draw

    svg = _draw((("Mail", 99.5, 99.0), ("Web", 98.0, 99.5)), "en", "Uptime")
    styles = re.findall(r"<style[^>]*>(.*?)</style>", svg, re.S)
    assert styles
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" == CHART_STYLE_HASH


def _templates() -> list[tuple[str, str]]:
    return [
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in TEMPLATES.iterdir()
        if entry.name.endswith(".html")
    ]


def test_no_template_holds_an_inline_script_an_event_handler_or_a_style_attribute():
    templates = _templates()
    assert len(templates) > 5
    for name, text in templates:
        for tag in re.findall(r"<script\b[^>]*>", text, re.I):
            assert re.search(r'\ssrc="', tag), f"{name}: inline script {tag}"
        assert not re.search(r"<script\b[^>]*>\s*[^<\s]", text, re.I), f"{name}: inline script"
        handler = re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text, re.I)
        assert handler is None, f"{name}: event handler attribute {handler.group(0)}"
        assert "javascript:" not in text.lower(), f"{name}: javascript: URL"
        assert not re.search(r"\shx-on[:-]", text), f"{name}: hx-on handler (needs eval)"
        assert not re.search(r"<[a-z][^>]*\sstyle\s*=", text, re.I), f"{name}: style attribute"
        assert "<style" not in text.lower(), f"{name}: style element"


def test_htmx_is_told_not_to_eval_nor_to_inject_its_indicator_styles():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", base)
    assert meta is not None
    import json

    config = json.loads(meta.group(1))
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
