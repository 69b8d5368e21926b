"""The report as a format-neutral view model: a first page, then sections of text, charts and tables.

Everything here is already in the reader's language and formatted (numbers, money, durations, dates);
a renderer only lays it out. Charts are *specifications* (series, labels, ticks); the adapter draws them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Tone(enum.StrEnum):
    """How a cell or a figure should look: good news, bad news, or neither."""

    PLAIN = ""
    GOOD = "good"
    BAD = "bad"
    MUTED = "muted"


class Status(enum.StrEnum):
    MET = "met"
    MISSED = "missed"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Cell:
    text: str
    tone: Tone = Tone.PLAIN


@dataclass(frozen=True)
class Table:
    """Rows of cells under a header; ``numeric`` right-aligns columns; ``more`` says what was left out."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[bool, ...] = ()
    more: str | None = None
    empty: str | None = None
    widths: tuple[int, ...] = ()
    caption: str | None = None


# charts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """Bar heights per category, and the target they are judged against (drawn as a dashed line)."""

    label: str
    values: tuple[float | None, ...]
    target: float | None = None


@dataclass(frozen=True)
class BarChart:
    """Grouped bars per category (percent), with a target line."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    target_label: str  # "{series} target"
    y_label: str
    empty: str


@dataclass(frozen=True)
class BandPanel:
    """One panel of a band chart: per row (priority), the share of clocks in each band."""

    title: str
    rows: tuple[str, ...]
    shares: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class BandChart:
    """Horizontal 100% bars: how far within or beyond its target each clock stopped."""

    key: str
    title: str
    panels: tuple[BandPanel, ...]
    bands: tuple[str, ...]
    x_label: str
    empty: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # downtime | scheduled_maintenance | partly_scheduled


@dataclass(frozen=True)
class TimelineRow:
    label: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Timeline:
    """Rows of spans (epoch seconds) over ``[start, end)``; ``kinds`` names each kind of span."""

    key: str
    title: str
    rows: tuple[TimelineRow, ...]
    start: int
    end: int
    ticks: tuple[tuple[int, str], ...]
    kinds: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StepPanel:
    """One system: the largest backup age (hours) in each slice of the period, and its RPO (hours)."""

    label: str
    x: tuple[int, ...]
    hours: tuple[float | None, ...]
    limit_hours: float


@dataclass(frozen=True)
class StepChart:
    key: str
    title: str
    panels: tuple[StepPanel, ...]
    start: int
    end: int
    ticks: tuple[tuple[int, str], ...]
    y_label: str
    line_label: str
    limit_label: str
    empty: str  # said in a panel whose system had no successful backup


Chart = BarChart | BandChart | Timeline | StepChart


# the document ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    paragraphs: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Card:
    """A headline figure of the first page."""

    label: str
    value: str
    note: str
    tone: Tone = Tone.PLAIN


@dataclass(frozen=True)
class LevelLine:
    """One service level on the first page: a KPI or an uptime item against its target."""

    key: str  # kpi.<id> or uptime.<id>
    name: str
    target: str
    value: str
    status: Status
    status_text: str


@dataclass(frozen=True)
class Summary:
    """What a client reads in one minute."""

    verdict: str
    tone: Tone
    cards: tuple[Card, ...]
    levels: tuple[LevelLine, ...]
    levels_table: Table
    credits_table: Table | None
    credits_note: str
    extras_table: Table | None
    extras_note: str
    facts: tuple[str, ...]

    def missed(self) -> tuple[LevelLine, ...]:
        return tuple(level for level in self.levels if level.status is Status.MISSED)

    def met(self) -> tuple[LevelLine, ...]:
        return tuple(level for level in self.levels if level.status is Status.MET)


@dataclass(frozen=True)
class Labels:
    """Fixed words of the layout."""

    summary: str
    details: str
    contents: str
    levels: str
    credits: str
    extras: str
    page_of: str  # "Page {page} of {pages}"
    header: str  # running header: provider · client · period
    footer: str


@dataclass(frozen=True)
class Report:
    language: str
    page_size: str  # "A4" | "Letter"
    title: str
    provider: str
    client: str
    period: str
    subtitle: str
    meta: tuple[str, ...]
    summary: Summary
    sections: tuple[Section, ...]
    labels: Labels

    def chart_specs(self) -> tuple[Chart, ...]:
        """Every chart of the report, in order."""
        return tuple(chart for section in self.sections for chart in section.charts)
