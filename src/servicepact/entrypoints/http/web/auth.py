"""Sessions, CSRF tokens and sign-in throttling of the web UI (standard library only).

A session is a signed cookie: ``base64url(JSON payload) . base64url(HMAC-SHA256)`` with the app's secret
key. The payload holds the user id (absent before sign-in), the CSRF token of the session, the language
and an expiry. Nothing is kept on the server, so a restart with the same secret keeps people signed in; a
deactivated user is refused at the next request because the user is read on every request.

>>> codec = SessionCodec("k" * 32)
>>> codec.load(codec.dump(Session(csrf="t", user_id=7), now=0.0), now=1.0).user_id
7
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

COOKIE = "sp_session"
LIFETIME = timedelta(hours=12)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class Session:
    """What the session cookie says. ``csrf`` is sent back with every form."""

    csrf: str
    user_id: int | None = None
    language: str | None = None
    expires: float = 0.0

    @classmethod
    def new(cls, language: str | None = None) -> Session:
        return cls(csrf=secrets.token_urlsafe(24), language=language)

    def signed_in(self, user_id: int) -> Session:
        """The session after a sign-in: a fresh CSRF token, so a token seen before sign-in is worthless."""
        return replace(self, user_id=user_id, csrf=secrets.token_urlsafe(24))

    def signed_out(self) -> Session:
        return Session.new(self.language)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionCodec:
    """Signs and checks session cookies with ``secret``."""

    def __init__(self, secret: str, lifetime: timedelta = LIFETIME) -> None:
        self._key = hashlib.sha256(b"servicepact-web-session\x00" + secret.encode("utf-8")).digest()
        self.lifetime = lifetime

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest())

    def dump(self, session: Session, *, now: float) -> str:
        payload: dict[str, Any] = {"c": session.csrf, "x": now + self.lifetime.total_seconds()}
        if session.user_id is not None:
            payload["u"] = session.user_id
        if session.language:
            payload["l"] = session.language
        body = _b64(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
        return f"{body}.{self._sign(body)}"

    def load(self, cookie: str | None, *, now: float) -> Session | None:
        """The session of a cookie; None when it is missing, tampered with, malformed or expired."""
        if not cookie or cookie.count(".") != 1:
            return None
        body, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            payload = json.loads(_unb64(body))
            csrf, expires = str(payload["c"]), float(payload["x"])
            user_id = payload.get("u")
            language = payload.get("l")
        except (ValueError, KeyError, TypeError):
            return None
        if expires <= now or (user_id is not None and not isinstance(user_id, int)):
            return None
        return Session(csrf=csrf, user_id=user_id, language=language, expires=expires)


def csrf_ok(session: Session | None, sent: str | None) -> bool:
    """Whether a form's token is the session's (constant-time)."""
    if session is None or not sent:
        return False
    return hmac.compare_digest(session.csrf, sent)


@dataclass
class _Failures:
    count: int = 0
    blocked_until: datetime | None = None


@dataclass
class SignInThrottle:
    """Failed sign-ins per (email, client address), with exponential back-off, in memory.

    The first ``free`` failures cost nothing; then each failure blocks the pair for ``base`` × 2^(n −
    free − 1), at most ``cap``. A success clears the pair. Attempts while blocked are refused without
    checking the password (so a blocked attacker learns nothing and costs no scrypt work).
    """

    free: int = 3
    base: timedelta = timedelta(seconds=2)
    cap: timedelta = timedelta(minutes=15)
    max_entries: int = 100_000
    _failures: dict[tuple[str, str], _Failures] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def key(email: str, address: str) -> tuple[str, str]:
        return (email.strip().lower(), address)

    def wait(self, email: str, address: str, now: datetime) -> timedelta | None:
        """How long the pair must still wait, or None when it may try."""
        with self._lock:
            entry = self._failures.get(self.key(email, address))
        if entry is None or entry.blocked_until is None or entry.blocked_until <= now:
            return None
        return entry.blocked_until - now

    def failed(self, email: str, address: str, now: datetime) -> timedelta | None:
        """Record a failure; returns the block it starts (None while failures are still free)."""
        with self._lock:
            if len(self._failures) >= self.max_entries:
                self._forget_expired(now)
            entry = self._failures.setdefault(self.key(email, address), _Failures())
            entry.count += 1
            if entry.count <= self.free:
                return None
            delay = min(self.base * (1 << (entry.count - self.free - 1)), self.cap)
            entry.blocked_until = now + delay
            return delay

    def succeeded(self, email: str, address: str) -> None:
        with self._lock:
            self._failures.pop(self.key(email, address), None)

    def _forget_expired(self, now: datetime) -> None:
        # Bounded memory under a spray of addresses: forget pairs that are not blocked now.
        for key in [
            k for k, v in self._failures.items() if v.blocked_until is None or v.blocked_until <= now
        ]:
            del self._failures[key]
