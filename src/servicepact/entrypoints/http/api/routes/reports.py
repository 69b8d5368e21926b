"""``/clients/{client}/reports/{period}``: the SLA report of a period from the stored records (issue 5)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response

from servicepact.adapters.agreement_files import read_agreement
from servicepact.entrypoints.http.api.deps import ClientSlug, NowDep, PrincipalDep, UowDep
from servicepact.services.reports import stored_period

router = APIRouter(prefix="/clients/{client}/reports", tags=["reports"])

MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}

PeriodText = Annotated[
    str,
    PathParam(
        description="`2027-03` (a month), `2027-Q1` (a quarter) or `2027-03-01..2027-04-01` (a range), "
        "in the agreement's support time zone.",
        pattern=r"^[0-9Qq.:T+-]{4,60}$",
        examples=["2027-03"],
    ),
]


@router.get(
    "/{period}",
    summary="The SLA report of a period: every number as JSON, or the report as HTML or PDF",
    response_model=None,
    responses={
        200: {
            "description": "The report",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
def get_report(
    client: ClientSlug,
    period: PeriodText,
    principal: PrincipalDep,
    uow: UowDep,
    now: NowDep,
    format: Annotated[Literal["json", "html", "pdf"], Query(description="What to return.")] = "json",
    lang: Annotated[Literal["en", "ru"] | None, Query(description="Default: the agreement's.")] = None,
    agreement: Annotated[
        str | None, Query(max_length=200, description="The agreement, where the client has several.")
    ] = None,
) -> Response:
    stored = stored_period(uow, principal, client, period, read_agreement, now, agreement_key=agreement)
    if format == "json":
        body: dict[str, Any] = stored.evaluation.to_dict()
        return JSONResponse(body)
    from servicepact.adapters.reports import render_report  # WeasyPrint is slow to import

    with tempfile.TemporaryDirectory(prefix="servicepact-report-") as folder:
        output = Path(folder) / f"report.{format}"
        render_report(stored.evaluation, stored.agreement, format, lang, output, inputs=stored.inputs)
        content = output.read_bytes()
    name = f"{client}-{stored.period.label}.{format}"
    return Response(
        content, media_type=MEDIA[format], headers={"Content-Disposition": f'inline; filename="{name}"'}
    )
