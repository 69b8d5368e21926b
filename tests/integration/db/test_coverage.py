"""Monitoring coverage in the database (spec §3, "no data is not success"), on SQLite and PostgreSQL.

An outages import records the span it covers for every uptime item in the same transaction as its rows;
the stored report measures uptime over that coverage only, and says "no data" without any.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.domain.errors import DataRowError, InputError
from servicepact.domain.evaluation import ALL_ITEMS
from servicepact.entrypoints.cli import main
from servicepact.services import agreements, importing
from servicepact.services.access import SYSTEM, readable_client, scope_of
from servicepact.services.importing import ImportRequest
from servicepact.services.model import ImportKind
from servicepact.services.reports import stored_period
from tests.integration.db.helpers import EXAMPLE, add_client, write

pytestmark = pytest.mark.db

# October 2026 in New York (744 h; DST ends on 1 November), before the real "now": imports refuse
# instants after it. The example agreement is moved to start on 1 January 2026.
NOW = datetime(2026, 11, 5, 12, tzinfo=UTC)
OCTOBER_SECONDS = 744 * 3600
OUTAGES = ("uptime_id,start,end,kind", "email,2026-10-10T15:00:00Z,2026-10-10T16:00:00Z,unplanned")
COVERS = "2026-10-01..2026-11-01"
AGREEMENT = EXAMPLE.read_text(encoding="utf-8").replace("start: 2027-01-01", "start: 2026-01-01")


@pytest.fixture(autouse=True)
def in_november(time_source) -> None:
    """The service's time source after October (imports refuse instants after its "now")."""
    time_source.set(NOW)


def set_up(uow) -> None:
    add_client(uow)
    agreements.upload_agreement(
        uow,
        SYSTEM,
        "acme",
        AGREEMENT,
        read_agreement,
        activate=True,
        effective_from=datetime(2026, 1, 1, tzinfo=UTC),
    )


def import_outages(uow, path: Path, covers: str | None = None, *, skip: bool = False):
    request = ImportRequest(ImportKind.OUTAGES, path, "acme", covers=covers, skip_bad_rows=skip)
    return importing.import_file(uow, SYSTEM, request, FileInputReader())


def spans(uow):
    with uow:
        client = readable_client(uow, SYSTEM, "acme")
        return uow.records.coverage(client.id, scope_of(SYSTEM))


def october(uow):
    return stored_period(uow, SYSTEM, "acme", "2026-10", read_agreement, NOW).evaluation


def test_without_coverage_the_stored_report_says_no_data_for_uptime(uow, tmp_path: Path):
    set_up(uow)
    evaluation = october(uow)
    email = evaluation.uptime[0]
    assert email.item_id == "email"
    assert email.value.value is None
    assert email.to_dict()["status"] == "no_data"
    assert email.met is None
    assert evaluation.metric("backup_success_rate").to_dict()["status"] == "no_data"
    assert evaluation.credits.total == 0


def test_an_outages_import_with_covers_stores_the_span_and_the_report_measures_over_it(uow, tmp_path: Path):
    set_up(uow)
    report = import_outages(uow, write(tmp_path / "outages.csv", *OUTAGES), COVERS)
    assert (report.added["outages"], report.added["coverage"]) == (1, 1)
    [span] = spans(uow)
    assert span.uptime_id == ALL_ITEMS
    # Dates are read in the agreement's support zone (New York): midnight EDT = 04:00Z.
    assert (span.start, span.end) == (
        datetime(2026, 10, 1, 4, tzinfo=UTC),
        datetime(2026, 11, 1, 4, tzinfo=UTC),
    )
    assert span.source == "outages:outages.csv"
    email = october(uow).uptime[0]
    assert email.covered_seconds == OCTOBER_SECONDS
    assert email.downtime_seconds == 3600
    assert email.to_dict()["status"] == "measured"
    assert email.met is False  # 99.865% < 99.9%
    again = import_outages(uow, write(tmp_path / "outages.csv", *OUTAGES), COVERS)
    assert (again.added["coverage"], again.present["coverage"]) == (0, 1)


def test_an_empty_outages_file_with_covers_means_a_month_fully_up(uow, tmp_path: Path):
    set_up(uow)
    import_outages(uow, write(tmp_path / "none.csv", OUTAGES[0]), COVERS)
    email = october(uow).uptime[0]
    assert (email.value.value, email.met) == (100, True)


def test_without_covers_an_import_covers_its_earliest_to_its_latest_instant(uow, tmp_path: Path):
    set_up(uow)
    import_outages(uow, write(tmp_path / "outages.csv", *OUTAGES))
    [span] = spans(uow)
    assert (span.start, span.end) == (
        datetime(2026, 10, 10, 15, tzinfo=UTC),
        datetime(2026, 10, 10, 16, tzinfo=UTC),
    )


def test_a_bad_covers_span_is_an_error_naming_the_option_and_nothing_is_stored(uow, tmp_path: Path):
    set_up(uow)
    path = write(tmp_path / "outages.csv", *OUTAGES)
    with pytest.raises(InputError, match="--covers"):
        import_outages(uow, path, "2026-11-01..2026-10-01")
    with pytest.raises(InputError, match="--covers"):
        import_outages(uow, path, "March")
    assert spans(uow) == []


def test_a_bad_row_stores_neither_the_outages_nor_the_coverage(uow, tmp_path: Path):
    set_up(uow)
    path = write(tmp_path / "outages.csv", *OUTAGES, "email,not-a-time,2026-10-10T16:00:00Z,unplanned")
    with pytest.raises(DataRowError):
        import_outages(uow, path, COVERS)
    assert spans(uow) == []


def test_checks_cover_each_monitor_over_the_span_they_were_taken_in(uow, tmp_path: Path):
    set_up(uow)
    path = write(
        tmp_path / "checks.csv",
        "monitor,at,status",
        "email,2026-10-05T00:00:00Z,up",
        "email,2026-10-06T00:00:00Z,down",
        "email,2026-10-06T01:00:00Z,up",
        "email,2026-10-20T00:00:00Z,up",
    )
    importing.import_file(uow, SYSTEM, ImportRequest(ImportKind.CHECKS, path, "acme"), FileInputReader())
    [span] = spans(uow)
    assert (span.uptime_id, span.start, span.end) == (
        "email",
        datetime(2026, 10, 5, tzinfo=UTC),
        datetime(2026, 10, 20, tzinfo=UTC),
    )
    email = october(uow).uptime[0]
    assert email.covered_seconds == 15 * 86400
    assert email.downtime_seconds == 3600


def test_the_command_line_imports_outages_with_covers_and_reports_over_them(
    database_url: str, monkeypatch, capsys, tmp_path: Path
):
    def cli(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", database_url)
    agreement_file = tmp_path / "agreement.yaml"
    agreement_file.write_text(AGREEMENT, encoding="utf-8")
    assert cli("db", "upgrade")[0] == 0
    assert cli("client", "add", "acme", "--name", "Acme", "--time-zone", "America/New_York")[0] == 0
    code, _, err = cli("agreement", "upload", "acme", str(agreement_file), "--activate")
    assert code == 0, err
    out_file = tmp_path / "october.json"
    report = ("report", "acme", "--period", "2026-10", "--now", "2026-11-05T12:00:00Z", "-o", str(out_file))
    code, _, err = cli(*report)
    assert code == 0, err
    assert json.loads(out_file.read_text())["metrics"]["uptime.email"]["status"] == "no_data"
    outages = write(tmp_path / "outages.csv", *OUTAGES)
    code, out, err = cli("import", "outages", str(outages), "--client", "acme", "--covers", COVERS)
    assert code == 0, err
    assert "coverage: 1 added" in out
    code, _, err = cli(*report)
    assert code == 0, err
    email = json.loads(out_file.read_text())["metrics"]["uptime.email"]
    assert (email["status"], email["denominator"]) == ("measured", OCTOBER_SECONDS)
    code, _, err = cli("import", "outages", str(outages), "--client", "acme", "--covers", "March")
    assert code == 1
    assert "--covers" in err
    assert "Traceback" not in err


def test_backups_stored_long_before_the_period_make_a_source_so_rpo_is_a_finding_not_no_data(
    uow, tmp_path: Path
):
    set_up(uow)
    runs = write(
        tmp_path / "runs.csv",
        "backup_id,started_at,finished_at,status",
        "servers,2026-01-10T01:00:00Z,2026-01-10T01:30:00Z,success",
    )
    importing.import_file(uow, SYSTEM, ImportRequest(ImportKind.BACKUPS, runs, "acme"), FileInputReader())
    evaluation = october(uow)
    rpo = evaluation.metric("rpo_compliance")
    assert (rpo.to_dict()["status"], rpo.value) == ("measured", 0)
    assert evaluation.metric("backup_success_rate").to_dict()["no_data_reason"] == "empty"
    assert evaluation.metric("restore_test_compliance").to_dict()["no_data_reason"] == "no_source"
