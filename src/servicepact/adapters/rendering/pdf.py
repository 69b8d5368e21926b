"""The contract as PDF: the HTML layout printed by WeasyPrint."""

from __future__ import annotations

from servicepact.adapters.rendering.html import HtmlRenderer
from servicepact.domain.contract import ContractDocument
from servicepact.domain.errors import ExternalServiceError


class PdfRenderer:
    """Renders a contract document as PDF (A4 or Letter, as the document says)."""

    media_type = "application/pdf"
    extension = "pdf"

    def __init__(self, html: HtmlRenderer | None = None) -> None:
        self._html = html or HtmlRenderer()

    def render(self, contract: ContractDocument) -> bytes:
        from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only PDF needs it

        try:
            document = HTML(string=self._html.html(contract), base_url=None)
            return bytes(document.write_pdf())
        except (OSError, ValueError) as error:
            raise ExternalServiceError(f"the PDF renderer failed: {error}") from error
