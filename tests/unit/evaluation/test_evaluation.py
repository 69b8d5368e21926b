import json
import re
from datetime import datetime
from decimal import Decimal

import pytest

from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Coverage, EvaluationInputs, KpiStatus, MetricStatus, evaluate
from servicepact.domain.records import BackupRun, BackupStatus, Outage
from servicepact.services.evaluation import evaluate_period

from .helpers import local, march, northwind_with, ticket_inputs

AGREEMENT = northwind_with()
NOW = local("2027-04-05T12:00")
TICKETS = [
    {"id": "T1", "created": "2027-03-01T09:00", "priority": "P2", "client_priority": "P1"},
    {"id": "T2", "created": "2027-03-01T09:00", "priority": "P2"},
]
EVENTS = [
    ("T1", "2027-03-01T09:30", "responded"),
    ("T1", "2027-03-01T17:00", "resolved"),
    ("T2", "2027-03-01T10:30", "responded"),
    ("T2", "2027-03-01T19:00", "work", "90"),
]


def full():
    inputs = ticket_inputs(
        TICKETS,
        EVENTS,
        outages=[Outage(local("2027-03-10T10:00"), local("2027-03-10T11:00"), uptime_id="email")],
        coverage=Coverage.everything(),
        backup_runs=[
            BackupRun(local("2027-03-02T01:00"), local("2027-03-02T01:10"), BackupStatus.SUCCESS, "servers")
        ],
    )
    return evaluate(AGREEMENT, march(), inputs, NOW)


def test_kpis_are_judged_against_their_targets():
    evaluation = full()
    statuses = {kpi.kpi_id: kpi.status for kpi in evaluation.kpis}
    # Responses 1/2 = 50% < 95%; resolutions 1/2 (T2 never resolved, breached) < 90%; one backup, a success
    # (100% ≥ 98%); RPO far below 99%; no ticket reopened (0% ≤ 5%).
    assert statuses == {
        "first-response": KpiStatus.MISSED,
        "resolution": KpiStatus.MISSED,
        "backup-success": KpiStatus.MET,
        "rpo": KpiStatus.MISSED,
        "reopened": KpiStatus.MET,
    }


def test_credits_of_a_whole_evaluation_add_uptime_and_kpi_bands():
    credits = full().credits
    # E-mail 1 h down: 99.865% < 99.9% → 5%; first responses 50% < 95% → 5%: 2 × 225.00.
    assert credits.total == Decimal("450.00")


def test_a_kpi_with_nothing_to_measure_has_no_data():
    evaluation = evaluate(AGREEMENT, march(), EvaluationInputs(), NOW)
    assert evaluation.kpi("first-response").status is KpiStatus.NO_DATA
    assert evaluation.credits.total == Decimal("0.00")
    # No monitoring source: uptime is no data, not 100% met.
    assert evaluation.metric("uptime.email").value is None
    assert evaluation.metric("uptime.email").status is MetricStatus.NO_DATA


def test_to_dict_is_plain_json_with_utc_instants_and_money_as_text():
    data = full().to_dict()
    text = json.dumps(data)  # no default=: every value is already JSON
    assert data["period"]["start"] == "2027-03-01T05:00:00Z"
    assert data["billing"]["lines"][0]["amount"] == "270.00"
    assert data["credits"]["total"] == "450.00"
    assert data["metrics"]["response_within_target"] == {
        "name": "response_within_target",
        "status": "measured",
        "value": "50",
        "unit": "percent",
        "numerator": 1,
        "denominator": 2,
        "no_data_reason": None,
    }
    assert data["tickets"]["disputes"] == [
        {
            "ticket": "T1",
            "created_at": "2027-03-01T14:00:00Z",
            "client_priority": "P1",
            "assigned_priority": "P2",
        }
    ]
    instants = re.findall(r'"(\d{4}-\d\d-\d\dT[^"]*)"', text)
    assert instants
    assert all(value.endswith("Z") for value in instants)


def test_the_service_reads_the_period_in_the_support_calendar_zone_and_wants_an_aware_now():
    evaluation = evaluate_period(AGREEMENT, "2027-03", EvaluationInputs(), NOW)
    assert evaluation.period.start == march().start
    with pytest.raises(InputError):
        evaluate_period(AGREEMENT, "2027-03", EvaluationInputs(), datetime(2027, 4, 5))
    with pytest.raises(InputError):
        evaluate_period(AGREEMENT, "March", EvaluationInputs(), NOW)
