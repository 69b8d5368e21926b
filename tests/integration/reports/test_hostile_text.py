"""A report for a client whose name holds CSS and HTML source prints it as plain text and fetches nothing
(issue 13: the client's name went into the running header's CSS, so a carriage return let it escape)."""

from __future__ import annotations

import dataclasses
import re
from io import BytesIO

import pytest
from markupsafe import escape
from pypdf import PdfReader

from servicepact.adapters.reports import report_html
from servicepact.adapters.weasyprint_pdf import html_to_pdf
from tests.integration.rendering.hostile import hostile_text, recording_server, squeezed
from tests.unit.reporting.helpers import month

pytestmark = [
    pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning"),
    pytest.mark.slow,
]


def test_a_hostile_client_name_is_plain_text_in_the_report_and_its_pdf_fetches_nothing() -> None:
    northwind = month("northwind")
    with recording_server() as server:
        client = hostile_text(server.port, "Client")
        evaluation = dataclasses.replace(northwind.evaluation, client=client)
        rendered = report_html(evaluation, northwind.agreement, "en", northwind.inputs)
        pdf = html_to_pdf(rendered.html)
    assert server.requests == []

    (style,) = re.findall(r"<style>(.*?)</style>", rendered.html, flags=re.DOTALL)
    assert "Client" not in style
    assert "url(" not in style
    assert f'data-running-header="{escape(rendered.report.labels.header)}"' in rendered.html

    pages = [squeezed(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    assert len(pages) > 1
    # The subtitle on the first page and the running header of every later page hold the name as text.
    assert squeezed(client) in pages[0]
    assert all(squeezed(rendered.report.labels.header) in page for page in pages[1:])
    for section in rendered.report.sections:
        assert squeezed(section.title) in "".join(pages)
