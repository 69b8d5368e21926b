"""Bodies of ``/clients``: a new client, a client, and its record counts."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from servicepact.entrypoints.http.api.schemas.common import PRINTABLE, Name, Schema, UtcOut, utf8_text


class ClientCreate(Schema):
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")] = Field(examples=["acme"])
    name: Name
    time_zone: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=PRINTABLE), AfterValidator(utf8_text)
    ] = Field(default="UTC", description="An IANA time zone (`Europe/London`).")


class ClientPublic(Schema):
    slug: str
    name: str
    time_zone: str
    created_at: UtcOut


class CountsPublic(Schema):
    tickets: int
    events: int
    outages: int
    checks: int
    backup_runs: int
    restore_tests: int
    assets: int


class ClientDetail(ClientPublic):
    counts: CountsPublic
