"""Layouts of the contract document: Markdown, HTML, PDF (WeasyPrint) and DOCX (python-docx)."""

from __future__ import annotations

from enum import StrEnum

from servicepact.adapters.rendering.docx import DocxRenderer
from servicepact.adapters.rendering.html import HtmlRenderer
from servicepact.adapters.rendering.markdown import MarkdownRenderer
from servicepact.adapters.rendering.pdf import PdfRenderer
from servicepact.domain.errors import InputError

Renderer = MarkdownRenderer | HtmlRenderer | PdfRenderer | DocxRenderer


class Format(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"

    @property
    def binary(self) -> bool:
        """Whether the format is binary (and so needs a file to go to)."""
        return self in (Format.PDF, Format.DOCX)


def renderer_for(format_name: str | Format) -> Renderer:
    """The renderer of a format (``md``, ``html``, ``pdf`` or ``docx``).

    >>> renderer_for("md").extension
    'md'
    """
    try:
        chosen = Format(str(format_name).lower())
    except ValueError:
        raise InputError(
            f"unknown format {format_name!r}; choose one of: {', '.join(f.value for f in Format)}"
        ) from None
    renderers: dict[Format, type[Renderer]] = {
        Format.MD: MarkdownRenderer,
        Format.HTML: HtmlRenderer,
        Format.PDF: PdfRenderer,
        Format.DOCX: DocxRenderer,
    }
    return renderers[chosen]()


__all__ = ["DocxRenderer", "Format", "HtmlRenderer", "MarkdownRenderer", "PdfRenderer", "renderer_for"]
