"""The contract as a Word document (python-docx).

Tables repeat their header row on each page and rows do not split across pages; the header shows the
agreement id and version, the footer "Page N of M" (Word fields); a table of contents field lists the
clauses and Word fills in the page numbers when the document is opened.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from servicepact.domain.contract import (
    BulletList,
    ContractDocument,
    PageSize,
    Paragraph,
    Section,
    Signatures,
    Table,
)

# Arial has Cyrillic everywhere Word runs, and LibreOffice maps it to the metric-compatible Liberation Sans.
FONT = "Arial"
PAGE_SIZES = {PageSize.A4: (Mm(210), Mm(297)), PageSize.LETTER: (Mm(215.9), Mm(279.4))}


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    """Append a Word field (PAGE, NUMPAGES, TOC...) with ``placeholder`` as its last computed text."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            run.text = text or ""
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _row_property(tr: Any, name: str) -> None:
    tr_pr = tr.get_or_add_trPr()
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _shade(tc: Any, fill: str) -> None:
    tc_pr = tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


class DocxRenderer:
    """Renders a contract document as DOCX."""

    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"

    def render(self, contract: ContractDocument) -> bytes:
        document = Document()
        self._styles(document)
        self._page(document, contract)
        document.core_properties.title = contract.title
        document.core_properties.subject = contract.labels.subtitle
        document.core_properties.language = contract.language
        document.add_heading(contract.title, level=0)
        document.add_paragraph(contract.labels.subtitle)
        self._contents(document, contract)
        for section in contract.sections:
            self._section(document, section, 1)
        settings = document.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
        out = BytesIO()
        document.save(out)
        return out.getvalue()

    @staticmethod
    def _styles(document: DocxDocument) -> None:
        styles = document.styles
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid"):
            style = styles[name]
            style.font.name = FONT
            r_pr = style.element.get_or_add_rPr()
            fonts = r_pr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                r_pr.append(fonts)
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), FONT)
        styles["Normal"].font.size = Pt(10)
        styles["Title"].font.size = Pt(20)
        for name, size in (("Heading 1", 13), ("Heading 2", 11)):
            styles[name].font.size = Pt(size)
            styles[name].font.color.rgb = RGBColor(0x11, 0x11, 0x11)

    @staticmethod
    def _page(document: DocxDocument, contract: ContractDocument) -> None:
        width, height = PAGE_SIZES[contract.page_size]
        for section in document.sections:
            section.page_width, section.page_height = width, height
            section.left_margin, section.right_margin = Mm(22), Mm(20)
            section.top_margin, section.bottom_margin = Mm(24), Mm(22)
            header = section.header.paragraphs[0]
            header.text = f"{contract.labels.header}\t\t{contract.title}"
            for run in header.runs:
                run.font.size = Pt(8)
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            before, _, rest = contract.labels.page_of.partition("{page}")
            middle, _, after = rest.partition("{pages}")
            footer.add_run(before)
            _field(footer, "PAGE", "1")
            footer.add_run(middle)
            _field(footer, "NUMPAGES", "1")
            footer.add_run(after)
            for run in footer.runs:
                run.font.size = Pt(8)

    @staticmethod
    def _contents(document: DocxDocument, contract: ContractDocument) -> None:
        document.add_heading(contract.labels.contents, level=1)
        paragraph = document.add_paragraph()
        # The headings stand in as the field's text until Word computes the page numbers.
        _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "")
        for index, heading in enumerate(contract.headings()):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(heading)
        # Move the placeholder runs inside the field: between "separate" and "end".
        runs = paragraph._p.findall(qn("w:r"))
        end_run = runs[4]
        paragraph._p.remove(end_run)
        paragraph._p.append(end_run)
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def _section(self, document: DocxDocument, section: Section, level: int) -> None:
        document.add_heading(section.heading, level=min(level, 3))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                paragraph = document.add_paragraph()
                if block.lead:
                    paragraph.add_run(block.lead + (" " if block.text else "")).bold = True
                paragraph.add_run(block.text)
            elif isinstance(block, BulletList):
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                self._table(document, block)
            elif isinstance(block, Signatures):
                self._signatures(document, block)
        for subsection in section.subsections:
            self._section(document, subsection, level + 1)

    @staticmethod
    def _table(document: DocxDocument, block: Table) -> DocxTable:
        # python-docx leaves Document.add_table unannotated; it returns the body's Table.
        table: DocxTable = document.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        _row_property(header._tr, "w:tblHeader")
        _row_property(header._tr, "w:cantSplit")
        for cell, text in zip(header.cells, block.header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(9)
            _shade(cell._tc, "E9EDF2")
        for values in block.rows:
            row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves add_row unannotated
            _row_property(row._tr, "w:cantSplit")
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).font.size = Pt(9)
        if block.widths:
            total = sum(block.widths)
            usable = Mm(170)
            for column, width in zip(table.columns, block.widths, strict=True):
                for cell in column.cells:
                    cell.width = int(usable * width / total)
        document.add_paragraph()
        return table

    @staticmethod
    def _signatures(document: DocxDocument, block: Signatures) -> None:
        table = document.add_table(rows=1, cols=len(block.parties))
        _row_property(table.rows[0]._tr, "w:cantSplit")
        for cell, party in zip(table.rows[0].cells, block.parties, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(party.role).bold = True
            cell.add_paragraph(party.name)
            cell.add_paragraph("")
            cell.add_paragraph(f"{block.signature_label}: ____________________")
            cell.add_paragraph(f"{block.name_label}: {party.signatory or '____________________'}")
            cell.add_paragraph(f"{block.date_label}: ____________________")
