"""The contract as PDF: the HTML layout printed by WeasyPrint."""

from __future__ import annotations

from servicepact.adapters.rendering.html import HtmlRenderer
from servicepact.adapters.weasyprint_pdf import html_to_pdf
from servicepact.domain.contract import ContractDocument


class PdfRenderer:
    """Renders a contract document as PDF (A4 or Letter, as the document says)."""

    media_type = "application/pdf"
    extension = "pdf"

    def __init__(self, html: HtmlRenderer | None = None) -> None:
        self._html = html or HtmlRenderer()

    def render(self, contract: ContractDocument) -> bytes:
        return html_to_pdf(self._html.html(contract))
