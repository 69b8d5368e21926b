"""Settings of the HTTP app, from the environment; unsafe defaults are refused outside development."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from enum import StrEnum

from servicepact.domain.errors import InputError

DEFAULT_DATABASE_URL = "sqlite:///./servicepact.db"
_SWITCH = {
    "on": True,
    "1": True,
    "true": True,
    "yes": True,
    "off": False,
    "0": False,
    "false": False,
    "no": False,
}


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


@dataclass(frozen=True)
class Settings:
    """``SERVICEPACT_DATABASE_URL``, ``SERVICEPACT_SECRET_KEY``, ``SERVICEPACT_ENV``,
    ``SERVICEPACT_RESPONSE_CACHE`` (how many ticket-list bodies, and as many stored pages, each process
    keeps; 0 keeps none and checks every token again), ``SERVICEPACT_API_DOCS`` (``on``/``off``: the
    Swagger UI and ReDoc pages; on in development, off in production unless asked for).

    In production a secret key must be given (it signs session cookies and CSRF tokens); in development
    a random one is made per process, so sessions end when the server restarts.
    """

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = ""
    environment: Environment = Environment.DEVELOPMENT
    secure_cookies: bool = False
    response_cache_size: int = 256
    api_docs: bool = True

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        try:
            environment = Environment(env.get("SERVICEPACT_ENV", "development"))
        except ValueError:
            raise InputError("SERVICEPACT_ENV must be 'development' or 'production'") from None
        cache_size = env.get("SERVICEPACT_RESPONSE_CACHE", "256").strip()
        if not cache_size.isascii() or not cache_size.isdigit() or int(cache_size) > 100_000:
            raise InputError("SERVICEPACT_RESPONSE_CACHE must be a whole number from 0 to 100000")
        secret = env.get("SERVICEPACT_SECRET_KEY", "")
        if environment is Environment.PRODUCTION and len(secret) < 32:
            raise InputError("SERVICEPACT_SECRET_KEY must be set (at least 32 characters) in production")
        docs = env.get("SERVICEPACT_API_DOCS", "").strip().lower()
        if docs and docs not in _SWITCH:
            raise InputError("SERVICEPACT_API_DOCS must be on or off (or 1/0, true/false, yes/no)")
        return cls(
            database_url=env.get("SERVICEPACT_DATABASE_URL", DEFAULT_DATABASE_URL),
            secret_key=secret or secrets.token_urlsafe(32),
            environment=environment,
            secure_cookies=environment is Environment.PRODUCTION,
            response_cache_size=int(cache_size),
            api_docs=_SWITCH[docs] if docs else environment is Environment.DEVELOPMENT,
        )
