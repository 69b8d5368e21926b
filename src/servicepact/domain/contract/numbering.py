"""Clause numbers as the builder appends the clauses, and cross-references resolved from them.

A clause may refer to a clause built after it (the guarantees cite the service credits of the performance
clause), so a reference is written as a placeholder while building and replaced once the whole document is
built, from the numbers the builder actually handed out. A reference to a sub-clause that was not built
resolves to ``None``, and its text says so instead of citing a number that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from servicepact.domain.contract.document import (
    Block,
    BulletList,
    ContractDocument,
    Paragraph,
    Section,
    Table,
)

# Private-use characters cannot occur in the agreement's text or in the catalog's wording.
_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


@dataclass(frozen=True)
class Clause:
    """An area's clause before it has a number: its title, its sub-clauses in order, its own blocks.

    ``keys`` names sub-clauses that other clauses refer to, by their index in ``subclauses``
    (``{"credits": 2}``: the third sub-clause is the one "service credits under clause …" cites).
    """

    title: str
    subclauses: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    keys: Mapping[str, int] = field(default_factory=dict)


class ClauseNumbers:
    """The numbers of the clauses appended so far by key (``performance`` → "7", ``credits`` → "7.3")."""

    def __init__(self) -> None:
        self._numbers: dict[str, str] = {}
        self._count = 0
        self._references: list[tuple[str, Callable[[str | None], str]]] = []

    def append(self, key: str, clause: Clause) -> Section:
        """The next numbered clause: ``clause`` numbered after the ones before it, its keys recorded."""
        self._count += 1
        number = str(self._count)
        self._numbers[key] = number
        for sub_key, index in clause.keys.items():
            self._numbers[sub_key] = f"{number}.{index + 1}"
        numbered = tuple(
            Section(
                title=sub.title,
                number=f"{number}.{index}",
                blocks=sub.blocks,
                anchor=f"clause-{number}-{index}",
            )
            for index, sub in enumerate(clause.subclauses, start=1)
        )
        return Section(
            title=clause.title,
            number=number,
            blocks=clause.blocks,
            subsections=numbered,
            anchor=f"clause-{number}",
        )

    def refer(self, key: str, text: Callable[[str | None], str]) -> str:
        """A placeholder for ``text(number of key)``; the number is ``None`` when no such clause is built."""
        self._references.append((key, text))
        return f"{_OPEN}{len(self._references) - 1}{_CLOSE}"

    def resolve(self, document: ContractDocument) -> ContractDocument:
        """``document`` with every placeholder replaced by the text of its reference."""
        if not self._references:
            return document
        return replace(document, sections=tuple(self._section(s) for s in document.sections))

    def _text(self, text: str) -> str:
        def resolved(match: re.Match[str]) -> str:
            key, words = self._references[int(match.group(1))]
            return words(self._numbers.get(key))

        return _PLACEHOLDER.sub(resolved, text) if _OPEN in text else text

    def _section(self, section: Section) -> Section:
        return replace(
            section,
            title=self._text(section.title),
            blocks=tuple(self._block(b) for b in section.blocks),
            subsections=tuple(self._section(s) for s in section.subsections),
        )

    def _block(self, block: Block) -> Block:
        # replace() keeps every field a block may gain later; only the texts are resolved.
        if isinstance(block, Paragraph):
            lead = self._text(block.lead) if block.lead is not None else None
            return replace(block, text=self._text(block.text), lead=lead)
        if isinstance(block, BulletList):
            return replace(block, items=tuple(self._text(item) for item in block.items))
        if isinstance(block, Table):
            return replace(
                block,
                header=tuple(self._text(cell) for cell in block.header),
                rows=tuple(tuple(self._text(cell) for cell in row) for row in block.rows),
            )
        return block  # signatures hold no reference
