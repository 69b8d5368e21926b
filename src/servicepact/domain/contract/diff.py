"""What changed between two versions of an agreement, in words.

Each change names its area (the clause it belongs to) and says in a sentence what changed, using the same
words as the contract: "The response time for P2 changes from 1 business hour to 2 business hours." /
"Время реакции для P2: было 1 рабочий час, стало 2 рабочих часа." Each area's sentences are written in its
module of :mod:`servicepact.domain.contract.areas`; this module runs them in the order of the clauses.

>>> from servicepact import load_agreement
>>> text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
>>> old = load_agreement(text)
>>> new = load_agreement(text.replace("P2: {response: 1h,", "P2: {response: 2h,"))
>>> [c.text for c in diff_agreements(old, new, "en")]
['The response time for P2 changes from 1 business hour to 2 business hours.']
"""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.contract.areas import CLAUSES
from servicepact.domain.contract.areas.base import DiffContext
from servicepact.domain.contract.areas.parties import compare_document
from servicepact.domain.contract.changes import Change
from servicepact.domain.contract.wording import Wording

__all__ = ["Change", "diff_agreements"]


def diff_agreements(old: Agreement, new: Agreement, language: str | None = None) -> list[Change]:
    """The changes from ``old`` to ``new`` in words, in the order of the contract's clauses.

    ``language`` defaults to the new agreement's language.
    """
    context = DiffContext(old, new, Wording(language or new.language.value))
    compare_document(context)
    for clause in CLAUSES:
        clause.compare(context)
    return context.changes
