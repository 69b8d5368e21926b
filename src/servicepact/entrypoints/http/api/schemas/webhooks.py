"""Bodies of the webhook: pushed events, what a delivery changed, and the webhook tokens."""

from __future__ import annotations

from typing import Self

from pydantic import ConfigDict, Field, model_validator

from servicepact.entrypoints.http.api.schemas.common import LongText, Name, Schema, StoredInstant, UtcOut
from servicepact.services.webhooks import WebhookEvent, WebhookEventType, WebhookReport


class WebhookEventCreate(Schema):
    """One event of a ticket, as a PSA or helpdesk pushes it.

    ``type`` is an event type of spec §2 (``responded``, ``acknowledged``, ``status``, ``priority``,
    ``resolved``, ``reopened``, ``work``, and since 1.1 ``after_hours_approved``, whose optional value
    names who approved) or ``created`` (only creates the ticket). ``created_at`` (with
    ``priority``, or ``impact`` + ``urgency``) creates the ticket if it is not stored yet.
    """

    model_config = ConfigDict(extra="ignore")  # helpdesks send more than we read

    event_id: Name
    ticket_id: Name
    type: WebhookEventType
    at: StoredInstant | None = Field(default=None, description="When it happened (default: created_at).")
    value: LongText | None = Field(default=None, description="The state, the new priority, or work minutes.")
    created_at: StoredInstant | None = None
    priority: Name | None = None
    impact: Name | None = None
    urgency: Name | None = None
    client_priority: Name | None = None
    service: Name | None = None
    asset: Name | None = None
    title: LongText | None = None

    # The rules are the service's (``WebhookEvent.problem``), checked while parsing so that a broken one
    # is a 422 like any malformed body. The 422's ``field`` names this validator: keep its name.
    @model_validator(mode="after")
    def _complete(self) -> Self:
        problem = self.to_event().problem()
        if problem is not None:
            raise ValueError(problem)
        return self

    def to_event(self) -> WebhookEvent:
        return WebhookEvent(
            event_id=self.event_id,
            ticket_id=self.ticket_id,
            type=self.type,
            at=self.at,
            value=self.value,
            created_at=self.created_at,
            priority=self.priority,
            impact=self.impact,
            urgency=self.urgency,
            client_priority=self.client_priority,
            service=self.service,
            asset=self.asset,
            title=self.title,
        )


class WebhookPublic(Schema):
    received: int
    added: int
    duplicates: int = Field(description="Events already stored (same ticket and event_id), ignored.")
    tickets_added: int

    @classmethod
    def of(cls, report: WebhookReport) -> Self:
        return cls(
            received=report.received,
            added=report.added,
            duplicates=report.duplicates,
            tickets_added=report.tickets_added,
        )


class WebhookTokenCreate(Schema):
    name: Name = "webhook"


class WebhookTokenPublic(Schema):
    id: int
    name: str
    prefix: str
    created_at: UtcOut
    last_used_at: UtcOut | None
    revoked_at: UtcOut | None


class NewWebhookTokenPublic(WebhookTokenPublic):
    secret: str = Field(description="Shown once; only its SHA-256 is stored.")
