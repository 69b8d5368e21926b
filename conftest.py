"""What the doctests of ``src/servicepact`` get (the tests' own fixtures are in ``tests/conftest.py``).

``EXAMPLES`` is the folder of the shipped example agreements; ``TMP`` a fresh folder of the doctest's own,
for the small files an example reads; ``stored_month()`` a fake unit of work holding the shipped agreement
(active) and a month of two tickets (INC1's P1 resolution breached), the setup of the services' examples,
and its ``now``. The migrations are left out of collection: alembic imports them with
its context set up, and they hold no doctests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from _pytest.doctest import DoctestItem

from servicepact import read_agreement
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.adapters.example_files import EXAMPLES
from servicepact.services.agreements import upload_agreement
from servicepact.services.importing import ImportRequest, import_file
from servicepact.services.model import ImportKind
from servicepact.testing import SYSTEM, FakeUnitOfWork, FixedTime, make_client, write_lines

collect_ignore = ["src/servicepact/adapters/db/migrations"]


@pytest.fixture(autouse=True)
def _doctest_names(request: pytest.FixtureRequest, doctest_namespace: dict[str, Any]) -> None:
    if isinstance(request.node, DoctestItem):
        doctest_namespace["EXAMPLES"] = EXAMPLES
        doctest_namespace["TMP"] = request.getfixturevalue("tmp_path")
        doctest_namespace["stored_month"] = lambda: _stored_month(doctest_namespace["TMP"])


def _stored_month(folder: Path) -> tuple[FakeUnitOfWork, datetime]:
    now = datetime(2027, 4, 1, tzinfo=UTC)
    uow = FakeUnitOfWork(FixedTime(now))
    make_client(uow, "acme")
    text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
    upload_agreement(uow, SYSTEM, "acme", text, read_agreement, activate=True)
    tickets = write_lines(
        folder / "tickets.csv",
        "id,created_at,priority,first_response_at,resolved_at",
        "INC1,2027-03-02T10:00,P1,2027-03-02T11:30,2027-03-03T16:00",
        "INC2,2027-03-03T10:00,P2,2027-03-03T10:20,2027-03-03T12:00",
    )
    import_file(uow, SYSTEM, ImportRequest(ImportKind.TICKETS, tickets, "acme"), FileInputReader())
    return uow, now
