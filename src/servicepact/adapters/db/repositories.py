"""SQLAlchemy repositories of clients, agreement versions, users, tokens and the audit log.

Every read of client data filters by the caller's :class:`~servicepact.services.model.Scope` through
:func:`scoped`, the one place where a scope becomes SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, true, update
from sqlalchemy.orm import Session

from servicepact.adapters.db.tables import (
    AgreementRow,
    AgreementVersionRow,
    ApiTokenRow,
    AuditRow,
    ClientRow,
    UserRow,
)
from servicepact.domain.errors import ConflictError, NotFoundError
from servicepact.services.model import (
    AgreementVersion,
    ApiToken,
    AuditAction,
    AuditEntry,
    Client,
    Page,
    Role,
    Scope,
    User,
    VersionStatus,
)


def scoped(column: Any, scope: Scope) -> ColumnElement[bool]:
    """The SQL condition that keeps a query within ``scope`` (``column`` holds a client id)."""
    if scope.client_ids is None:
        return true()
    return column.in_(sorted(scope.client_ids))  # type: ignore[no-any-return]


def _client(row: ClientRow) -> Client:
    return Client(row.id, row.slug, row.name, row.time_zone, row.created_at)


class SqlClients:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, slug: str, name: str, time_zone: str, created_at: datetime) -> Client:
        if self.session.scalar(select(ClientRow.id).where(ClientRow.slug == slug)) is not None:
            raise ConflictError(f"a client {slug!r} exists already")
        row = ClientRow(slug=slug, name=name, time_zone=time_zone, created_at=created_at)
        self.session.add(row)
        self.session.flush()
        return _client(row)

    def get(self, client_id: int, scope: Scope) -> Client | None:
        row = self.session.scalar(
            select(ClientRow).where(ClientRow.id == client_id, scoped(ClientRow.id, scope))
        )
        return None if row is None else _client(row)

    def get_by_slug(self, slug: str, scope: Scope) -> Client | None:
        row = self.session.scalar(
            select(ClientRow).where(ClientRow.slug == slug, scoped(ClientRow.id, scope))
        )
        return None if row is None else _client(row)

    def list(self, scope: Scope) -> list[Client]:
        rows = self.session.scalars(
            select(ClientRow).where(scoped(ClientRow.id, scope)).order_by(ClientRow.slug)
        )
        return [_client(row) for row in rows]


def _version(row: AgreementVersionRow, agreement: AgreementRow) -> AgreementVersion:
    return AgreementVersion(
        id=row.id,
        client_id=agreement.client_id,
        agreement_key=agreement.key,
        number=row.number,
        status=row.status,
        text=row.text,
        sha256=row.sha256,
        title=row.title,
        uploaded_at=row.uploaded_at,
        uploaded_by=row.uploaded_by,
        time_zone=row.time_zone,
        priority_matrix=row.priority_matrix,
        activated_at=row.activated_at,
        effective_from=row.effective_from,
        retired_at=row.retired_at,
    )


class SqlAgreements:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _query(self, client_id: int, scope: Scope) -> Any:
        return (
            select(AgreementVersionRow, AgreementRow)
            .join(AgreementRow, AgreementRow.id == AgreementVersionRow.agreement_id)
            .where(AgreementRow.client_id == client_id, scoped(AgreementRow.client_id, scope))
        )

    def add_version(
        self,
        client_id: int,
        agreement_key: str,
        *,
        title: str,
        text: str,
        sha256: str,
        time_zone: str | None,
        priority_matrix: dict[str, dict[str, str]] | None,
        uploaded_at: datetime,
        uploaded_by: str,
    ) -> AgreementVersion:
        agreement = self.session.scalar(
            select(AgreementRow).where(AgreementRow.client_id == client_id, AgreementRow.key == agreement_key)
        )
        if agreement is None:
            agreement = AgreementRow(client_id=client_id, key=agreement_key, created_at=uploaded_at)
            self.session.add(agreement)
            self.session.flush()
        last = self.session.scalar(
            select(func.max(AgreementVersionRow.number)).where(
                AgreementVersionRow.agreement_id == agreement.id
            )
        )
        row = AgreementVersionRow(
            agreement_id=agreement.id,
            number=(last or 0) + 1,
            status=VersionStatus.DRAFT,
            title=title,
            text=text,
            sha256=sha256,
            time_zone=time_zone,
            priority_matrix=priority_matrix,
            uploaded_at=uploaded_at,
            uploaded_by=uploaded_by,
        )
        self.session.add(row)
        self.session.flush()
        return _version(row, agreement)

    def _row(self, version_id: int) -> tuple[AgreementVersionRow, AgreementRow]:
        found = self.session.execute(
            select(AgreementVersionRow, AgreementRow)
            .join(AgreementRow, AgreementRow.id == AgreementVersionRow.agreement_id)
            .where(AgreementVersionRow.id == version_id)
        ).one_or_none()
        if found is None:
            raise NotFoundError(f"no agreement version {version_id}")
        return found[0], found[1]

    def replace_draft(
        self,
        version_id: int,
        *,
        title: str,
        text: str,
        sha256: str,
        time_zone: str | None,
        priority_matrix: dict[str, dict[str, str]] | None,
    ) -> AgreementVersion:
        # The status test is in the UPDATE itself, so a version activated meanwhile is never changed.
        changed = self.session.execute(
            update(AgreementVersionRow)
            .where(AgreementVersionRow.id == version_id, AgreementVersionRow.status == VersionStatus.DRAFT)
            .values(
                title=title, text=text, sha256=sha256, time_zone=time_zone, priority_matrix=priority_matrix
            )
            .execution_options(synchronize_session="fetch")
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError(
                f"agreement version {version_id} is no longer a draft; activated versions never change"
            )
        row, agreement = self._row(version_id)
        self.session.refresh(row)
        return _version(row, agreement)

    def set_status(
        self,
        version_id: int,
        status: VersionStatus,
        *,
        activated_at: datetime | None = None,
        effective_from: datetime | None = None,
        retired_at: datetime | None = None,
    ) -> AgreementVersion:
        row, agreement = self._row(version_id)
        row.status = status
        if activated_at is not None:
            row.activated_at = activated_at
        if effective_from is not None:
            row.effective_from = effective_from
        if retired_at is not None:
            row.retired_at = retired_at
        self.session.flush()
        return _version(row, agreement)

    def get(self, client_id: int, agreement_key: str, number: int, scope: Scope) -> AgreementVersion | None:
        found = self.session.execute(
            self._query(client_id, scope).where(
                AgreementRow.key == agreement_key, AgreementVersionRow.number == number
            )
        ).one_or_none()
        return None if found is None else _version(found[0], found[1])

    def versions(
        self, client_id: int, scope: Scope, agreement_key: str | None = None
    ) -> list[AgreementVersion]:
        query = self._query(client_id, scope)
        if agreement_key is not None:
            query = query.where(AgreementRow.key == agreement_key)
        rows = self.session.execute(query.order_by(AgreementRow.key, AgreementVersionRow.number))
        return [_version(v, a) for v, a in rows]

    def active(self, client_id: int, agreement_key: str, scope: Scope) -> AgreementVersion | None:
        found = self.session.execute(
            self._query(client_id, scope).where(
                AgreementRow.key == agreement_key, AgreementVersionRow.status == VersionStatus.ACTIVE
            )
        ).one_or_none()
        return None if found is None else _version(found[0], found[1])

    def priority_context(self, client_id: int) -> tuple[str | None, dict[str, dict[str, str]] | None]:
        row = self.session.scalar(
            select(AgreementVersionRow)
            .join(AgreementRow, AgreementRow.id == AgreementVersionRow.agreement_id)
            .where(AgreementRow.client_id == client_id, AgreementVersionRow.status == VersionStatus.ACTIVE)
            .order_by(AgreementVersionRow.activated_at.desc(), AgreementVersionRow.id.desc())
            .limit(1)
        )
        return (None, None) if row is None else (row.time_zone, row.priority_matrix)


def _user(row: UserRow) -> User:
    return User(
        row.id, row.email, Role(row.role), row.client_id, row.active, row.created_at, row.password_hash
    )


class SqlUsers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, email: str, role: Role, client_id: int | None, password_hash: str | None, created_at: datetime
    ) -> User:
        if self.get_by_email(email) is not None:
            raise ConflictError(f"a user {email!r} exists already")
        row = UserRow(
            email=email,
            role=role,
            client_id=client_id,
            password_hash=password_hash,
            active=True,
            created_at=created_at,
        )
        self.session.add(row)
        self.session.flush()
        return _user(row)

    def get(self, user_id: int) -> User | None:
        row = self.session.get(UserRow, user_id)
        return None if row is None else _user(row)

    def get_by_email(self, email: str) -> User | None:
        row = self.session.scalar(select(UserRow).where(UserRow.email == email))
        return None if row is None else _user(row)

    def list(self) -> list[User]:
        return [_user(row) for row in self.session.scalars(select(UserRow).order_by(UserRow.email))]

    def update(self, user: User) -> User:
        row = self.session.get(UserRow, user.id)
        if row is None:
            raise NotFoundError(f"no user {user.email!r}")
        row.role, row.client_id, row.active, row.password_hash = (
            user.role,
            user.client_id,
            user.active,
            user.password_hash,
        )
        self.session.flush()
        return _user(row)


def _token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(
        row.id,
        row.user_id,
        row.name,
        row.prefix,
        row.token_hash,
        row.created_at,
        row.last_used_at,
        row.revoked_at,
    )


class SqlTokens:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, user_id: int, name: str, prefix: str, token_hash: str, created_at: datetime) -> ApiToken:
        row = ApiTokenRow(
            user_id=user_id, name=name, prefix=prefix, token_hash=token_hash, created_at=created_at
        )
        self.session.add(row)
        self.session.flush()
        return _token(row)

    def get(self, token_id: int) -> ApiToken | None:
        row = self.session.get(ApiTokenRow, token_id)
        return None if row is None else _token(row)

    def get_by_hash(self, token_hash: str) -> ApiToken | None:
        row = self.session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
        return None if row is None else _token(row)

    def for_user(self, user_id: int) -> list[ApiToken]:
        rows = self.session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
        )
        return [_token(row) for row in rows]

    def mark_used(self, token_id: int, at: datetime) -> None:
        self.session.execute(update(ApiTokenRow).where(ApiTokenRow.id == token_id).values(last_used_at=at))

    def revoke(self, token_id: int, at: datetime) -> ApiToken:
        row = self.session.get(ApiTokenRow, token_id)
        if row is None:
            raise NotFoundError(f"no token {token_id}")
        if row.revoked_at is None:
            row.revoked_at = at
            self.session.flush()
        return _token(row)


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.id,
        row.at,
        row.actor,
        AuditAction(row.action),
        row.object_type,
        row.object_key,
        row.client_id,
        row.details,
    )


class SqlAudit:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        at: datetime,
        actor: str,
        action: AuditAction,
        object_type: str,
        object_key: str,
        client_id: int | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        row = AuditRow(
            at=at,
            actor=actor,
            action=action.value,
            object_type=object_type,
            object_key=object_key,
            client_id=client_id,
            details=dict(details or {}),
        )
        self.session.add(row)
        self.session.flush()
        return _entry(row)

    def list(self, scope: Scope, page: Page, client_id: int | None = None) -> list[AuditEntry]:
        query = select(AuditRow)
        if scope.client_ids is not None:
            # Entries about no client (users, tokens) are for staff only.
            query = query.where(AuditRow.client_id.is_not(None), scoped(AuditRow.client_id, scope))
        if client_id is not None:
            query = query.where(AuditRow.client_id == client_id)
        rows = self.session.scalars(query.order_by(AuditRow.id.desc()).limit(page.limit).offset(page.offset))
        return [_entry(row) for row in rows]
