"""Small SVG charts drawn with matplotlib (no JavaScript): the uptime of each item against its target.

Charts are cached by what they show, so a dashboard refresh draws nothing new unless a number changed.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from functools import lru_cache

from servicepact.entrypoints.http.web.i18n import Texts
from servicepact.services.dashboard import ClientOverview


def uptime_chart(overview: ClientOverview, t: Texts) -> str | None:
    """An inline SVG of this month's uptime per item (None when nothing is measured)."""
    if overview.evaluation is None or not overview.evaluation.uptime:
        return None
    bars = tuple(
        (item.name or item.item_id, float(item.value.value), float(item.target))
        for item in overview.evaluation.uptime
        if item.value.value is not None
    )
    if not bars:
        return None
    return _draw(bars, t.language, t.gettext("Uptime this month, % (the line is the target)"))


@lru_cache(maxsize=64)
def _draw(bars: tuple[tuple[str, float, float], ...], language: str, title: str) -> str:
    import matplotlib  # imported on first use: matplotlib takes a while to load
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "sans-serif"}):
        return _svg(Figure, bars, language, title)


def _svg(figure_class: type, bars: tuple[tuple[str, float, float], ...], language: str, title: str) -> str:

    lowest = min(min(v, target) for _, v, target in bars)
    floor = max(90.0, float(Decimal(lowest).quantize(Decimal("0.1"))) - 0.4)
    figure = figure_class(figsize=(5.2, 0.5 + 0.42 * len(bars)), dpi=96)
    axes = figure.add_axes((0.32, 0.22, 0.64, 0.72))
    names = [name for name, _, _ in bars]
    values = [value for _, value, _ in bars]
    colours = ["#1f7a4d" if value >= target else "#b3261e" for _, value, target in bars]
    positions = list(range(len(bars)))
    axes.barh(positions, [v - floor for v in values], left=floor, color=colours, height=0.55)
    for position, (_, value, target) in enumerate(bars):
        axes.plot([target, target], [position - 0.4, position + 0.4], color="#1d1d1f", linewidth=1.5)
        axes.text(
            min(value, 100.0) + 0.02,
            position,
            f"{value:.2f}".replace(".", "," if language == "ru" else "."),
            va="center",
            ha="left",
            fontsize=8,
            color="#1d1d1f",
        )
    axes.set_yticks(positions, names, fontsize=9)
    axes.set_xlim(floor, 100.0 + (100.0 - floor) * 0.12)
    axes.invert_yaxis()
    axes.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    # Responsive: keep the viewBox, drop the fixed size; name the image for screen readers.
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1 class="chart-svg"', svg, count=1)
    return svg.replace("<svg", f'<svg role="img" aria-label="{title}"', 1)
