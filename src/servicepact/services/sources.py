"""What a client's stored data says was watched and given (spec §3, "no data is not success").

Uptime is measured over the stored monitoring coverage only (an outages import covers its ``--covers``
span for every item, checks their span); the backup metrics need backup runs to have been imported at
all, the restore metric restore tests. Every stored-period evaluation reads these through
:func:`with_sources`, so the report, the API and the dashboard agree with ``evaluate`` on the export.

>>> from servicepact import read_agreement
>>> from servicepact.services.access import scope_of
>>> from servicepact.services.agreements import upload_agreement
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client
>>> uow = FakeUnitOfWork()
>>> client = make_client(uow, "acme")
>>> text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
>>> uploaded = upload_agreement(uow, SYSTEM, "acme", text, read_agreement, activate=True)
>>> with uow:
...     inputs = with_sources(uow, client.id, scope_of(SYSTEM), EvaluationInputs())
>>> inputs.backup_source, inputs.restore_source  # nothing imported: no data, not success
(False, False)
"""

from __future__ import annotations

from dataclasses import replace

from servicepact.domain.evaluation import Coverage, EvaluationInputs
from servicepact.services.model import Page, Scope
from servicepact.services.ports import UnitOfWork

__all__ = ["with_sources"]


def with_sources(uow: UnitOfWork, client_id: int, scope: Scope, inputs: EvaluationInputs) -> EvaluationInputs:
    """``inputs`` with the client's stored coverage and whether any backup run / restore test was ever
    stored (call inside an open unit of work). One row of each is enough to know: no counting."""
    records = uow.records
    first = Page(1, 0)
    return replace(
        inputs,
        coverage=Coverage.of_spans(records.coverage(client_id, scope)),
        backup_source=bool(records.backup_runs(client_id, scope, first)),
        restore_source=bool(records.restore_tests(client_id, scope, first)),
    )
