"""The body of ``/clients/{client}/imports``: what an import added and which rows it left out."""

from __future__ import annotations

from typing import Self

from pydantic import Field

from servicepact.entrypoints.http.api.schemas.common import Schema
from servicepact.services.importing import ImportReport
from servicepact.services.model import ImportKind


class BadRowPublic(Schema):
    source: str
    line: int | None
    column: str | None
    reason: str


class ImportPublic(Schema):
    kind: ImportKind
    source: str
    added: dict[str, int]
    present: dict[str, int] = Field(description="Rows already stored (importing again adds nothing).")
    bad_rows: list[BadRowPublic] = Field(description="Rows left out (with skip_bad_rows), first ones.")
    bad_row_total: int

    @classmethod
    def of(cls, report: ImportReport) -> Self:
        return cls(
            kind=report.kind,
            source=report.source,
            added=report.added,
            present=report.present,
            bad_rows=[BadRowPublic.of(r) for r in report.bad_rows[:100]],
            bad_row_total=report.bad_row_total,
        )
