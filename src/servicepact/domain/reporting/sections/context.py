"""What every section of the report reads: the evaluation, its agreement, the period's records, the words.

The names of things (a metric, an uptime item, a priority) depend on the agreement and the evaluation, so
they live here, once, for all sections; how a value is written lives in
:mod:`servicepact.domain.reporting.formatting`.
"""

from __future__ import annotations

from collections.abc import Callable

from servicepact.domain.agreement import Agreement
from servicepact.domain.evaluation import Evaluation, EvaluationInputs
from servicepact.domain.reporting.formatting import ReportWords

LIST_LIMIT = 200
"""Breached tickets the report prints; the JSON has all of them."""
SHORT_LIMIT = 100
"""Rows of the other long lists (outages, tickets outside the SLA, assets, disputes, billing lines).
Every row costs PDF time (WeasyPrint lays out about 60 table rows a second on a busy machine)."""


class ReportContext:
    """The evaluation reported on, its agreement, the records it was made from (None: no record charts),
    and the words of ``language``, instants in the period's zone."""

    def __init__(
        self, evaluation: Evaluation, agreement: Agreement, language: str, inputs: EvaluationInputs | None
    ) -> None:
        self.evaluation = evaluation
        self.agreement = agreement
        self.inputs = inputs
        self.words = ReportWords(language, evaluation.period.zone)
        self.priority_names = {
            level.id: level.name for level in (agreement.priorities.levels if agreement.priorities else [])
        }

    @property
    def currency(self) -> str:
        """The currency of every amount of the evaluation."""
        return self.evaluation.currency

    def priority_label(self, priority: str) -> str:
        """``P1 · Critical`` (the bare id when the agreement does not name it)."""
        name = self.priority_names.get(priority)
        return f"{priority} · {name}" if name else priority

    def item_name(self, item_id: str) -> str:
        """The name of an uptime item (its id when it has none)."""
        return next(
            (item.name for item in self.evaluation.uptime if item.item_id == item_id and item.name), item_id
        )

    def uptime_name(self, item_id: str) -> str:
        """The uptime of an item as a service level: ``E-mail service uptime``."""
        return self.words._("{name} uptime").format(name=self.item_name(item_id))

    def metric_name(self, metric: str) -> str:
        """A metric as the report names it (``Responses within target``); unknown metrics by their id."""
        _ = self.words._
        names: dict[str, Callable[[], str]] = {
            "response_within_target": lambda: _("Responses within target"),
            "resolution_within_target": lambda: _("Resolutions within target"),
            "mean_response_time": lambda: _("Mean response time"),
            "mean_resolution_time": lambda: _("Mean resolution time"),
            "reopen_rate": lambda: _("Reopened tickets"),
            "priority_agreement": lambda: _("Priority agreement"),
            "csat": lambda: _("Customer satisfaction"),
            "backup_success_rate": lambda: _("Successful backups"),
            "rpo_compliance": lambda: _("Time within the RPO"),
            "restore_test_compliance": lambda: _("Restore tests in time"),
            "requirements_compliance": lambda: _("Assets meeting the requirements"),
        }
        if metric.startswith("uptime."):
            return self.uptime_name(metric.removeprefix("uptime."))
        found = names.get(metric)
        return found() if found else metric
