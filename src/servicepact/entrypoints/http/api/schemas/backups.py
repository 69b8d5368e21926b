"""Bodies of ``/clients/{client}/backups``: backup runs and restore tests."""

from __future__ import annotations

from servicepact.domain.records import BackupStatus
from servicepact.entrypoints.http.api.schemas.common import Schema, UtcOut


class BackupRunPublic(Schema):
    started_at: UtcOut
    finished_at: UtcOut
    status: BackupStatus
    backup_id: str | None
    system: str | None


class RestoreTestPublic(Schema):
    backup_id: str
    at: UtcOut
    status: BackupStatus
