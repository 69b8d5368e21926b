"""The demo's synthetic records: two clients and months of operations, made from a seed.

An English agreement (Northwind IT Services → Acme Manufacturing) and a Russian one (Северный ветер →
Ромашка) from the shipped examples; tickets whose priority the agreement's matrix assigns from impact ×
urgency, responses, pauses while waiting on the client, reopenings, escalations, work logged after hours,
some breaches and priority disputes; outages including maintenance; backups with some failures; assets of
which some fail the client requirements. The records are rows as the import files have them
(:func:`synthetic_records`, :func:`write_csv`); storing them through the services is
:mod:`servicepact.entrypoints.demo_seed`.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from servicepact.adapters.demo_titles import TITLES
from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import priority_from_matrix
from servicepact.domain.calendars import BusinessCalendar
from servicepact.services.model import ImportKind

__all__ = [
    "CLIENTS",
    "DEMO_NOW",
    "DemoClient",
    "DemoTime",
    "acme_revisions",
    "local_instant",
    "months_back",
    "synthetic_records",
    "write_csv",
]

DEMO_NOW = datetime(2027, 3, 24, 14, 30, tzinfo=UTC)
"""The demo's "now": late in March 2027, so that March is a month in progress with open tickets."""


class DemoTime:
    """The served demo's time source: the demo's "now" when the server starts, then running in real time, so
    live SLA clocks tick."""

    def __init__(self, demo_now: datetime = DEMO_NOW) -> None:
        self._offset = demo_now - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


@dataclass(frozen=True)
class DemoClient:
    slug: str
    name: str
    example: str
    tickets_per_day: float


CLIENTS = (
    DemoClient("acme", "Acme Manufacturing Inc.", "northwind-acme.en.yaml", 4.5),
    DemoClient("romashka", "АО «Ромашка»", "severny-veter-romashka.ru.yaml", 3.5),
)


def synthetic_records(
    agreement: Agreement, rng: random.Random, first_day: date, now: datetime, demo: DemoClient
) -> dict[ImportKind, list[dict[str, Any]]]:
    """One client's assets, tickets, events, outages, backups and restore tests from ``first_day`` to
    ``now``, drawn from ``rng``: rows by import kind, as the import files have them."""
    return _Generator(agreement, rng, first_day, now, demo).generate()


def acme_revisions(text: str) -> tuple[str, str]:
    """Versions 1.1 (a faster P2 response, a higher fee and more seats) and 1.2 (a stricter e-mail uptime)
    of the Acme agreement ``text`` (version 1.0)."""
    v11 = (
        text.replace("version: 1.0.0", "version: 1.1.0")
        .replace("P2: {response: 1h, resolution: 8h}", "P2: {response: 45m, resolution: 8h}")
        .replace("monthly_fee: 4500.00", "monthly_fee: 4800.00")
        .replace("quantity: 45", "quantity: 52")
    )
    v12 = v11.replace("version: 1.1.0", "version: 1.2.0").replace("target: 99.9%", "target: 99.95%")
    v12 = v12.replace(
        "- {metric: uptime.email, below: 99.9%, credit: 5%}",
        "- {metric: uptime.email, below: 99.95%, credit: 5%}",
    )
    return v11, v12


def months_back(day: date, months: int) -> date:
    """The first of the month ``months`` before ``day``'s (after it, for a negative ``months``)."""
    total = day.year * 12 + day.month - 1 - months
    return date(total // 12, total % 12 + 1, 1)


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``zone``, as an aware UTC instant."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def write_csv(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` as an import file: the columns of every row, instants in UTC, booleans as words."""
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- the synthetic operations ----------------------------------------------------------------------------


class _Generator:
    """One client's tickets, events, outages, backups and assets, drawn from ``rng``."""

    def __init__(
        self, agreement: Agreement, rng: random.Random, first_day: date, now: datetime, demo: DemoClient
    ) -> None:
        assert agreement.support is not None
        assert agreement.priorities is not None
        self.agreement = agreement
        self.support = agreement.support
        self.rng = rng
        self.first_day = first_day
        self.now = now
        self.demo = demo
        self.language = agreement.language.value
        self.business = agreement.calendar(agreement.support.calendar)
        self.zone = self.business.timezone
        self.matrix = agreement.priorities.matrix
        self.prefix = "INC" if self.language == "en" else "ЗАЯ-"
        self.tickets: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    def generate(self) -> dict[ImportKind, list[dict[str, Any]]]:
        assets = self._assets()
        self._tickets([a["id"] for a in assets])
        return {
            ImportKind.ASSETS: assets,
            ImportKind.TICKETS: self.tickets,
            ImportKind.EVENTS: self.events,
            ImportKind.OUTAGES: self._outages(),
            ImportKind.BACKUPS: self._backups(),
            ImportKind.RESTORES: self._restores(),
        }

    # -- assets: some fail the client requirements (unsupported OS, no antivirus, expired warranty) ----

    def _assets(self) -> list[dict[str, Any]]:
        rng = self.rng
        en = self.language == "en"
        rows: list[dict[str, Any]] = []
        count = 40 if en else 28
        for n in range(1, count + 1):
            old = rng.random() < 0.12
            row: dict[str, Any] = {
                "id": f"WS-{n:03d}",
                "type": "workstation",
                "os": "Windows 10 Pro 22H2" if old else "Windows 11 Pro 23H2",
                "os_end_of_support": date(2025, 10, 14) if old else date(2028, 11, 10),
            }
            if en:
                row["antivirus"] = rng.random() > 0.05
            else:
                row["licensed"] = rng.random() > 0.07
            rows.append(row)
        servers = ["SRV-01", "SRV-02", "SRV-03"] if en else ["SRV-01", "SRV-02"]
        for index, name in enumerate(servers):
            row = {
                "id": name,
                "type": "server",
                "os": "Windows Server 2022" if index else "Windows Server 2012 R2",
                "os_end_of_support": date(2031, 10, 14) if index else date(2023, 10, 10),
                "warranty_until": date(2028, 6, 30) if index != 1 else date(2026, 9, 30),
            }
            if en:
                row["antivirus"] = True
            else:
                row["licensed"] = True
            rows.append(row)
        if en:
            rows.append({"id": "FW-01", "type": "firewall", "business_grade": True})
        return rows

    # -- tickets and their events ---------------------------------------------------------------------

    def _services(self) -> list[tuple[str, float]]:
        if self.language == "en":
            return [
                ("helpdesk", 0.55),
                ("m365", 0.15),
                ("server-management", 0.1),
                ("network", 0.08),
                ("backup", 0.05),
                ("hardware-repair", 0.04),
                ("", 0.03),
            ]
        return [
            ("helpdesk", 0.65),
            ("servers", 0.15),
            ("backup", 0.08),
            ("hardware-repair", 0.07),
            ("", 0.05),
        ]

    def _days(self) -> Iterable[date]:
        day = self.first_day
        last = self.now.astimezone(self.zone).date()
        while day <= last:
            yield day
            day += timedelta(days=1)

    def _tickets(self, asset_ids: list[str]) -> None:
        rng = self.rng
        number = 1000 if self.language == "en" else 500
        for day in self._days():
            weekday = day.weekday() < 5
            expected = self.demo.tickets_per_day * (1.0 if weekday else 0.12)
            for _ in range(_poisson(rng, expected)):
                if weekday:
                    hour = rng.choices(range(7, 20), weights=[1, 6, 9, 9, 8, 5, 7, 8, 7, 6, 4, 2, 1])[0]
                else:
                    hour = rng.randrange(0, 24)
                created = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=self.zone)
                created = created.astimezone(UTC)
                if created >= self.now - timedelta(minutes=20):
                    continue
                number += 1
                self._ticket(f"{self.prefix}{number}", created, asset_ids)
        self._still_open(number)
        self._major_incident()

    def _still_open(self, number: int) -> None:
        """Two open tickets the live clocks must show: one past its resolution target (a P2 stuck with a
        vendor's part), one waiting on the client (its resolution clock paused)."""
        titles = {
            "en": ("Warehouse label printer offline, part on order", "VPN profile for the new laptop"),
            "ru": ("Не работает сканер на складе, ждём запчасть", "Настроить VPN на новом ноутбуке"),
        }[self.language]
        stuck = self.now - timedelta(days=2, hours=3)
        waiting = self.now - timedelta(hours=26)
        for offset, (created, impact, urgency, title) in enumerate(
            ((stuck, "high", "medium", titles[0]), (waiting, "low", "high", titles[1])), start=1
        ):
            ticket_id = f"{self.prefix}{number + offset}"
            self.tickets.append(
                {
                    "id": ticket_id,
                    "created_at": created,
                    "impact": impact,
                    "urgency": urgency,
                    "title": title,
                    "service": "helpdesk",
                    "asset": None,
                    "client_priority": None,
                }
            )
            self._event(ticket_id, created + timedelta(seconds=40), "acknowledged")
            self._event(ticket_id, created + timedelta(minutes=18), "responded")
            self._event(ticket_id, created + timedelta(minutes=19), "status", "in_progress")
            self._event(ticket_id, created + timedelta(hours=1), "work", 45)
            if offset == 2 and self.support.pause_on:
                self._event(ticket_id, created + timedelta(hours=2), "status", self.support.pause_on[0])

    def _priority(self, impact: str, urgency: str) -> str:
        """The level the agreement's matrix assigns (every demo agreement's matrix is complete)."""
        priority = priority_from_matrix(self.matrix, impact, urgency)
        assert priority is not None, (impact, urgency)
        return priority

    def _ticket(self, ticket_id: str, created: datetime, asset_ids: list[str], outage: bool = False) -> None:
        rng = self.rng
        if outage:
            impact, urgency = "high", "high"
        else:
            impact = rng.choices(["high", "medium", "low"], weights=[4, 26, 70])[0]
            urgency = rng.choices(["high", "medium", "low"], weights=[12, 48, 40])[0]
        priority = self._priority(impact, urgency)
        services = self._services()
        service = rng.choices([s for s, _ in services], weights=[w for _, w in services])[0]
        if outage:
            service = "m365" if self.language == "en" else "servers"
        titles = TITLES[self.language]
        title = rng.choice(
            titles["outage"] if outage else titles.get(service or "helpdesk", titles["helpdesk"])
        )
        asset = (
            rng.choice(asset_ids)
            if service in ("helpdesk", "hardware-repair", "") and rng.random() < 0.6
            else None
        )
        client_priority = None
        if not outage and rng.random() < 0.07:  # the client thought it more urgent: a priority dispute
            levels = [level.id for level in self.agreement.priorities.levels]  # type: ignore[union-attr]
            index = levels.index(priority)
            client_priority = levels[max(0, index - 1)] if index else levels[1]
        self.tickets.append(
            {
                "id": ticket_id,
                "created_at": created,
                "impact": impact,
                "urgency": urgency,
                "client_priority": client_priority,
                "service": service or None,
                "asset": asset,
                "title": title,
            }
        )
        self._events(ticket_id, created, priority, outage)

    def _event(self, ticket_id: str, at: datetime, kind: str, value: object = None) -> None:
        if at < self.now:
            self.events.append({"ticket_id": ticket_id, "at": at, "type": kind, "value": value})

    def _calendar(self, priority: str) -> BusinessCalendar:
        return self.agreement.calendar(self.support.target_calendar(priority))

    def _events(self, ticket_id: str, created: datetime, priority: str, outage: bool) -> None:
        rng = self.rng
        target = self.support.targets[priority]
        calendar = self._calendar(priority)
        self._event(ticket_id, created + timedelta(seconds=40), "acknowledged")  # automatic; never counts
        # First response: mostly well within target, sometimes late.
        response_target = target.response.business_time(calendar.day_length) if target.response else None
        late = rng.random() < (0.06 if priority in ("P1", "P2") else 0.035)
        fraction = rng.uniform(1.1, 2.2) if late else rng.betavariate(2, 5)
        if response_target is not None:
            responded = calendar.add(created, _whole(response_target * fraction))
        else:
            responded = created + timedelta(minutes=rng.randrange(5, 90))
        responded = max(responded, created + timedelta(minutes=2))
        self._event(ticket_id, responded, "responded")
        self._event(ticket_id, responded + timedelta(minutes=1), "status", "in_progress")
        # Escalations: the priority goes up a level a few hours in.
        effective = priority
        if not outage and priority in ("P3", "P4") and rng.random() < 0.04:
            effective = "P2" if priority == "P3" else "P3"
            self._event(ticket_id, responded + timedelta(hours=rng.uniform(1, 5)), "priority", effective)
            target = self.support.targets[effective]
            calendar = self._calendar(effective)
        resolution_target = (
            target.resolution.business_time(calendar.day_length) if target.resolution else timedelta(days=3)
        )
        late = rng.random() < (0.08 if effective in ("P1", "P2") else 0.05)
        fraction = rng.uniform(1.05, 1.8) if late else rng.betavariate(2, 3) * 0.95
        pause = timedelta(0)
        cursor = responded
        if rng.random() < 0.18 and self.support.pause_on:  # waiting on the client for a while
            start = calendar.add(created, _whole(resolution_target * fraction * 0.4))
            pause = timedelta(minutes=rng.randrange(30, 60 * 30))
            self._event(
                ticket_id, max(start, cursor + timedelta(minutes=5)), "status", self.support.pause_on[0]
            )
            cursor = max(start, cursor + timedelta(minutes=5)) + pause
            self._event(ticket_id, cursor, "status", "in_progress")
        resolved = calendar.add(created, _whole(resolution_target * fraction)) + pause
        resolved = max(resolved, cursor + timedelta(minutes=10))
        self._work(ticket_id, responded, resolved, effective)
        self._event(ticket_id, resolved, "resolved")
        if rng.random() < 0.05:  # reopened by the client, then solved again
            reopened = resolved + timedelta(hours=rng.uniform(2, 40))
            self._event(ticket_id, reopened, "reopened")
            self._event(ticket_id, reopened + timedelta(minutes=20), "status", "in_progress")
            self._event(
                ticket_id, calendar.add(reopened, timedelta(minutes=rng.randrange(30, 180))), "resolved"
            )

    def _work(self, ticket_id: str, start: datetime, end: datetime, priority: str) -> None:
        """One to three work entries between the response and the resolution. Engineers work in the
        support hours (a real MSP month has little night work on low priorities: spec 1.1 bills it only
        for the priorities that get after-hours service); a P1/P2 ticket gets an evening call-out now
        and then."""
        rng = self.rng
        hours = self.agreement.calendar(self.support.calendar)
        business = hours.between(start, end) if end > start else timedelta(0)
        for _ in range(rng.randint(1, 3)):
            fraction = rng.uniform(0, 0.9)
            if business > timedelta(0):
                at = hours.add(start, _whole(business * fraction))  # inside the support hours
            else:
                at = start + timedelta(seconds=max((end - start).total_seconds(), 60) * fraction)
            local = at.astimezone(self.zone)
            if priority in ("P1", "P2") and rng.random() < 0.35:  # a call-out in the evening
                at = local.replace(hour=rng.randrange(19, 23), minute=rng.randrange(60)).astimezone(UTC)
                if at >= end:
                    at = start + timedelta(minutes=1)
            self._event(ticket_id, at, "work", rng.choice([15, 20, 30, 45, 60, 90, 120]))

    def _major_incident(self) -> None:
        """One P1 outage ticket a month, resolved late in the first month (a breach and a credit)."""
        asset_ids: list[str] = []
        for months in range(3):
            day = months_back(self.first_day, -months)
            if day > self.now.date():
                break
            created = datetime.combine(day + timedelta(days=9 + 4 * months), time(9, 12), tzinfo=self.zone)
            created = created.astimezone(UTC)
            if created < self.now:
                self._ticket(f"{self.prefix}{900 + months}", created, asset_ids, outage=True)

    # -- outages, backups, restore tests ----------------------------------------------------------------

    def _outages(self) -> list[dict[str, Any]]:
        rng = self.rng
        availability = self.agreement.availability
        if availability is None:
            return []
        rows: list[dict[str, Any]] = []
        for item in availability.uptime:
            for months in range(3):
                first = months_back(self.first_day, -months)
                if first > self.now.date():
                    break
                for _ in range(rng.randint(1, 3)):
                    day = first + timedelta(days=rng.randrange(0, 27))
                    start = datetime.combine(
                        day, time(rng.randrange(7, 19), rng.randrange(60)), tzinfo=self.zone
                    )
                    minutes = rng.choice([4, 7, 12, 18, 25]) if months else rng.choice([35, 48, 95])
                    start_utc = start.astimezone(UTC)
                    if start_utc + timedelta(minutes=minutes) < self.now:
                        rows.append(
                            {
                                "uptime_id": item.id,
                                "start": start_utc,
                                "end": start_utc + timedelta(minutes=minutes),
                                "kind": "unplanned",
                            }
                        )
                # Maintenance: once in the window (not downtime), once outside it with notice.
                window = availability.maintenance.windows[0] if availability.maintenance else None
                if window is not None:
                    sunday = first + timedelta(days=(6 - first.weekday()) % 7 + 7)
                    start = datetime.combine(sunday, time(2, 10), tzinfo=self.zone).astimezone(UTC)
                    if self.language == "ru":
                        saturday = sunday - timedelta(days=1)
                        start = datetime.combine(saturday, time(22, 15), tzinfo=self.zone).astimezone(UTC)
                    if start + timedelta(hours=1) < self.now:
                        rows.append(
                            {
                                "uptime_id": item.id,
                                "start": start,
                                "end": start + timedelta(minutes=70),
                                "kind": "maintenance",
                            }
                        )
                    weekday = first + timedelta(days=17)
                    start = datetime.combine(weekday, time(21, 0), tzinfo=self.zone).astimezone(UTC)
                    if start + timedelta(hours=1) < self.now:
                        rows.append(
                            {
                                "uptime_id": item.id,
                                "start": start,
                                "end": start + timedelta(minutes=40),
                                "kind": "maintenance",
                                "announced_at": start - timedelta(hours=72 if months != 1 else 6),
                            }
                        )
        return rows

    def _backups(self) -> list[dict[str, Any]]:
        rng = self.rng
        availability = self.agreement.availability
        rows: list[dict[str, Any]] = []
        if availability is None:
            return rows
        start = datetime.combine(self.first_day, time(0, 5), tzinfo=self.zone).astimezone(UTC)
        for backup in availability.backups:
            every = timedelta(seconds=backup.frequency.seconds or 86_400)
            at = start
            gap = (self.first_day + timedelta(days=rng.randrange(20, 45)), rng.randrange(3, 9))
            while at < self.now - timedelta(minutes=30):
                local_day = at.astimezone(self.zone).date()
                status = "success"
                roll = rng.random()
                if roll < 0.012:
                    status = "failed"
                elif roll < 0.02:
                    status = "partial"
                if local_day == gap[0] and at.astimezone(self.zone).hour < gap[1]:
                    status = "failed"  # a night of failures (the RPO KPI notices)
                rows.append(
                    {
                        "backup_id": backup.id,
                        "started_at": at,
                        "finished_at": at + timedelta(minutes=rng.randrange(4, 40)),
                        "status": status,
                    }
                )
                at += every
        return rows

    def _restores(self) -> list[dict[str, Any]]:
        availability = self.agreement.availability
        if availability is None or not availability.backups:
            return []
        first = availability.backups[0].id
        at = datetime.combine(self.first_day + timedelta(days=15), time(11), tzinfo=self.zone).astimezone(UTC)
        return [{"backup_id": first, "at": at, "status": "success"}]


def _whole(duration: timedelta) -> timedelta:
    return timedelta(seconds=int(duration.total_seconds()))


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for the small means of a day's tickets.
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
