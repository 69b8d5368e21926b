"""``/clients/{client}/agreements``: upload YAML (validated and linted), list and activate versions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import AgreementError, InputError, Location, Problem
from servicepact.domain.lint import Severity
from servicepact.entrypoints.http.api.deps import (
    AgreementKey,
    ClientSlug,
    PrincipalDep,
    StaffDep,
    UowDep,
    VersionNumber,
)
from servicepact.entrypoints.http.api.schemas.agreements import (
    ActivateRequest,
    AgreementCreate,
    AgreementVersionDetail,
    AgreementVersionPublic,
    FindingPublic,
    UploadPublic,
)
from servicepact.entrypoints.http.api.schemas.common import PRINTABLE_NONEMPTY, Listing, StoredInstant
from servicepact.services import agreements
from servicepact.services.agreements import MAX_TEXT_CHARS, UploadResult

router = APIRouter(prefix="/clients/{client}/agreements", tags=["agreements"])

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")

_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The agreement YAML itself, or JSON with the YAML under `yaml`.",
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": AgreementCreate.model_json_schema()},
        },
    }
}


@router.get("", summary="Every version of the client's agreements")
def list_versions(
    client: ClientSlug,
    principal: PrincipalDep,
    uow: UowDep,
    agreement: Annotated[
        str | None,
        Query(max_length=200, pattern=PRINTABLE_NONEMPTY, description="Only this agreement's versions."),
    ] = None,
) -> Listing[AgreementVersionPublic]:
    found = agreements.list_versions(uow, principal, client, agreement)
    return Listing(
        items=[AgreementVersionPublic.of(v) for v in found], total=len(found), limit=len(found), offset=0
    )


@router.post(
    "",
    status_code=201,
    summary="Upload agreement YAML: 201 with lint findings, 200 when unchanged, 422 with the problems",
    openapi_extra=_UPLOAD_BODY,
    responses={200: {"model": UploadPublic, "description": "The text equals the latest version."}},
)
async def upload_version(
    client: ClientSlug,
    request: Request,
    response: Response,
    principal: StaffDep,
    uow: UowDep,
    activate: Annotated[bool, Query(description="Activate the new version at once.")] = False,
    effective_from: Annotated[
        StoredInstant | None, Query(description="When an activated version starts to judge tickets.")
    ] = None,
) -> UploadPublic:
    raw = await request.body()
    if len(raw) > MAX_TEXT_CHARS * 4:
        raise InputError("agreements are limited to 5 MB")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json":
        try:
            body = AgreementCreate.model_validate_json(raw)
        except ValidationError as error:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
            ) from None
        text, activate, effective_from = body.yaml, body.activate, body.effective_from
    elif media in YAML_TYPES or media == "":
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("the agreement must be UTF-8 text") from None
    else:
        raise InputError(f"send application/yaml or application/json, not {media}")
    if "\x00" in text:
        raise InputError("the agreement must not contain NUL characters")
    result: UploadResult = await run_in_threadpool(
        agreements.upload_agreement,
        uow,
        principal,
        client,
        text,
        read_agreement,
        activate=activate,
        effective_from=effective_from,
    )
    if result.version is None:
        raise AgreementError(
            [
                Problem(f.code, f.message, Location(f.source, f.line, f.column, f.path or None))
                for f in result.findings
                if f.severity is Severity.ERROR
            ]
        )
    if result.unchanged:
        response.status_code = 200
    return UploadPublic(
        version=AgreementVersionPublic.of(result.version),
        unchanged=result.unchanged,
        findings=[FindingPublic.of(f) for f in result.findings],
    )


@router.get("/{agreement}/versions/{number}", summary="One version with its text")
def read_version(
    client: ClientSlug, agreement: AgreementKey, number: VersionNumber, principal: PrincipalDep, uow: UowDep
) -> AgreementVersionDetail:
    return AgreementVersionDetail.of(agreements.get_version(uow, principal, client, agreement, number))


@router.post(
    "/{agreement}/versions/{number}/activate", summary="Activate a draft (retires the active version)"
)
def activate_version(
    client: ClientSlug,
    agreement: AgreementKey,
    number: VersionNumber,
    principal: StaffDep,
    uow: UowDep,
    body: ActivateRequest | None = None,
) -> AgreementVersionPublic:
    effective_from = body.effective_from if body is not None else None
    version = agreements.activate_version(
        uow, principal, client, agreement, number, read_agreement, effective_from=effective_from
    )
    return AgreementVersionPublic.of(version)
