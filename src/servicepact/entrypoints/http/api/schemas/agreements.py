"""Bodies of ``/clients/{client}/agreements``: uploads, versions, their lint findings, activation."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints

from servicepact.domain.lint import Finding
from servicepact.entrypoints.http.api.schemas.common import Schema, StoredInstant, UtcOut
from servicepact.services.model import AgreementVersion, VersionStatus


class FindingPublic(Schema):
    code: str
    severity: Literal["error", "warning", "info"]
    path: str
    line: int | None
    message: str

    @classmethod
    def of(cls, finding: Finding) -> Self:
        return cls.model_validate(finding.to_dict())


class AgreementVersionPublic(Schema):
    agreement: str = Field(description="The agreement's `id` in its YAML.")
    number: int
    status: VersionStatus
    title: str
    sha256: str
    uploaded_at: UtcOut
    uploaded_by: str
    activated_at: UtcOut | None
    effective_from: UtcOut | None
    retired_at: UtcOut | None

    @classmethod
    def of(cls, v: AgreementVersion) -> Self:
        return cls(
            agreement=v.agreement_key,
            number=v.number,
            status=v.status,
            title=v.title,
            sha256=v.sha256,
            uploaded_at=v.uploaded_at,
            uploaded_by=v.uploaded_by,
            activated_at=v.activated_at,
            effective_from=v.effective_from,
            retired_at=v.retired_at,
        )


class AgreementVersionDetail(AgreementVersionPublic):
    text: str

    @classmethod
    def of(cls, v: AgreementVersion) -> Self:
        return cls.model_validate({**AgreementVersionPublic.of(v).model_dump(), "text": v.text})


class AgreementCreate(Schema):
    """The JSON form of an upload (or send the YAML itself as ``application/yaml``)."""

    yaml: Annotated[str, StringConstraints(min_length=1, max_length=5 * 1024 * 1024)]
    activate: bool = False
    effective_from: StoredInstant | None = None


class UploadPublic(Schema):
    """The stored version (with ``unchanged`` when the text equals the latest version) and every finding."""

    version: AgreementVersionPublic
    unchanged: bool
    findings: list[FindingPublic]


class ActivateRequest(Schema):
    effective_from: StoredInstant | None = Field(
        default=None, description="When the version starts to judge tickets (default: now)."
    )
