"""``/clients/{client}/backups``: backup runs and restore tests."""

from __future__ import annotations

from fastapi import APIRouter

from servicepact.entrypoints.http.api.deps import ClientSlug, PageDep, PrincipalDep, UowDep
from servicepact.entrypoints.http.api.schemas.backups import BackupRunPublic, RestoreTestPublic
from servicepact.entrypoints.http.api.schemas.common import Listing
from servicepact.services import clients, records

router = APIRouter(prefix="/clients/{client}/backups", tags=["backups"])


@router.get("/runs", summary="Backup runs, by start")
def list_backup_runs(
    client: ClientSlug, principal: PrincipalDep, uow: UowDep, page: PageDep
) -> Listing[BackupRunPublic]:
    found = records.list_backup_runs(uow, principal, client, page)
    total = clients.client_counts(uow, principal, client).backup_runs
    return Listing(
        items=[BackupRunPublic.of(r) for r in found], total=total, limit=page.limit, offset=page.offset
    )


@router.get("/restore-tests", summary="Restore tests, by time")
def list_restore_tests(
    client: ClientSlug, principal: PrincipalDep, uow: UowDep, page: PageDep
) -> Listing[RestoreTestPublic]:
    found = records.list_restore_tests(uow, principal, client, page)
    total = clients.client_counts(uow, principal, client).restore_tests
    return Listing(
        items=[RestoreTestPublic.of(r) for r in found], total=total, limit=page.limit, offset=page.offset
    )
