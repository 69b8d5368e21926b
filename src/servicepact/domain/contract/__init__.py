"""The agreement as a contract: a format-neutral document in the reader's language, and what changed.

>>> from servicepact import load_agreement  # doctest: +SKIP
>>> contract = build_contract(load_agreement("examples/northwind-acme.en.yaml"), "ru")  # doctest: +SKIP
>>> changes = diff_agreements(old, new, "en")  # doctest: +SKIP
"""

from servicepact.domain.contract.annex import group_changes
from servicepact.domain.contract.build import build_contract, default_page_size
from servicepact.domain.contract.changes import Change
from servicepact.domain.contract.diff import diff_agreements
from servicepact.domain.contract.document import (
    Block,
    BulletList,
    ContractDocument,
    Labels,
    PageSize,
    Paragraph,
    Section,
    SignatureParty,
    Signatures,
    Table,
)
from servicepact.domain.contract.wording import LANGUAGES, Wording

__all__ = [
    "LANGUAGES",
    "Block",
    "BulletList",
    "Change",
    "ContractDocument",
    "Labels",
    "PageSize",
    "Paragraph",
    "Section",
    "SignatureParty",
    "Signatures",
    "Table",
    "Wording",
    "build_contract",
    "default_page_size",
    "diff_agreements",
    "group_changes",
]
