"""HTML and PDF reports of the two example agreements: read the PDF's text back, and check the charts.

Each PDF takes a few seconds (WeasyPrint), so they are made once per module: Northwind in English
(Letter) and Severny Veter in Russian (A4), which covers both page sizes, Latin and Cyrillic.
"""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from servicepact.adapters.reports import RenderedReport, chart_svg, report_html
from servicepact.adapters.weasyprint_pdf import html_to_pdf
from tests.unit.reporting.helpers import Month, month

# WeasyPrint 70 warns on import when the system lacks libharfbuzz-subset (it still subsets fonts itself);
# that is a note about this machine's libraries, not about our reports.
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")
# The PDFs of this module take 10-30 s together (more on a busy machine): the tests that read them are slow.
slow = pytest.mark.slow

CASES = [("northwind", "en"), ("romashka", "ru")]
POINTS_PER_INCH = 72
POINTS_PER_MM = 72 / 25.4


def normalized(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


@pytest.fixture(scope="module")
def months() -> dict[str, Month]:
    return {name: month(name) for name, _ in CASES}


@pytest.fixture(scope="module")
def rendered(months: dict[str, Month]) -> dict[tuple[str, str], RenderedReport]:
    return {
        (name, language): report_html(
            months[name].evaluation, months[name].agreement, language, months[name].inputs
        )
        for name, language in [*CASES, ("northwind", "ru"), ("romashka", "en")]
    }


@pytest.fixture(scope="module")
def pdfs(rendered: dict[tuple[str, str], RenderedReport]) -> dict[tuple[str, str], PdfReader]:
    return {case: PdfReader(BytesIO(html_to_pdf(rendered[case].html))) for case in CASES}


def pdf_text(reader: PdfReader) -> str:
    return normalized("\n".join(page.extract_text() for page in reader.pages))


@slow
@pytest.mark.parametrize("case", CASES)
def test_the_pdf_text_has_every_heading_kpi_credit_and_a_breached_ticket(
    case: tuple[str, str],
    rendered: dict[tuple[str, str], RenderedReport],
    pdfs: dict[tuple[str, str], PdfReader],
) -> None:
    report = rendered[case].report
    text = pdf_text(pdfs[case])
    expected = [
        report.title,
        report.subtitle,
        report.summary.verdict,
        report.labels.levels,
        report.labels.credits,
        report.labels.extras,
        *(section.title for section in report.sections),
        *(level.name for level in report.summary.levels),
        *(card.value for card in report.summary.cards),
        "SR-1002",
    ]
    missing = [item for item in expected if normalized(item) not in text]
    assert missing == []


@slow
def test_the_english_pdf_says_the_credit_amount_and_which_kpis_were_missed(
    pdfs: dict[tuple[str, str], PdfReader],
) -> None:
    text = pdf_text(pdfs[("northwind", "en")])
    assert "$450 is due as service credits for March 2027." in text
    assert "First responses within target at least 95% 80% Missed" in text
    assert "Resolutions within target at least 90% 90% Met" in text


@slow
def test_the_russian_pdf_is_in_russian_with_the_credit_in_roubles(
    pdfs: dict[tuple[str, str], PdfReader],
) -> None:
    text = pdf_text(pdfs[("romashka", "ru")])
    assert "Отчёт об уровне обслуживания" in text
    assert "К выплате компенсаций за март 2026: 9 000 ₽." in text
    assert "Первый ответ в срок не менее 95 % 80 % Не выполнен" in text
    assert "Страница 2 из" in text


@slow
def test_chart_labels_are_text_in_the_pdf_too(pdfs: dict[tuple[str, str], PdfReader]) -> None:
    assert "within half the target" in pdf_text(pdfs[("northwind", "en")])
    assert "Возраст последней успешной копии относительно RPO" in pdf_text(pdfs[("romashka", "ru")])


@slow
def test_the_pdf_is_letter_in_english_and_a4_in_russian(pdfs: dict[tuple[str, str], PdfReader]) -> None:
    letter = pdfs[("northwind", "en")].pages[0].mediabox
    a4 = pdfs[("romashka", "ru")].pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (
        8.5 * POINTS_PER_INCH,
        11 * POINTS_PER_INCH,
    )
    assert (round(float(a4.width) / POINTS_PER_MM), round(float(a4.height) / POINTS_PER_MM)) == (210, 297)


@pytest.mark.parametrize("case", [*CASES, ("northwind", "ru"), ("romashka", "en")])
def test_the_svg_in_the_html_is_the_svg_the_pdf_is_printed_from(
    case: tuple[str, str], rendered: dict[tuple[str, str], RenderedReport]
) -> None:
    result = rendered[case]
    specs = result.report.chart_specs()
    assert [chart.key for chart in specs] == ["attainment", "times", "uptime", "backups"]
    inline = re.findall(r"<svg.*?</svg>", result.html, flags=re.DOTALL)
    assert inline == [result.charts[chart.key] for chart in specs]
    assert inline == [chart_svg(chart) for chart in specs]  # and the same again when drawn anew


@pytest.mark.parametrize("case", [("northwind", "ru"), ("romashka", "en")])
def test_a_report_can_be_read_in_the_other_language(
    case: tuple[str, str], rendered: dict[tuple[str, str], RenderedReport]
) -> None:
    html = rendered[case].html
    assert f'<html lang="{case[1]}">' in html
    assert ("Отчёт об уровне обслуживания" in html) is (case[1] == "ru")
