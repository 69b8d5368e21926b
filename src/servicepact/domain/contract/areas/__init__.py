"""The areas of the contract, one module each (its clause and its diff), and the one list of them in order.

To add a clause: write its module here (an :class:`~servicepact.domain.contract.areas.base.Area` with its
``clause`` and its ``diff``) and put it in :data:`AREAS`; the builder, the diff and the annex follow.
"""

from __future__ import annotations

from servicepact.domain.contract.areas.availability import AVAILABILITY
from servicepact.domain.contract.areas.base import ContractArea
from servicepact.domain.contract.areas.billing import BILLING
from servicepact.domain.contract.areas.client_requirements import CLIENT_REQUIREMENTS
from servicepact.domain.contract.areas.guarantees import GUARANTEES
from servicepact.domain.contract.areas.performance import PERFORMANCE
from servicepact.domain.contract.areas.priorities import PRIORITIES
from servicepact.domain.contract.areas.responsibilities import RESPONSIBILITIES
from servicepact.domain.contract.areas.services import SERVICES
from servicepact.domain.contract.areas.support import SUPPORT

AREAS: tuple[ContractArea, ...] = (
    SERVICES,
    SUPPORT,
    RESPONSIBILITIES,
    AVAILABILITY,
    CLIENT_REQUIREMENTS,
    GUARANTEES,
    PERFORMANCE,
    PRIORITIES,
)
"""The areas of the agreement in the order of the contract's clauses (1 to 8 when all are present)."""

CLAUSES: tuple[ContractArea, ...] = (*AREAS, BILLING)
"""Every numbered clause in order: the areas, then billing. The builder numbers them as it appends them."""

CHANGE_ORDER: tuple[str, ...] = (
    "document",
    "parties",
    "term",
    *(area.key for area in AREAS),
    "calendars",
    BILLING.key,
)
"""The order in which changes are listed, by their ``area``: the order of the contract."""

__all__ = ["AREAS", "CHANGE_ORDER", "CLAUSES", "ContractArea"]
