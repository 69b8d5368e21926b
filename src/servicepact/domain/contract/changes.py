"""One change between two versions of an agreement, in words (what the diff returns and the annex lists)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One change: ``area`` is the key of the clause it belongs to (``support``, ``billing``...)."""

    area: str
    text: str
