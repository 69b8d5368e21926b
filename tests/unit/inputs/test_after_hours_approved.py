"""The events reader takes spec 1.1's `after_hours_approved` (value: who approved, optional)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from servicepact.adapters.inputs.events import read_ticket_events
from servicepact.domain.records import EventType


def test_an_after_hours_approval_is_read_with_or_without_its_approver(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "ticket_id,at,type,value\n"
        "T1,2026-03-02T18:30:00+03:00,after_hours_approved,Иванов И. И.\n"
        "T1,2026-03-03T18:30:00+03:00,after_hours_approved,\n",
        encoding="utf-8",
    )
    events = read_ticket_events(path, ZoneInfo("Europe/Moscow")).events
    assert [(e.type, e.value) for e in events] == [
        (EventType.AFTER_HOURS_APPROVED, "Иванов И. И."),
        (EventType.AFTER_HOURS_APPROVED, None),
    ]
