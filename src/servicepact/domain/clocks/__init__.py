"""SLA clocks of tickets (spec §2), computed over columnar batches with the vectorised calendars."""

from servicepact.domain.clocks.engine import ClockOptions, evaluate_clocks
from servicepact.domain.clocks.results import ClockResults, ClockStatus

__all__ = ["ClockOptions", "ClockResults", "ClockStatus", "evaluate_clocks"]
