"""Edge input is a problem with a place, never a traceback (issue 13 §5): dates at the ends of the
calendar, a century-long term, time zones that are not IANA names, periods far from any agreement,
file names longer than a file system allows, and a version number past 64 bits."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Period
from servicepact.domain.lint import Severity, lint
from servicepact.entrypoints.cli import main
from servicepact.services import clients
from servicepact.services.importing import MAX_FILE_NAME_BYTES, upload_file_name
from servicepact.testing import SYSTEM, FakeUnitOfWork
from tests.unit.agreement.helpers import EXAMPLE, example_text

UTC_ZONE = ZoneInfo("UTC")


def _errors(text: str) -> list[tuple[str, str | None, str]]:
    result = read_agreement(text, source="edge.yaml")
    findings = lint(result)  # raised OverflowError on 9999-12-31 before
    return [(f.code, f.path, f.message) for f in findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "3000-01-01", "1899-12-31"])
def test_a_term_start_at_the_ends_of_the_calendar_is_a_problem_at_term_start(day: str) -> None:
    text = example_text().replace("start: 2027-01-01", f"start: {day}", 1)
    errors = _errors(text)
    assert [(code, path) for code, path, _ in errors] == [("SP003", "term.start")]
    assert "out of range" in errors[0][2]


def test_the_last_and_first_dates_allowed_lint_and_render() -> None:
    for day in ("2999-12-31", "1900-01-01"):
        assert _errors(example_text().replace("start: 2027-01-01", f"start: {day}", 1)) == []


def test_a_term_of_more_than_a_century_is_a_problem_at_term_months() -> None:
    text = example_text().replace("months: 12", "months: 12345678901234567890", 1)
    assert [(code, path) for code, path, _ in _errors(text)] == [("SP005", "term.months")]


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "posix/Europe/Moscow", "right/UTC"])
def test_a_calendar_zone_that_is_a_file_of_the_host_not_an_iana_name_is_refused(zone: str) -> None:
    text = example_text().replace("timezone: America/New_York", f"timezone: {zone}", 1)
    result = read_agreement(text, source="edge.yaml")
    assert [(p.code, p.location.path) for p in result.problems][:1] == [
        ("SP003", "calendars.business.timezone")
    ]


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "right/UTC", "Not/AZone"])
def test_a_client_zone_must_be_an_iana_name(zone: str) -> None:
    with pytest.raises(InputError) as refused:
        clients.create_client(FakeUnitOfWork(), SYSTEM, "acme", "Acme", zone)
    assert refused.value.location is not None
    assert refused.value.location.path == "time_zone"
    assert clients.create_client(FakeUnitOfWork(), SYSTEM, "acme", "Acme", "Europe/Moscow").slug == "acme"


@pytest.mark.parametrize(
    "text",
    ["0001-01-01..0001-02-01", "0001-01", "0001-Q1", "1899-12-31..1900-01-02", "3000-01",
     "9999-12-01..9999-12-31", "2999-12-01..3000-01-02", "9999-12", "nonsense"],
)  # fmt: skip
def test_a_period_outside_the_dates_of_an_agreement_is_an_input_error_naming_the_period(text: str) -> None:
    with pytest.raises(InputError) as refused:
        Period.parse(text, UTC_ZONE)
    assert refused.value.location is not None
    assert refused.value.location.path == "period"


def test_the_periods_at_the_ends_of_the_range_are_read() -> None:
    assert Period.parse("1900-01", UTC_ZONE).first_day.year == 1900
    assert Period.parse("2999-Q4", UTC_ZONE).last_day.isoformat() == "2999-12-31"
    assert Period.parse("2999-12-01..3000-01-01", UTC_ZONE).end_day.year == 3000


def test_evaluate_with_a_period_in_year_one_is_a_message_naming_the_period(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(
        ["evaluate", str(EXAMPLE), "--period", "0001-01-01..0001-02-01", "-o", str(tmp_path / "o.json")]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: period '0001-01-01..0001-02-01' is out of range")
    assert "Traceback" not in err


def test_a_file_name_longer_than_the_file_system_allows_is_a_message(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    long = str(tmp_path / ("x" * 300 + ".yaml"))
    for argv in (["lint", long], ["render", long], ["evaluate", str(EXAMPLE), "-p", "2027-03", "--tickets",
                 long, "-o", str(tmp_path / "o.json")]):  # fmt: skip
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert "File name too long" in err, argv
        assert "x" * 300 in err, argv
        assert "Traceback" not in err, argv


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("x" * 300 + ".csv", "x" * (MAX_FILE_NAME_BYTES - 4) + ".csv"),
        ("я" * 300 + ".json", "я" * ((MAX_FILE_NAME_BYTES - 5) // 2) + ".json"),
        ("../../etc/tickets.csv", "tickets.csv"),
        ("C:\\exports\\march tickets.csv", "march_tickets.csv"),
        ("тикеты.csv", "тикеты.csv"),
        ("...", "upload"),
        (None, "upload"),
    ],
)
def test_an_uploaded_file_name_is_cut_to_a_safe_length_keeping_its_extension(
    given: str | None, kept: str
) -> None:
    name = upload_file_name(given)
    assert name == kept
    assert len(name.encode("utf-8")) <= MAX_FILE_NAME_BYTES
