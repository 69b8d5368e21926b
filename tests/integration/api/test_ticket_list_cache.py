"""The ticket list's kept bodies, stored pages and token checks: reused while the data stays the same, for
the same caller scope and query only (bodies within one second); any commit shows in the next answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from servicepact.domain.errors import ConflictError
from servicepact.services import records, users
from servicepact.services.access import SYSTEM
from servicepact.services.revision_cache import RevisionCache
from tests.integration.api.conftest import Api

pytestmark = pytest.mark.db

TICKETS = "/api/v1/clients/acme/tickets"


def cache_of(api: Api) -> RevisionCache[bytes]:
    return api.context.response_cache


def by_id(response) -> dict[str, dict]:
    assert response.status_code == 200, response.text
    return {t["id"]: t for t in response.json()["items"]}


def test_the_same_page_in_the_same_second_is_computed_once(api: Api) -> None:
    cache = cache_of(api)
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
    cache = cache_of(api)
    before = by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"]
    computed = cache.computed
    api.time_source.set(
        api.time_source.now() + timedelta(microseconds=400_000)
    )  # the same second: the same body
    assert by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"] == before
    assert cache.computed == computed
    api.time_source.set(api.time_source.now() + timedelta(seconds=1))
    assert by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"] == before + 1
    assert cache.computed == computed + 1


def test_a_page_kept_for_staff_is_never_answered_to_another_clients_user(api: Api) -> None:
    cache = cache_of(api)
    staff = api.get(TICKETS)
    computed = cache.computed
    assert api.get(TICKETS).content == staff.content
    assert cache.computed == computed  # kept for staff's scope
    assert api.get(TICKETS, who="beta_user").status_code == 404
    mine = api.get(TICKETS, who="acme_user")
    assert mine.status_code == 200
    assert mine.content == staff.content
    assert cache.computed == computed + 1  # acme's user has a scope, and a body, of their own


def test_with_the_cache_off_every_request_computes(api: Api) -> None:
    off = RevisionCache[bytes](size=0)
    api.app.state.context = replace(api.context, response_cache=off)
    first, second = api.get(TICKETS), api.get(TICKETS)
    assert first.content == second.content
    assert off.computed == 2


def test_a_tokens_use_is_recorded_without_raising_the_revision(api: Api) -> None:
    revision = records.data_revision(api.database.unit_of_work(api.time_source))
    assert api.get(TICKETS).status_code == 200  # the token's first use: recorded after the answer
    with api.database.unit_of_work(api.time_source) as uow:
        token = uow.tokens.get_by_hash(users.token_hash(api.tokens["staff"]))
    assert token is not None
    assert token.last_used_at == api.time_source.now()
    assert records.data_revision(api.database.unit_of_work(api.time_source)) == revision


def test_a_busy_database_does_not_fail_a_read_because_the_tokens_last_use_cannot_be_written(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_: object) -> None:
        raise ConflictError("the database is busy with another change; try again")

    monkeypatch.setattr(users, "record_token_use", busy)
    assert api.get(TICKETS).status_code == 200


def test_a_revoked_token_or_a_deactivated_user_is_refused_at_once_though_its_check_was_kept(
    api: Api,
) -> None:
    checks = api.context.token_checks
    assert api.get(TICKETS).status_code == 200
    computed = checks.computed
    assert api.get(TICKETS).status_code == 200
    assert checks.computed == computed  # the second request reused the check
    with api.database.unit_of_work(api.time_source) as uow:
        token = uow.tokens.get_by_hash(users.token_hash(api.tokens["staff"]))
    assert token is not None
    users.revoke_token(api.database.unit_of_work(api.time_source), SYSTEM, token.id)
    assert api.get(TICKETS).status_code == 401

    assert api.get(TICKETS, who="acme_user").status_code == 200
    users.deactivate_user(api.database.unit_of_work(api.time_source), SYSTEM, "it@acme.example")
    assert api.get(TICKETS, who="acme_user").status_code == 401


def test_a_later_second_computes_the_clocks_again_but_not_the_reads(api: Api) -> None:
    stored = api.context.stored_pages
    before = by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"]
    reads = stored.computed
    api.time_source.set(api.time_source.now() + timedelta(seconds=5))
    assert by_id(api.get(TICKETS))["T-ACME-1"]["resolution"]["business_seconds"] == before + 5
    assert stored.computed == reads  # the same stored page, judged at a new instant
    api.post(f"{TICKETS}/T-ACME-1/priority", json={"priority": "P1", "reason": "outage"})
    assert by_id(api.get(TICKETS))["T-ACME-1"]["priority"] == "P1"
    assert stored.computed == reads + 1


def test_large_pages_are_computed_every_time_rather_than_kept(api: Api) -> None:
    cache, stored = cache_of(api), api.context.stored_pages
    kept = (len(cache), len(stored))
    for _ in range(2):
        assert len(by_id(api.get(TICKETS, params={"limit": 500}))) == 3
    assert (len(cache), len(stored)) == kept
    api.get(TICKETS, params={"limit": 50})
    assert (len(cache), len(stored)) == (kept[0] + 1, kept[1] + 1)
