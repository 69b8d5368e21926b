"""The body of ``/clients/{client}/outages``."""

from __future__ import annotations

from servicepact.domain.records import OutageKind
from servicepact.entrypoints.http.api.schemas.common import Schema, UtcOut


class OutagePublic(Schema):
    start: UtcOut
    end: UtcOut | None
    kind: OutageKind
    uptime_id: str | None
    service: str | None
    announced_at: UtcOut | None
