"""Use cases: users, passwords and API tokens.

Passwords are hashed with scrypt (stdlib ``hashlib.scrypt``, a random salt per user). An API token is
``sp_`` and 43 random URL-safe characters; only its SHA-256 is stored, so it is shown once, when created.

>>> from servicepact.testing import SYSTEM, FakeUnitOfWork
>>> uow = FakeUnitOfWork()
>>> user = create_user(uow, SYSTEM, "ops@msp.example", Role.ENGINEER)
>>> new = create_token(uow, SYSTEM, "ops@msp.example", name="ci")
>>> check_token(uow, new.secret).principal.name
'ops@msp.example'
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from servicepact.domain.errors import InputError, NotFoundError, PermissionDeniedError
from servicepact.services import access
from servicepact.services.model import ApiToken, AuditAction, NewToken, Principal, Role, User
from servicepact.services.ports import UnitOfWork

TOKEN_PREFIX = "sp_"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 10
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_USED_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often (no write per request)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64) of ``password``.

    >>> verify_password("correct horse battery", hash_password("correct horse battery"))
    True
    """
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches a stored hash (False for a user without a password)."""
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def token_hash(secret: str) -> str:
    """The stored form of a token: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")


def create_user(
    uow: UnitOfWork,
    principal: Principal,
    email: str,
    role: Role,
    *,
    client: str | None = None,
    password: str | None = None,
) -> User:
    """Add a user (admins only). A ``client`` user needs ``client``; staff must not have one.
    Without a password the user signs in with API tokens only."""
    access.require_admin(principal)
    email = email.strip().lower()
    if not _EMAIL.fullmatch(email):
        raise InputError(f"{email!r} is not an email address")
    if (role is Role.CLIENT) != (client is not None):
        raise InputError("a client user needs --client; admins and engineers see every client and take none")
    if password is not None:
        _check_password(password)
    with uow:
        client_id = access.readable_client(uow, principal, client).id if client is not None else None
        now = uow.time_source.now()
        user = uow.users.add(email, role, client_id, hash_password(password) if password else None, now)
        uow.audit.add(
            now, principal.name, AuditAction.USER_CREATED, "user", email, client_id, {"role": role.value}
        )
        uow.commit()
    return user


def list_users(uow: UnitOfWork, principal: Principal) -> list[User]:
    access.require_admin(principal)
    with uow:
        return uow.users.list()


def _user(uow: UnitOfWork, email: str) -> User:
    user = uow.users.get_by_email(email.strip().lower())
    if user is None:
        raise NotFoundError(f"no user {email!r}")
    return user


def set_role(
    uow: UnitOfWork, principal: Principal, email: str, role: Role, *, client: str | None = None
) -> User:
    access.require_admin(principal)
    if (role is Role.CLIENT) != (client is not None):
        raise InputError("a client user needs a client; admins and engineers take none")
    with uow:
        user = _user(uow, email)
        client_id = access.readable_client(uow, principal, client).id if client is not None else None
        changed = uow.users.update(
            User(user.id, user.email, role, client_id, user.active, user.created_at, user.password_hash)
        )
        uow.audit.add(
            uow.time_source.now(),
            principal.name,
            AuditAction.USER_ROLE_CHANGED,
            "user",
            user.email,
            client_id,
            {"from": user.role.value, "to": role.value},
        )
        uow.commit()
    return changed


def deactivate_user(uow: UnitOfWork, principal: Principal, email: str) -> User:
    """A deactivated user can neither sign in nor use their tokens."""
    access.require_admin(principal)
    with uow:
        user = _user(uow, email)
        changed = uow.users.update(
            User(user.id, user.email, user.role, user.client_id, False, user.created_at, user.password_hash)
        )
        uow.audit.add(uow.time_source.now(), principal.name, AuditAction.USER_DEACTIVATED, "user", user.email)
        uow.commit()
    return changed


def set_password(uow: UnitOfWork, principal: Principal, email: str, password: str) -> None:
    """Admins set anyone's password; a user sets their own."""
    _check_password(password)
    with uow:
        user = _user(uow, email)
        if principal.role is not Role.ADMIN and principal.user_id != user.id:
            raise PermissionDeniedError(f"{principal.name} may not set another user's password")
        uow.users.update(
            User(
                user.id,
                user.email,
                user.role,
                user.client_id,
                user.active,
                user.created_at,
                hash_password(password),
            )
        )
        uow.audit.add(
            uow.time_source.now(), principal.name, AuditAction.USER_PASSWORD_SET, "user", user.email
        )
        uow.commit()


def authenticate_password(uow: UnitOfWork, email: str, password: str) -> Principal:
    """The principal of a user signing in; :class:`PermissionDeniedError` for a wrong email or password
    (the message does not say which)."""
    with uow:
        user = uow.users.get_by_email(email.strip().lower())
    stored = user.password_hash if user is not None else None
    if user is None or not verify_password(password, stored):
        raise PermissionDeniedError("wrong email or password")
    return access.principal_of(user)


def create_token(uow: UnitOfWork, principal: Principal, email: str, *, name: str = "token") -> NewToken:
    """A new API token for a user (admins for anyone, a user for themself). The secret is in the
    result only; it is never stored."""
    with uow:
        user = _user(uow, email)
        if principal.role is not Role.ADMIN and principal.user_id != user.id:
            raise PermissionDeniedError(f"{principal.name} may not create tokens for {user.email}")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = uow.time_source.now()
        token = uow.tokens.add(user.id, name.strip() or "token", secret[:10], token_hash(secret), now)
        uow.audit.add(
            now,
            principal.name,
            AuditAction.TOKEN_CREATED,
            "token",
            f"{user.email}/{token.id}",
            user.client_id,
            {"name": token.name, "prefix": token.prefix},
        )
        uow.commit()
    return NewToken(token, secret)


def list_tokens(uow: UnitOfWork, principal: Principal, email: str) -> list[ApiToken]:
    with uow:
        user = _user(uow, email)
        if principal.role is not Role.ADMIN and principal.user_id != user.id:
            raise NotFoundError(f"no user {email!r}")
        return uow.tokens.for_user(user.id)


def revoke_token(uow: UnitOfWork, principal: Principal, token_id: int) -> ApiToken:
    with uow:
        token = uow.tokens.get(token_id)
        if token is None or (principal.role is not Role.ADMIN and principal.user_id != token.user_id):
            raise NotFoundError(f"no token {token_id}")
        revoked = uow.tokens.revoke(token_id, uow.time_source.now())
        user = uow.users.get(token.user_id)
        uow.audit.add(
            uow.time_source.now(),
            principal.name,
            AuditAction.TOKEN_REVOKED,
            "token",
            f"{user.email if user else token.user_id}/{token_id}",
            user.client_id if user else None,
        )
        uow.commit()
    return revoked


@dataclass(frozen=True)
class TokenCheck:
    """What a read-only check of a bearer token found: the caller, the token and when its use was last
    recorded. The check stays true while the stored data does not change."""

    principal: Principal
    token_id: int
    last_used_at: datetime | None

    def use_due(self, now: datetime) -> bool:
        """Whether the token's use should be recorded now (at most once a minute)."""
        return self.last_used_at is None or now - self.last_used_at >= _USED_EVERY


def check_token(uow: UnitOfWork, secret: str) -> TokenCheck:
    """The principal a bearer token stands for, without writing anything (so an entrypoint may call it
    where a wait for the database's write lock would hold up other requests); :class:`PermissionDeniedError`
    for an unknown, revoked or deactivated token. When ``use_due``, call :func:`record_token_use`."""
    if not secret.startswith(TOKEN_PREFIX):
        raise PermissionDeniedError("not a servicepact token")
    with uow:
        token = uow.tokens.get_by_hash(token_hash(secret))
        if token is None or token.revoked_at is not None:
            raise PermissionDeniedError("unknown or revoked token")
        user = uow.users.get(token.user_id)
        if user is None:
            raise PermissionDeniedError("unknown or revoked token")
        return TokenCheck(access.principal_of(user), token.id, token.last_used_at)


def record_token_use(uow: UnitOfWork, token_id: int) -> None:
    """Write when the token was last used (at most once a minute: see :meth:`TokenCheck.use_due`).

    Bookkeeping: the data revision stays, so what was computed from the data is still good.
    """
    with uow:
        uow.tokens.mark_used(token_id, uow.time_source.now())
        uow.commit(changes_data=False)


class TokenUses:
    """When this process last recorded, or tried to record, each token's use: a check kept while the data
    stays the same still carries the ``last_used_at`` it was read with, so without this every request
    after the first minute would write again. Used from one thread (the event loop)."""

    def __init__(self) -> None:
        self._tried: dict[int, datetime] = {}

    def due(self, check: TokenCheck, now: datetime) -> bool:
        """Whether to record the use now; True counts as a try."""
        tried = self._tried.get(check.token_id)
        if not check.use_due(now) or (tried is not None and now - tried < _USED_EVERY):
            return False
        self._tried[check.token_id] = now
        return True
