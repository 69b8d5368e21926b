"""Build the contract document of an agreement in a language.

Order (issue 6): parties and term; one numbered clause per area (services, response times and hours of
service, responsibilities, availability, client requirements, guarantees, performance, priorities);
billing; signatures; and, when asked, an annex listing the changes from an earlier version. Each area's
clause is written in its module of :mod:`servicepact.domain.contract.areas`; this module puts them in
order and numbers them as it appends them, and cross-references are filled in from those numbers.

>>> from servicepact import load_agreement
>>> contract = build_contract(load_agreement(EXAMPLES / "northwind-acme.en.yaml"), "ru")
>>> contract.sections[1].heading
'1. Услуги'
"""

from __future__ import annotations

from collections.abc import Sequence

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.contract.annex import annex, group_changes
from servicepact.domain.contract.areas import CLAUSES
from servicepact.domain.contract.areas.base import ClauseContext
from servicepact.domain.contract.areas.parties import parties_and_term, signatures, term_end
from servicepact.domain.contract.changes import Change
from servicepact.domain.contract.document import ContractDocument, Labels, PageSize, Section
from servicepact.domain.contract.numbering import ClauseNumbers
from servicepact.domain.contract.wording import Wording

__all__ = ["build_contract", "default_page_size", "group_changes", "term_end"]


def default_page_size(language: str) -> PageSize:
    """A4 for Russian readers, US Letter for English ones."""
    return PageSize.LETTER if language == "en" else PageSize.A4


def build_contract(
    agreement: Agreement,
    language: str | None = None,
    *,
    changes: Sequence[Change] | None = None,
    previous_version: str | None = None,
    page_size: PageSize | None = None,
) -> ContractDocument:
    """The contract of ``agreement`` in ``language`` (default: the agreement's own language).

    ``changes`` (from :func:`servicepact.domain.contract.diff.diff_agreements`) adds an annex listing them;
    ``previous_version`` names the version they are counted from.
    """
    lang = language or agreement.language.value
    numbers = ClauseNumbers()
    context = ClauseContext(agreement, Wording(lang), numbers)
    _ = context._
    sections: list[Section] = [parties_and_term(context)]
    for part in CLAUSES:
        clause = part.build(context)
        if clause is not None:
            sections.append(numbers.append(part.key, clause))
    sections.append(signatures(context))
    if changes is not None:
        sections.append(annex(context, changes, previous_version))
    labels = Labels(
        contents=_("Contents"),
        page_of=_("Page {page} of {pages}"),
        header=_("{id} · version {version}").format(id=agreement.id, version=agreement.version),
        subtitle=_("Agreement {id}, version {version}").format(id=agreement.id, version=agreement.version),
    )
    document = ContractDocument(
        language=lang,
        title=agreement.title,
        agreement_id=agreement.id,
        version=agreement.version,
        page_size=page_size or default_page_size(lang),
        labels=labels,
        sections=tuple(sections),
    )
    return numbers.resolve(document)
