"""A small hand-made month on each example agreement, with something to report in every section.

Northwind (en, America/New_York) is evaluated for March 2027, Severny Veter (ru, Europe/Moscow) for
March 2026. Both months have: tickets met and breached on both clocks, a priority dispute, a ticket on a
non-compliant asset (best effort), billable out-of-scope work, after-hours work, an unplanned outage of
the first uptime item long enough to cost a credit, scheduled maintenance, hourly or four-hourly backups
with a gap longer than the RPO, restore tests and a few assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from servicepact import load_agreement
from servicepact.domain.agreement import Agreement
from servicepact.domain.evaluation import Coverage, Evaluation, EvaluationInputs
from servicepact.domain.records import (
    Asset,
    BackupRun,
    BackupStatus,
    EventType,
    Outage,
    OutageKind,
    RestoreTest,
    Ticket,
    TicketEvent,
)
from servicepact.services.dashboard import tickets_to_batches
from servicepact.services.evaluation import evaluate_period

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@dataclass(frozen=True)
class Month:
    name: str
    agreement: Agreement
    period: str
    inputs: EvaluationInputs
    now: datetime
    evaluation: Evaluation


@dataclass(frozen=True)
class Setting:
    file: str
    period: str
    zone: str
    uptime_item: str
    other_item: str
    backup_set: str
    rpo_hours: int
    excluded_service: str
    failing_os_type: str


SETTINGS = {
    "northwind": Setting(
        "northwind-acme.en.yaml",
        "2027-03",
        "America/New_York",
        "email",
        "file-server",
        "servers",
        1,
        "hardware-repair",
        "workstation",
    ),
    "romashka": Setting(
        "severny-veter-romashka.ru.yaml",
        "2026-03",
        "Europe/Moscow",
        "file-server",
        "file-server",
        "servers",
        4,
        "hardware-repair",
        "workstation",
    ),
}


def month(name: str) -> Month:
    """The hand-made month of an example agreement, evaluated as of the 5th of the next month."""
    setting = SETTINGS[name]
    agreement = load_agreement(EXAMPLES / setting.file)
    zone = ZoneInfo(setting.zone)
    year, number = (int(part) for part in setting.period.split("-"))

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(year, number, day, hour, minute, tzinfo=zone).astimezone(UTC)

    def ticket(
        ticket_id: str,
        created: datetime,
        priority: str,
        responded: timedelta | None,
        resolved: timedelta | None,
        **more: object,
    ) -> Ticket:
        events = []
        if responded is not None:
            events.append(TicketEvent(ticket_id, created + responded, EventType.RESPONDED))
        if resolved is not None:
            events.append(TicketEvent(ticket_id, created + resolved, EventType.RESOLVED))
        work = more.pop("work", None)
        if isinstance(work, tuple):
            events.append(TicketEvent(ticket_id, work[0], EventType.WORK, str(work[1])))
        return Ticket(ticket_id, created, priority, events=tuple(events), **more)  # type: ignore[arg-type]

    minutes, hours = (lambda n: timedelta(minutes=n)), (lambda n: timedelta(hours=n))
    tickets = [
        # Tuesday-to-Friday tickets inside business hours.
        ticket("SR-1001", at(3, 10), "P1", minutes(10), hours(2)),
        ticket("SR-1002", at(5, 22), "P1", minutes(95), hours(3), work=(at(5, 22, 10), 60)),
        ticket("SR-1003", at(3, 9, 30), "P2", minutes(20), hours(3), client_priority="P2"),
        ticket("SR-1004", at(4, 10), "P3", hours(7), hours(20)),
        ticket("SR-1005", at(10, 11), "P3", minutes(45), hours(26), client_priority="P1"),
        ticket("SR-1006", at(11, 14), "P4", hours(2), hours(50)),
        ticket("SR-1007", at(17, 10), "P2", minutes(30), hours(30)),
        ticket("SR-1008", at(18, 10), "P3", minutes(50), hours(4)),
        ticket("SR-1009", at(19, 10), "P2", minutes(25), hours(2)),
        ticket("SR-1010", at(24, 10), "P4", hours(1), hours(6), client_priority="P3"),
        # Out of scope (billable) and best effort (a non-compliant asset).
        ticket(
            "SR-1011",
            at(12, 10),
            "P3",
            minutes(15),
            hours(3),
            service=setting.excluded_service,
            work=(at(12, 11), 90),
        ),
        ticket("SR-1012", at(16, 10), "P3", hours(9), hours(40), asset="ws-old"),
    ]
    batch, events = tickets_to_batches(tickets)
    outages = [
        Outage(at(9, 11), at(9, 14), OutageKind.UNPLANNED, uptime_id=setting.uptime_item),
        Outage(at(23, 8), at(23, 8, 40), OutageKind.UNPLANNED, uptime_id=setting.other_item),
        Outage(
            at(25, 21),
            at(25, 23),
            OutageKind.MAINTENANCE,
            uptime_id=setting.other_item,
            announced_at=at(20, 9),
        ),
    ]
    step = hours(setting.rpo_hours)
    runs = []
    moment = at(1, 0) - step
    gap_start, gap_end = at(12, 2), at(12, 2) + step * 5
    while moment < at(28, 0) + timedelta(days=10):
        if not gap_start <= moment < gap_end:
            status = BackupStatus.FAILED if moment.hour == 3 and moment.day == 20 else BackupStatus.SUCCESS
            runs.append(BackupRun(moment, moment + minutes(10), status, backup_id=setting.backup_set))
        moment += step
    restores = [
        RestoreTest(setting.backup_set, at(1, 12) - timedelta(days=30), BackupStatus.SUCCESS),
    ]
    assets = [
        Asset(
            "srv-1",
            "server",
            {
                "os_end_of_support": "2031-10-14",
                "warranty_until": "2029-01-01",
                "antivirus": True,
                "licensed": True,
            },
        ),
        Asset(
            "ws-old",
            setting.failing_os_type,
            {"os_end_of_support": "2025-10-14", "antivirus": True, "licensed": True},
        ),
        Asset(
            "ws-new", "workstation", {"os_end_of_support": "2032-01-01", "antivirus": True, "licensed": True}
        ),
    ]
    inputs = EvaluationInputs(
        tickets=batch,
        events=events,
        outages=outages,
        backup_runs=runs,
        restore_tests=restores,
        assets=assets,
        coverage=Coverage.everything(),  # the outages are the whole record, as a file given to `evaluate`
    )
    now = at(28, 0) + timedelta(days=8)
    evaluation = evaluate_period(agreement, setting.period, inputs, now)
    return Month(name, agreement, setting.period, inputs, now, evaluation)
