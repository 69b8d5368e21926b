"""Monitoring coverage in the database (spec §3, "no data is not success"), on SQLite and PostgreSQL.

An outages import records the span it covers for every uptime item in the same transaction as its rows;
the stored report measures uptime over that coverage only, and says "no data" without any.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.domain.errors import DataRowError, InputError
from servicepact.domain.evaluation import ALL_ITEMS
from servicepact.services import agreements, importing
from servicepact.services.access import SYSTEM, readable_client, scope_of
from servicepact.services.importing import ImportRequest
from servicepact.services.model import ImportKind
from servicepact.services.reports import stored_period
from tests.integration.db.helpers import EXAMPLE, add_client, write

pytestmark = pytest.mark.db

NOW = datetime(2027, 4, 5, 12, tzinfo=UTC)
OUTAGES = ("uptime_id,start,end,kind", "email,2027-03-10T15:00:00Z,2027-03-10T16:00:00Z,unplanned")


def set_up(uow) -> None:
    add_client(uow)
    agreements.upload_agreement(
        uow,
        SYSTEM,
        "acme",
        EXAMPLE.read_text(),
        read_agreement,
        activate=True,
        effective_from=datetime(2027, 1, 1, tzinfo=UTC),
    )


def import_outages(uow, path: Path, covers: str | None = None, *, skip: bool = False):
    request = ImportRequest(ImportKind.OUTAGES, path, "acme", covers=covers, skip_bad_rows=skip)
    return importing.import_file(uow, SYSTEM, request, FileInputReader())


def spans(uow):
    with uow:
        client = readable_client(uow, SYSTEM, "acme")
        return uow.records.coverage(client.id, scope_of(SYSTEM))


def march(uow):
    return stored_period(uow, SYSTEM, "acme", "2027-03", read_agreement, NOW).evaluation


def test_without_coverage_the_stored_report_says_no_data_for_uptime(uow, tmp_path: Path):
    set_up(uow)
    evaluation = march(uow)
    email = evaluation.uptime[0]
    assert email.item_id == "email"
    assert email.value.value is None
    assert email.to_dict()["status"] == "no_data"
    assert email.met is None
    assert evaluation.metric("backup_success_rate").to_dict()["status"] == "no_data"
    assert evaluation.credits.total == 0


def test_an_outages_import_with_covers_stores_the_span_and_the_report_measures_over_it(uow, tmp_path: Path):
    set_up(uow)
    report = import_outages(uow, write(tmp_path / "outages.csv", *OUTAGES), "2027-03-01..2027-04-01")
    assert (report.added["outages"], report.added["coverage"]) == (1, 1)
    [span] = spans(uow)
    assert span.uptime_id == ALL_ITEMS
    # Dates are read in the agreement's support zone (New York): midnight EST = 05:00Z, EDT = 04:00Z.
    assert (span.start, span.end) == (
        datetime(2027, 3, 1, 5, tzinfo=UTC),
        datetime(2027, 4, 1, 4, tzinfo=UTC),
    )
    assert span.source == "outages:outages.csv"
    email = march(uow).uptime[0]
    assert email.covered_seconds == 743 * 3600
    assert email.downtime_seconds == 3600
    assert email.to_dict()["status"] == "measured"
    assert email.met is False  # 99.865% < 99.9%
    again = import_outages(uow, write(tmp_path / "outages.csv", *OUTAGES), "2027-03-01..2027-04-01")
    assert (again.added["coverage"], again.present["coverage"]) == (0, 1)


def test_an_empty_outages_file_with_covers_means_a_month_fully_up(uow, tmp_path: Path):
    set_up(uow)
    import_outages(uow, write(tmp_path / "none.csv", OUTAGES[0]), "2027-03-01..2027-04-01")
    email = march(uow).uptime[0]
    assert (email.value.value, email.met) == (100, True)


def test_without_covers_an_import_covers_its_earliest_to_its_latest_instant(uow, tmp_path: Path):
    set_up(uow)
    import_outages(uow, write(tmp_path / "outages.csv", *OUTAGES))
    [span] = spans(uow)
    assert (span.start, span.end) == (
        datetime(2027, 3, 10, 15, tzinfo=UTC),
        datetime(2027, 3, 10, 16, tzinfo=UTC),
    )


def test_a_bad_covers_span_is_an_error_naming_the_option_and_nothing_is_stored(uow, tmp_path: Path):
    set_up(uow)
    path = write(tmp_path / "outages.csv", *OUTAGES)
    with pytest.raises(InputError, match="--covers"):
        import_outages(uow, path, "2027-04-01..2027-03-01")
    with pytest.raises(InputError, match="--covers"):
        import_outages(uow, path, "March")
    assert spans(uow) == []


def test_a_bad_row_stores_neither_the_outages_nor_the_coverage(uow, tmp_path: Path):
    set_up(uow)
    path = write(tmp_path / "outages.csv", *OUTAGES, "email,not-a-time,2027-03-10T16:00:00Z,unplanned")
    with pytest.raises(DataRowError):
        import_outages(uow, path, "2027-03-01..2027-04-01")
    assert spans(uow) == []


def test_checks_cover_each_monitor_over_the_span_they_were_taken_in(uow, tmp_path: Path):
    set_up(uow)
    path = write(
        tmp_path / "checks.csv",
        "monitor,at,status",
        "email,2027-03-05T00:00:00Z,up",
        "email,2027-03-06T00:00:00Z,down",
        "email,2027-03-06T01:00:00Z,up",
        "email,2027-03-20T00:00:00Z,up",
    )
    importing.import_file(uow, SYSTEM, ImportRequest(ImportKind.CHECKS, path, "acme"), FileInputReader())
    [span] = spans(uow)
    assert (span.uptime_id, span.start, span.end) == (
        "email",
        datetime(2027, 3, 5, tzinfo=UTC),
        datetime(2027, 3, 20, tzinfo=UTC),
    )
    email = march(uow).uptime[0]
    assert email.covered_seconds == 15 * 86400
    assert email.downtime_seconds == 3600
