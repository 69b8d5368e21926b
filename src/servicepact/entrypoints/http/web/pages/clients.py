"""A client's agreement: the version in force and its contract, its lint findings, every version and the
differences between two; uploading a new version (errors shown at their line, nothing stored when the
file is invalid) and activating a draft."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from servicepact.adapters.rendering import renderer_for
from servicepact.domain.errors import ConflictError, InputError, NotFoundError
from servicepact.domain.lint import Finding, Severity
from servicepact.entrypoints.http.web.common import (
    Csrf,
    SignedIn,
    WebRoute,
    new_uow,
    now_of,
    redirect,
    render,
    web_state,
)
from servicepact.services import agreements, clients, dashboard, rendering
from servicepact.services.access import require_staff
from servicepact.services.model import AgreementVersion

router = APIRouter(route_class=WebRoute)

MAX_UPLOAD = 5 * 1024 * 1024


def _parsed(request: Request, version: AgreementVersion, language: str) -> dashboard.AgreementInForce:
    return dashboard.parsed_version(version, web_state(request).parser, language)


@router.get("/clients/{slug}")
def client_page(request: Request, slug: str, viewer: SignedIn, uploaded: str | None = None) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    versions = agreements.list_versions(new_uow(request), viewer.principal, slug)
    in_force = dashboard.agreement_in_force(
        new_uow(request),
        viewer.principal,
        slug,
        web_state(request).parser,
        now_of(request),
        language=viewer.texts.language,
    )
    findings = list(in_force.findings) if in_force else []
    previous: dict[int, AgreementVersion] = {}
    for index, version in enumerate(versions):
        if index and versions[index - 1].agreement_key == version.agreement_key:
            previous[version.id] = versions[index - 1]
    return render(
        request,
        "client.html",
        {
            "client": client,
            "versions": list(reversed(versions)),
            "previous": previous,
            "in_force": in_force,
            "findings": findings,
            "uploaded": uploaded,
            "zone": _zone(in_force, client.time_zone),
        },
    )


def _zone(in_force: dashboard.AgreementInForce | None, fallback: str) -> ZoneInfo:
    agreement = in_force.agreement if in_force else None
    if agreement is not None and agreement.support is not None:
        return agreement.calendar(agreement.support.calendar).timezone
    return ZoneInfo(fallback)


def _version(request: Request, viewer: SignedIn, slug: str, key: str, number: int) -> AgreementVersion:
    return agreements.get_version(new_uow(request), viewer.principal, slug, key, number)


@router.get("/clients/{slug}/versions/{key}/{number}/contract")
def contract(
    request: Request, slug: str, key: str, number: int, viewer: SignedIn, format: str = "html", lang: str = ""
) -> Response:
    version = _version(request, viewer, slug, key, number)
    parsed = _parsed(request, version, viewer.texts.language)
    if parsed.agreement is None:
        raise NotFoundError("this version no longer reads as an agreement")
    if format not in ("html", "pdf"):
        raise InputError("format is html or pdf")
    language = rendering.contract_language(parsed.agreement, lang or None)
    agreement = parsed.agreement
    # Kept by the text's SHA-256: a version's text never changes.
    body = web_state(request).contracts.get(
        (version.sha256, language, format),
        lambda: rendering.render(agreement, renderer_for(format), language=language),
    )
    if format == "pdf":
        name = f"{key}-v{number}.{language}.pdf"
        return Response(
            body,
            media_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return Response(body, media_type="text/html; charset=utf-8", headers={"X-Frame-Options": "SAMEORIGIN"})


@router.get("/clients/{slug}/versions/{key}/{number}/diff")
def diff_page(
    request: Request, slug: str, key: str, number: int, viewer: SignedIn, against: int | None = None
) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    new = _version(request, viewer, slug, key, number)
    others = [
        v
        for v in agreements.list_versions(new_uow(request), viewer.principal, slug, key)
        if v.number != number
    ]
    if against is None:
        earlier = [v for v in others if v.number < number]
        if not earlier:
            raise NotFoundError("this is the first version: there is nothing to compare it with")
        against = earlier[-1].number
    old = _version(request, viewer, slug, key, against)
    old_agreement = _parsed(request, old, viewer.texts.language).agreement
    new_agreement = _parsed(request, new, viewer.texts.language).agreement
    if old_agreement is None or new_agreement is None:
        raise NotFoundError("one of the versions no longer reads as an agreement")
    changes = rendering.changes(old_agreement, new_agreement, language=viewer.texts.language)
    return render(
        request,
        "diff.html",
        {"client": client, "old": old, "new": new, "changes": changes, "others": others},
    )


@router.get("/clients/{slug}/upload")
def upload_page(request: Request, slug: str, viewer: SignedIn) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    require_staff(viewer.principal, "upload agreements")
    return render(
        request, "upload.html", {"client": client, "result": None, "lines": [], "text": "", "error": None}
    )


def _annotated(text: str, findings: list[Finding]) -> list[tuple[int, str, list[Finding]]]:
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.line:
            by_line.setdefault(finding.line, []).append(finding)
    return [(n, line, by_line.get(n, [])) for n, line in enumerate(text.splitlines(), start=1)]


@router.post("/clients/{slug}/upload")
async def upload(
    request: Request,
    slug: str,
    viewer: SignedIn,
    _: Csrf,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str, Form()] = "",
    activate: Annotated[str, Form()] = "",
    effective_from: Annotated[str, Form()] = "",
) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    require_staff(viewer.principal, "upload agreements")
    t = viewer.texts
    source = "agreement.yaml"
    error = None
    if file is not None and file.filename:
        raw = await file.read(MAX_UPLOAD + 1)
        source = file.filename
        if len(raw) > MAX_UPLOAD:
            error = t.gettext("The file is larger than 5 MB.")
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                error = t.gettext("The file is not UTF-8 text.")
    if not error and not text.strip():
        error = t.gettext("Choose a YAML file or paste the agreement.")
    # Parsing, linting and storing the agreement (seconds for a big one) run in a worker thread: on the
    # event loop they would hold up every other request of the process.
    return await run_in_threadpool(
        _upload_text, request, viewer, client, source, text, error, bool(activate), effective_from
    )


def _upload_text(
    request: Request,
    viewer: SignedIn,
    client: Any,
    source: str,
    text: str,
    error: str | None,
    activate: bool,
    effective_from: str,
) -> Response:
    """The upload page's answer for the agreement ``text`` read from the form (``error``: why not)."""
    slug, t = client.slug, viewer.texts
    values: dict[str, Any] = {"client": client, "result": None, "lines": [], "text": text, "error": error}
    if error:
        return render(request, "upload.html", values, status=422)
    starts = None
    if effective_from:
        try:
            starts = datetime.fromisoformat(effective_from)
        except ValueError:
            values["error"] = t.gettext("The date the version takes effect is not a date.")
            return render(request, "upload.html", values, status=422)
        if starts.tzinfo is None:
            in_force = dashboard.agreement_in_force(
                new_uow(request), viewer.principal, slug, web_state(request).parser, now_of(request)
            )
            starts = starts.replace(tzinfo=_zone(in_force, client.time_zone))
    try:
        result = agreements.upload_agreement(
            new_uow(request),
            viewer.principal,
            slug,
            text,
            web_state(request).parser,
            source=source,
            activate=activate,
            effective_from=starts,
            language=t.language,
        )
    except (ConflictError, InputError) as problem:
        values["error"] = problem.message
        return render(request, "upload.html", values, status=422)
    if not result.ok:
        values["result"] = result
        values["lines"] = _annotated(text if text.endswith("\n") else text + "\n", result.findings)
        values["unplaced"] = [f for f in result.findings if not f.line]
        values["errors"] = [f for f in result.findings if f.severity is Severity.ERROR]
        return render(request, "upload.html", values, status=422)
    assert result.version is not None
    note = "unchanged" if result.unchanged else f"{result.version.agreement_key}-{result.version.number}"
    return redirect(f"/clients/{slug}?uploaded={note}")


@router.post("/clients/{slug}/versions/{key}/{number}/activate")
def activate(request: Request, slug: str, key: str, number: int, viewer: SignedIn, _: Csrf) -> Response:
    try:
        agreements.activate_version(
            new_uow(request), viewer.principal, slug, key, number, web_state(request).parser
        )
    except ConflictError as problem:
        client = clients.get_client(new_uow(request), viewer.principal, slug)
        return render(
            request,
            "error.html",
            {
                "client": client,
                "status": 409,
                "title": viewer.texts.gettext("Not activated"),
                "message": problem.message,
            },
            status=409,
        )
    return redirect(f"/clients/{slug}?uploaded=activated")
