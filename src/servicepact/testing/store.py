"""What a fake database holds, and the base of the fake repositories that work in it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Protocol

from servicepact.domain.evaluation import CoveredSpan
from servicepact.domain.records import (
    Asset,
    BackupRun,
    Outage,
    RestoreTest,
    Ticket,
    TicketEvent,
)
from servicepact.services.model import (
    AgreementVersion,
    ApiToken,
    AuditEntry,
    Client,
    Page,
    StoredCheck,
    User,
)


@dataclass
class InMemoryStore:
    """What a fake database holds; copied on ``__enter__`` and written back on ``commit``."""

    clients: dict[int, Client] = field(default_factory=dict)
    versions: dict[int, AgreementVersion] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    tokens: dict[int, ApiToken] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    tickets: dict[tuple[int, str], Ticket] = field(default_factory=dict)
    events: dict[tuple[int, str], dict[int, TicketEvent]] = field(default_factory=dict)
    outages: dict[tuple[Any, ...], Outage] = field(default_factory=dict)
    checks: dict[tuple[Any, ...], StoredCheck] = field(default_factory=dict)
    backup_runs: dict[tuple[Any, ...], BackupRun] = field(default_factory=dict)
    restore_tests: dict[tuple[Any, ...], RestoreTest] = field(default_factory=dict)
    assets: dict[tuple[int, str], Asset] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    revision: int = 0
    coverage: dict[tuple[Any, ...], CoveredSpan] = field(default_factory=dict)

    def copy(self) -> InMemoryStore:
        return InMemoryStore(
            dict(self.clients),
            dict(self.versions),
            dict(self.users),
            dict(self.tokens),
            list(self.audit),
            dict(self.tickets),
            {key: dict(value) for key, value in self.events.items()},
            dict(self.outages),
            dict(self.checks),
            dict(self.backup_runs),
            dict(self.restore_tests),
            dict(self.assets),
            self.ids,
            self.revision,
            dict(self.coverage),
        )


def page_of(rows: list[Any], page: Page) -> list[Any]:
    """The rows of ``page`` (``rows`` already in the listing's order)."""
    return rows[page.offset : page.offset + page.limit]


class StoreHolder(Protocol):
    """What a fake repository works in: the unit of work's working copy (None outside ``with uow:``)."""

    working: InMemoryStore | None


class StorePart:
    """A fake repository: reads and writes the working copy of its unit of work."""

    def __init__(self, uow: StoreHolder) -> None:
        self._uow = uow

    @property
    def s(self) -> InMemoryStore:
        store = self._uow.working
        if store is None:
            raise RuntimeError("use the unit of work inside `with uow:`")
        return store

    def _next_id(self) -> int:
        return next(self.s.ids)
