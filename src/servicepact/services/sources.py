"""What a client's stored data says was watched and given (spec §3, "no data is not success").

Uptime is measured over the stored monitoring coverage only (an outages import covers its ``--covers``
span for every item, checks their span); the backup metrics need backup runs to have been imported at
all, the restore metric restore tests. Every stored-period evaluation reads these through
:func:`with_sources`, so the report, the API and the dashboard agree with ``evaluate`` on the export.

>>> with uow:  # doctest: +SKIP
...     inputs = with_sources(uow, owner.id, scope, inputs)
"""

from __future__ import annotations

from dataclasses import replace

from servicepact.domain.evaluation import Coverage, EvaluationInputs
from servicepact.services.access import Scope
from servicepact.services.ports import UnitOfWork

__all__ = ["with_sources"]


def with_sources(uow: UnitOfWork, client_id: int, scope: Scope, inputs: EvaluationInputs) -> EvaluationInputs:
    """``inputs`` with the client's stored coverage and whether any backup run / restore test was ever
    stored (call inside an open unit of work)."""
    counts = uow.records.counts(client_id, scope)
    return replace(
        inputs,
        coverage=Coverage.of_spans(uow.records.coverage(client_id, scope)),
        backup_source=counts.backup_runs > 0,
        restore_source=counts.restore_tests > 0,
    )
