"""The contract as a format-neutral document: numbered sections of paragraphs, lists and tables.

Renderers (Markdown, HTML, PDF, DOCX) lay this out; they add no words of their own. Every text here is
final: fixed wording already translated, free text as the agreement wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class PageSize(StrEnum):
    A4 = "A4"
    LETTER = "Letter"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text. ``lead`` is a short label set in bold before the text."""

    text: str
    lead: str | None = None


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``widths`` are relative column widths (renderers may ignore them)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError("every row of a table has as many cells as its header")


@dataclass(frozen=True)
class SignatureParty:
    role: str
    name: str
    signatory: str | None = None


@dataclass(frozen=True)
class Signatures:
    """The signature blocks: one per party, each with lines for the signature, the name and the date."""

    parties: tuple[SignatureParty, ...]
    signature_label: str
    name_label: str
    date_label: str


Block = Paragraph | BulletList | Table | Signatures


@dataclass(frozen=True)
class Section:
    """A clause (``number`` "3"), a sub-clause ("3.2") or an unnumbered part (number None)."""

    title: str
    number: str | None = None
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    anchor: str = ""

    @property
    def heading(self) -> str:
        """The heading as printed: ``3.2. Title`` for numbered clauses."""
        return f"{self.number}. {self.title}" if self.number else self.title

    def walk(self) -> Iterator[Section]:
        """This section and all its subsections, depth first."""
        yield self
        for subsection in self.subsections:
            yield from subsection.walk()


@dataclass(frozen=True)
class Labels:
    """The fixed words a layout needs (translated): the table of contents, page numbers, the header."""

    contents: str
    page_of: str  # "Page {page} of {pages}"
    header: str  # "northwind-acme-2027 · version 1.0.0"
    subtitle: str


@dataclass(frozen=True)
class ContractDocument:
    """A whole contract, ready to be laid out."""

    language: str
    title: str
    agreement_id: str
    version: str
    page_size: PageSize
    labels: Labels
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def headings(self) -> list[str]:
        """Every heading, in order (clauses and sub-clauses)."""
        return [section.heading for top in self.sections for section in top.walk()]

    def all_sections(self) -> Iterator[Section]:
        for top in self.sections:
            yield from top.walk()
