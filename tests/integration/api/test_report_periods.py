"""Report periods are capped (issue 13): 13 months for a client user, 120 months for staff."""

from __future__ import annotations

import pytest

from servicepact.services.reports import MAX_REPORT_MONTHS, MAX_STAFF_REPORT_MONTHS
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

REPORTS = "/api/v1/clients/acme/reports"


def test_a_client_user_asking_for_more_than_13_months_gets_a_422_naming_period(api: Api) -> None:
    response = api.get(f"{REPORTS}/2027-01-01..2028-02-02", who="acme_user")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "period"
    assert f"at most {MAX_REPORT_MONTHS} months" in error["message"]
    assert "ask your provider" in error["message"]


def test_a_200_year_report_is_refused_before_any_work(api: Api) -> None:
    response = api.get(f"{REPORTS}/1900-01-01..2100-01-01", who="acme_user", params={"format": "pdf"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "period"


def test_a_client_user_may_ask_for_exactly_13_months(api: Api) -> None:
    assert api.get(f"{REPORTS}/2027-01-01..2028-02-01", who="acme_user").status_code == 200


def test_staff_may_ask_for_more_than_13_months_within_their_cap(api: Api) -> None:
    assert api.get(f"{REPORTS}/2027-01-01..2029-01-01", who="staff").status_code == 200


def test_staff_are_capped_too(api: Api) -> None:
    response = api.get(f"{REPORTS}/2027-01-01..2037-01-02", who="staff")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "period"
    assert f"at most {MAX_STAFF_REPORT_MONTHS} months" in response.json()["error"]["message"]
