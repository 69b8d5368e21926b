"""PDF, DOCX and HTML contracts of the examples: read the text back and find every heading and target.

PDFs are made once per example and language (WeasyPrint takes a second or two for each).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from servicepact import Agreement, load_agreement
from servicepact.adapters.rendering import DocxRenderer, HtmlRenderer, PdfRenderer
from servicepact.domain.contract import ContractDocument, Wording
from servicepact.services import rendering

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = {
    "northwind": ROOT / "examples" / "northwind-acme.en.yaml",
    "romashka": ROOT / "examples" / "severny-veter-romashka.ru.yaml",
}
CASES = [(example, language) for example in EXAMPLES for language in ("en", "ru")]
# PDFs take a second or two each: each example in its own language, which covers A4 and Letter, Latin and
# Cyrillic. Every case is checked as DOCX (fast), and the Markdown of every case has golden files.
PDF_CASES = [("northwind", "en"), ("romashka", "ru")]
POINTS_PER_MM = 72 / 25.4

# WeasyPrint 70 warns on import when the system lacks libharfbuzz-subset (it still subsets fonts itself);
# that is a note about this machine's libraries, not about our documents.
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")


def normalized(text: str) -> str:
    """Text with every run of white space (no-break spaces included) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def targets(agreement: Agreement, language: str) -> list[str]:
    """Every target number of the agreement as the contract writes it."""
    w = Wording(language)
    found: list[str] = []
    support = agreement.support
    assert support is not None
    for priority, target in support.targets.items():
        spec = agreement.calendars[support.target_calendar(priority)]
        for duration in (target.response, target.resolution):
            assert duration is not None
            found.append(w.duration(duration, business=not spec.always_open))
    assert agreement.availability is not None
    assert agreement.performance is not None
    found += [w.percent(item.target) for item in agreement.availability.uptime]
    for tier in agreement.availability.recovery:
        found += [w.duration(d) for d in (tier.rto, tier.rpo) if d is not None]
    found += [w.kpi_target(kpi.target) for kpi in agreement.performance.kpis if kpi.target]
    credits = agreement.performance.service_credits
    assert credits is not None
    assert credits.cap is not None
    found += [w.percent(tier.below) for tier in credits.tiers] + [w.percent(t.credit) for t in credits.tiers]
    found.append(w.percent(credits.cap))
    return [normalized(text) for text in found]


@pytest.fixture(scope="module")
def contracts() -> dict[tuple[str, str], tuple[Agreement, ContractDocument]]:
    loaded = {name: load_agreement(path) for name, path in EXAMPLES.items()}
    return {
        (name, language): (loaded[name], rendering.contract(loaded[name], language=language))
        for name, language in CASES
    }


@pytest.fixture(scope="module")
def pdfs(
    contracts: dict[tuple[str, str], tuple[Agreement, ContractDocument]],
) -> dict[tuple[str, str], bytes]:
    renderer = PdfRenderer()
    return {case: renderer.render(contracts[case][1]) for case in PDF_CASES}


def pdf_text(pdf: bytes) -> str:
    return normalized(" ".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages))


def docx_text(data: bytes) -> str:
    document = Document(BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return normalized(" ".join(parts))


@pytest.mark.parametrize(("example", "language"), PDF_CASES)
def test_the_pdf_holds_every_clause_heading_and_every_target(
    example: str, language: str, contracts: dict, pdfs: dict
) -> None:
    agreement, document = contracts[example, language]
    text = pdf_text(pdfs[example, language])
    assert [h for h in document.headings() if normalized(h) not in text] == []
    assert [t for t in targets(agreement, language) if t not in text] == []


@pytest.mark.parametrize(("example", "language"), CASES)
def test_the_docx_holds_every_clause_heading_and_every_target(
    example: str, language: str, contracts: dict
) -> None:
    agreement, document = contracts[example, language]
    text = docx_text(DocxRenderer().render(document))
    assert [h for h in document.headings() if normalized(h) not in text] == []
    assert [t for t in targets(agreement, language) if t not in text] == []


@pytest.mark.parametrize(
    ("case", "size_mm"), [(("romashka", "ru"), (210, 297)), (("northwind", "en"), (215.9, 279.4))]
)
def test_russian_pdfs_are_a4_and_english_ones_us_letter(
    case: tuple[str, str], size_mm: tuple[float, float], pdfs: dict
) -> None:
    page = PdfReader(BytesIO(pdfs[case])).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / POINTS_PER_MM), round(height / POINTS_PER_MM)) == tuple(round(s) for s in size_mm)


def test_pdf_pages_carry_the_agreement_id_version_and_page_numbers(pdfs: dict) -> None:
    reader = PdfReader(BytesIO(pdfs["romashka", "ru"]))
    second = normalized(reader.pages[1].extract_text())
    assert "sv-romashka-2026 · редакция 1.0.0" in second
    assert f"Страница 2 из {len(reader.pages)}" in second


def test_the_pdf_table_of_contents_gives_page_numbers(pdfs: dict) -> None:
    first = normalized(PdfReader(BytesIO(pdfs["northwind", "en"])).pages[0].extract_text())
    assert re.search(r"1\. Services\s*\.*\s*\d+", first)


def test_docx_tables_repeat_their_header_and_never_split_a_row(contracts: dict) -> None:
    document = Document(BytesIO(DocxRenderer().render(contracts["northwind", "en"][1])))
    table = document.tables[1]
    header_xml = table.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml
    assert all("w:cantSplit" in row._tr.xml for row in table.rows)
    footer_xml = document.sections[0].footer._element.xml
    assert "NUMPAGES" in footer_xml
    assert document.sections[0].page_width.mm == pytest.approx(215.9, abs=0.1)


def test_the_html_prints_with_page_rules_a_cyrillic_font_and_unbroken_rows(contracts: dict) -> None:
    html = HtmlRenderer().html(contracts["romashka", "ru"][1])
    for rule in (
        "size: A4",
        "counter(pages)",
        "target-counter(attr(href), page)",
        "break-inside: avoid",
        "display: table-header-group",
        '"DejaVu Serif"',
    ):
        assert rule in html
    assert "&lt;" not in html.split("<main>")[0]  # the stylesheet is not HTML-escaped


def test_free_text_is_escaped_in_html() -> None:
    text = (
        EXAMPLES["northwind"]
        .read_text(encoding="utf-8")
        .replace(
            "title: Managed IT Services Agreement", 'title: "Managed <b>IT</b> \\"Services\\" Agreement"'
        )
    )
    html = HtmlRenderer().html(rendering.contract(load_agreement(text)))
    assert "<h1>Managed &lt;b&gt;IT&lt;/b&gt; &#34;Services&#34; Agreement</h1>" in html
