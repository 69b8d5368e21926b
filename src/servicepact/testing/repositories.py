"""In-memory clients, agreement versions, users, tokens and audit log, with the SQL repositories' rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from servicepact.domain.errors import ConflictError
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
from servicepact.testing.store import StorePart, page_of
from servicepact.testing.time import START


class FakeClients(StorePart):
    def add(self, slug: str, name: str, time_zone: str, created_at: datetime) -> Client:
        if any(c.slug == slug for c in self.s.clients.values()):
            raise ConflictError(f"a client {slug!r} exists already")
        client = Client(self._next_id(), slug, name, time_zone, created_at)
        self.s.clients[client.id] = client
        return client

    def get(self, client_id: int, scope: Scope) -> Client | None:
        client = self.s.clients.get(client_id)
        return client if client is not None and scope.allows(client.id) else None

    def get_by_slug(self, slug: str, scope: Scope) -> Client | None:
        return next((c for c in self.s.clients.values() if c.slug == slug and scope.allows(c.id)), None)

    def list(self, scope: Scope) -> list[Client]:
        return sorted((c for c in self.s.clients.values() if scope.allows(c.id)), key=lambda c: c.slug)


class FakeAgreements(StorePart):
    def add_version(  # noqa: PLR0913 (the signature of the port)
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
        numbers = [
            v.number
            for v in self.s.versions.values()
            if (v.client_id, v.agreement_key) == (client_id, agreement_key)
        ]
        version = AgreementVersion(
            self._next_id(),
            client_id,
            agreement_key,
            max(numbers, default=0) + 1,
            VersionStatus.DRAFT,
            text,
            sha256,
            title,
            uploaded_at,
            uploaded_by,
            time_zone,
            priority_matrix,
        )
        self.s.versions[version.id] = version
        return version

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
        version = self.s.versions[version_id]
        if version.status is not VersionStatus.DRAFT:
            raise ConflictError(f"version {version.number} is {version.status.value}; only drafts change")
        changed = replace(
            version,
            title=title,
            text=text,
            sha256=sha256,
            time_zone=time_zone,
            priority_matrix=priority_matrix,
        )
        self.s.versions[version_id] = changed
        return changed

    def set_status(
        self,
        version_id: int,
        status: VersionStatus,
        *,
        activated_at: datetime | None = None,
        effective_from: datetime | None = None,
        retired_at: datetime | None = None,
    ) -> AgreementVersion:
        version = self.s.versions[version_id]
        changed = replace(
            version,
            status=status,
            activated_at=activated_at or version.activated_at,
            effective_from=effective_from or version.effective_from,
            retired_at=retired_at or version.retired_at,
        )
        self.s.versions[version_id] = changed
        return changed

    def get(self, client_id: int, agreement_key: str, number: int, scope: Scope) -> AgreementVersion | None:
        return next(
            (v for v in self.versions(client_id, scope, agreement_key) if v.number == number),
            None,
        )

    def versions(
        self, client_id: int, scope: Scope, agreement_key: str | None = None
    ) -> list[AgreementVersion]:
        if not scope.allows(client_id):
            return []
        return sorted(
            (
                v
                for v in self.s.versions.values()
                if v.client_id == client_id and agreement_key in (None, v.agreement_key)
            ),
            key=lambda v: (v.agreement_key, v.number),
        )

    def active(self, client_id: int, agreement_key: str, scope: Scope) -> AgreementVersion | None:
        return next(
            (v for v in self.versions(client_id, scope, agreement_key) if v.status is VersionStatus.ACTIVE),
            None,
        )

    def priority_context(self, client_id: int) -> tuple[str | None, dict[str, dict[str, str]] | None]:
        active = [
            v
            for v in self.s.versions.values()
            if v.client_id == client_id and v.status is VersionStatus.ACTIVE
        ]
        latest = max(active, key=lambda v: (v.activated_at or START, v.id), default=None)
        return (latest.time_zone, latest.priority_matrix) if latest else (None, None)


class FakeUsers(StorePart):
    def add(
        self, email: str, role: Role, client_id: int | None, password_hash: str | None, created_at: datetime
    ) -> User:
        if self.get_by_email(email) is not None:
            raise ConflictError(f"a user {email!r} exists already")
        user = User(self._next_id(), email, role, client_id, True, created_at, password_hash)
        self.s.users[user.id] = user
        return user

    def get(self, user_id: int) -> User | None:
        return self.s.users.get(user_id)

    def get_by_email(self, email: str) -> User | None:
        return next((u for u in self.s.users.values() if u.email == email), None)

    def list(self) -> list[User]:
        return sorted(self.s.users.values(), key=lambda u: u.email)

    def update(self, user: User) -> User:
        self.s.users[user.id] = user
        return user


class FakeTokens(StorePart):
    def add(self, user_id: int, name: str, prefix: str, token_hash: str, created_at: datetime) -> ApiToken:
        token = ApiToken(self._next_id(), user_id, name, prefix, token_hash, created_at)
        self.s.tokens[token.id] = token
        return token

    def get(self, token_id: int) -> ApiToken | None:
        return self.s.tokens.get(token_id)

    def get_by_hash(self, token_hash: str) -> ApiToken | None:
        return next((t for t in self.s.tokens.values() if t.token_hash == token_hash), None)

    def for_user(self, user_id: int) -> list[ApiToken]:
        return [t for t in self.s.tokens.values() if t.user_id == user_id]

    def mark_used(self, token_id: int, at: datetime) -> None:
        self.s.tokens[token_id] = replace(self.s.tokens[token_id], last_used_at=at)

    def revoke(self, token_id: int, at: datetime) -> ApiToken:
        token = self.s.tokens[token_id]
        revoked = token if token.revoked_at else replace(token, revoked_at=at)
        self.s.tokens[token_id] = revoked
        return revoked


class FakeAudit(StorePart):
    def add(  # noqa: PLR0913 (the signature of the port)
        self,
        at: datetime,
        actor: str,
        action: AuditAction,
        object_type: str,
        object_key: str,
        client_id: int | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        entry = AuditEntry(
            self._next_id(), at, actor, action, object_type, object_key, client_id, dict(details or {})
        )
        self.s.audit.append(entry)
        return entry

    def list(self, scope: Scope, page: Page, client_id: int | None = None) -> list[AuditEntry]:
        rows = [
            e
            for e in reversed(self.s.audit)
            if (client_id is None or e.client_id == client_id)
            and (scope.client_ids is None or (e.client_id is not None and scope.allows(e.client_id)))
        ]
        return page_of(rows, page)
