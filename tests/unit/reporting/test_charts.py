"""Charts as SVG text: the series are there as text, and the same chart is the same bytes every time."""

import re

import pytest

from servicepact.adapters.reports import chart_svg
from servicepact.domain.reporting import build_report
from tests.unit.reporting.helpers import Month


@pytest.fixture(scope="module")
def charts(northwind: Month) -> dict[str, str]:
    report = build_report(northwind.evaluation, northwind.agreement, inputs=northwind.inputs)
    return {chart.key: chart_svg(chart) for chart in report.chart_specs()}


def texts(svg: str) -> str:
    """The text of an SVG's <text> elements (matplotlib writes each label as one element)."""
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_each_chart_is_an_svg_element_ready_to_inline(charts: dict[str, str]) -> None:
    for svg in charts.values():
        assert svg.startswith("<svg")
        assert svg.endswith("</svg>")
        assert "<?xml" not in svg


def test_the_charts_carry_their_series_labels_as_text(charts: dict[str, str]) -> None:
    assert "Response target" in texts(charts["attainment"])
    assert "P1 · Critical" in texts(charts["attainment"])
    assert "within half the target" in texts(charts["times"])
    assert "later" in texts(charts["times"])
    assert "E-mail service" in texts(charts["uptime"])
    assert "scheduled maintenance" in texts(charts["uptime"])
    assert "backup age" in texts(charts["backups"])
    assert "RPO" in texts(charts["backups"])
    assert "file-server" in texts(charts["backups"])


def test_a_chart_is_byte_identical_from_one_run_to_the_next(northwind: Month, charts: dict[str, str]) -> None:
    report = build_report(northwind.evaluation, northwind.agreement, inputs=northwind.inputs)
    again = {chart.key: chart_svg(chart) for chart in report.chart_specs()}
    assert again == charts


def test_no_date_is_written_into_a_chart(charts: dict[str, str]) -> None:
    for svg in charts.values():
        assert "<dc:date>" not in svg


def test_two_charts_of_one_page_share_no_element_id(charts: dict[str, str]) -> None:
    ids = [set(re.findall(r'id="([^"]+)"', svg)) for svg in charts.values()]
    for index, first in enumerate(ids):
        for second in ids[index + 1 :]:
            assert not first & second


def test_russian_labels_stay_cyrillic_text(romashka: Month) -> None:
    report = build_report(romashka.evaluation, romashka.agreement, inputs=romashka.inputs)
    svg = chart_svg(report.chart_specs()[0])
    assert "Реакция" in texts(svg)
    assert "DejaVu Sans" in svg
