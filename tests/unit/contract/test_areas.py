"""The registry of areas and the clause numbers: one list drives the contract, the diff and the annex;
cross-references are read from the numbers the builder handed out."""

from __future__ import annotations

from servicepact import Agreement
from servicepact.domain.agreement.model import AREAS as AGREEMENT_AREAS
from servicepact.domain.contract import (
    ContractDocument,
    Labels,
    PageSize,
    Paragraph,
    Section,
    Table,
    build_contract,
    group_changes,
)
from servicepact.domain.contract.areas import AREAS, CHANGE_ORDER, CLAUSES
from servicepact.domain.contract.changes import Change
from servicepact.domain.contract.numbering import Clause, ClauseNumbers

from .conftest import NORTHWIND, edited


def _remove_block(start: str, end: str) -> Agreement:
    text = NORTHWIND.read_text(encoding="utf-8")
    return edited(NORTHWIND, (text[text.index(start) : text.index(end)], ""))


def _commitment_remedies(contract_sections: tuple[Section, ...]) -> list[str]:
    guarantees = next(s for s in contract_sections if s.title == "Guarantees")
    table = next(b for b in guarantees.subsections[0].blocks if isinstance(b, Table))
    return [row[2] for row in table.rows]


def test_the_contract_areas_are_the_agreement_areas_in_the_same_order() -> None:
    assert tuple(area.key for area in AREAS) == AGREEMENT_AREAS
    assert [clause.key for clause in CLAUSES] == [*AGREEMENT_AREAS, "billing"]


def test_the_annex_groups_changes_in_the_order_of_the_registry() -> None:
    changes = [Change(area, area[0]) for area in ("billing", "priorities", "services", "term")]
    assert list(group_changes(changes)) == ["term", "services", "priorities", "billing"]
    assert CHANGE_ORDER.index("services") < CHANGE_ORDER.index("priorities") < CHANGE_ORDER.index("billing")


def test_the_credits_reference_follows_the_performance_clause_when_an_earlier_clause_is_missing() -> None:
    agreement = _remove_block("# 5. Client requirements", "# 6. Guarantees")
    contract = build_contract(agreement, "en")
    performance = next(s for s in contract.sections if s.title == "Performance")
    assert performance.subsections[2].heading == "6.3. Service credits"
    assert _commitment_remedies(contract.sections)[:2] == ["Service credits under clause 6.3"] * 2


def test_the_credits_reference_moves_with_the_sub_clauses_before_it() -> None:
    agreement = _remove_block("  reporting:\n", "  service_credits:")
    contract = build_contract(agreement, "en")
    assert "7.2. Service credits" in contract.headings()
    assert _commitment_remedies(contract.sections)[0] == "Service credits under clause 7.2"


def test_without_a_service_credits_sub_clause_the_commitments_cite_no_clause_number() -> None:
    text = NORTHWIND.read_text(encoding="utf-8")
    credits = text[text.index("  service_credits:") : text.index("# 8. Priorities")]
    contract = build_contract(edited(NORTHWIND, (credits, "\n")), "en")
    assert not any("Service credits" in h for h in contract.headings())
    assert _commitment_remedies(contract.sections)[:2] == ["Service credits"] * 2


def test_billing_cites_the_after_hours_sub_clause_by_its_built_number(northwind: Agreement) -> None:
    contract = build_contract(northwind, "en")
    assert "2.4. After-hours service" in contract.headings()
    billing = next(s for s in contract.sections if s.title == "Billing")
    paragraph = billing.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert "after-hours multiplier (clause 2.4)." in paragraph.text


def test_a_reference_to_a_later_clause_is_resolved_once_the_document_is_built() -> None:
    labels = Labels("Contents", "Page {page} of {pages}", "header", "subtitle")
    numbers = ClauseNumbers()
    cite = numbers.refer("later", lambda n: f"see {n}")
    first = numbers.append("first", Clause("First", blocks=(Paragraph(cite),)))
    second = numbers.append("later", Clause("Later", (Section("a"), Section("b")), keys={"b": 1}))
    assert (first.number, second.number, second.subsections[1].number) == ("1", "2", "2.2")
    cite_b = numbers.refer("b", lambda n: f"see {n}")
    third = numbers.append("third", Clause("Third", blocks=(Paragraph(cite_b, lead=cite_b),)))
    document = ContractDocument("en", "T", "id", "1", PageSize.A4, labels, (first, second, third))
    resolved = numbers.resolve(document)
    assert resolved.sections[0].blocks == (Paragraph("see 2"),)
    assert resolved.sections[2].blocks == (Paragraph("see 2.2", lead="see 2.2"),)
