"""Backups on Northwind over one day, 1 March 2027 (New York, EST: 05:00Z to 05:00Z next day).

Set ``servers`` protects file-server and erp (frequency 1h; recovery tier rpo 1h; restore test 90d);
set ``workstations`` protects workstations (frequency 24h; tier rpo 24h; restore test 180d).
"""

from datetime import timedelta
from decimal import Decimal

from servicepact.domain.evaluation import BackupRuns, Period
from servicepact.domain.evaluation.backups import evaluate_backups
from servicepact.domain.records import BackupRun, BackupStatus, RestoreTest

from .helpers import NEW_YORK, local, northwind_with, seconds

AGREEMENT = northwind_with()
DAY = Period.parse("2027-03-01..2027-03-02", NEW_YORK)
NOW = seconds("2027-03-05T00:00")


def run(finished, status=BackupStatus.SUCCESS, backup_id="servers", system=None, minutes=20):
    end = local(finished)
    return BackupRun(
        started_at=end - timedelta(minutes=minutes),
        finished_at=end,
        status=status,
        backup_id=backup_id,
        system=system,
    )


RUNS = [
    run("2027-02-28T23:30"),  # before the day: covers 00:00-00:30
    run("2027-03-01T02:00"),  # covers 02:00-02:30 (the next success comes then)
    run("2027-03-01T02:30"),  # covers 02:30-03:30
    run("2027-03-01T05:00", BackupStatus.FAILED),
    run("2027-03-01T06:00", BackupStatus.PARTIAL),
    run("2027-02-28T12:00", backup_id=None, system="workstations"),  # covers until 1 March 12:00
]


def result(runs=RUNS, restores=()):
    return evaluate_backups(AGREEMENT, DAY, BackupRuns.of(runs), restores, NOW)


def test_success_rate_is_successful_runs_over_the_runs_started_in_the_period():
    rate = result().success_rate
    # Started on 1 March: 01:40 (ok), 02:10 (ok), 04:40 (failed), 05:40 (partial) → 2 / 4.
    assert (rate.numerator, rate.denominator, rate.value) == (2, 4, Decimal(50))


def test_rpo_compliance_is_the_time_weighted_share_averaged_over_systems():
    backups = result()
    shares = {system.system: system.compliant_seconds for system in backups.systems}
    # rpo 2h for file-server and erp: 00:00-01:30 and 02:00-04:30 = 14,400 s each; workstations (rpo 36h,
    # last success 28 Feb 12:00): covered until 2 March 00:00, so the whole day = 86,400 s.
    assert shares == {"file-server": 14400, "erp": 14400, "workstations": 86400}
    # (14,400 + 14,400 + 86,400) / 3 / 86,400 = 44.44...%
    assert (
        backups.rpo_compliance.value
        == ((Decimal(14400) * 100 / 86400) * 2 + Decimal(86400) * 100 / 86400) / 3
    )


def test_a_system_without_any_successful_backup_is_never_compliant():
    backups = result([run("2027-03-01T02:00", BackupStatus.FAILED)])
    assert {system.compliant_seconds for system in backups.systems} == {0}
    assert backups.rpo_compliance.value == Decimal(0)


def test_restore_tests_comply_when_the_last_successful_one_is_within_the_interval():
    restores = [
        RestoreTest("servers", local("2026-12-15T10:00"), BackupStatus.SUCCESS),  # 76.6 days < 90 days
        RestoreTest("workstations", local("2026-08-01T10:00"), BackupStatus.SUCCESS),  # 212.6 > 180 days
        RestoreTest("workstations", local("2027-02-01T10:00"), BackupStatus.FAILED),  # does not count
    ]
    compliance = result(restores=restores).restore_test_compliance
    assert (compliance.numerator, compliance.denominator) == (1, 2)
