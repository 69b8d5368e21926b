"""Uptime of each ``availability.uptime`` item over a period (spec §3), and Upptime's own figures.

``uptime = (period − downtime) ÷ period`` on the wall clock. Downtime is the union of the item's outages
(an outage names the item by ``uptime_id``, or one of its services by ``service``), so overlapping outages
count once. A ``maintenance`` outage is *scheduled* for the part that lies in a maintenance window
occurrence, or wholly when it was announced at least ``notice`` before it began; scheduled maintenance is
not downtime under ``maintenance: excluded`` (beyond ``max_per_month`` per month of the period it is),
and is downtime under ``maintenance: counted``. An outage with no end lasts until ``now``; a period still
in progress is measured up to ``now``.

No data is not success (spec §3, 1.1): an item is measured only over the part of the period that a
monitoring source covers (:class:`Coverage`); downtime outside it is not seen, and an item that no source
covers at all is ``no_data`` (no value, never met, missed or credited). An outages file passed to
``evaluate`` covers every period (:meth:`Coverage.everything`); monitor checks cover their span.

:class:`UptimeConvention` ``UPPTIME`` adds the figures Upptime would print (windows ending at the
evaluation instant; see :func:`upptime_figures`).
"""

from __future__ import annotations

import calendar as month_calendar
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import MaintenanceTreatment, MaintenanceWindow, UptimeItem
from servicepact.domain.evaluation.metrics import MetricStatus, MetricValue, epoch, iso_z, number
from servicepact.domain.evaluation.period import Period, PeriodKind
from servicepact.domain.intervals import Interval, clip, intersect, measure, subtract, union
from servicepact.domain.records import Outage, OutageKind

DAY = 86_400
WEEK = 7 * DAY
UPPTIME_MONTH = 2_628_288
UPPTIME_YEAR = 31_536_000


class UptimeConvention(enum.StrEnum):
    """``SERVICEPACT``: spec §3 over the period. ``UPPTIME``: also Upptime's figures, and the item's value
    is Upptime's month figure for a month period (its all-time figure since the period start otherwise)."""

    SERVICEPACT = "servicepact"
    UPPTIME = "upptime"


class OutageTreatment(enum.StrEnum):
    DOWNTIME = "downtime"
    SCHEDULED = "scheduled_maintenance"
    PARTLY_SCHEDULED = "partly_scheduled"


@dataclass(frozen=True)
class OutageEntry:
    """One outage of an item as the report lists it; seconds are those inside the period."""

    start: int
    end: int | None
    kind: OutageKind
    announced_at: int | None
    treatment: OutageTreatment
    seconds: int
    scheduled_seconds: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": iso_z(self.start),
            "end": iso_z(self.end),
            "kind": self.kind.value,
            "announced_at": iso_z(self.announced_at),
            "treatment": self.treatment.value,
            "seconds_in_period": self.seconds,
            "scheduled_seconds": self.scheduled_seconds,
        }


ALL_ITEMS = "*"
"""The ``uptime_id`` of a span that covers every uptime item (an outages file imported for a client)."""


@dataclass(frozen=True)
class CoveredSpan:
    """A stored span of monitoring: ``uptime_id`` (or :data:`ALL_ITEMS`) watched from ``start`` to ``end``
    (None: still watching); ``source`` names what said so (``outages:march.csv``, ``checks:status.csv``)."""

    uptime_id: str
    start: datetime
    end: datetime | None
    source: str = ""


@dataclass(frozen=True)
class Coverage:
    """The spans a monitoring source watched, per uptime item (aware instants; an ``end`` of None: still
    watching, up to ``now``). ``whole``: every item is watched at every instant (an outages file passed to
    ``evaluate``: "no outages" in it means none happened). The default covers nothing.

    >>> from datetime import UTC, datetime
    >>> Coverage().seconds("email", 0, 100), Coverage.everything().seconds("email", 0, 100)
    ([], [(0, 100)])
    >>> Coverage({"email": ((datetime(1970, 1, 1, tzinfo=UTC), None),)}).seconds("email", 50, 100)
    [(50, 100)]
    """

    spans: Mapping[str, tuple[tuple[datetime, datetime | None], ...]] = field(default_factory=dict)
    whole: bool = False

    @classmethod
    def everything(cls) -> Coverage:
        return cls(whole=True)

    @classmethod
    def of_spans(cls, spans: Sequence[CoveredSpan]) -> Coverage:
        """The coverage of stored spans (a span of :data:`ALL_ITEMS` covers every item)."""
        by_item: dict[str, list[tuple[datetime, datetime | None]]] = {}
        for span in spans:
            by_item.setdefault(span.uptime_id, []).append((span.start, span.end))
        return cls({item: tuple(found) for item, found in by_item.items()})

    @classmethod
    def since(cls, starts: Mapping[str, datetime]) -> Coverage:
        """Each item watched from its start on (Upptime's ``startTime``, an alerting integration's first
        delivery)."""
        return cls({item: ((start, None),) for item, start in starts.items()})

    def plus(self, other: Coverage) -> Coverage:
        """What either covers."""
        spans = {item: tuple(spans) for item, spans in self.spans.items()}
        for item, more in other.spans.items():
            spans[item] = spans.get(item, ()) + tuple(more)
        return Coverage(spans, self.whole or other.whole)

    def seconds(self, item_id: str, low: int, high: int) -> list[Interval]:
        """The covered part of ``[low, high)`` for ``item_id``, as sorted disjoint epoch-second intervals
        (an open span runs to ``high``)."""
        if self.whole:
            return [(low, high)] if high > low else []
        spans = [
            (epoch(start), epoch(end) if end is not None else high)
            for start, end in (*self.spans.get(item_id, ()), *self.spans.get(ALL_ITEMS, ()))
        ]
        return union(clip(spans, low, high))

    def first(self, item_id: str) -> int | None:
        """The earliest covered instant of an item (None: covered always, or never)."""
        starts = [epoch(start) for start, _ in (*self.spans.get(item_id, ()), *self.spans.get(ALL_ITEMS, ()))]
        return None if self.whole or not starts else min(starts)


@dataclass(frozen=True)
class UpptimeFigures:
    """Upptime's five percentages, rounded to 2 decimals as it prints them."""

    uptime: Decimal
    day: Decimal
    week: Decimal
    month: Decimal
    year: Decimal

    def to_dict(self) -> dict[str, str]:
        return {name: f"{getattr(self, name):.2f}" for name in ("uptime", "day", "week", "month", "year")}


@dataclass(frozen=True)
class UptimeResult:
    """One uptime item over the period: measured over ``covered_seconds`` of ``[measured_from,
    measured_to)`` (the part a monitoring source watched); ``no_data`` when none of it was."""

    item_id: str
    name: str | None
    target: Decimal
    maintenance: MaintenanceTreatment
    window: str
    measured_from: int
    measured_to: int
    downtime_seconds: int
    scheduled_maintenance_seconds: int
    value: MetricValue
    allowed_downtime_seconds: Decimal
    budget_left_seconds: Decimal
    outages: tuple[OutageEntry, ...]
    upptime: UpptimeFigures | None = None
    covered_seconds: int = 0

    @property
    def met(self) -> bool | None:
        return None if self.value.value is None else self.value.value >= self.target

    @property
    def status(self) -> MetricStatus:
        return self.value.status

    @property
    def uncovered_seconds(self) -> int:
        return self.measured_to - self.measured_from - self.covered_seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "name": self.name,
            "target": number(self.target),
            "status": self.status.value,
            "met": self.met,
            "maintenance": self.maintenance.value,
            "window": self.window,
            "measured_from": iso_z(self.measured_from),
            "measured_to": iso_z(self.measured_to),
            "covered_seconds": self.covered_seconds,
            "uncovered_seconds": self.uncovered_seconds,
            "downtime_seconds": self.downtime_seconds,
            "scheduled_maintenance_seconds": self.scheduled_maintenance_seconds,
            "uptime": self.value.to_dict(),
            "allowed_downtime_seconds": number(self.allowed_downtime_seconds),
            "budget_left_seconds": number(self.budget_left_seconds),
            "outages": [outage.to_dict() for outage in self.outages],
            "upptime": self.upptime.to_dict() if self.upptime else None,
        }


def evaluate_uptime(
    agreement: Agreement,
    period: Period,
    outages: Sequence[Outage],
    now: int,
    convention: UptimeConvention = UptimeConvention.SERVICEPACT,
    coverage: Coverage | None = None,
) -> tuple[UptimeResult, ...]:
    """Every uptime item of the agreement over ``period`` as of ``now`` (epoch seconds), measured over what
    ``coverage`` covers (None: nothing, so every item is ``no_data``)."""
    coverage = coverage if coverage is not None else Coverage()
    availability = agreement.availability
    if availability is None:
        return ()
    maintenance = availability.maintenance
    notice = (
        int(maintenance.notice.wall_clock().total_seconds()) if maintenance and maintenance.notice else None
    )
    cap = (
        int(maintenance.max_per_month.wall_clock().total_seconds()) * period.months
        if maintenance and maintenance.max_per_month
        else None
    )
    windows = maintenance_windows(agreement, period) if maintenance else []
    return tuple(
        _item(item, period, _outages_of(item, outages), now, windows, notice, cap, convention, coverage)
        for item in availability.uptime
    )


def _outages_of(item: UptimeItem, outages: Sequence[Outage]) -> list[Outage]:
    services = set(item.services)
    return [
        o
        for o in outages
        if o.uptime_id == item.id or (o.uptime_id is None and o.service is not None and o.service in services)
    ]


def maintenance_windows(agreement: Agreement, period: Period) -> list[Interval]:
    """Occurrences of every maintenance window that meet the period, as UTC intervals.

    RRULEs are read in the local time of their window's calendar, anchored at the agreement's start date
    (so ``INTERVAL=2`` counts from there); a local time in a DST gap moves forward by the gap.
    """
    availability = agreement.availability
    if availability is None or availability.maintenance is None:
        return []
    found: list[Interval] = []
    for window in availability.maintenance.windows:
        found.extend(_occurrences(agreement, window, period))
    return union(found)


def _occurrences(agreement: Agreement, window: MaintenanceWindow, period: Period) -> list[Interval]:
    zone = agreement.calendar(window.calendar).timezone
    length = int(window.duration.wall_clock().total_seconds())
    anchor = min(agreement.term.start, period.first_day - timedelta(days=1))
    rule = window.schedule.occurrences(datetime(anchor.year, anchor.month, anchor.day))  # noqa: DTZ001 - local
    low = (period.start - timedelta(seconds=length) - timedelta(days=2)).astimezone(zone).replace(tzinfo=None)
    high = (period.end + timedelta(days=2)).astimezone(zone).replace(tzinfo=None)
    result = []
    for local in rule.between(low, high, inc=True):
        start = epoch(local.replace(tzinfo=zone, fold=0))
        result.append((start, start + length))
    return clip(result, period.start_seconds, period.end_seconds)


def _item(
    item: UptimeItem,
    period: Period,
    outages: list[Outage],
    now: int,
    windows: list[Interval],
    notice: int | None,
    cap: int | None,
    convention: UptimeConvention,
    coverage: Coverage,
) -> UptimeResult:
    low = period.start_seconds
    high = max(low, min(period.end_seconds, now))
    downtime: list[Interval] = []
    scheduled: list[Interval] = []
    entries = []
    for outage in sorted(outages, key=lambda o: o.start):
        start = epoch(outage.start)
        end = epoch(outage.end) if outage.end is not None else max(start, now)
        span = [(start, end)]
        inside = clip(span, low, high)
        if outage.kind is OutageKind.MAINTENANCE:
            announced = epoch(outage.announced_at) if outage.announced_at is not None else None
            if notice is not None and announced is not None and announced <= start - notice:
                planned = inside
            else:
                planned = intersect(inside, windows)
        else:
            planned = []
        rest = subtract(inside, planned)
        scheduled.extend(planned)
        downtime.extend(rest)
        planned_seconds, seconds = measure(planned), measure(inside)
        if seconds == 0 and not clip(span, low, period.end_seconds):
            continue  # outside the period altogether
        treatment = (
            OutageTreatment.DOWNTIME
            if planned_seconds == 0
            else OutageTreatment.SCHEDULED
            if planned_seconds == seconds
            else OutageTreatment.PARTLY_SCHEDULED
        )
        entries.append(
            OutageEntry(
                start=start,
                end=epoch(outage.end) if outage.end is not None else None,
                kind=outage.kind,
                announced_at=epoch(outage.announced_at) if outage.announced_at is not None else None,
                treatment=treatment,
                seconds=seconds,
                scheduled_seconds=planned_seconds,
            )
        )
    scheduled = subtract(union(scheduled), downtime)  # an instant already down is downtime, not maintenance
    if item.maintenance is MaintenanceTreatment.COUNTED:
        downtime.extend(scheduled)
    elif cap is not None:
        downtime.extend(_beyond(scheduled, cap))
    covered = coverage.seconds(item.id, low, high)
    # Downtime is seen only where a source watched; the rest of the period is neither up nor down.
    down = measure(intersect(downtime, covered))
    length = measure(covered)
    name = f"uptime.{item.id}"
    value = (
        MetricValue.ratio(name, length - down, length)
        if length
        else MetricValue.without_source(name, numerator=0, denominator=0)
    )
    if length and convention is UptimeConvention.SERVICEPACT and length < MIN_COVERED_SHARE * (high - low):
        # Spec §3: uptime needs a source that covers the period. Measured over a sliver of it (an outages
        # file of one outage covers just that outage), it would read 0% and owe credits: no data instead,
        # with what was covered kept in the numbers.
        value = MetricValue.without_source(name, numerator=length - down, denominator=length)
    target = item.target.value
    allowed = Decimal(length) * (100 - target) / 100
    upptime = None
    if convention is UptimeConvention.UPPTIME and length:
        first = coverage.first(item.id)
        start_time = first if first is not None else low
        upptime = upptime_figures(intersect(downtime, covered), start_time, high)
        figure = upptime.month if period.kind is PeriodKind.MONTH else upptime.uptime
        value = MetricValue(value.name, figure, value.unit, value.numerator, value.denominator)
    return UptimeResult(
        item_id=item.id,
        name=item.name,
        target=target,
        maintenance=item.maintenance,
        window=item.window.value,
        measured_from=low,
        measured_to=high,
        downtime_seconds=down,
        scheduled_maintenance_seconds=measure(scheduled),
        value=value,
        allowed_downtime_seconds=allowed,
        budget_left_seconds=allowed - down,
        outages=tuple(entries),
        upptime=upptime,
        covered_seconds=length,
    )


MIN_COVERED_SHARE = Decimal("0.99")
"""The share of the period (up to now) monitoring must have covered for uptime to be measured: a source
that stops minutes before now still measures; a file that covers a few days of a month does not."""


def _beyond(scheduled: list[Interval], cap: int) -> list[Interval]:
    """The scheduled maintenance after the first ``cap`` seconds of it (in time order)."""
    used = 0
    over: list[Interval] = []
    for start, end in union(scheduled):
        if used >= cap:
            over.append((start, end))
        elif used + end - start > cap:
            over.append((start + cap - used, end))
        used += end - start
    return over


# Upptime ------------------------------------------------------------------------------------------------


def upptime_figures(downtime: Sequence[Interval], start_time: int, now: int) -> UpptimeFigures:
    """What Upptime prints for a site (upptime/uptime-monitor ``calculate-uptime.ts``).

    Every window ends at ``now``: day = 24 h, week = 7 days, month = ``dayjs().subtract(1, "month")`` with
    a denominator of 2,628,288 s, year = ``subtract(1, "year")`` with 31,536,000 s, all-time since
    ``start_time``. Each denominator is at most ``now − start_time``; the figure is
    ``max(0, 100 − down ÷ denominator × 100)``, rounded to 2 decimals.

    >>> upptime_figures([(0, 864)], 0, 86_400).day
    Decimal('99.00')
    """
    moment = datetime.fromtimestamp(now, tz=UTC)
    month_back = epoch(_months_back(moment, 1))
    year_back = epoch(_months_back(moment, 12))
    merged = union(downtime)
    alive = max(0, now - start_time)

    def figure(window_start: int, denominator: int) -> Decimal:
        denominator = min(denominator, alive)
        if denominator <= 0:
            return Decimal("100.00")
        down = measure(clip(merged, max(window_start, start_time), now))
        percent = max(0.0, 100 - down / denominator * 100)
        return Decimal(repr(percent)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    return UpptimeFigures(
        uptime=figure(start_time, alive),
        day=figure(now - DAY, DAY),
        week=figure(now - WEEK, WEEK),
        month=figure(month_back, UPPTIME_MONTH),
        year=figure(year_back, UPPTIME_YEAR),
    )


def _months_back(moment: datetime, months: int) -> datetime:
    """dayjs ``subtract(n, "month")``: the same day and time n months earlier, clamped to the month's end."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, month_calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def check_spans(checks: Iterable[tuple[str, datetime, bool]]) -> list[tuple[str, datetime, datetime | None]]:
    """The span each monitor's checks ``(monitor, at, up)`` were taken in (spec §3: checks cover their
    span), as ``(monitor, first check, last check)`` by monitor; a monitor down at its last check stays
    covered up to ``now`` (its outage is still open, and an open outage lasts until ``now``): end None."""
    spans: dict[str, tuple[datetime, datetime, bool]] = {}
    for monitor, at, up in checks:
        found = spans.get(monitor)
        if found is None:
            spans[monitor] = (at, at, up)
            continue
        first, last, last_up = found
        if at >= last:
            last, last_up = at, up
        spans[monitor] = (min(first, at), last, last_up)
    return [(monitor, first, last if up else None) for monitor, (first, last, up) in sorted(spans.items())]
