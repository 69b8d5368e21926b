"""Imports by upload: counts, or the bad rows with their line and reason (nothing stored)."""

from __future__ import annotations

import pytest

from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

URL = "/api/v1/clients/acme/imports"
TICKETS = b"Number,Opened,priority\nINC-1,2027-03-09T10:00:00Z,P2\nINC-2,2027-03-09T11:00:00Z,P3\n"
BAD = b"id,created_at,priority\nINC-3,2027-03-09T10:00:00Z,P2\nINC-4,yesterday,P3\n"


def test_an_uploaded_file_is_imported_once_with_its_columns_renamed(api: Api) -> None:
    form = {"kind": "tickets", "map": ["Number=id", "Opened=created_at"]}
    first = api.post(URL, files={"file": ("tickets.csv", TICKETS)}, data=form)
    assert first.status_code == 201, first.text
    assert first.json()["added"]["tickets"] == 2
    again = api.post(URL, files={"file": ("tickets.csv", TICKETS)}, data=form)
    assert (again.json()["added"]["tickets"], again.json()["present"]["tickets"]) == (0, 2)
    assert api.get("/api/v1/clients/acme/tickets/INC-2").status_code == 200


def test_bad_rows_are_422_with_line_and_reason_and_nothing_is_stored(api: Api) -> None:
    response = api.post(URL, files={"file": ("tickets.csv", BAD)}, data={"kind": "tickets"})
    assert response.status_code == 422
    rows = response.json()["error"]["bad_rows"]
    assert (rows[0]["source"], rows[0]["line"], rows[0]["column"]) == ("tickets.csv", 3, "created_at")
    assert api.get("/api/v1/clients/acme/tickets/INC-3").status_code == 404


def test_skipping_bad_rows_stores_the_good_ones_and_reports_the_rest(api: Api) -> None:
    form = {"kind": "tickets", "skip_bad_rows": "true"}
    response = api.post(URL, files={"file": ("../../etc/tickets.csv", BAD)}, data=form)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["added"]["tickets"], body["bad_row_total"]) == (1, 1)
    assert body["bad_rows"][0]["line"] == 3
    assert body["source"] == "tickets.csv"


def test_outages_backups_and_assets_are_listed_after_an_import(api: Api) -> None:
    outages = b"service,start,end,kind\nmail,2027-03-01T10:00:00Z,2027-03-01T11:00:00Z,maintenance\n"
    assert api.post(URL, files={"file": ("o.csv", outages)}, data={"kind": "outages"}).status_code == 201
    listing = api.get("/api/v1/clients/acme/outages").json()
    assert listing["total"] == 2
    assert listing["items"][0] == {
        "start": "2027-03-01T10:00:00Z",
        "end": "2027-03-01T11:00:00Z",
        "kind": "maintenance",
        "uptime_id": None,
        "service": "mail",
        "announced_at": None,
    }
    assert api.get("/api/v1/clients/acme/backups/runs").json()["items"][0]["backup_id"] == "acme-nightly"
    assert api.get("/api/v1/clients/acme/backups/restore-tests").json()["total"] == 1
    assert api.get("/api/v1/clients/acme/assets").json()["items"][0]["fields"] == {"os": "Debian 12"}


def test_an_unknown_kind_or_a_bad_map_is_422(api: Api) -> None:
    assert api.post(URL, files={"file": ("t.csv", TICKETS)}, data={"kind": "spreadsheets"}).status_code == 422
    bad_map = api.post(URL, files={"file": ("t.csv", TICKETS)}, data={"kind": "tickets", "map": "Number"})
    assert bad_map.status_code == 422
