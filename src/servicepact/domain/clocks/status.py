"""What a ticket's two SLA clocks add up to, for a person watching live tickets (spec §2).

Most urgent first:

- ``breached``: a clock missed its due instant (stopped late, or still running past due);
- ``at_risk``: a clock is running with at least :data:`AT_RISK_PERCENT` % of its target used;
- ``running``: a clock is running with less used;
- ``met``: every clock with a target stopped in time;
- ``best_effort`` / ``out_of_scope``: the ticket carries no SLA (spec §2: requirements, scope);
- ``no_agreement``: no version of the agreement was in force when the ticket was created.

>>> sla_status([JudgedClock(ClockStatus.MET, 40.0), JudgedClock(ClockStatus.RUNNING, 80.0)])
<SlaStatus.AT_RISK: 'at_risk'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from servicepact.domain.clocks.results import ClockStatus

__all__ = ["AT_RISK_PERCENT", "ClockState", "JudgedClock", "SlaStatus", "at_risk", "sla_status"]

AT_RISK_PERCENT = 75.0
"""A running clock is at risk once this share (in %) of its target is used."""


class SlaStatus(enum.StrEnum):
    """What a ticket's two SLA clocks add up to (the text is set below, from AT_RISK_PERCENT)."""

    BREACHED = "breached"
    AT_RISK = "at_risk"
    RUNNING = "running"
    MET = "met"
    BEST_EFFORT = "best_effort"
    OUT_OF_SCOPE = "out_of_scope"
    NO_AGREEMENT = "no_agreement"


# The API documents the statuses with this text (pydantic takes an enum's docstring as its description).
SlaStatus.__doc__ = (
    "What a ticket's two SLA clocks add up to, most urgent first: breached (a clock missed its due "
    f"instant), at_risk (running with at least {AT_RISK_PERCENT:g}% of its target used), running, met, "
    "best_effort, out_of_scope, no_agreement (no agreement version covers the ticket)."
)


class ClockState(Protocol):
    """What the rule reads of one clock: its status and the share of its target used (None: no target)."""

    @property
    def status(self) -> str: ...

    @property
    def percent_used(self) -> float | None: ...


@dataclass(frozen=True)
class JudgedClock:
    """The plainest :class:`ClockState`."""

    status: str
    percent_used: float | None = None


def at_risk(percent_used: float | None) -> bool:
    """Whether a running clock that has used ``percent_used`` % of its target is at risk."""
    return percent_used is not None and percent_used >= AT_RISK_PERCENT


def sla_status(clocks: Iterable[ClockState]) -> SlaStatus:
    """The status of a ticket judged by an agreement, from its clocks (response and resolution)."""
    clocks = list(clocks)
    statuses = {c.status for c in clocks}
    if ClockStatus.BREACHED in statuses:
        return SlaStatus.BREACHED
    if statuses == {ClockStatus.OUT_OF_SCOPE}:
        return SlaStatus.OUT_OF_SCOPE
    running = [c for c in clocks if c.status == ClockStatus.RUNNING]
    if running:
        return SlaStatus.AT_RISK if any(at_risk(c.percent_used) for c in running) else SlaStatus.RUNNING
    if ClockStatus.MET in statuses:
        return SlaStatus.MET
    return SlaStatus.BEST_EFFORT
