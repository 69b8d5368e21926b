"""The API over a real database: every test runs on SQLite and on PostgreSQL (the storage tests'
fixtures), with two clients of its own, ``acme`` and ``beta``, each holding one record of every kind.

Tokens: ``staff`` (an engineer), ``admin``, ``acme_user`` (a client user of acme), ``beta_user``, and a
webhook token per client. Ticket ``T-ACME-1`` / ``T-BETA-1`` and friends are named after their client, so
a test can ask for another client's object by name.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db import Database
from servicepact.domain.agreement import ValidationResult
from servicepact.domain.records import (
    Asset,
    BackupRun,
    BackupStatus,
    EventType,
    Outage,
    OutageKind,
    RestoreTest,
)
from servicepact.entrypoints.http.app import create_app
from servicepact.entrypoints.http.context import AppContext
from servicepact.entrypoints.http.settings import Settings
from servicepact.services import clients, users, webhooks
from servicepact.services.access import SYSTEM, scope_of
from servicepact.services.live_clocks import AgreementCache
from servicepact.services.model import Role, VersionStatus
from servicepact.services.ports import TicketRows
from servicepact.testing import FixedTime, event_batch, ticket_batch
from tests.integration.db.conftest import database, database_url, postgres_server, time_source

__all__ = [
    "database",
    "database_url",
    "postgres_server",
    "time_source",
]  # fixtures shared with the storage tests

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
AGREEMENT = EXAMPLES / "northwind-acme.en.yaml"
NOW = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in New York
EFFECTIVE = datetime(2027, 1, 1, tzinfo=UTC)


@dataclass
class Api:
    """A test client over the app, with the tokens of the seeded callers."""

    client: TestClient
    app: FastAPI
    database: Database
    time_source: FixedTime
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def context(self) -> AppContext:
        """The app's context, with its caches."""
        context: AppContext = self.app.state.context
        return context

    def headers(self, who: str | None) -> dict[str, str]:
        return {} if who is None else {"Authorization": f"Bearer {self.tokens[who]}"}

    def request(self, method: str, url: str, who: str | None = "staff", **kwargs: Any) -> httpx.Response:
        headers = {**self.headers(who), **kwargs.pop("headers", {})}
        return self.client.request(method, url, headers=headers, **kwargs)

    def get(self, url: str, who: str | None = "staff", **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, who, **kwargs)

    def post(self, url: str, who: str | None = "staff", **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, who, **kwargs)


@functools.lru_cache(maxsize=32)
def parse_agreement(path_or_text: str, *, source: str | None = None) -> ValidationResult:
    """:func:`read_agreement`, remembered across tests: parsing YAML is the slow part of a test's setup.

    Only the parsing is shared. Each app gets an :class:`AgreementCache` of its own, as the cache's clock
    options are keyed by client id, and the ids restart at 1 in every test's database.
    """
    return read_agreement(path_or_text, source=source)


def store_agreement(db: Database, time_source: FixedTime, slug: str) -> None:
    """The example agreement as the client's active version 1, effective from 2027-01-01.

    Stored through the repositories (the upload use case is tested on its own): validating and linting
    the example takes longer than the rest of a test.
    """
    text = AGREEMENT.read_text(encoding="utf-8")
    agreement = parse_agreement(text, source="example").agreement
    assert agreement is not None
    matrix = dict(agreement.priorities.matrix) if agreement.priorities else None
    with db.unit_of_work(time_source) as uow:
        client = uow.clients.get_by_slug(slug, scope_of(SYSTEM))
        assert client is not None
        version = uow.agreements.add_version(
            client.id,
            agreement.id,
            title=agreement.title,
            text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            time_zone="America/New_York",
            priority_matrix=matrix,
            uploaded_at=time_source.now(),
            uploaded_by="seed",
        )
        uow.agreements.set_status(
            version.id, VersionStatus.ACTIVE, activated_at=time_source.now(), effective_from=EFFECTIVE
        )
        uow.commit()


def seed_client(db: Database, time_source: FixedTime, slug: str) -> dict[str, str]:
    """A client with an active agreement, three tickets with events, and one record of every kind."""
    make = lambda: db.unit_of_work(time_source)  # noqa: E731
    clients.create_client(make(), SYSTEM, slug, slug.title(), "America/New_York")
    store_agreement(db, time_source, slug)
    up = slug.upper()
    day = datetime(2027, 3, 10, 13, 0, tzinfo=UTC)  # 08:00 in New York
    tickets = ticket_batch(
        (f"T-{up}-1", day, "P2"),  # responded, running: 2 of 8 business hours used
        (f"T-{up}-2", day - timedelta(days=7), "P1"),  # resolution breached (4 h, 24x7)
        (f"T-{up}-3", day + timedelta(hours=1), "P3"),  # responded and resolved in time
    )
    events = event_batch(
        (0, day + timedelta(minutes=20), EventType.RESPONDED, None),
        (1, day - timedelta(days=7) + timedelta(minutes=10), EventType.RESPONDED, None),
        (2, day + timedelta(hours=1, minutes=5), EventType.RESPONDED, None),
        (2, day + timedelta(hours=1, minutes=30), EventType.RESOLVED, None),
    )
    with db.unit_of_work(time_source) as uow:
        client_id = uow.clients.get_by_slug(slug, scope_of(SYSTEM)).id  # type: ignore[union-attr]
        uow.imports.tickets(client_id, TicketRows(tickets, events), None)
        uow.imports.outages(
            client_id,
            [Outage(day, day + timedelta(minutes=30), OutageKind.UNPLANNED, f"{slug}-web", "helpdesk")],
        )
        uow.imports.backup_runs(
            client_id,
            [BackupRun(day, day + timedelta(hours=1), BackupStatus.SUCCESS, f"{slug}-nightly", "db")],
        )
        uow.imports.restore_tests(client_id, [RestoreTest(f"{slug}-nightly", day, BackupStatus.SUCCESS)])
        uow.imports.assets(client_id, [Asset(f"{slug}-srv-1", "server", {"os": "Debian 12"})])
        uow.commit()
    return {
        "ticket": f"T-{up}-1",
        "agreement": "northwind-acme-2027",
        "webhook": webhooks.create_webhook_token(make(), SYSTEM, slug).secret,
    }


@pytest.fixture
def api(database: Database, time_source: FixedTime) -> Iterator[Api]:
    time_source.set(NOW)
    objects = {slug: seed_client(database, time_source, slug) for slug in ("acme", "beta")}
    make = lambda: database.unit_of_work(time_source)  # noqa: E731
    callers = {
        "staff": ("ops@msp.example", Role.ENGINEER, None),
        "admin": ("admin@msp.example", Role.ADMIN, None),
        "acme_user": ("it@acme.example", Role.CLIENT, "acme"),
        "beta_user": ("it@beta.example", Role.CLIENT, "beta"),
    }
    tokens: dict[str, str] = {}
    for who, (email, role, client) in callers.items():
        users.create_user(make(), SYSTEM, email, role, client=client)
        tokens[who] = users.create_token(make(), SYSTEM, email, name=who).secret
    tokens["acme_webhook"] = objects["acme"]["webhook"]
    tokens["beta_webhook"] = objects["beta"]["webhook"]
    app = create_app(
        Settings(), uow_factory=make, time_source=time_source, agreements=AgreementCache(parse_agreement)
    )
    with TestClient(app) as client:
        yield Api(client, app, database, time_source, tokens)
