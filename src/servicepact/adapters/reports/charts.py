"""The report's charts as SVG text, drawn with matplotlib from the view model's chart specifications.

Text stays text (``svg.fonttype: none``) in DejaVu Sans, so a PDF made from the SVG keeps it searchable and
Cyrillic labels need no glyph outlines. The output is deterministic: a fixed ``svg.hashsalt`` per chart
(so ids are stable and two charts inline in one page never share one) and no date in the metadata, so the
same chart is the same string in the HTML and in the PDF, and from one run to the next.

>>> from servicepact.domain.reporting import Series
>>> svg = chart_svg(BarChart("k", "Title", ("P1",), (Series("Response", (90.0,), 95.0),), "{series} target",
...                          "%", "none"))
>>> svg.startswith("<svg")
True
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any, Literal

from servicepact.domain.reporting import BandChart, BarChart, Chart, StepChart, Timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH = 6.5  # inches: the text width of A4 and Letter pages with the report's margins
INK = "#1d2733"
GRID = "#d5dbe2"
MUTED = "#6b7785"
BLUE = "#2a5d9f"
LIGHT_BLUE = "#8fb3de"
GOOD = "#2e7d32"
LIGHT_GOOD = "#9ccc9f"
LATE = "#ef8a3a"
BAD = "#c62828"
GREY = "#9aa3ad"
SPAN_COLOURS = {"downtime": BAD, "scheduled_maintenance": GREY, "partly_scheduled": LATE}
STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "axes.linewidth": 0.6,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "legend.frameon": False,
    "legend.fontsize": 7.5,
    "path.simplify": True,
}


def chart_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element (no XML declaration), ready to inline in HTML."""
    import matplotlib

    matplotlib.use("Agg", force=False)  # no display; the Agg backend also backs SVG text metrics
    from matplotlib.figure import Figure

    settings: Any = {**STYLE, "svg.hashsalt": f"servicepact-{chart.key}"}
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(WIDTH, 2.4), layout="constrained")
        if isinstance(chart, BarChart):
            _bars(figure, chart)
        elif isinstance(chart, BandChart):
            _bands(figure, chart)
        elif isinstance(chart, Timeline):
            _timeline(figure, chart)
        else:
            _steps(figure, chart)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return _own_ids(text[text.index("<svg") :].strip(), chart.key)


def _own_ids(svg: str, key: str) -> str:
    """Every element id (and reference to one) prefixed with the chart's key: matplotlib names its groups
    ``figure_1``, ``axes_1``… in every chart, and ids must be unique in the page that inlines them all."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", svg)
    return re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{key}-\1"', svg)


def _tidy(axes: Axes, *, grid_axis: Literal["x", "y"] = "y") -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis=grid_axis, color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    axes.tick_params(length=0)


def _bars(figure: Figure, chart: BarChart) -> None:
    axes = figure.add_subplot()
    _tidy(axes)
    count = len(chart.categories)
    series = chart.series
    width = 0.8 / max(1, len(series))
    colours = (BLUE, LIGHT_BLUE, GREY)
    for index, one in enumerate(series):
        colour = colours[index % len(colours)]
        positions = [i - 0.4 + width * (index + 0.5) for i in range(count)]
        heights = [value if value is not None else 0.0 for value in one.values]
        axes.bar(positions, heights, width * 0.92, color=colour, label=one.label)
        if one.target is not None:
            axes.axhline(
                one.target,
                color=colour if index else INK,
                linestyle=(0, (4, 2)),
                linewidth=1,
                label=chart.target_label.format(series=one.label),
            )
    axes.set_xticks(range(count), chart.categories)
    axes.set_ylim(0, 105)
    axes.set_ylabel(chart.y_label)
    axes.set_title(chart.title, loc="left", color=INK)
    if not count:
        axes.text(0.5, 0.5, chart.empty, transform=axes.transAxes, ha="center", color=MUTED)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=4)


def _bands(figure: Figure, chart: BandChart) -> None:
    figure.set_size_inches(WIDTH, 0.9 + 0.32 * max(len(p.rows) for p in chart.panels))
    panels = figure.subplots(1, len(chart.panels), sharey=True, squeeze=False)[0]
    colours = (GOOD, LIGHT_GOOD, LATE, BAD)
    for axes, panel in zip(panels, chart.panels, strict=True):
        _tidy(axes, grid_axis="x")
        rows = list(range(len(panel.rows)))
        left = [0.0] * len(rows)
        for band, label in enumerate(chart.bands):
            widths = [shares[band] for shares in panel.shares]
            axes.barh(rows, widths, 0.62, left=left, color=colours[band % 4], label=label)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.set_yticks(rows, panel.rows)
        axes.set_ylim(len(rows) - 0.5, -0.5)  # the first priority on top (the panels share this axis)
        axes.set_xlim(0, 100)
        axes.set_title(panel.title, loc="left", color=INK)
        axes.set_xlabel(chart.x_label)
    handles, labels = panels[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=4)


def _time_axis(axes: Axes, start: int, end: int, ticks: tuple[tuple[int, str], ...]) -> None:
    axes.set_xlim(start, end)
    axes.set_xticks([at for at, _ in ticks], [label for _, label in ticks])


def _timeline(figure: Figure, chart: Timeline) -> None:
    figure.set_size_inches(WIDTH, 0.95 + 0.34 * len(chart.rows))
    axes = figure.add_subplot()
    _tidy(axes, grid_axis="x")
    length = chart.end - chart.start
    least = length * 0.0025  # a five-minute outage would be invisible at print width: draw it wider
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    for row, item in enumerate(chart.rows):
        axes.barh(row, length, 0.5, left=chart.start, color="#eef4ea", edgecolor="none")
        for kind, _label in chart.kinds:
            boxes = [
                (
                    max(span.start, chart.start),
                    max(least, min(span.end, chart.end) - max(span.start, chart.start)),
                )
                for span in item.spans
                if span.kind == kind and span.end > chart.start and span.start < chart.end
            ]
            if boxes:
                # One compound path per kind and row: a month of 1,000 outages stays 3 SVG elements, not
                # 1,000 (WeasyPrint styles every element of an inline SVG like an HTML element).
                vertices: list[tuple[float, float]] = []
                for left, width in boxes:
                    top, bottom = row - 0.25, row + 0.25
                    vertices += [
                        (left, top),
                        (left + width, top),
                        (left + width, bottom),
                        (left, bottom),
                        (0, 0),
                    ]
                codes = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY] * len(boxes)
                axes.add_patch(
                    PathPatch(Path(vertices, codes), facecolor=SPAN_COLOURS.get(kind, GREY), edgecolor="none")
                )
    axes.set_yticks(range(len(chart.rows)), [row.label for row in chart.rows])
    axes.set_ylim(len(chart.rows) - 0.5, -0.5)
    _time_axis(axes, chart.start, chart.end, chart.ticks)
    axes.set_title(chart.title, loc="left", color=INK)
    from matplotlib.patches import Patch

    handles = [Patch(color=SPAN_COLOURS.get(kind, GREY), label=label) for kind, label in chart.kinds]
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles))


def _steps(figure: Figure, chart: StepChart) -> None:
    figure.set_size_inches(WIDTH, 0.75 + 1.15 * len(chart.panels))
    panels = figure.subplots(len(chart.panels), 1, sharex=True, squeeze=False)[:, 0]
    for axes, panel in zip(panels, chart.panels, strict=True):
        _tidy(axes)
        x = [*panel.x, chart.end]
        y: list[Any] = [float("nan") if h is None else h for h in panel.hours]
        y.append(y[-1] if y else float("nan"))
        axes.step(x, y, where="post", color=BLUE, linewidth=1, label=chart.line_label)
        axes.axhline(
            panel.limit_hours, color=BAD, linestyle=(0, (4, 2)), linewidth=1, label=chart.limit_label
        )
        axes.fill_between(
            x,
            panel.limit_hours,
            y,
            where=[value == value and value > panel.limit_hours for value in y],
            step="post",
            color=BAD,
            alpha=0.18,
            linewidth=0,
        )
        if all(h is None for h in panel.hours):
            axes.text(0.5, 0.45, chart.empty, transform=axes.transAxes, ha="center", color=BAD)
        top = max([value for value in y if value == value] + [panel.limit_hours])
        axes.set_ylim(0, top * 1.15)
        axes.set_ylabel(chart.y_label)
        axes.set_title(panel.label, loc="left", color=INK, fontsize=8)
        _time_axis(axes, chart.start, chart.end, chart.ticks)
    figure.suptitle(chart.title, x=0.01, ha="left", fontsize=9, fontweight="bold", color=INK)
    handles, labels = panels[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=2)
