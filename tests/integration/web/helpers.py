"""Helpers of the web UI tests: a demo database, an app over it, and signing in through the form."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from servicepact.adapters.demo_data import DEMO_NOW
from servicepact.entrypoints.bootstrap import database_uow_factory
from servicepact.entrypoints.demo_seed import DemoSummary, build_demo
from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.settings import Settings
from servicepact.services.ports import TimeSource
from servicepact.testing import FixedTime

ADMIN = "admin@northwind.example"
ENGINEER = "engineer@northwind.example"
CLIENT_USER = "it@acme.example"
PASSWORDS = {ADMIN: "admin-pass-0001", ENGINEER: "engineer-pass-01", CLIENT_USER: "client-pass-0001"}
SECRET = "s" * 40

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def build(path: Path, months: int) -> DemoSummary:
    return build_demo(path, months=months, passwords=PASSWORDS)


def make_app(database_url: str, time_source: TimeSource | None = None) -> FastAPI:
    time_source = time_source or FixedTime(DEMO_NOW)
    return create_app(
        Settings(database_url=database_url, secret_key=SECRET),
        uow_factory=database_uow_factory(database_url, time_source=time_source),
        time_source=time_source,
    )


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str | None = None, *, follow: bool = False):  # type: ignore[no-untyped-def]
    page = client.get("/sign-in")
    return client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_of(page.text),
            "email": email,
            "password": password or PASSWORDS[email],
            "next": "/",
        },
        follow_redirects=follow,
    )
