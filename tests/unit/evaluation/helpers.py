"""Small hand-made inputs on the Northwind agreement (America/New_York; Mon-Fri 08-12 and 13-18).

March 2027 in New York: 2027-03-01 00:00 EST = 05:00Z to 2027-04-01 00:00 EDT = 04:00Z; DST begins on
Sunday 14 March, so the month lasts 31 × 24 − 1 = 743 hours = 2,674,800 s.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from servicepact import load_agreement
from servicepact.domain.agreement import Agreement
from servicepact.domain.evaluation import EvaluationInputs, Period
from servicepact.domain.records import EventBatch, EventType, TicketBatch

NEW_YORK = ZoneInfo("America/New_York")
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"
MARCH_SECONDS = 743 * 3600


def northwind_with(*pairs: tuple[str, str]) -> Agreement:
    """The Northwind example with text replacements applied to its YAML."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return load_agreement(text)


def march() -> Period:
    return Period.parse("2027-03", NEW_YORK)


def local(text: str) -> datetime:
    """A New York wall-clock time as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=NEW_YORK).astimezone(UTC)


def seconds(text: str) -> int:
    return int(local(text).timestamp())


def batches(tickets, events=()) -> tuple[TicketBatch, EventBatch]:
    """tickets: dicts with id, created (local), priority and optional client_priority, service, asset;
    events: (ticket id, local time, type, value)."""
    ids = [t["id"] for t in tickets]

    def column(name):
        return np.array([t.get(name) for t in tickets], dtype=object)

    batch = TicketBatch(
        ids=np.array(ids, dtype=object),
        created_at=np.array(
            [np.datetime64(seconds(t["created"]), "s") for t in tickets], dtype="datetime64[s]"
        ),
        priority=column("priority"),
        client_priority=column("client_priority"),
        service=column("service"),
        asset=column("asset"),
    )
    event_batch = EventBatch(
        ticket=np.array([ids.index(e[0]) for e in events], dtype=np.int64),
        at=np.array([np.datetime64(seconds(e[1]), "s") for e in events], dtype="datetime64[s]"),
        type=np.array([EventType(e[2]).code for e in events], dtype=np.int8),
        value=np.array([e[3] if len(e) > 3 else None for e in events], dtype=object),
    )
    return batch, event_batch


def ticket_inputs(tickets, events=(), **more) -> EvaluationInputs:
    batch, event_batch = batches(tickets, events)
    return EvaluationInputs(tickets=batch, events=event_batch, **more)


AFTER_MARCH = local("2027-04-05T12:00")
