"""Reports: choose a period, read the report, download it as PDF or JSON.

The HTML/PDF layout is ``servicepact.adapters.reports.render_report``; the page frames the HTML report.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from servicepact.domain.errors import InputError, NotFoundError
from servicepact.domain.evaluation import Period
from servicepact.entrypoints.http.context import context_of
from servicepact.entrypoints.http.web.common import SignedIn, WebRoute, new_uow, now_of, render, web_state
from servicepact.services import clients, dashboard
from servicepact.services.dashboard import ClientOverview
from servicepact.services.reports import check_period_length

router = APIRouter(route_class=WebRoute)

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "json": "application/json"}


def _months(last: date, count: int) -> list[str]:
    out = []
    year, month = last.year, last.month
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out


def _overview(request: Request, viewer: SignedIn, slug: str, period: str) -> tuple[ClientOverview, list[str]]:
    state = web_state(request)
    now = now_of(request)
    in_force = dashboard.agreement_in_force(new_uow(request), viewer.principal, slug, state.parser, now)
    if in_force is None or in_force.agreement is None or in_force.agreement.support is None:
        raise NotFoundError("the client has no agreement in force, so there is nothing to report on")
    zone = in_force.agreement.calendar(in_force.agreement.support.calendar).timezone
    local = now.astimezone(zone).date()
    if period:
        # A period that cannot be one, or is longer than the viewer may ask for, is said as such (the
        # overview would only show no report).
        check_period_length(viewer.principal, Period.parse(period, zone))
    months = _months(local, 6)
    quarters = sorted({f"{m[:4]}-Q{(int(m[5:]) - 1) // 3 + 1}" for m in months}, reverse=True)
    # The period is read and judged by the version in force at its end (spec §6), not the one of today.
    overview = dashboard.client_overview(
        new_uow(request),
        viewer.principal,
        slug,
        state.parser,
        context_of(request).agreements,
        now,
        period=period or months[0],
        cache=state.periods,
    )
    return overview, months + quarters


@router.get("/clients/{slug}/reports")
def reports_page(request: Request, slug: str, viewer: SignedIn, period: str = "") -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    try:
        overview, choices = _overview(request, viewer, slug, period)
    except InputError as error:
        overview, choices = _overview(request, viewer, slug, "")
        return _page(request, client, overview, choices, error.message)
    return _page(request, client, overview, choices, None)


def _page(
    request: Request, client: Any, overview: ClientOverview, choices: list[str], error: str | None
) -> Response:
    return render(
        request,
        "reports.html",
        {
            "client": client,
            "o": overview,
            "e": overview.evaluation,
            "choices": choices,
            "period": overview.period.label if overview.period else "",
            "error": error,
            "zone": overview.zone,
        },
        status=422 if error else 200,
    )


@router.get("/clients/{slug}/reports/{period}.{fmt}")
def report_file(request: Request, slug: str, period: str, fmt: str, viewer: SignedIn) -> Response:
    if fmt not in FORMATS:
        raise NotFoundError(f"no report format {fmt!r}")
    overview, _ = _overview(request, viewer, slug, period)
    evaluation = overview.evaluation
    if evaluation is None or overview.in_force is None or overview.in_force.agreement is None:
        raise NotFoundError(f"no agreement of client {slug} judges {period}, so there is no report")
    name = f"{slug}-{evaluation.period.label}"
    if fmt == "json":
        body = json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")
        return Response(
            body,
            media_type=FORMATS[fmt],
            headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
        )
    from servicepact.adapters.reports import render_report  # WeasyPrint is slow to import

    agreement = overview.in_force.agreement

    def render_file() -> bytes:
        # The layout and its charts take seconds; the same evaluation gives the same report.
        with tempfile.TemporaryDirectory(prefix="servicepact-report-") as folder:
            output = Path(folder) / f"{name}.{fmt}"
            render_report(
                evaluation,
                agreement,
                fmt,
                viewer.texts.language,
                output,
                inputs=overview.inputs,
            )
            return output.read_bytes()

    if overview.evaluation_key is None:
        body = render_file()
    else:
        key = ("report", overview.evaluation_key, viewer.texts.language, fmt)
        body = web_state(request).reports.get(key, render_file)
    headers = {"X-Frame-Options": "SAMEORIGIN"}
    if fmt == "pdf":
        headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return Response(body, media_type=FORMATS[fmt], headers=headers)
