"""The ticket list's kept bodies: reused within one second of unchanged data, for the same caller scope
and query only; any commit or a new second computes again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from servicepact.domain.errors import ConflictError
from servicepact.services import users
from servicepact.services.access import SYSTEM
from servicepact.services.revision_cache import RevisionCache
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

TICKETS = "/api/v1/clients/acme/tickets"


def cache_of(api: Api) -> RevisionCache:
    cache: RevisionCache = api.app.state.response_cache
    return cache


def by_id(response) -> dict[str, dict]:
    assert response.status_code == 200, response.text
    return {t["id"]: t for t in response.json()["items"]}


def test_the_same_page_in_the_same_second_is_computed_once(api: Api) -> None:
    cache = cache_of(api)
    api.get("/api/v1/me")  # the token's first use is recorded: a commit, which raises the revision
    first = api.get(TICKETS)
    computed = cache.computed
    second = api.get(TICKETS)
    assert second.content == first.content
    assert cache.computed == computed
    api.get(TICKETS, params={"limit": 2})  # another query: its own body
    assert cache.computed == computed + 1


def test_a_change_shows_at_once_in_the_same_second(api: Api) -> None:
    assert by_id(api.get(TICKETS))["T-ACME-1"]["priority"] == "P2"
    changed = api.post(f"{TICKETS}/T-ACME-1/priority", json={"priority": "P1", "reason": "outage"})
    assert changed.status_code == 201, changed.text
    assert by_id(api.get(TICKETS))["T-ACME-1"]["priority"] == "P1"


def test_the_clocks_move_with_the_second(api: Api) -> None:
    before = by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"]
    api.clock.set(api.clock.now() + timedelta(microseconds=400_000))  # the same second: the same body
    assert by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"] == before
    api.clock.set(api.clock.now() + timedelta(seconds=1))
    assert by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"] == before + 1


def test_a_page_kept_for_staff_is_never_answered_to_another_clients_user(api: Api) -> None:
    assert api.get(TICKETS).status_code == 200  # staff: now kept
    assert api.get(TICKETS, who="beta_user").status_code == 404
    mine = api.get(TICKETS, who="acme_user")
    assert mine.status_code == 200
    assert mine.content == api.get(TICKETS).content


def test_with_the_cache_off_every_request_computes(api: Api) -> None:
    api.app.state.response_cache = off = RevisionCache(size=0)
    first, second = api.get(TICKETS), api.get(TICKETS)
    assert first.content == second.content
    assert off.computed == 2


def test_a_busy_database_does_not_fail_a_read_because_the_tokens_last_use_cannot_be_written(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_: object) -> None:
        raise ConflictError("the database is busy with another change; try again")

    monkeypatch.setattr(users, "record_token_use", busy)
    api.clock.set(api.clock.now() + timedelta(minutes=5))  # the use is due to be recorded again
    assert api.get(TICKETS).status_code == 200


def test_a_revoked_token_is_refused_at_once_though_its_check_was_kept(api: Api) -> None:
    checks = api.app.state.token_checks
    api.get("/api/v1/me")  # the token's first use is recorded: a commit, which raises the revision
    assert api.get(TICKETS).status_code == 200
    computed = checks.computed
    assert api.get(TICKETS).status_code == 200
    assert checks.computed == computed  # the second request reused the check
    with api.database.unit_of_work(api.clock) as uow:
        token = uow.tokens.get_by_hash(users.token_hash(api.tokens["staff"]))
    assert token is not None
    users.revoke_token(api.database.unit_of_work(api.clock), SYSTEM, token.id)
    assert api.get(TICKETS).status_code == 401


def test_a_later_second_computes_the_clocks_again_but_not_the_reads(api: Api) -> None:
    stored = api.app.state.stored_pages
    api.get("/api/v1/me")  # the token's first use is recorded: a commit, which raises the revision
    before = by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"]
    reads = stored.computed
    api.clock.set(api.clock.now() + timedelta(seconds=5))
    assert by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"] == before + 5
    assert stored.computed == reads  # the same stored page, judged at a new instant
    api.post(f"{TICKETS}/T-ACME-1/priority", json={"priority": "P1", "reason": "outage"})
    assert by_id(api.get(TICKETS))["T-ACME-1"]["priority"] == "P1"
    assert stored.computed == reads + 1
