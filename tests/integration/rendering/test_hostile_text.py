"""A contract whose title and party names hold CSS and HTML source still renders, as plain text, in every
format; and printing it fetches nothing (issue 13: a carriage return in a title escaped into the running
header's CSS, and the PDF printer was asked for ``url(http://127.0.0.1:…)``).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from markupsafe import escape
from pypdf import PdfReader

from servicepact import Agreement, load_agreement
from servicepact.adapters.rendering import DocxRenderer, HtmlRenderer, MarkdownRenderer, PdfRenderer
from servicepact.domain.contract import ContractDocument
from servicepact.services import rendering
from tests.integration.rendering.hostile import hostile_text, normalized, recording_server, squeezed

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")


def hostile_agreement(port: int) -> Agreement:
    agreement = load_agreement(EXAMPLE)
    parties = agreement.parties
    client = parties.client.model_copy(update={"name": hostile_text(port, "Client")})
    return agreement.model_copy(
        update={"title": hostile_text(port), "parties": parties.model_copy(update={"client": client})}
    )


def hostile_contract(port: int) -> ContractDocument:
    return rendering.contract(hostile_agreement(port), language="en")


def test_no_agreement_text_is_in_the_stylesheet_and_the_page_holds_it_escaped() -> None:
    contract = hostile_contract(8)
    page = HtmlRenderer().html(contract)
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.DOTALL)
    assert len(styles) == 1
    assert "Evil" not in styles[0]
    assert "url(" not in styles[0]
    assert "string(running-title)" in styles[0]
    assert f'data-running-title="{escape(contract.title)}"' in page
    assert "<b>bold</b>" not in page


def test_the_pdf_of_a_contract_with_hostile_text_fetches_nothing_and_shows_the_text_plainly() -> None:
    with recording_server() as server:
        contract = hostile_contract(server.port)
        pdf = PdfRenderer().render(contract)
    assert server.requests == []
    pages = [squeezed(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    title = squeezed(contract.title)
    assert title in pages[0]
    # The running header of every later page is the title as text, and no section was hidden.
    assert all(title in page for page in pages[1:])
    everything = "".join(pages)
    for section in contract.sections:
        assert squeezed(section.heading) in everything
    assert squeezed(hostile_text(server.port, "Client")) in everything


def test_docx_and_markdown_of_a_contract_with_hostile_text_hold_it_as_plain_text() -> None:
    contract = hostile_contract(8)
    document = Document(BytesIO(DocxRenderer().render(contract)))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [paragraph.text for section in document.sections for paragraph in section.header.paragraphs]
    assert any(normalized(contract.title) in normalized(text) for text in texts)

    markdown = MarkdownRenderer().text(contract)
    first_line = markdown.splitlines()[0]
    # One heading line: the carriage return does not end the title's heading and start a new line.
    assert first_line.startswith("# Evil")
    assert first_line.endswith("url(file:///etc/hostname)")
    assert "\r" not in markdown
    assert "\\<b\\>bold\\</b\\>" in first_line
