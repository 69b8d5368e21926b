"""Test helpers that are real implementations: an in-memory unit of work, a fixed time, small factories.

Service tests run on :class:`FakeUnitOfWork` with no database; it keeps the same rules as the
SQLAlchemy one (unique slugs and emails, immutable active versions, idempotent imports keyed the same
way, scopes on every read, every listing in the same order)::

    uow = FakeUnitOfWork()
    client = make_client(uow, "acme")
    tickets.import_file(uow, SYSTEM, request, reader)

The rooms: :mod:`~servicepact.testing.time` (:class:`FixedTime`), :mod:`~servicepact.testing.store`
(:class:`InMemoryStore`), :mod:`~servicepact.testing.repositories`, :mod:`~servicepact.testing.records`
and :mod:`~servicepact.testing.imports` (the fake repositories), :mod:`~servicepact.testing.uow`
(:class:`FakeUnitOfWork`) and :mod:`~servicepact.testing.factories`. This package may use the services and
the domain; no layer of the application imports it (an import-linter contract says so).
"""

from servicepact.services.access import SYSTEM
from servicepact.testing.factories import (
    event_batch,
    make_client,
    make_user,
    principal_for,
    ticket_batch,
    write_lines,
)
from servicepact.testing.store import InMemoryStore
from servicepact.testing.time import START, FixedTime
from servicepact.testing.uow import FakeUnitOfWork

__all__ = [
    "START",
    "SYSTEM",
    "FakeUnitOfWork",
    "FixedTime",
    "InMemoryStore",
    "event_batch",
    "make_client",
    "make_user",
    "principal_for",
    "ticket_batch",
    "write_lines",
]
