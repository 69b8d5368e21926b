"""Each page on the demo data: what it shows, that every input has a label, and how long it takes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract
from fastapi.testclient import TestClient

from servicepact.entrypoints.http.web.i18n import LABELS, texts
from tests.conftest import EXAMPLES
from tests.integration.web.helpers import ADMIN, csrf_of, sign_in

PAGES = {
    "sign-in": "/sign-in",
    "dashboard": "/dashboard",
    "dashboard live clocks (htmx)": "/dashboard/clocks",
    "client (agreement)": "/clients/acme",
    "client (Russian agreement)": "/clients/romashka",
    "contract (HTML)": "/clients/acme/versions/northwind-acme-2027/2/contract",
    "versions diff": "/clients/acme/versions/northwind-acme-2027/2/diff",
    "tickets": "/clients/acme/tickets",
    "tickets, open, filtered": "/clients/acme/tickets?state=open&priority=P2",
    "tickets, previous month": "/clients/romashka/tickets?month=2027-02",
    "ticket timeline": "/clients/acme/tickets/INC1010",
    "upload form": "/clients/acme/upload",
    "reports": "/clients/acme/reports?period=2027-02",
    "report JSON": "/clients/acme/reports/2027-02.json",
    "report HTML": "/clients/acme/reports/2027-02.html",
    "imports form": "/clients/acme/imports",
}
WEB = Path(__file__).resolve().parents[3] / "src" / "servicepact" / "entrypoints" / "http" / "web"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_for_an_admin_and_its_time_is_recorded(client: TestClient, timed, name: str):  # type: ignore[no-untyped-def]
    if name != "sign-in":
        sign_in(client, ADMIN)
    timed(name, PAGES[name])


class _Inputs(HTMLParser):
    """Form controls, labels and their targets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.depth_in_label = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self.depth_in_label += 1
            if found.get("for"):
                self.labelled.add(found["for"] or "")
        if tag in ("input", "select", "textarea"):
            if found.get("type") in ("hidden", "submit", "button"):
                return
            found["_inside_label"] = "1" if self.depth_in_label else None
            self.controls.append(found)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.depth_in_label -= 1


@pytest.mark.parametrize(
    "url", [u for u in PAGES.values() if not u.endswith((".json", ".html", "/contract"))]
)
def test_every_input_has_a_label(client: TestClient, url: str):
    if url != "/sign-in":
        sign_in(client, ADMIN)
    parser = _Inputs()
    parser.feed(client.get(url).text)
    for control in parser.controls:
        named = (
            control.get("id") in parser.labelled or control.get("aria-label") or control.get("_inside_label")
        )
        assert named, f"{url}: {control} has no label"


def test_every_page_has_a_skip_link_a_main_landmark_and_one_h1(client: TestClient):
    sign_in(client, ADMIN)
    for url in (u for u in PAGES.values() if not u.endswith((".json", ".html", "/contract", "/clocks"))):
        html = client.get(url).text
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html, url
        assert html.count("<h1") == 1, url


def test_the_dashboard_shows_kpis_uptime_credits_and_tickets_at_risk(client: TestClient):
    sign_in(client, ADMIN)
    html = client.get("/dashboard").text
    for words in (
        "Service levels met",
        "Credits at stake",
        "At risk",
        "Breached, open",
        "E-mail service",
        "Live clocks",
    ):
        assert words in html
    assert 'hx-get="/dashboard/clocks"' in html
    assert 'hx-trigger="every 30s"' in html
    assert "<svg" in html  # the uptime chart


def test_the_live_clocks_fragment_is_a_partial_that_keeps_refreshing_itself(client: TestClient):
    sign_in(client, ADMIN)
    html = client.get("/dashboard/clocks", headers={"HX-Request": "true"}).text
    assert html.lstrip().startswith('<section id="live-clocks"')
    assert 'hx-trigger="every 30s"' in html
    assert "<html" not in html


def test_an_expired_session_during_an_htmx_refresh_sends_the_browser_to_sign_in(client: TestClient):
    response = client.get("/dashboard/clocks", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/sign-in"


def test_the_ticket_list_refreshes_its_rows_alone_through_htmx(client: TestClient):
    sign_in(client, ADMIN)
    rows = client.get("/clients/acme/tickets?state=open", headers={"HX-Request": "true"}).text
    assert rows.lstrip().startswith('<tbody id="ticket-rows"')
    assert "/clients/acme/tickets/INC" in rows


def test_the_ticket_timeline_shows_events_due_lines_and_the_version_that_judges_it(client: TestClient):
    sign_in(client, ADMIN)
    html = client.get("/clients/acme/tickets/INC1010").text
    for words in (
        "Timeline",
        "Created",
        "First response",
        "Response due",
        "Resolution due",
        "Judged by",
        "Work logged",
    ):
        assert words in html


def test_a_ticket_with_a_pause_and_after_hours_work_shows_both(client: TestClient):
    sign_in(client, ADMIN)
    found = {"pause": False, "after": False}
    for number in range(1001, 1080):
        html = client.get(f"/clients/acme/tickets/INC{number}").text
        found["pause"] |= "Resolution clock paused" in html
        found["after"] |= "after hours:" in html
        if all(found.values()):
            break
    assert found == {"pause": True, "after": True}


def test_the_client_page_shows_the_version_in_force_its_findings_and_every_version(client: TestClient):
    sign_in(client, ADMIN)
    html = client.get("/clients/acme").text
    assert "Agreement in force" in html
    assert "Lint findings" in html
    assert html.count('class="status status-') >= 3  # active, retired, draft
    assert "/clients/acme/versions/northwind-acme-2027/2/diff" in html
    assert '<iframe class="contract-frame"' in html


def test_the_diff_between_two_versions_lists_what_changed(client: TestClient):
    sign_in(client, ADMIN)
    html = client.get("/clients/acme/versions/northwind-acme-2027/2/diff").text
    assert "Changes from v1 to v2" in html
    assert html.count('<li><span class="area">') >= 2


def test_uploading_an_invalid_agreement_shows_each_error_under_its_line_and_stores_nothing(own):  # type: ignore[no-untyped-def]
    client, _ = own
    sign_in(client, ADMIN)
    before = client.get("/clients/acme").text.count("<tr>")
    text = (EXAMPLES / "northwind-acme.en.yaml").read_text()
    broken = text.replace(
        "    P2: {response: 1h, resolution: 8h}", "    P2: {response: 1 hour, resolution: 8h}"
    )
    bad_line = broken.splitlines().index("    P2: {response: 1 hour, resolution: 8h}") + 1
    page = client.get("/clients/acme/upload")
    response = client.post(
        "/clients/acme/upload",
        data={"csrf_token": csrf_of(page.text)},
        files={"file": ("acme.yaml", broken.encode(), "text/yaml")},
    )
    assert response.status_code == 422
    assert "nothing was stored" in response.text
    item = re.search(rf'<li class="has-finding" id="line-{bad_line}">(.*?)</li>', response.text, re.S)
    assert item is not None, "the error is not under its line"
    assert f'data-line="{bad_line}"' in item.group(1)
    assert client.get("/clients/acme").text.count("<tr>") == before


def test_uploading_a_valid_agreement_stores_a_new_draft(own):  # type: ignore[no-untyped-def]
    client, _ = own
    sign_in(client, ADMIN)
    text = (EXAMPLES / "northwind-acme.en.yaml").read_text().replace("version: 1.0.0", "version: 2.0.0")
    page = client.get("/clients/acme/upload")
    response = client.post(
        "/clients/acme/upload", data={"csrf_token": csrf_of(page.text), "text": text}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "The new version was stored." in response.text
    assert "v4" in response.text


def test_the_import_preview_shows_mapped_columns_and_bad_rows_and_stores_only_on_confirmation(own):  # type: ignore[no-untyped-def]
    client, _ = own
    sign_in(client, ADMIN)
    csv_text = (
        "Number,created_at,impact,urgency,title\n"
        "NEW-1,2027-03-20T10:00:00Z,high,high,Printer on fire\n"
        "NEW-2,not a time,low,low,Broken row\n"
        "NEW-3,2027-03-21T11:00:00Z,low,medium,Mouse\n"
    )
    page = client.get("/clients/acme/imports")
    preview = client.post(
        "/clients/acme/imports",
        data={"csrf_token": csrf_of(page.text), "kind": "tickets"},
        files={"file": ("new.csv", csv_text.encode(), "text/csv")},
    )
    assert preview.status_code == 422  # "Number" is not a known column until it is mapped to "id"
    token = re.search(r"/imports/([\w-]+)/confirm", preview.text).group(1)
    remapped = client.post(
        f"/clients/acme/imports/{token}/preview",
        data={
            "csrf_token": csrf_of(preview.text),
            "map-0": "id",
            "map-1": "created_at",
            "map-2": "impact",
            "map-3": "urgency",
            "map-4": "title",
        },
    )
    assert remapped.status_code == 200
    assert "1 bad row" in remapped.text
    assert "2 good rows will be stored." in remapped.text
    assert "Printer on fire" in remapped.text
    assert client.get("/clients/acme/tickets/NEW-1").status_code == 404
    done = client.post(
        f"/clients/acme/imports/{token}/confirm",
        data={"csrf_token": csrf_of(remapped.text), "map-0": "id", "skip_bad_rows": "1"},
    )
    assert done.status_code == 200
    assert "The file was stored." in done.text
    assert client.get("/clients/acme/tickets/NEW-1").status_code == 200


def test_the_report_json_download_holds_the_evaluation_of_the_period(client: TestClient):
    sign_in(client, ADMIN)
    response = client.get("/clients/acme/reports/2027-02.json")
    assert response.headers["content-disposition"] == 'attachment; filename="acme-2027-02.json"'
    data = json.loads(response.text)
    assert data["period"]["label"] == "2027-02"
    assert data["tickets"]["created"] > 0


def test_every_string_of_the_ui_has_a_russian_translation():
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    ru = texts("ru")
    missing = []
    for path in sorted(WEB.rglob("*")):
        method = {".py": "python", ".html": "jinja2.ext:babel_extract"}.get(path.suffix)
        if method is None:
            continue
        with path.open("rb") as handle:
            for _, message, _, _ in extract(method, handle, keywords=keywords):
                singular = message if isinstance(message, str) else message[0]
                if ru.gettext(singular) == singular and singular not in ("KPI", "KPIs"):
                    missing.append(singular)
    missing += [label for label in LABELS.values() if ru.gettext(label) == label]
    assert missing == []


def test_the_import_preview_takes_a_value_map_and_stores_the_mapped_priority(own):  # type: ignore[no-untyped-def]
    client, _ = own
    sign_in(client, ADMIN)
    csv_text = "id,created_at,priority\nVAL-1,2027-03-20T10:00:00Z,Critical\nVAL-2,2027-03-20T11:00:00Z,P3\n"
    page = client.get("/clients/acme/imports")
    preview = client.post(
        "/clients/acme/imports",
        data={"csrf_token": csrf_of(page.text), "kind": "tickets"},
        files={"file": ("export.csv", csv_text.encode(), "text/csv")},
    )
    assert "1 bad row" in preview.text
    assert "&#39;Critical&#39; is not a priority of the agreement" in preview.text
    token = re.search(r"/imports/([\w-]+)/confirm", preview.text).group(1)
    mapped = client.post(
        f"/clients/acme/imports/{token}/preview",
        data={"csrf_token": csrf_of(preview.text), "value_map": "priority:critical=P1\n"},
    )
    assert "0 bad rows" in mapped.text
    assert "2 good rows will be stored." in mapped.text
    done = client.post(
        f"/clients/acme/imports/{token}/confirm",
        data={"csrf_token": csrf_of(mapped.text), "value_map": "priority:critical=P1"},
    )
    assert "The file was stored." in done.text
    assert "P1" in client.get("/clients/acme/tickets/VAL-1").text
