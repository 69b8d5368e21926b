"""The report never shows "no data" as 100% or 0% (spec 1.1 §3): it says "No data", and says what
monitoring did not see."""

from dataclasses import replace
from datetime import UTC, datetime

from servicepact.domain.evaluation import Coverage
from servicepact.domain.reporting import Status, build_report
from servicepact.services.evaluation import evaluate_period
from tests.unit.reporting.helpers import Month


def evaluated(month: Month, coverage: Coverage, **more):
    inputs = replace(month.inputs, coverage=coverage, **more)
    return evaluate_period(month.agreement, month.period, inputs, month.now)


def uptime_section(report):
    return next(section for section in report.sections if section.anchor == "uptime")


def test_an_item_no_monitoring_covered_reads_no_data_on_the_first_page_and_in_its_section(
    northwind: Month,
) -> None:
    report = build_report(evaluated(northwind, Coverage()), northwind.agreement)
    uptime_lines = [line for line in report.summary.levels if line.key.startswith("uptime.")]
    assert uptime_lines
    for line in uptime_lines:
        assert (line.status, line.value, line.status_text) == (Status.NO_DATA, "No data", "No data")
    section = uptime_section(report)
    assert all(row[2].text == "No data" for row in section.tables[0].rows)
    assert any("No monitoring covered" in paragraph for paragraph in section.paragraphs)


def test_an_item_covered_for_part_of_the_period_says_over_how_much_it_was_measured(northwind: Month) -> None:
    start = datetime.fromtimestamp(northwind.evaluation.period.start_seconds + 10 * 86400, tz=UTC)
    items = [item.id for item in northwind.agreement.availability.uptime]
    coverage = Coverage(dict.fromkeys(items, ((start, None),)))
    section = uptime_section(build_report(evaluated(northwind, coverage), northwind.agreement))
    assert any("measured over the" in paragraph for paragraph in section.paragraphs)


def test_without_a_backups_source_the_backups_section_says_no_data_not_zero(northwind: Month) -> None:
    evaluation = evaluated(northwind, Coverage.everything(), backup_runs=(), backup_source=False)
    report = build_report(evaluation, northwind.agreement)
    backups = next(section for section in report.sections if section.anchor == "backups")
    assert "No data" in backups.paragraphs[0]
    assert "0%" not in backups.paragraphs[0]
