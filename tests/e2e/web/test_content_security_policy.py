"""The pages run under their Content-Security-Policy in Chromium without a single violation: the web UI
(charts, htmx swaps, the contract shown in a frame), the API's documentation pages; and the policy is
enforced (an injected inline script is refused and reported)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.web.conftest import LiveServer
from tests.e2e.web.test_browser import sign_in
from tests.integration.web.helpers import ADMIN

pytestmark = pytest.mark.browser


def violations(browser: WebDriver) -> list[str]:
    """The Content-Security-Policy messages Chromium logged since the last call."""
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Content-Security-Policy" in entry["message"]
    ]


def _same_site_links(browser: WebDriver, server: LiveServer) -> list[str]:
    found = []
    for link in browser.find_elements(By.CSS_SELECTOR, "main a[href]"):
        href = link.get_attribute("href") or ""
        if href.startswith(server.url) and "sign-out" not in href and not urlparse(href).fragment:
            found.append(href)
    return found


def test_the_web_ui_runs_without_a_policy_violation(browser: WebDriver, live_server: LiveServer):
    sign_in(browser, live_server, ADMIN)
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return typeof htmx !== 'undefined'"))
    browser.execute_script(
        "htmx.ajax('GET', '/dashboard/clocks', {target: '#live-clocks', swap: 'outerHTML'})"
    )
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return !document.querySelector('.htmx-request')")
    )
    seen: set[str] = set()
    charts = len(browser.find_elements(By.CSS_SELECTOR, "svg.chart-svg"))  # on the dashboard
    frames = 0
    queue = _same_site_links(browser, live_server)
    while queue and len(seen) < 25:
        url = queue.pop(0)
        if url in seen or url.endswith((".pdf", ".json", ".csv")) or "format=" in url:
            continue
        seen.add(url)
        browser.get(url)
        charts += len(browser.find_elements(By.CSS_SELECTOR, "svg.chart-svg"))
        frames += len(browser.find_elements(By.TAG_NAME, "iframe"))
        queue.extend(_same_site_links(browser, live_server))
    assert len(seen) > 3
    assert charts  # the matplotlib charts, with their style element and style attributes
    assert frames  # the contract shown in a frame
    assert violations(browser) == []


@pytest.mark.parametrize("page", ["/api/v1/docs", "/api/v1/redoc"])
def test_the_api_docs_pages_run_without_a_policy_violation(
    browser: WebDriver, live_server: LiveServer, page: str
):
    browser.get(f"{live_server.url}{page}")
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.body.innerText.includes('servicepact')")
    )
    # ReDoc's "API docs by Redocly" footer asks for its logo from cdn.redoc.ly: the policy refuses it (the
    # pages fetch nothing from elsewhere), and that is the one refusal expected.
    found = [m for m in violations(browser) if "https://cdn.redoc.ly/" not in m]
    assert found == []


def test_an_injected_inline_script_is_refused(browser: WebDriver, live_server: LiveServer):
    browser.get(f"{live_server.url}/sign-in")
    violations(browser)  # start from an empty log
    browser.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        "document.head.appendChild(s);"
    )
    assert browser.execute_script("return window.injected === undefined")
    assert any("script-src" in message for message in violations(browser))
