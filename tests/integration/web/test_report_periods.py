"""Report periods are capped on the web too (issue 13): a client user reads at most 13 months."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.web.helpers import ADMIN, CLIENT_USER, sign_in

LONG = "2026-01-01..2027-03-01"  # 14 months


def test_a_client_user_asking_for_14_months_gets_a_page_that_says_at_most_13(client: TestClient) -> None:
    sign_in(client, CLIENT_USER)
    page = client.get(f"/clients/acme/reports?period={LONG}")
    assert page.status_code == 422
    assert "at most 13 months" in page.text
    download = client.get(f"/clients/acme/reports/{LONG}.json")
    assert download.status_code == 400  # the web maps bad input on a download to 400
    assert "at most 13 months" in download.text


def test_staff_may_ask_for_14_months(client: TestClient) -> None:
    sign_in(client, ADMIN)
    assert client.get(f"/clients/acme/reports?period={LONG}").status_code == 200
