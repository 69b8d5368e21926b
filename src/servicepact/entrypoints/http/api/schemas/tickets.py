"""Bodies of ``/clients/{client}/tickets``: tickets with their live SLA clocks, events, priority changes."""

from __future__ import annotations

from typing import Self

from pydantic import Field

from servicepact.domain.clocks.status import AT_RISK_PERCENT
from servicepact.domain.records import EventType, Ticket, TicketEvent
from servicepact.entrypoints.http.api.schemas.common import LongText, Name, Schema, StoredInstant, UtcOut
from servicepact.services.live_clocks import SlaClock, SlaStatus, TicketClocks


class ClockPublic(Schema):
    due: UtcOut | None
    stopped_at: UtcOut | None
    status: str = Field(description="met, breached, running, best_effort or out_of_scope")
    business_seconds: int | None
    percent_used: float | None

    # The factories built with ``model_construct`` return their own class, not ``Self``: pydantic's mypy
    # plugin types ``model_construct`` so.
    @classmethod
    def of(cls, clock: SlaClock) -> ClockPublic:
        return cls.model_construct(  # the service's own typed values: built without validating again
            due=clock.due,
            stopped_at=clock.stopped_at,
            status=clock.status,
            business_seconds=clock.business_seconds,
            percent_used=clock.percent_used,
        )


class VersionRef(Schema):
    agreement: str
    number: int


class TicketPublic(Schema):
    id: str
    created_at: UtcOut
    priority: str | None = Field(description="The priority in force (after priority changes).")
    impact: str | None
    urgency: str | None
    client_priority: str | None
    service: str | None
    asset: str | None
    title: str | None
    judged_by: VersionRef | None = Field(description="The agreement version in force at creation.")
    sla_status: SlaStatus | None = Field(
        description=f"breached, at_risk (running, >= {AT_RISK_PERCENT:g}% used), running, met, best_effort, "
        "out_of_scope "
        "or no_agreement; None when the list was asked for without clocks."
    )
    percent_used: float | None
    response: ClockPublic | None
    resolution: ClockPublic | None
    after_hours_seconds: int | None

    # Both are built from the services' own typed values with ``model_construct``: validating them again
    # cost a tenth of a computed page of 50 tickets (serializing still checks each value's type).
    @classmethod
    def plain(cls, t: Ticket) -> TicketPublic:
        return cls.model_construct(
            id=t.id,
            created_at=t.created_at,
            priority=t.priority,
            impact=t.impact,
            urgency=t.urgency,
            client_priority=t.client_priority,
            service=t.service,
            asset=t.asset,
            title=t.title,
            judged_by=None,
            sla_status=None,
            percent_used=None,
            response=None,
            resolution=None,
            after_hours_seconds=None,
        )

    @classmethod
    def of(cls, clocks: TicketClocks) -> TicketPublic:
        t, version = clocks.ticket, clocks.version
        return cls.model_construct(
            id=t.id,
            created_at=t.created_at,
            priority=clocks.priority,
            impact=t.impact,
            urgency=t.urgency,
            client_priority=t.client_priority,
            service=t.service,
            asset=t.asset,
            title=t.title,
            judged_by=None
            if version is None
            else VersionRef.model_construct(agreement=version.agreement_key, number=version.number),
            sla_status=clocks.sla_status,
            percent_used=clocks.percent_used,
            response=None if clocks.response is None else ClockPublic.of(clocks.response),
            resolution=None if clocks.resolution is None else ClockPublic.of(clocks.resolution),
            after_hours_seconds=clocks.after_hours_seconds,
        )


class EventPublic(Schema):
    at: UtcOut
    type: EventType
    value: str | None
    event_id: str | None

    @classmethod
    def of(cls, e: TicketEvent) -> Self:
        return cls(at=e.at, type=e.type, value=e.value, event_id=e.external_id)


class TicketDetail(TicketPublic):
    events: list[EventPublic]

    @classmethod
    def of(cls, clocks: TicketClocks) -> Self:
        base = TicketPublic.of(clocks).model_dump()
        return cls.model_validate({**base, "events": [EventPublic.of(e) for e in clocks.ticket.events]})


class PriorityChange(Schema):
    priority: Name
    at: StoredInstant | None = None
    reason: LongText | None = None
