"""The contract document: clause order, numbering, cross-references, language and page size."""

from __future__ import annotations

from servicepact import Agreement
from servicepact.domain.contract import PageSize, Table, build_contract

from .conftest import NORTHWIND, edited


def test_parties_and_term_come_first_then_one_clause_per_area_then_billing_and_signatures(
    northwind: Agreement,
) -> None:
    contract = build_contract(northwind, "en")
    assert [s.heading for s in contract.sections] == [
        "Parties and term",
        "1. Services",
        "2. Response times and hours of service",
        "3. Responsibilities",
        "4. Availability",
        "5. Client requirements",
        "6. Guarantees",
        "7. Performance",
        "8. Priorities",
        "9. Billing",
        "Signatures",
    ]


def test_the_russian_contract_numbers_the_same_clauses_in_russian(northwind: Agreement) -> None:
    contract = build_contract(northwind, "ru")
    assert contract.sections[1].heading == "1. Услуги"
    assert contract.sections[2].subsections[1].heading == "2.2. Время реакции и время решения"


def test_the_language_defaults_to_the_agreements_own(romashka: Agreement) -> None:
    contract = build_contract(romashka)
    assert contract.language == "ru"
    assert contract.sections[0].title == "Стороны и срок действия"


def test_russian_contracts_are_a4_and_english_ones_letter_unless_asked(northwind: Agreement) -> None:
    assert build_contract(northwind, "ru").page_size is PageSize.A4
    assert build_contract(northwind, "en").page_size is PageSize.LETTER
    assert build_contract(northwind, "en", page_size=PageSize.A4).page_size is PageSize.A4


def test_the_targets_table_has_one_row_per_priority_in_priority_order(northwind: Agreement) -> None:
    support = build_contract(northwind, "en").sections[2]
    table = next(b for b in support.subsections[1].blocks if isinstance(b, Table))
    assert [row[:3] for row in table.rows] == [
        ("P1 — Critical", "30 minutes", "3 hours"),
        ("P2 — High", "1 business hour", "8 business hours"),
        ("P3 — Normal", "4 business hours", "3 business days"),
        ("P4 — Low", "1 business day", "10 business days"),
    ]


def test_commitments_refer_to_the_service_credit_clause_by_its_number(northwind: Agreement) -> None:
    contract = build_contract(northwind, "en")
    credits = contract.sections[7].subsections[2]
    assert credits.heading == "7.3. Service credits"
    commitments = next(b for b in contract.sections[6].subsections[0].blocks if isinstance(b, Table))
    assert commitments.rows[0][2] == "Service credits under clause 7.3"


def test_a_missing_area_is_left_out_and_the_clauses_after_it_move_up() -> None:
    text = NORTHWIND.read_text(encoding="utf-8")
    start, end = text.index("# 5. Client requirements"), text.index("# 6. Guarantees")
    agreement = edited(NORTHWIND, (text[start:end], ""))
    headings = [s.heading for s in build_contract(agreement, "en").sections]
    assert "5. Guarantees" in headings
    assert not any("Client requirements" in h for h in headings)


def test_free_text_is_kept_as_written_in_either_language(romashka: Agreement) -> None:
    english = build_contract(romashka, "en")
    text = "\n".join(str(block) for section in english.all_sections() for block in section.blocks)
    assert "Файловый сервер" in text
    assert "Included services" in english.headings()[2]


def test_the_annex_lists_changes_when_given_and_says_so_when_there_are_none(northwind: Agreement) -> None:
    contract = build_contract(northwind, "en", changes=[], previous_version="0.9.0")
    assert contract.sections[-1].title == "Annex A. Changes from version 0.9.0"
