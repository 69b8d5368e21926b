"""The readers on the real exports in ../shared/data (skipped where that folder is absent)."""

from __future__ import annotations

import collections
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servicepact.adapters.inputs.uci import UCI_MATRIX, read_servicenow_log
from servicepact.adapters.inputs.upptime import checks_to_outages, read_monitor_checks
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


def data_file(*parts: str) -> Path:
    return shared_path("data", *parts)


@pytest.fixture(scope="module")
def servicenow_log():  # type: ignore[no-untyped-def]
    return read_servicenow_log(data_file("uci-incident-event-log", "incident_event_log.zip"), ZoneInfo("UTC"))


def test_the_servicenow_log_imports_whole(servicenow_log) -> None:  # type: ignore[no-untyped-def]
    assert len(servicenow_log.tickets) == 24_918
    assert len(servicenow_log.updates) == 141_712
    assert servicenow_log.problems == []


def test_every_row_of_the_servicenow_log_records_the_priority_of_the_source_matrix(servicenow_log) -> None:  # type: ignore[no-untyped-def]
    cells = collections.Counter((u.impact, u.urgency) for u in servicenow_log.updates)
    assert cells == {
        ("1", "1"): 2258,
        ("1", "2"): 1233,
        ("2", "1"): 1739,
        ("2", "2"): 132_429,
        ("2", "3"): 167,
        ("3", "1"): 23,
        ("3", "2"): 432,
        ("3", "3"): 3431,
    }
    wrong = [u for u in servicenow_log.updates if UCI_MATRIX[u.impact][u.urgency] != u.priority]
    assert wrong == []


def test_each_servicenow_row_gives_an_event_with_a_unique_external_id(servicenow_log) -> None:  # type: ignore[no-untyped-def]
    firsts = [u.events[0].external_id for u in servicenow_log.updates]
    every = [e.external_id for u in servicenow_log.updates for e in u.events]
    assert len(firsts) == 141_712
    assert len(set(every)) == len(every)


def test_made_sla_on_the_final_rows_matches_the_source(servicenow_log) -> None:  # type: ignore[no-untyped-def]
    met = sum(servicenow_log.made_sla.values())
    assert (met, len(servicenow_log.made_sla) - met) == (15_803, 9_115)


def test_upptime_history_has_746_down_checks_and_137_outages_of_the_public_webpage() -> None:
    checks = read_monitor_checks(data_file("upptime-curc", "status_checks.csv"))
    assert len(checks) == 13_617
    assert sum(not c.up for c in checks) == 746
    outages = checks_to_outages(checks)
    per_slug = collections.Counter(o.uptime_id for o in outages)
    assert per_slug["access-website-public-webpage"] == 137
    assert per_slug == {
        "access-website-public-webpage": 137,
        "curc-xd-mo-d-alpine-utilization-threshold": 66,
        "curc-statuspage-alpine-component": 36,
        "access-registry-technical-endpoint": 35,
        "curc-data-transfer-node-ssh-tcp-reachability": 1,
        "globus-transfer-api-technical-endpoint": 1,
    }
    assert all(o.end is None or o.end > o.start for o in outages)
