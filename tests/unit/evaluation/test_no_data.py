"""No data is not success (spec §3, 1.1): a metric without a source for the period, or with an empty
denominator, is ``no_data``: no value, never met or missed, never credited.

Northwind in March 2027 (New York): e-mail uptime target 99.9% with credit tiers; KPIs on responses,
resolutions, backup success and RPO; set ``servers`` (file-server, erp) tested every 90 days, set
``workstations`` every 180 days; the agreement began on 1 January 2027.
"""

from datetime import UTC, datetime
from decimal import Decimal

from servicepact.domain.evaluation import (
    BackupRuns,
    Coverage,
    EvaluationInputs,
    KpiStatus,
    MetricStatus,
    NoDataReason,
    Period,
    evaluate,
)
from servicepact.domain.evaluation.backups import evaluate_backups
from servicepact.domain.records import BackupRun, BackupStatus, Outage, RestoreTest

from .helpers import MARCH_SECONDS, NEW_YORK, local, march, northwind_with, seconds

AGREEMENT = northwind_with()
NOW = local("2027-04-05T12:00")
HOUR_DOWN = Outage(local("2027-03-10T10:00"), local("2027-03-10T11:00"), uptime_id="email")


def email(inputs: EvaluationInputs):
    evaluation = evaluate(AGREEMENT, march(), inputs, NOW)
    return evaluation, evaluation.uptime[0]


def test_without_a_monitoring_source_uptime_is_no_data_and_never_credited():
    evaluation, item = email(EvaluationInputs(outages=[HOUR_DOWN]))
    assert item.value.value is None
    assert item.status is MetricStatus.NO_DATA
    assert item.value.no_data_reason is NoDataReason.NO_SOURCE
    assert item.met is None
    line = next(line for line in evaluation.credits.lines if line.metric == "uptime.email")
    assert (line.status, line.amount) == (MetricStatus.NO_DATA, Decimal("0.00"))
    data = evaluation.to_dict()
    assert data["metrics"]["uptime.email"]["status"] == "no_data"
    assert data["metrics"]["uptime.email"]["value"] is None
    assert data["uptime"][0]["status"] == "no_data"
    assert data["uptime"][0]["met"] is None


def test_a_source_covering_everything_with_no_outages_is_a_full_month_up():
    _, item = email(EvaluationInputs(coverage=Coverage.everything()))
    assert item.value.value == Decimal(100)
    assert (item.value.numerator, item.value.denominator) == (MARCH_SECONDS, MARCH_SECONDS)
    assert item.met is True


def test_uptime_is_measured_over_the_covered_part_of_the_period_only():
    # Monitoring from 16 March 00:00 local on: the hour down on the 10th is not seen, the one on the 20th is.
    covered = Coverage({"email": ((local("2027-03-16T00:00"), None),)})
    later = Outage(local("2027-03-20T10:00"), local("2027-03-20T11:00"), uptime_id="email")
    _, item = email(EvaluationInputs(outages=[HOUR_DOWN, later], coverage=covered))
    watched = seconds("2027-04-01T00:00") - seconds("2027-03-16T00:00")
    assert item.covered_seconds == watched
    assert item.uncovered_seconds == MARCH_SECONDS - watched
    assert item.downtime_seconds == 3600
    assert (item.value.numerator, item.value.denominator) == (watched - 3600, watched)


def test_coverage_of_another_item_leaves_this_one_without_data():
    covered = Coverage({"portal": ((local("2027-02-01T00:00"), local("2027-05-01T00:00")),)})
    _, item = email(EvaluationInputs(coverage=covered))
    assert item.status is MetricStatus.NO_DATA


def test_without_a_backups_source_the_backup_metrics_and_their_kpis_have_no_data():
    evaluation = evaluate(AGREEMENT, march(), EvaluationInputs(), NOW)
    for name in ("backup_success_rate", "rpo_compliance", "restore_test_compliance"):
        metric = evaluation.metric(name)
        assert metric is not None
        assert (metric.status, metric.no_data_reason) == (MetricStatus.NO_DATA, NoDataReason.NO_SOURCE)
    assert evaluation.kpi("backup-success").status is KpiStatus.NO_DATA
    assert evaluation.kpi("rpo").status is KpiStatus.NO_DATA
    assert evaluation.kpis_missed == ()


def test_with_a_backups_source_a_system_never_backed_up_is_not_compliant():
    # A source was given (an empty backups file): no runs is a finding for RPO, and no data for the rate.
    evaluation = evaluate(AGREEMENT, march(), EvaluationInputs(backup_source=True), NOW)
    assert evaluation.metric("rpo_compliance").value == Decimal(0)
    assert evaluation.kpi("rpo").status is KpiStatus.MISSED
    rate = evaluation.metric("backup_success_rate")
    assert (rate.status, rate.no_data_reason) == (MetricStatus.NO_DATA, NoDataReason.EMPTY)


def test_zero_tickets_give_no_data_ticket_ratios_never_100_or_0_percent():
    evaluation = evaluate(AGREEMENT, march(), EvaluationInputs(), NOW)
    for name in ("response_within_target", "resolution_within_target", "reopen_rate"):
        metric = evaluation.metric(name)
        assert metric is not None
        assert metric.value is None
        assert metric.to_dict()["status"] == "no_data"
        assert metric.no_data_reason is NoDataReason.EMPTY
    assert evaluation.kpi("first-response").status is KpiStatus.NO_DATA
    assert evaluation.credits.total == Decimal("0.00")


def backups_of(period, restores, now):
    run = BackupRun(local("2027-03-01T01:00"), local("2027-03-01T01:10"), BackupStatus.SUCCESS, "servers")
    return evaluate_backups(AGREEMENT, period, BackupRuns.of([run]), restores, now)


def test_a_set_never_tested_is_overdue_only_once_its_interval_has_passed_since_the_agreement_began():
    # 1 January + 90 days = 1 April: in March neither set is overdue yet; in April `servers` is.
    march_tests = backups_of(march(), (), seconds("2027-04-05T12:00")).restore_tests
    assert {t.backup_id: t.complies for t in march_tests} == {"servers": True, "workstations": True}
    april = Period.parse("2027-04", NEW_YORK)
    april_tests = backups_of(april, (), seconds("2027-05-05T12:00")).restore_tests
    assert {t.backup_id: t.complies for t in april_tests} == {"servers": False, "workstations": True}


def test_a_running_period_judges_restore_tests_at_now_not_at_its_end():
    # Tested on 10 December 2026: 90 days later is 10 March. On 5 March it is not overdue yet.
    tested = [RestoreTest("servers", local("2026-12-10T10:00"), BackupStatus.SUCCESS)]
    early = backups_of(march(), tested, seconds("2027-03-05T12:00")).restore_tests
    assert {t.backup_id: t.complies for t in early}["servers"] is True
    late = backups_of(march(), tested, seconds("2027-04-05T12:00")).restore_tests
    assert {t.backup_id: t.complies for t in late}["servers"] is False


def test_a_period_not_begun_yet_has_no_rpo_figure_rather_than_zero():
    run = BackupRun(local("2027-03-01T01:00"), local("2027-03-01T01:10"), BackupStatus.SUCCESS, "servers")
    future = evaluate_backups(
        AGREEMENT, march(), BackupRuns.of([run]), (), int(datetime(2027, 2, 1, tzinfo=UTC).timestamp())
    )
    assert future.rpo_compliance.status is MetricStatus.NO_DATA
