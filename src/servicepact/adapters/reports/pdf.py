"""The report as PDF: the very HTML page of :mod:`.html`, charts included, printed by WeasyPrint."""

from __future__ import annotations

from servicepact.domain.errors import ExternalServiceError


def html_to_pdf(html: str) -> bytes:
    """Print an HTML page (A4 or Letter, as its stylesheet says) to PDF bytes."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only PDF needs it

    try:
        return bytes(HTML(string=html, base_url=None).write_pdf())
    except (OSError, ValueError) as error:
        raise ExternalServiceError(f"the PDF renderer failed: {error}") from error
