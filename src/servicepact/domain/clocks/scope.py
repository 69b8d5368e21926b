"""Which tickets an SLA applies to (spec §2): in scope, best effort, or out of scope, and why.

One reading, used by the clocks (to mark statuses) and by the evaluation (to bill and to list tickets
apart). Work is done per distinct service and asset (a few dozen), never per ticket.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks.timeline import factorize
from servicepact.domain.records import TicketBatch

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class ClockOptions:
    """Facts about tickets that the clocks cannot see in the events.

    ``best_effort_assets`` and ``excluded_assets`` are assets that fail a client requirement (spec §2:
    ``client_requirements.consequence``); tickets on them are reported but carry no SLA.
    """

    best_effort_assets: Collection[str] = field(default_factory=frozenset)
    excluded_assets: Collection[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class TicketScope:
    """Per ticket: in scope, best effort or out of scope, and the handling of out-of-scope tickets."""

    best_effort: Mask
    out_of_scope: Mask
    handling: npt.NDArray[np.object_]  # Handling or None, per ticket
    reason: npt.NDArray[np.object_]  # why a ticket is best effort or out of scope (text or None)

    @property
    def in_scope(self) -> Mask:
        return ~(self.best_effort | self.out_of_scope)


def classify_scope(
    agreement: Agreement, tickets: TicketBatch, options: ClockOptions | None = None
) -> TicketScope:
    """Spec §2 scope and the handling of each out-of-scope ticket.

    A ticket naming an included service (id or name), or no service, is in scope; an excluded service
    gives that service's ``handling``; any other named service ``services.unlisted``. A ticket on an asset
    that fails a requirement is best effort or out of scope by ``client_requirements.consequence``; those
    out of scope are handled as ``services.unlisted``.
    """
    options = options or ClockOptions()
    best_effort_assets, excluded_assets = set(options.best_effort_assets), set(options.excluded_assets)
    count = len(tickets)
    services = agreement.services
    handling = np.full(count, None, dtype=object)
    reason = np.full(count, None, dtype=object)
    out = np.zeros(count, dtype=bool)
    if services is not None:
        included = {s.id for s in services.included} | {s.name for s in services.included}
        excluded = {s.id: s.handling for s in services.excluded} | {
            s.name: s.handling for s in services.excluded
        }
        codes, distinct = factorize(tickets.service)
        for code, value in enumerate(distinct):
            if not isinstance(value, str) or value == "" or value in included:
                continue
            rows = codes == code
            out |= rows
            handling[rows] = excluded.get(value, services.unlisted)
            reason[rows] = f"service {value!r} is " + ("excluded" if value in excluded else "not listed")
    best_effort = np.zeros(count, dtype=bool)
    if best_effort_assets or excluded_assets:
        codes, distinct = factorize(tickets.asset)
        assets = [str(asset) for asset in distinct]
        why = np.array([f"asset {asset!r} fails a client requirement" for asset in assets], dtype=object)[
            codes
        ]
        failing_out = np.array([a in excluded_assets for a in assets], dtype=bool)[codes] & ~out
        out |= failing_out
        handling[failing_out] = services.unlisted if services is not None else None
        reason[failing_out] = why[failing_out]
        best_effort = np.array([a in best_effort_assets for a in assets], dtype=bool)[codes] & ~out
        reason[best_effort] = why[best_effort]
    return TicketScope(best_effort=best_effort, out_of_scope=out, handling=handling, reason=reason)
