"""The SLA report of a period through the API: every number as JSON, the report as PDF or HTML."""

from __future__ import annotations

import pytest

from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

REPORT = "/api/v1/clients/acme/reports/2027-03"


def test_the_json_report_carries_the_periods_kpis_and_tickets(api: Api) -> None:
    response = api.get(REPORT)
    assert response.status_code == 200
    report = response.json()
    assert report["period"]["label"] == "2027-03"
    assert {kpi["id"] for kpi in report["kpis"]} >= {"first-response", "resolution"}
    assert report["tickets"]["created"] == 3


def test_the_pdf_report_is_a_pdf_in_the_asked_language(api: Api) -> None:
    response = api.get(REPORT, params={"format": "pdf", "lang": "ru"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_client_user_reads_their_own_report_but_not_another_clients(api: Api) -> None:
    assert api.get(REPORT, who="acme_user").status_code == 200
    assert api.get("/api/v1/clients/beta/reports/2027-03", who="acme_user").status_code == 404


def test_a_period_that_cannot_be_read_is_a_422_naming_it(api: Api) -> None:
    response = api.get("/api/v1/clients/acme/reports/2027-13")
    assert response.status_code == 422
    assert "2027-13" in response.json()["error"]["message"]
