"""The data revision: every commit raises it, in the same transaction; a rolled-back change does not."""

from __future__ import annotations

import pytest

from servicepact.adapters.db import Database
from servicepact.domain.errors import ConflictError
from servicepact.services import clients, records
from servicepact.services.access import SYSTEM

pytestmark = pytest.mark.db


def test_every_commit_raises_the_revision_and_a_rolled_back_change_does_not(uow, database: Database):
    before = records.data_revision(uow)
    assert before is not None
    clients.create_client(uow, SYSTEM, "acme", "Acme", "UTC")
    after = records.data_revision(uow)
    assert after is not None
    assert after > before
    with pytest.raises(ConflictError):  # the same slug again: refused, nothing committed
        clients.create_client(uow, SYSTEM, "acme", "Acme again", "UTC")
    assert records.data_revision(uow) == after
    with uow:
        uow.clients.add("beta", "Beta", "UTC", uow.time_source.now())
        uow.rollback()
    assert records.data_revision(uow) == after
