"""The in-memory unit of work."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from servicepact.testing.imports import FakeImports
from servicepact.testing.records import FakeRecords
from servicepact.testing.repositories import FakeAgreements, FakeAudit, FakeClients, FakeTokens, FakeUsers
from servicepact.testing.store import InMemoryStore
from servicepact.testing.time import FixedTime


class FakeUnitOfWork:
    """An in-memory :class:`~servicepact.services.ports.UnitOfWork`: changes made inside ``with uow:``
    become visible to later blocks only when committed."""

    def __init__(self, time_source: FixedTime | None = None, store: InMemoryStore | None = None) -> None:
        self.store = store or InMemoryStore()
        self.time_source = time_source or FixedTime()
        self.working: InMemoryStore | None = None
        self.commits = 0
        self.clients = FakeClients(self)
        self.agreements = FakeAgreements(self)
        self.users = FakeUsers(self)
        self.tokens = FakeTokens(self)
        self.audit = FakeAudit(self)
        self.records = FakeRecords(self)
        self.imports = FakeImports(self)
        self._depth = 0

    def __enter__(self) -> Self:
        if self._depth == 0:
            self.working = self.store.copy()
        self._depth += 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.working = None

    def commit(self, *, changes_data: bool = True) -> None:
        assert self.working is not None, "commit inside `with uow:`"
        self.working.revision += changes_data
        self.store = self.working
        self.working = self.store.copy()
        self.commits += 1

    def rollback(self) -> None:
        if self.working is not None:
            self.working = self.store.copy()

    def data_revision(self) -> int | None:
        assert self.working is not None, "read inside `with uow:`"
        return self.working.revision
