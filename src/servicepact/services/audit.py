"""Use case: read the audit log (who changed what and when). Entries are written by the use cases
that make the changes, in the same transaction as the change.

>>> from servicepact.services.clients import create_client
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork
>>> uow = FakeUnitOfWork()
>>> client = create_client(uow, SYSTEM, "acme", "Acme Ltd", "Europe/London")
>>> [e.action for e in audit_log(uow, SYSTEM, client="acme")]
[<AuditAction.CLIENT_CREATED: 'client.created'>]
"""

from __future__ import annotations

from servicepact.services import access
from servicepact.services.model import AuditEntry, Page, Principal
from servicepact.services.ports import UnitOfWork


def audit_log(
    uow: UnitOfWork, principal: Principal, *, client: str | None = None, page: Page | None = None
) -> list[AuditEntry]:
    """Audit entries, newest first: of one client, or (``client`` None) all the caller may see.

    A client user sees their client's entries only; user and token entries are staff-only.
    """
    with uow:
        client_id = access.readable_client(uow, principal, client).id if client is not None else None
        return uow.audit.list(access.scope_of(principal), page or Page(), client_id)
