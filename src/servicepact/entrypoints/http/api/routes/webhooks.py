"""Ticket events pushed by a PSA or helpdesk, and the per-client webhook tokens that authenticate them.

``POST /webhooks/{client}/events`` takes one event or a list, authenticated by a webhook token of that
client (``Authorization: Bearer spw_...``); API tokens are refused there, as webhook tokens are refused
everywhere else. Staff manage the tokens under ``/clients/{client}/webhook-tokens``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import Field

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import PermissionDeniedError
from servicepact.entrypoints.http.api.deps import (
    ClientSlug,
    PrincipalDep,
    StaffDep,
    UowDep,
    bearer,
    unauthorized,
)
from servicepact.entrypoints.http.api.schemas.common import Listing
from servicepact.entrypoints.http.api.schemas.webhooks import (
    NewWebhookTokenPublic,
    WebhookEventCreate,
    WebhookPublic,
    WebhookTokenCreate,
    WebhookTokenPublic,
)
from servicepact.services import webhooks
from servicepact.services.webhooks import MAX_EVENTS, WebhookCaller

router = APIRouter(tags=["webhooks"])

Events = Annotated[
    WebhookEventCreate | Annotated[list[WebhookEventCreate], Field(min_length=1, max_length=MAX_EVENTS)],
    Body(description="One event, or a list of at most 1,000."),
]


def get_webhook_caller(
    uow: UowDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> WebhookCaller:
    """The caller of the webhook, from its webhook token (401 otherwise, API tokens included)."""
    if credentials is None:
        raise unauthorized("send the client's webhook token: Authorization: Bearer spw_...")
    try:
        return webhooks.authenticate_webhook(uow, credentials.credentials)
    except PermissionDeniedError as error:
        raise unauthorized(error.message) from None


WebhookCallerDep = Annotated[WebhookCaller, Depends(get_webhook_caller)]


@router.post(
    "/webhooks/{client}/events",
    summary="Push ticket events (webhook token); duplicates by event_id are ignored",
)
def receive_events(
    client: ClientSlug, caller: WebhookCallerDep, events: Events, uow: UowDep
) -> WebhookPublic:
    pushed = events if isinstance(events, list) else [events]
    report = webhooks.receive_events(
        uow, caller, client, [e.to_event() for e in pushed], parser=read_agreement
    )
    return WebhookPublic.of(report)


@router.get("/clients/{client}/webhook-tokens", summary="The client's webhook tokens (no secrets)")
def list_webhook_tokens(
    client: ClientSlug, principal: PrincipalDep, uow: UowDep
) -> Listing[WebhookTokenPublic]:
    found = webhooks.list_webhook_tokens(uow, principal, client)
    return Listing(
        items=[WebhookTokenPublic.of(t) for t in found], total=len(found), limit=len(found), offset=0
    )


@router.post("/clients/{client}/webhook-tokens", status_code=201, summary="Create a webhook token (staff)")
def create_webhook_token(
    client: ClientSlug, principal: StaffDep, uow: UowDep, body: WebhookTokenCreate | None = None
) -> NewWebhookTokenPublic:
    new = webhooks.create_webhook_token(uow, principal, client, name=body.name if body else "webhook")
    return NewWebhookTokenPublic(**WebhookTokenPublic.of(new.token).model_dump(), secret=new.secret)


@router.delete("/clients/{client}/webhook-tokens/{token_id}", summary="Revoke a webhook token (staff)")
def revoke_webhook_token(
    client: ClientSlug,
    token_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    principal: StaffDep,
    uow: UowDep,
) -> WebhookTokenPublic:
    return WebhookTokenPublic.of(webhooks.revoke_webhook_token(uow, principal, client, token_id))
