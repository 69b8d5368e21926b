"""Edge input in the web UI (issue 13 §5): a ticket id holding "/" links to its page, a 300-byte file name
previews, a 20-digit version number and a period in year 1 are pages that say what is wrong."""

from __future__ import annotations

import re
from urllib.parse import unquote

from servicepact.services.access import SYSTEM, scope_of
from servicepact.services.ports import TicketRows
from servicepact.testing import event_batch, ticket_batch
from tests.integration.web.helpers import ADMIN, csrf_of, sign_in

SLASHED = "INC/2027/03#1?x"


def _store_slashed_ticket(client) -> None:  # type: ignore[no-untyped-def]
    context = client.app.state.context
    now = context.time_source.now()
    with context.uow_factory() as uow:
        acme = uow.clients.get_by_slug("acme", scope_of(SYSTEM))
        tickets = ticket_batch((SLASHED, now.replace(microsecond=0), "P2"))
        uow.imports.tickets(acme.id, TicketRows(tickets, event_batch()), None)
        uow.commit()


def test_a_ticket_whose_id_holds_a_slash_is_linked_encoded_and_its_page_opens(own) -> None:  # type: ignore[no-untyped-def]
    client, _ = own
    sign_in(client, ADMIN)
    _store_slashed_ticket(client)
    listing = client.get("/clients/acme/tickets?q=INC/2027")
    assert listing.status_code == 200
    links = re.findall(r'href="(/clients/acme/tickets/[^"]+)"', listing.text)
    link = next(href for href in links if "INC" in href)
    assert link == "/clients/acme/tickets/INC%2F2027%2F03%231%3Fx"
    assert unquote(link.rsplit("/tickets/", 1)[1]) == SLASHED
    page = client.get(link)
    assert page.status_code == 200, page.text[:300]
    assert "INC/2027/03#1?x" in page.text


def test_a_300_byte_file_name_previews(own) -> None:  # type: ignore[no-untyped-def]
    client, _ = own
    sign_in(client, ADMIN)
    form = client.get("/clients/acme/imports")
    preview = client.post(
        "/clients/acme/imports",
        data={"csrf_token": csrf_of(form.text), "kind": "tickets"},
        files={"file": ("я" * 150 + ".csv", b"id,created_at,priority\nLONG-1,2027-03-20T10:00:00Z,P2\n")},
    )
    assert preview.status_code == 200, preview.text[:300]
    assert "1 good row will be stored." in preview.text


def test_a_20_digit_version_number_and_a_period_in_year_one_are_pages_that_say_so(client) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, ADMIN)
    for url in (
        "/clients/acme/versions/northwind-acme-2027/12345678901234567890/contract",
        "/clients/acme/versions/northwind-acme-2027/12345678901234567890/diff",
        "/clients/acme/versions/northwind-acme-2027/2/diff?against=12345678901234567890",
        "/clients/acme/reports/0001-01-01..0001-02-01.json",
    ):
        response = client.get(url)
        assert 400 <= response.status_code < 500, (url, response.status_code)
        assert "out of range" in response.text, url
    page = client.get("/clients/acme/reports?period=0001-01-01..0001-02-01")
    assert page.status_code == 422
    assert "out of range" in page.text
