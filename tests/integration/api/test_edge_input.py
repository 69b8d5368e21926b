"""Edge input over the API, on SQLite and PostgreSQL (issue 13 §5): each case a 4xx naming its field, or
a path that reaches what it names; none a 500."""

from __future__ import annotations

import pytest

from servicepact.domain.errors import InputError
from servicepact.entrypoints.cli import main
from servicepact.services import agreements, clients
from servicepact.services.access import SYSTEM
from tests.integration.api.conftest import AGREEMENT, Api

pytestmark = pytest.mark.db

AGREEMENTS = "/api/v1/clients/acme/agreements"
YAML = {"content-type": "application/yaml"}
TWENTY_DIGITS = 12345678901234567890


def test_an_agreement_starting_on_9999_12_31_is_422_naming_term_start(api: Api) -> None:
    text = AGREEMENT.read_text(encoding="utf-8").replace("start: 2027-01-01", "start: 9999-12-31", 1)
    response = api.post(AGREEMENTS, content=text.encode(), headers=YAML)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == "term.start"
    assert "out of range" in error["message"]


@pytest.mark.parametrize("period", ["0001-01-01..0001-02-01", "0001-01", "9999-12-01..9999-12-31"])
def test_a_report_of_a_period_outside_the_calendar_is_422_naming_the_period(api: Api, period: str) -> None:
    response = api.get(f"/api/v1/clients/acme/reports/{period}")
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == "period"


def test_a_300_byte_file_name_is_cut_keeping_its_extension(api: Api) -> None:
    body = b'[{"id": "LONG-1", "created_at": "2027-03-09T10:00:00Z", "priority": "P2"}]'
    response = api.post(
        "/api/v1/clients/acme/imports", files={"file": ("x" * 300 + ".json", body)}, data={"kind": "tickets"}
    )
    assert response.status_code == 201, response.text
    source = response.json()["source"]
    assert source.endswith("x.json")
    assert len(source.encode()) <= 120


def test_a_ticket_id_holding_a_slash_is_reachable_percent_encoded(api: Api) -> None:
    body = (
        b"id,created_at,priority\n"
        b"INC/2027/1,2027-03-09T10:00:00Z,P2\n"
        b"INC/2027/1/priority,2027-03-09T10:00:00Z,P3\n"
    )
    imported = api.post(
        "/api/v1/clients/acme/imports", files={"file": ("t.csv", body)}, data={"kind": "tickets"}
    )
    assert imported.status_code == 201, imported.text
    read = api.get("/api/v1/clients/acme/tickets/INC%2F2027%2F1")
    assert read.status_code == 200, read.text
    assert read.json()["id"] == "INC/2027/1"
    tail = api.get("/api/v1/clients/acme/tickets/INC%2F2027%2F1%2Fpriority")
    assert tail.json()["id"] == "INC/2027/1/priority"
    change = {"priority": "P1", "reason": "the whole floor is down"}
    changed = api.post("/api/v1/clients/acme/tickets/INC%2F2027%2F1/priority", json=change)
    assert changed.status_code == 201, changed.text
    assert api.get("/api/v1/clients/acme/tickets/INC%2F2027%2F1").json()["priority"] == "P1"
    assert api.get("/api/v1/clients/acme/tickets/INC%2F2027%2F2").status_code == 404


def test_a_20_digit_version_number_is_422_naming_the_number(api: Api) -> None:
    for method, url in (
        ("GET", f"{AGREEMENTS}/northwind-acme-2027/versions/{TWENTY_DIGITS}"),
        ("POST", f"{AGREEMENTS}/northwind-acme-2027/versions/{TWENTY_DIGITS}/activate"),
    ):
        response = api.request(method, url)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["field"] == "number"
    # The use case itself refuses it before the query (SQLite's and PostgreSQL's integers are 64-bit).
    with pytest.raises(InputError) as refused:
        agreements.get_version(
            api.context.uow_factory(), SYSTEM, "acme", "northwind-acme-2027", TWENTY_DIGITS
        )
    assert refused.value.location is not None
    assert refused.value.location.path == "number"


def test_the_cli_refuses_a_20_digit_version_number_with_a_message(api: Api, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", api.database.settings.url)
    code = main(["agreement", "activate", "acme", "northwind-acme-2027", str(TWENTY_DIGITS)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"version number {TWENTY_DIGITS} is out of range" in err


def test_a_client_in_the_zone_localtime_is_refused(api: Api) -> None:
    with pytest.raises(InputError) as refused:
        clients.create_client(api.context.uow_factory(), SYSTEM, "gamma", "Gamma", "localtime")
    assert refused.value.location is not None
    assert refused.value.location.path == "time_zone"
