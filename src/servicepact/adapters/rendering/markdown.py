"""The contract as Markdown (GitHub-flavoured: pipe tables)."""

from __future__ import annotations

import re

from servicepact.domain.contract import (
    Block,
    BulletList,
    ContractDocument,
    Paragraph,
    Section,
    Signatures,
    Table,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
# Every line break Markdown readers (or editors) honour besides LF: a carriage return in a title must not
# end its heading line and start a line of its own.
_OTHER_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")


def escape(text: str) -> str:
    """Free text with Markdown's special characters escaped and every line break as LF, so it prints
    as written."""
    return _SPECIAL.sub(r"\\\1", _OTHER_BREAKS.sub("\n", text))


def _line(text: str) -> str:
    """Escaped text on one line (a heading, a list item, a title): its line breaks become spaces."""
    return escape(text).replace("\n", " ")


def _cell(text: str) -> str:
    return _line(text).replace("|", "\\|") or " "


class MarkdownRenderer:
    """Renders a contract document as Markdown text (UTF-8)."""

    media_type = "text/markdown; charset=utf-8"
    extension = "md"

    def render(self, contract: ContractDocument) -> bytes:
        return self.text(contract).encode("utf-8")

    def text(self, contract: ContractDocument) -> str:
        lines = [f"# {_line(contract.title)}", "", f"*{_line(contract.labels.subtitle)}*", ""]
        for section in contract.sections:
            self._section(section, 2, lines)
        return "\n".join(lines).rstrip("\n") + "\n"

    def _section(self, section: Section, level: int, lines: list[str]) -> None:
        lines += ["#" * level + " " + _line(section.heading), ""]
        for block in section.blocks:
            lines += [*self._block(block), ""]
        for subsection in section.subsections:
            self._section(subsection, level + 1, lines)

    def _block(self, block: Block) -> list[str]:
        if isinstance(block, Paragraph):
            lead = f"**{_line(block.lead)}**" if block.lead else ""
            return [" ".join(part for part in (lead, escape(block.text)) if part)]
        if isinstance(block, BulletList):
            return [f"- {_line(item)}" for item in block.items]
        if isinstance(block, Table):
            return self._table(block.header, [list(row) for row in block.rows])
        if isinstance(block, Signatures):
            header = ("", *(party.role for party in block.parties))
            rows = [
                ["", *(party.name for party in block.parties)],
                [block.signature_label, *("" for _ in block.parties)],
                [block.name_label, *(party.signatory or "" for party in block.parties)],
                [block.date_label, *("" for _ in block.parties)],
            ]
            return self._table(header, rows)
        raise TypeError(f"unknown block {block!r}")

    @staticmethod
    def _table(header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(_cell(cell) for cell in header) + " |"]
        lines.append("|" + "|".join(" --- " for _ in header) + "|")
        lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
        return lines
