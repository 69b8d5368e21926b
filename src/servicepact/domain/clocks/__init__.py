"""SLA clocks of tickets (spec §2), computed over columnar batches with the vectorised calendars."""

from servicepact.domain.clocks.engine import evaluate_clocks
from servicepact.domain.clocks.judges import TicketJudges, judged_clocks, select_tickets
from servicepact.domain.clocks.results import ClockResults, ClockStatus
from servicepact.domain.clocks.scope import ClockOptions, TicketScope, classify_scope

__all__ = [
    "ClockOptions",
    "ClockResults",
    "ClockStatus",
    "TicketJudges",
    "TicketScope",
    "classify_scope",
    "evaluate_clocks",
    "judged_clocks",
    "select_tickets",
]
