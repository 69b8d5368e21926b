"""The demo database: the synthetic records of :mod:`servicepact.adapters.demo_data`, stored through the
service layer's use cases.

Clients, agreement uploads and activations, users and CSV imports (read by the same reader as
``servicepact import``) all go through the services, so the demo exercises them too. The time source is
moved to the moment each step is supposed to happen. Only the passwords are random (they are printed on
start); everything else is deterministic for a seed.

>>> summary = build_demo(TMP / "servicepact-demo.db", months=1)
>>> [u.email for u in summary.users]
['admin@northwind.example', 'engineer@northwind.example', 'it@acme.example']
"""

from __future__ import annotations

import random
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.adapters.demo_data import (
    CLIENTS,
    DEMO_NOW,
    DemoClient,
    acme_revisions,
    local_instant,
    months_back,
    synthetic_records,
    write_csv,
)
from servicepact.adapters.example_files import EXAMPLES
from servicepact.services import agreements, clients, importing, users
from servicepact.services.access import SYSTEM
from servicepact.services.model import ImportKind, Role
from servicepact.services.ports import UnitOfWork

__all__ = ["DemoSummary", "DemoUser", "MovableTime", "build_demo"]

IMPORT_ORDER = (
    ImportKind.ASSETS,
    ImportKind.TICKETS,
    ImportKind.EVENTS,
    ImportKind.OUTAGES,
    ImportKind.BACKUPS,
    ImportKind.RESTORES,
)
"""Assets before the tickets that name them, tickets before their events."""


class MovableTime:
    """The time source of the build: set to the moment each demo step is supposed to happen."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: Role
    password: str
    client: str | None = None


@dataclass
class DemoSummary:
    """What was built: the database URL, the users with their passwords, and the demo's now."""

    database_url: str
    users: list[DemoUser]
    now: datetime
    clients: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def build_demo(  # noqa: PLR0913 (the demo's options, keyword-only after the path)
    path: Path,
    *,
    months: int = 3,
    seed: int = 2027,
    now: datetime = DEMO_NOW,
    examples: Path = EXAMPLES,
    passwords: dict[str, str] | None = None,
    database_url: str | None = None,
) -> DemoSummary:
    """Rebuild the SQLite demo database at ``path`` (an existing file is replaced), or fill the empty
    database at ``database_url`` (PostgreSQL in tests); returns what was built.

    ``months`` of data end at ``now`` (the first of them starts on the 1st). ``passwords`` by email may
    fix passwords (tests); the others are random.
    """
    if database_url is None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = database_url or f"sqlite:///{path}"
    database = Database(DatabaseSettings(url))
    try:
        database.upgrade()
        time_source = MovableTime(now)
        seeding = _Seeding(lambda: database.unit_of_work(time_source), time_source, now)
        rng = random.Random(seed)
        first_day = months_back(now.date().replace(day=1), months - 1)
        counts: dict[str, dict[str, int]] = {}
        for demo in CLIENTS:
            text = (examples / demo.example).read_text(encoding="utf-8")
            agreement = read_agreement(text, source=demo.example).agreement
            assert agreement is not None
            assert agreement.support is not None
            zone = agreement.calendar(agreement.support.calendar).timezone
            time_source.at = local_instant(first_day - timedelta(days=20), time(10), zone)
            clients.create_client(seeding.uow(), SYSTEM, demo.slug, demo.name, str(zone))
            seeding.agreement_versions(demo, text, first_day, zone)
            data = synthetic_records(agreement, rng, first_day, now, demo)
            time_source.at = now  # the data run up to now; an instant after the clock is a bad row
            counts[demo.slug] = seeding.import_files(demo.slug, data, (first_day, now))
        demo_users = seeding.users(passwords or {})
    finally:
        database.dispose()
    return DemoSummary(url, demo_users, now, [c.slug for c in CLIENTS], counts)


@dataclass
class _Seeding:
    """The steps of the build, each in its own unit of work at the time source's instant."""

    uow: Callable[[], UnitOfWork]
    time_source: MovableTime
    now: datetime

    def agreement_versions(self, demo: DemoClient, text: str, first_day: date, zone: ZoneInfo) -> None:
        """v1 in force from the first demo month; for Acme also v1.1 (from this month) and a draft v1.2."""
        agreements.upload_agreement(
            self.uow(),
            SYSTEM,
            demo.slug,
            text,
            read_agreement,
            source=demo.example,
            activate=True,
            effective_from=local_instant(first_day, time(0), zone),
        )
        if demo.slug != "acme":
            return
        this_month = self.now.astimezone(zone).date().replace(day=1)
        v11, v12 = acme_revisions(text)
        self.time_source.at = local_instant(this_month - timedelta(days=6), time(15), zone)
        agreements.upload_agreement(
            self.uow(),
            SYSTEM,
            demo.slug,
            v11,
            read_agreement,
            source="northwind-acme-1.1.yaml",
            activate=True,
            effective_from=local_instant(this_month, time(0), zone),
        )
        self.time_source.at = self.now - timedelta(days=2)
        agreements.upload_agreement(
            self.uow(), SYSTEM, demo.slug, v12, read_agreement, source="northwind-acme-1.2.yaml"
        )

    def users(self, fixed: dict[str, str]) -> list[DemoUser]:
        """An admin, an engineer and a client user of Acme; returns them with their passwords."""
        wanted = [
            ("admin@northwind.example", Role.ADMIN, None),
            ("engineer@northwind.example", Role.ENGINEER, None),
            ("it@acme.example", Role.CLIENT, "acme"),
        ]
        made = []
        for email, role, client in wanted:
            password = fixed.get(email) or _password()
            users.create_user(self.uow(), SYSTEM, email, role, client=client, password=password)
            made.append(DemoUser(email, role, password, client))
        return made

    def import_files(
        self, slug: str, files: dict[ImportKind, list[dict[str, Any]]], span: tuple[date, datetime]
    ) -> dict[str, int]:
        """Import the records as CSV files, as ``servicepact import`` would; returns rows added by table."""
        added: dict[str, int] = {}
        reader = FileInputReader()
        # The demo's monitoring watched its whole span: uptime is measured over all of it.
        watched = f"{span[0].isoformat()}..{span[1].isoformat()}"
        with tempfile.TemporaryDirectory(prefix="servicepact-demo-") as folder:
            for kind in IMPORT_ORDER:
                rows = files.get(kind) or []
                path = Path(folder) / f"{slug}-{kind.value}.csv"
                if kind is ImportKind.OUTAGES and not rows:
                    # No outages is a finding too: the monitoring watched and saw none.
                    path.write_text("uptime_id,start,end,kind\n", encoding="utf-8")
                elif not rows:
                    continue
                else:
                    write_csv(path, rows)
                covers = watched if kind is ImportKind.OUTAGES else None
                request = importing.ImportRequest(kind, path, slug, covers=covers)
                report = importing.import_file(self.uow(), SYSTEM, request, reader)
                for table, n in report.added.items():
                    added[table] = added.get(table, 0) + n
        return added


def _password() -> str:
    """Four groups of four letters and digits, without look-alikes (0/O, 1/l/I)."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
