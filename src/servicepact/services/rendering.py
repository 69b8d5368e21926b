"""Use case: render an agreement as a contract document (and say what changed since an earlier version).

The layout is an adapter behind the :class:`Renderer` port; this module only decides what goes in.

>>> from servicepact import load_agreement
>>> from servicepact.adapters.rendering import renderer_for
>>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
>>> render(agreement, renderer_for("md")).decode().splitlines()[0]
'# Managed IT Services Agreement'
"""

from __future__ import annotations

from typing import Protocol

from servicepact.domain.agreement import Agreement
from servicepact.domain.contract import (
    LANGUAGES,
    Change,
    ContractDocument,
    PageSize,
    build_contract,
    diff_agreements,
)
from servicepact.domain.errors import InputError


class Renderer(Protocol):
    """Lays a contract document out in one format (Markdown, HTML, PDF, DOCX)."""

    @property
    def media_type(self) -> str: ...

    @property
    def extension(self) -> str: ...

    def render(self, contract: ContractDocument) -> bytes:
        """The document's bytes in the renderer's format."""
        ...


def contract_language(agreement: Agreement, language: str | None) -> str:
    """The language to write in: the one asked for, else the agreement's own; an unknown one is an error."""
    chosen = (language or agreement.language.value).lower()
    if chosen not in LANGUAGES:
        raise InputError(f"cannot write a contract in {language!r}; choose one of: {', '.join(LANGUAGES)}")
    return chosen


def contract(
    agreement: Agreement,
    *,
    language: str | None = None,
    previous: Agreement | None = None,
    page_size: PageSize | None = None,
) -> ContractDocument:
    """The contract document of ``agreement``; with ``previous``, an annex lists what changed since it."""
    lang = contract_language(agreement, language)
    changes = diff_agreements(previous, agreement, lang) if previous is not None else None
    return build_contract(
        agreement,
        lang,
        changes=changes,
        previous_version=previous.version if previous is not None else None,
        page_size=page_size,
    )


def render(
    agreement: Agreement,
    renderer: Renderer,
    *,
    language: str | None = None,
    previous: Agreement | None = None,
    page_size: PageSize | None = None,
) -> bytes:
    """The contract of ``agreement`` laid out by ``renderer``."""
    document = contract(agreement, language=language, previous=previous, page_size=page_size)
    return renderer.render(document)


def changes(old: Agreement, new: Agreement, *, language: str | None = None) -> list[Change]:
    """What changed from ``old`` to ``new``, in words, in the order of the contract's clauses."""
    return diff_agreements(old, new, contract_language(new, language))
