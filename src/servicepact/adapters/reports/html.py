"""The report as one self-contained HTML page: print stylesheet, inline SVG charts, no scripts."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from servicepact.adapters.rendering.html import page_counter
from servicepact.domain.reporting import Report, Table


def _percentages(widths: tuple[int, ...]) -> list[str]:
    total = sum(widths)
    return [f"{100 * width / total:.2f}" for width in widths]


def _numeric(table: Table, column: int) -> bool:
    return column < len(table.numeric) and table.numeric[column]


class ReportHtml:
    """Lays out a report view model; the charts come as SVG text keyed by chart key."""

    media_type = "text/html; charset=utf-8"

    def __init__(self) -> None:
        self._environment = Environment(
            loader=PackageLoader("servicepact.adapters.reports", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
        )
        self._environment.globals.update(percentages=_percentages, numeric=_numeric)

    def html(self, report: Report, charts: Mapping[str, str]) -> str:
        """The page; each chart's SVG is inlined exactly as given (it is our own matplotlib output)."""
        # The client's name and the title never reach the stylesheet: they are the body's data attributes,
        # which the running header reads through ``string-set`` (see report.css.j2).
        css = self._environment.get_template("report.css.j2").render(
            page_size=report.page_size,
            page_of=Markup(page_counter(report.labels.page_of)),
        )
        return self._environment.get_template("report.html.j2").render(
            report=report,
            css=Markup(css),
            charts={key: Markup(svg) for key, svg in charts.items()},
        )
