"""The client portal: a client user sees only their own client, and only reads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.integration.web.helpers import CLIENT_USER, csrf_of, sign_in

OTHER_CLIENT_PAGES = [
    "/clients/romashka",
    "/clients/romashka/tickets",
    "/clients/romashka/tickets/ЗАЯ-501",
    "/clients/romashka/reports",
    "/clients/romashka/reports/2027-03.json",
    "/clients/romashka/versions/sv-romashka-2026/1/contract",
    "/clients/romashka/versions/sv-romashka-2026/1/contract?format=pdf",
    "/clients/romashka/upload",
    "/clients/romashka/imports",
]


def test_a_client_user_sees_only_their_own_client_on_the_dashboard(client: TestClient):
    sign_in(client, CLIENT_USER)
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "Acme Manufacturing Inc." in page.text
    assert "Ромашка" not in page.text
    assert "ЗАЯ-" not in client.get("/dashboard/clocks").text


@pytest.mark.parametrize("url", OTHER_CLIENT_PAGES)
def test_a_client_user_gets_not_found_for_every_page_of_another_client(client: TestClient, url: str):
    sign_in(client, CLIENT_USER)
    response = client.get(url)
    assert response.status_code == 404
    assert "Ромашка" not in response.text


def test_a_client_user_reads_their_own_tickets_agreement_and_reports(client: TestClient):
    sign_in(client, CLIENT_USER)
    for url in (
        "/clients/acme",
        "/clients/acme/tickets",
        "/clients/acme/reports",
        "/clients/acme/tickets/INC1001",
    ):
        assert client.get(url).status_code == 200, url


def test_a_client_user_may_not_upload_agreements_or_import_data(client: TestClient):
    sign_in(client, CLIENT_USER)
    assert client.get("/clients/acme/upload").status_code == 403
    assert client.get("/clients/acme/imports").status_code == 403
    token = csrf_of(client.get("/clients/acme").text)
    refused = client.post(
        "/clients/acme/upload", data={"csrf_token": token, "text": "format: servicepact/v1\n"}
    )
    assert refused.status_code == 403
    page = client.get("/clients/acme")
    assert "Upload a version" not in page.text
