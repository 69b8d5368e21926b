"""The body of ``/me``: who the caller is."""

from __future__ import annotations

from pydantic import Field

from servicepact.entrypoints.http.api.schemas.common import Schema


class MePublic(Schema):
    name: str
    role: str
    client: str | None = Field(description="The client a client user may read (None for staff).")
