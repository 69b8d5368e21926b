"""Use case: evaluate one period of one agreement (spec §3) from data already read.

>>> from datetime import UTC, datetime
>>> from servicepact import load_agreement
>>> from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files
>>> from servicepact.testing import write_lines
>>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
>>> tickets = write_lines(TMP / "tickets.csv", "id,created_at,priority,first_response_at,resolved_at",
...     "INC1,2027-03-02T10:00,P1,2027-03-02T11:30,2027-03-03T16:00",
...     "INC2,2027-03-03T10:00,P2,2027-03-03T10:20,2027-03-03T12:00")
>>> inputs = read_evaluation_files(agreement, EvaluationFiles(tickets=tickets)).inputs
>>> evaluation = evaluate_period(agreement, "2027-03", inputs, datetime(2027, 4, 1, tzinfo=UTC))
>>> evaluation.credits.total
Decimal('225.00')
"""

from __future__ import annotations

from datetime import datetime

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks import TicketJudges
from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Evaluation, EvaluationInputs, Period, UptimeConvention, evaluate

__all__ = ["Evaluation", "EvaluationInputs", "UptimeConvention", "evaluate_period", "period_of"]


def period_of(agreement: Agreement, period: str | Period) -> Period:
    """A period in the zone of the agreement's support calendar (``2027-03``, ``2027-Q1``, ``A..B``)."""
    if isinstance(period, Period):
        return period
    if agreement.support is None:
        raise InputError("the agreement has no `support` section, so no calendar to read the period in")
    return Period.parse(period, agreement.calendar(agreement.support.calendar).timezone)


def evaluate_period(
    agreement: Agreement,
    period: str | Period,
    inputs: EvaluationInputs,
    now: datetime,
    convention: UptimeConvention = UptimeConvention.SERVICEPACT,
    judges: TicketJudges | None = None,
) -> Evaluation:
    """Every metric, KPI, uptime item, backup figure, requirement, billing line and credit of ``period``.

    ``now`` (aware) is the instant the evaluation is made as of: clocks see only events up to it, and a
    period still in progress is measured up to it. ``judges``: the agreement of each ticket (spec §6).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise InputError(f"now must be timezone-aware, got {now.isoformat()}")
    return evaluate(agreement, period_of(agreement, period), inputs, now, convention, judges)
