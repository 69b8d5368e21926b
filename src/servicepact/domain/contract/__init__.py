"""The agreement as a contract: a format-neutral document in the reader's language, and what changed.

>>> from servicepact import load_agreement
>>> text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
>>> old = load_agreement(text)
>>> new = load_agreement(text.replace("P2: {response: 1h,", "P2: {response: 2h,"))
>>> contract = build_contract(new, "ru")
>>> [change.text for change in diff_agreements(old, new, "en")]
['The response time for P2 changes from 1 business hour to 2 business hours.']
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
