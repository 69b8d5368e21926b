"""Use cases: agreements and their versions.

A client has agreements (keyed by the ``id`` in their YAML); each upload of changed text is a new
version, numbered 1, 2, ... Versions are drafts until activated; an activated version never changes.
Activating a version retires the one active before it. A version is in force from its
``effective_from`` (by default the start of its ``term.start``, spec 1.1 §6) until the next activated
version's, so a ticket is judged by the version in force when the ticket was created, whatever was
activated later (:mod:`servicepact.services.versions` holds the rule).

>>> from servicepact import read_agreement
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client
>>> uow = FakeUnitOfWork()
>>> client = make_client(uow, "acme")
>>> text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
>>> result = upload_agreement(uow, SYSTEM, "acme", text, read_agreement, activate=True)
>>> result.version.status
<VersionStatus.ACTIVE: 'active'>
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from servicepact.domain.agreement import Agreement
from servicepact.domain.errors import (
    AgreementError,
    ConflictError,
    InputError,
    Location,
    NotFoundError,
)
from servicepact.domain.lint import Finding, Severity, lint
from servicepact.services import access
from servicepact.services.model import AgreementVersion, AuditAction, Client, Principal, VersionStatus
from servicepact.services.ports import AgreementParser, UnitOfWork
from servicepact.services.versions import client_rule, term_start

MAX_TEXT_CHARS = 5 * 1024 * 1024
MAX_VERSION_NUMBER = 1_000_000
"""The largest version number asked for (the API's path refuses larger ones too)."""


@dataclass(frozen=True)
class UploadResult:
    """The stored version (None when the text has errors, so nothing was stored) and every finding."""

    version: AgreementVersion | None
    findings: list[Finding]
    unchanged: bool = False  # the text equals the agreement's latest version, which is returned

    @property
    def ok(self) -> bool:
        return self.version is not None


@dataclass(frozen=True)
class _Checked:
    agreement: Agreement | None
    findings: list[Finding]
    sha256: str
    text: str


def _check(text: str, parser: AgreementParser, source: str | None, language: str | None) -> _Checked:
    if len(text) > MAX_TEXT_CHARS:
        raise InputError("agreements are limited to 5 MB")
    # A one-line string could be taken for a file name by the parser; text always ends with a newline.
    text = text if text.endswith("\n") else text + "\n"
    result = parser(text, source=source or "<upload>")
    findings = lint(result, language=language)
    errors = any(f.severity is Severity.ERROR for f in findings)
    agreement = None if errors or result.agreement is None else result.agreement
    return _Checked(agreement, findings, hashlib.sha256(text.encode("utf-8")).hexdigest(), text)


def _context(agreement: Agreement) -> tuple[str | None, dict[str, dict[str, str]] | None]:
    zone = None
    if agreement.support is not None and agreement.support.calendar in agreement.calendars:
        zone = str(agreement.calendars[agreement.support.calendar].timezone)
    matrix = (
        dict(agreement.priorities.matrix) if agreement.priorities and agreement.priorities.matrix else None
    )
    return zone, matrix


def upload_agreement(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    text: str,
    parser: AgreementParser,
    *,
    source: str | None = None,
    activate: bool = False,
    effective_from: datetime | None = None,
    language: str | None = None,
) -> UploadResult:
    """Validate and lint ``text``; store it as the next draft version of its agreement unless a finding
    is an error. The same text as the agreement's latest version stores nothing (``unchanged``).
    With ``activate``, the version is activated at once (see :func:`activate_version`)."""
    access.require_staff(principal, "upload agreements")
    checked = _check(text, parser, source, language)
    if checked.agreement is None:
        return UploadResult(None, checked.findings)
    agreement = checked.agreement
    with uow:
        owner = access.writable_client(uow, principal, client)
        latest = uow.agreements.versions(owner.id, access.scope_of(principal), agreement.id)
        if latest and latest[-1].sha256 == checked.sha256:
            version, unchanged = latest[-1], True
        else:
            zone, matrix = _context(agreement)
            now = uow.time_source.now()
            version = uow.agreements.add_version(
                owner.id,
                agreement.id,
                title=agreement.title,
                text=checked.text,
                sha256=checked.sha256,
                time_zone=zone,
                priority_matrix=matrix,
                uploaded_at=now,
                uploaded_by=principal.name,
            )
            uow.audit.add(
                now,
                principal.name,
                AuditAction.AGREEMENT_UPLOADED,
                "agreement",
                f"{agreement.id} v{version.number}",
                owner.id,
                {"sha256": checked.sha256, "findings": len(checked.findings)},
            )
            unchanged = False
        if activate and version.status is VersionStatus.DRAFT:
            version = _activate(uow, principal, owner, version, agreement, effective_from)
        uow.commit()
    return UploadResult(version, checked.findings, unchanged)


def replace_draft(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    agreement_key: str,
    number: int,
    text: str,
    parser: AgreementParser,
    *,
    language: str | None = None,
) -> UploadResult:
    """Change the text of a draft. An active or retired version is immutable: :class:`ConflictError`."""
    access.require_staff(principal, "change agreements")
    checked = _check(text, parser, None, language)
    with uow:
        owner = access.writable_client(uow, principal, client)
        version = _version(uow, principal, owner, agreement_key, number)
        if version.status is not VersionStatus.DRAFT:
            raise ConflictError(
                f"{agreement_key} v{number} is {version.status.value}: activated versions never change; "
                "upload the new text as a new version"
            )
        if checked.agreement is None:
            return UploadResult(None, checked.findings)
        if checked.agreement.id != agreement_key:
            raise InputError(f"the text is agreement {checked.agreement.id!r}, not {agreement_key!r}")
        zone, matrix = _context(checked.agreement)
        version = uow.agreements.replace_draft(
            version.id,
            title=checked.agreement.title,
            text=checked.text,
            sha256=checked.sha256,
            time_zone=zone,
            priority_matrix=matrix,
        )
        uow.audit.add(
            uow.time_source.now(),
            principal.name,
            AuditAction.AGREEMENT_DRAFT_REPLACED,
            "agreement",
            f"{agreement_key} v{number}",
            owner.id,
            {"sha256": checked.sha256},
        )
        uow.commit()
    return UploadResult(version, checked.findings)


def activate_version(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    agreement_key: str,
    number: int,
    parser: AgreementParser,
    *,
    effective_from: datetime | None = None,
) -> AgreementVersion:
    """Activate a draft and retire the agreement's active version.

    ``effective_from`` (default: the start of the document's ``term.start``, spec §6) is when the version
    starts to judge tickets; it may lie in the past (to judge tickets imported from before) but not before
    the current version's.
    """
    with uow:
        owner = access.writable_client(uow, principal, client)
        version = _version(uow, principal, owner, agreement_key, number)
        parsed = parser(version.text, source=f"{version.agreement_key} v{version.number}")
        if parsed.agreement is None:
            raise AgreementError(parsed.problems)
        version = _activate(uow, principal, owner, version, parsed.agreement, effective_from)
        uow.commit()
    return version


def _activate(
    uow: UnitOfWork,
    principal: Principal,
    owner: Client,
    version: AgreementVersion,
    agreement: Agreement,
    effective_from: datetime | None,
) -> AgreementVersion:
    if version.status is not VersionStatus.DRAFT:
        raise ConflictError(
            f"{version.agreement_key} v{version.number} is {version.status.value}, not a draft"
        )
    now = uow.time_source.now()
    start = _aware(effective_from) if effective_from is not None else term_start(agreement)
    current = uow.agreements.active(owner.id, version.agreement_key, access.scope_of(principal))
    if current is not None:
        assert current.effective_from is not None
        if start < current.effective_from:
            raise ConflictError(
                f"v{version.number} would take effect at {start.isoformat()}, before v{current.number} "
                f"({current.effective_from.isoformat()}); versions take effect in order"
            )
        uow.agreements.set_status(current.id, VersionStatus.RETIRED, retired_at=now)
        uow.audit.add(
            now,
            principal.name,
            AuditAction.AGREEMENT_RETIRED,
            "agreement",
            f"{current.agreement_key} v{current.number}",
            owner.id,
            {"replaced_by": version.number},
        )
    activated = uow.agreements.set_status(
        version.id, VersionStatus.ACTIVE, activated_at=now, effective_from=start
    )
    uow.audit.add(
        now,
        principal.name,
        AuditAction.AGREEMENT_ACTIVATED,
        "agreement",
        f"{version.agreement_key} v{version.number}",
        owner.id,
        {"effective_from": start.isoformat()},
    )
    return activated


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise InputError(f"{instant.isoformat()} has no UTC offset")
    return instant.astimezone(UTC)


def _version(
    uow: UnitOfWork, principal: Principal, owner: Client, agreement_key: str, number: int
) -> AgreementVersion:
    if not 1 <= number <= MAX_VERSION_NUMBER:
        # Refused before the query: a number past the database's 64-bit integers overflows the driver.
        raise InputError(
            f"version number {number} is out of range (1 to {MAX_VERSION_NUMBER})",
            location=Location(path="number"),
        )
    version = uow.agreements.get(owner.id, agreement_key, number, access.scope_of(principal))
    if version is None:
        raise NotFoundError(f"client {owner.slug} has no agreement {agreement_key!r} version {number}")
    return version


def list_versions(
    uow: UnitOfWork, principal: Principal, client: str, agreement_key: str | None = None
) -> list[AgreementVersion]:
    """Every version of the client's agreements (or of one), by agreement key then number."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        return uow.agreements.versions(owner.id, access.scope_of(principal), agreement_key)


def get_version(
    uow: UnitOfWork, principal: Principal, client: str, agreement_key: str, number: int
) -> AgreementVersion:
    with uow:
        owner = access.readable_client(uow, principal, client)
        return _version(uow, principal, owner, agreement_key, number)


def version_in_force(
    uow: UnitOfWork, principal: Principal, client: str, agreement_key: str, at: datetime
) -> AgreementVersion | None:
    """The version that was in force at ``at`` (None before the first activated version took effect)."""
    with uow:
        owner = access.readable_client(uow, principal, client)
        return client_rule(uow, principal, owner, agreement_key).at(_aware(at))


def version_for_ticket(
    uow: UnitOfWork, principal: Principal, client: str, ticket_id: str, agreement_key: str | None = None
) -> AgreementVersion | None:
    """The version that judges a ticket: the one in force when the ticket was created.

    ``agreement_key`` may be left out when the client has one agreement.
    """
    with uow:
        owner = access.readable_client(uow, principal, client)
        scope = access.scope_of(principal)
        ticket = uow.records.ticket(owner.id, ticket_id, scope)
        if ticket is None:
            raise NotFoundError(f"client {owner.slug} has no ticket {ticket_id!r}")
        if agreement_key is None:
            keys = sorted({v.agreement_key for v in uow.agreements.versions(owner.id, scope)})
            if len(keys) != 1:
                raise InputError(
                    f"client {owner.slug} has {len(keys)} agreements ({', '.join(keys) or 'none'}); name one"
                )
            agreement_key = keys[0]
        return client_rule(uow, principal, owner, agreement_key).at(ticket.created_at)
