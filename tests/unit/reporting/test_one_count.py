"""One count of service levels: the CLI summary, the report's first page, the dashboard and the JSON."""

from __future__ import annotations

from dataclasses import replace

from servicepact.domain.agreement.model import Kpi
from servicepact.domain.evaluation import evaluate
from servicepact.domain.evaluation.period import Period
from servicepact.domain.reporting import Status, build_report
from servicepact.entrypoints.cli.evaluate import summary_line
from tests.unit.reporting.helpers import Month


def _counts(month: Month) -> tuple[int, int]:
    summary = build_report(month.evaluation, month.agreement).summary
    met = sum(1 for level in summary.levels if level.status is Status.MET)
    missed = sum(1 for level in summary.levels if level.status is Status.MISSED)
    return met, missed


def test_the_cli_line_the_report_and_the_json_count_the_same_service_levels(northwind: Month) -> None:
    levels = northwind.evaluation.levels
    assert _counts(northwind) == (levels.met, levels.missed) == (4, 3)
    assert f"{levels.met} of {levels.judged} service levels met, {levels.missed} missed" in summary_line(
        northwind.evaluation
    )
    data = northwind.evaluation.to_dict()["service_levels"]
    assert (data["met"], data["missed"], data["judged"]) == (4, 3, 7)


def test_an_uptime_item_that_a_kpi_measures_is_one_level_not_two(northwind: Month) -> None:
    performance = northwind.agreement.performance
    assert performance is not None
    kpi = Kpi(id="mail-up", name="Mail up", metric="uptime.email", target=">= 99.9%")
    agreement = northwind.agreement.model_copy(
        update={"performance": performance.model_copy(update={"kpis": [*performance.kpis, kpi]})}
    )
    zone = agreement.calendar(agreement.support.calendar).timezone
    evaluation = evaluate(agreement, Period.parse(northwind.period, zone), northwind.inputs, northwind.now)
    keys = [level.key for level in evaluation.levels.items]
    assert keys.count("kpi.mail-up") == 1
    assert "uptime.email" not in keys
    assert len(keys) == len(northwind.evaluation.levels.items)
    month = replace(northwind, agreement=agreement, evaluation=evaluation)
    assert _counts(month) == (evaluation.levels.met, evaluation.levels.missed)
