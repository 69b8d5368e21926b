"""What changed between two versions, in words."""

from __future__ import annotations

from servicepact import Agreement
from servicepact.domain.contract import build_contract, diff_agreements

from .conftest import NORTHWIND, ROMASHKA, edited


def test_an_agreement_compared_with_itself_has_no_changes(northwind: Agreement) -> None:
    assert diff_agreements(northwind, northwind, "en") == []


def test_a_changed_response_target_is_said_in_words(northwind: Agreement) -> None:
    new = edited(NORTHWIND, ("P2: {response: 1h, resolution: 8h}", "P2: {response: 2h, resolution: 8h}"))
    changes = diff_agreements(northwind, new, "en")
    assert [(c.area, c.text) for c in changes] == [
        ("support", "The response time for P2 changes from 1 business hour to 2 business hours.")
    ]


def test_russian_changes_say_what_it_was_and_what_it_is(romashka: Agreement) -> None:
    new = edited(ROMASHKA, ("P3: {response: 4h, resolution: 2bd}", "P3: {response: 5h, resolution: 2bd}"))
    assert [c.text for c in diff_agreements(romashka, new, "ru")] == [
        "Время реакции для P3: было 4 рабочих часа, стало 5 рабочих часов."
    ]


def test_scope_calendar_credit_and_responsibility_changes_are_each_reported(northwind: Agreement) -> None:
    new = edited(
        NORTHWIND,
        ("    - id: training\n      name: End-user training\n      handling: quote\n", ""),
        ('mon-fri: ["08:00-12:00", "13:00-18:00"]', 'mon-fri: ["08:00-12:00", "13:00-17:00"]'),
        ("cap: 30%", "cap: 25%"),
        (
            "{activity: Monitoring backups, provider: R, client: I}",
            "{activity: Monitoring backups, provider: RA, client: I}",
        ),
        ("target: 99.5%", "target: 99.7%"),
        ("monthly_fee: 4500.00", "monthly_fee: 4800.00"),
    )
    changes = {c.area: c.text for c in diff_agreements(northwind, new, "en")}
    assert changes["services"] == "Excluded service removed: End-user training."
    assert "13:00–17:00" in changes["support"]
    assert changes["performance"] == "The service credit cap changes from 30% to 25%."
    assert changes["responsibilities"] == (
        "The assignment of roles for “Monitoring backups” changes from Provider: R; Client: I "
        "to Provider: RA; Client: I."
    )
    assert changes["availability"] == "The availability target of “File server” changes from 99.5% to 99.7%."
    assert changes["billing"] == "The monthly fee changes from $4,500 to $4,800."


def test_the_annex_groups_the_changes_under_the_clause_titles(northwind: Agreement) -> None:
    new = edited(
        NORTHWIND, ("version: 1.0.0", "version: 1.1.0"), ("P1: {response: 30m", "P1: {response: 15m")
    )
    contract = build_contract(
        new, "en", changes=diff_agreements(northwind, new, "en"), previous_version="1.0.0"
    )
    annex = contract.sections[-1]
    assert annex.title == "Annex A. Changes from version 1.0.0"
    texts = [getattr(block, "lead", None) or getattr(block, "items", None) for block in annex.blocks]
    assert texts == [
        "Agreement.",
        ("The version changes from 1.0.0 to 1.1.0.",),
        "Response times and hours of service.",
        ("The response time for P1 changes from 30 minutes to 15 minutes.",),
    ]
