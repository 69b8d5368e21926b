"""The web UI in headless Chromium: sign in, the dashboard, a ticket, an upload with an error, downloads,
the client portal's walls, and the keyboard alone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import EXAMPLES
from tests.e2e.web.conftest import LiveServer
from tests.integration.web.helpers import ADMIN, CLIENT_USER, PASSWORDS

pytestmark = pytest.mark.browser


def sign_in(browser: WebDriver, server: LiveServer, email: str) -> None:
    browser.get(f"{server.url}/sign-in")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(PASSWORDS[email])
    browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    WebDriverWait(browser, 10).until(ready.url_contains("/dashboard"))


def heading(browser: WebDriver) -> str:
    return browser.find_element(By.TAG_NAME, "h1").text


def wait_for_file(folder: Path, suffix: str, timeout: float = 20) -> Path:
    """The downloaded file, once Chromium has finished it: it may create the file under its final name
    before writing it, so wait until no ``.crdownload`` remains and the file holds bytes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        writing = any(p.suffix == ".crdownload" for p in folder.iterdir())
        if done and not writing and done[0].stat().st_size > 0:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file was downloaded to {folder}: {list(folder.iterdir())}")


def test_signing_in_shows_the_dashboard_of_every_client(browser: WebDriver, live_server: LiveServer):
    sign_in(browser, live_server, ADMIN)
    assert heading(browser) == "Dashboard"
    cards = browser.find_elements(By.CSS_SELECTOR, ".client-card h2")
    assert [c.text for c in cards] == ["Acme Manufacturing Inc.", "АО «Ромашка»"]
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Service levels met" in page
    assert "Credits at stake" in page
    assert "Live clocks" in page


def test_the_live_clocks_are_swapped_in_by_htmx(browser: WebDriver, live_server: LiveServer):
    sign_in(browser, live_server, ADMIN)
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return typeof htmx !== 'undefined'"))
    browser.execute_script("document.getElementById('live-clocks').setAttribute('data-old', '1')")
    browser.execute_script("htmx.trigger('#live-clocks', 'every 30s')")  # what the timer fires
    browser.execute_script(
        "htmx.ajax('GET', '/dashboard/clocks', {target: '#live-clocks', swap: 'outerHTML'})"
    )
    # Read in one script: htmx may swap the element again between a find and a read (a stale element).
    swapped_text = WebDriverWait(browser, 10).until(
        lambda b: b.execute_script(
            "const e = document.getElementById('live-clocks');"
            "return e && !e.hasAttribute('data-old') ? e.innerText : null;"
        )
    )
    assert "Live clocks" in swapped_text


def test_opening_a_ticket_from_the_list_shows_its_timeline(browser: WebDriver, live_server: LiveServer):
    sign_in(browser, live_server, ADMIN)
    browser.get(f"{live_server.url}/clients/acme/tickets")
    first = browser.find_element(By.CSS_SELECTOR, "#ticket-rows th a")
    number = first.text
    first.click()
    WebDriverWait(browser, 10).until(ready.url_contains(f"/tickets/{number}"))
    assert heading(browser).startswith(number)
    timeline = browser.find_element(By.CSS_SELECTOR, "ol.timeline").text
    assert "Created" in timeline
    assert "Response due" in timeline
    assert "SLA clocks" in browser.find_element(By.TAG_NAME, "main").text


def test_uploading_an_agreement_with_an_error_shows_the_error_at_its_line(
    browser: WebDriver, live_server: LiveServer, tmp_path: Path
):
    text = (EXAMPLES / "northwind-acme.en.yaml").read_text()
    broken_line = "    P3: {response: 4h, resolution: soon}"
    broken = text.replace("    P3: {response: 4h, resolution: 3bd}", broken_line)
    line = broken.splitlines().index(broken_line) + 1
    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    sign_in(browser, live_server, ADMIN)
    browser.get(f"{live_server.url}/clients/acme/upload")
    browser.find_element(By.ID, "file").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    problem = WebDriverWait(browser, 15).until(
        ready.presence_of_element_located((By.CSS_SELECTOR, f"#line-{line} p.finding"))
    )
    assert f"line {line}" in problem.text
    assert "nothing was stored" in browser.find_element(By.ID, "problems-title").text
    browser.get(f"{live_server.url}/clients/acme")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#versions-title ~ .table-wrap tbody tr")) == 3


def test_downloading_the_pdf_report(browser: WebDriver, live_server: LiveServer, downloads: Path):
    sign_in(browser, live_server, ADMIN)
    browser.get(f"{live_server.url}/clients/acme/reports?period=2027-03")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Download PDF").click()
    pdf = wait_for_file(downloads, ".pdf", timeout=60)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_downloading_the_contract_pdf_and_the_report_json(
    browser: WebDriver, live_server: LiveServer, downloads: Path
):
    sign_in(browser, live_server, ADMIN)
    browser.get(f"{live_server.url}/clients/acme")
    browser.find_element(By.LINK_TEXT, "Download PDF").click()
    assert wait_for_file(downloads, ".pdf", timeout=60).read_bytes().startswith(b"%PDF")
    browser.get(f"{live_server.url}/clients/acme/reports?period=2027-03")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Download JSON").click()
    assert b'"period"' in wait_for_file(downloads, ".json").read_bytes()


def test_a_client_user_cannot_reach_another_clients_pages(browser: WebDriver, live_server: LiveServer):
    sign_in(browser, live_server, CLIENT_USER)
    cards = browser.find_elements(By.CSS_SELECTOR, ".client-card h2")
    assert [c.text for c in cards] == ["Acme Manufacturing Inc."]
    for path in ("/clients/romashka", "/clients/romashka/tickets", "/clients/romashka/reports"):
        browser.get(live_server.url + path)
        assert heading(browser) == "Not found"
        assert "Ромашка" not in browser.page_source
    browser.get(f"{live_server.url}/clients/acme/tickets")
    assert heading(browser) == "Tickets"


def test_the_keyboard_alone_signs_in_skips_to_the_content_and_reaches_every_control(
    browser: WebDriver, live_server: LiveServer
):
    browser.get(f"{live_server.url}/sign-in")
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "email"  # focus starts in the form
    active.send_keys(ADMIN, Keys.TAB)
    browser.switch_to.active_element.send_keys(PASSWORDS[ADMIN], Keys.ENTER)
    WebDriverWait(browser, 10).until(ready.url_contains("/dashboard"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.get_attribute("class") == "skip-link"
    assert skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"
    reached = set()
    for _ in range(60):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        reached.add(element.get_attribute("href") or element.text or "")
    assert any("/clients/acme/tickets" in r for r in reached)
    assert any("/clients/romashka" in r for r in reached)
    # The focused control is always visible: an outline is drawn.
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
