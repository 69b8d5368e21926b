"""Request and response bodies, a family per entity (``XCreate`` in, ``XPublic`` out).

Instants go out as ISO 8601 UTC (``2027-03-01T09:00:00Z``) and come in with an offset (a time without
one is refused: 422). Text fields refuse control characters and text that is not UTF-8.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    model_validator,
)

from servicepact.domain.lint import Finding
from servicepact.domain.records import (
    Asset,
    BackupStatus,
    EventType,
    OutageKind,
    Ticket,
    TicketEvent,
)
from servicepact.services.importing import ImportReport
from servicepact.services.live_clocks import SlaClock, SlaStatus, TicketClocks
from servicepact.services.model import AgreementVersion, ImportKind, VersionStatus
from servicepact.services.webhooks import CREATED, WebhookEvent, WebhookReport

T = TypeVar("T")

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def _utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("the instant is out of range") from None


def _stored(value: datetime) -> datetime:
    """An instant that will be stored and judged by calendars: 1970 to 2200."""
    if not EARLIEST <= value < LATEST:
        raise ValueError("instants must lie between 1970 and 2200")
    return value


PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
"""No control characters (PostgreSQL refuses NUL in text; none belongs in a name)."""


def _text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid UTF-8 (no lone surrogates)") from None
    return value


def _utc_out(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


Instant = Annotated[AwareDatetime, AfterValidator(_utc)]
"""An instant given with a UTC offset, turned into UTC."""
StoredInstant = Annotated[AwareDatetime, AfterValidator(_utc), AfterValidator(_stored)]
UtcOut = Annotated[datetime, PlainSerializer(_utc_out, return_type=str)]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=PRINTABLE), AfterValidator(_text)
]
LongText = Annotated[str, StringConstraints(max_length=2000, pattern=PRINTABLE), AfterValidator(_text)]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def of(cls, record: Any) -> Self:
        """The public form of a record whose attributes have the schema's field names (override when the
        names or the values differ)."""
        return cls.model_validate(record, from_attributes=True)


class Listing(Schema, Generic[T]):
    """A page of a listing: ``total`` rows match, ``items`` are those from ``offset``."""

    items: list[T]
    total: int
    limit: int
    offset: int


# --- errors ------------------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    """What went wrong: a stable ``code``, a message for people, the ``field`` at fault (or None).
    Some errors add details: ``problems`` (agreement problems with their line and path)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    field: str | None


class ErrorBody(Schema):
    error: ErrorDetail


# --- the caller --------------------------------------------------------------------------------------


class MePublic(Schema):
    name: str
    role: str
    client: str | None = Field(description="The client a client user may read (None for staff).")


# --- clients -----------------------------------------------------------------------------------------


class ClientCreate(Schema):
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")] = Field(examples=["acme"])
    name: Name
    time_zone: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=PRINTABLE), AfterValidator(_text)
    ] = Field(default="UTC", description="An IANA time zone (`Europe/London`).")


class ClientPublic(Schema):
    slug: str
    name: str
    time_zone: str
    created_at: UtcOut


class CountsPublic(Schema):
    tickets: int
    events: int
    outages: int
    checks: int
    backup_runs: int
    restore_tests: int
    assets: int


class ClientDetail(ClientPublic):
    counts: CountsPublic


# --- agreements --------------------------------------------------------------------------------------


class FindingPublic(Schema):
    code: str
    severity: Literal["error", "warning", "info"]
    path: str
    line: int | None
    message: str

    @classmethod
    def of(cls, finding: Finding) -> Self:
        return cls.model_validate(finding.to_dict())


class AgreementVersionPublic(Schema):
    agreement: str = Field(description="The agreement's `id` in its YAML.")
    number: int
    status: VersionStatus
    title: str
    sha256: str
    uploaded_at: UtcOut
    uploaded_by: str
    activated_at: UtcOut | None
    effective_from: UtcOut | None
    retired_at: UtcOut | None

    @classmethod
    def of(cls, v: AgreementVersion) -> Self:
        return cls(
            agreement=v.agreement_key,
            number=v.number,
            status=v.status,
            title=v.title,
            sha256=v.sha256,
            uploaded_at=v.uploaded_at,
            uploaded_by=v.uploaded_by,
            activated_at=v.activated_at,
            effective_from=v.effective_from,
            retired_at=v.retired_at,
        )


class AgreementVersionDetail(AgreementVersionPublic):
    text: str

    @classmethod
    def of(cls, v: AgreementVersion) -> Self:
        return cls.model_validate({**AgreementVersionPublic.of(v).model_dump(), "text": v.text})


class AgreementCreate(Schema):
    """The JSON form of an upload (or send the YAML itself as ``application/yaml``)."""

    yaml: Annotated[str, StringConstraints(min_length=1, max_length=5 * 1024 * 1024)]
    activate: bool = False
    effective_from: StoredInstant | None = None


class UploadPublic(Schema):
    """The stored version (with ``unchanged`` when the text equals the latest version) and every finding."""

    version: AgreementVersionPublic
    unchanged: bool
    findings: list[FindingPublic]


class ActivateRequest(Schema):
    effective_from: StoredInstant | None = Field(
        default=None, description="When the version starts to judge tickets (default: now)."
    )


# --- tickets -----------------------------------------------------------------------------------------


class ClockPublic(Schema):
    due: UtcOut | None
    stopped_at: UtcOut | None
    status: str = Field(description="met, breached, running, best_effort or out_of_scope")
    business_seconds: int | None
    percent_used: float | None

    @classmethod
    def of(cls, clock: SlaClock | None) -> Self | None:
        if clock is None:
            return None
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
        description="breached, at_risk (running, >= 75% used), running, met, best_effort, out_of_scope "
        "or no_agreement; None when the list was asked for without clocks."
    )
    percent_used: float | None
    response: ClockPublic | None
    resolution: ClockPublic | None
    after_hours_seconds: int | None

    # Both are built from the services' own typed values with ``model_construct``: validating them again
    # cost a tenth of a computed page of 50 tickets (serializing still checks each value's type).
    @classmethod
    def plain(cls, t: Ticket) -> Self:
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
    def of(cls, clocks: TicketClocks) -> Self:
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
            response=ClockPublic.of(clocks.response),
            resolution=ClockPublic.of(clocks.resolution),
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


# --- outages, backups, assets ------------------------------------------------------------------------


class OutagePublic(Schema):
    start: UtcOut
    end: UtcOut | None
    kind: OutageKind
    uptime_id: str | None
    service: str | None
    announced_at: UtcOut | None


class BackupRunPublic(Schema):
    started_at: UtcOut
    finished_at: UtcOut
    status: BackupStatus
    backup_id: str | None
    system: str | None


class RestoreTestPublic(Schema):
    backup_id: str
    at: UtcOut
    status: BackupStatus


def _plain(value: Any) -> Any:
    """Asset fields for JSON: dates and datetimes as ISO text, the rest as given."""
    if isinstance(value, datetime):
        return _utc_out(value) if value.tzinfo is not None else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class AssetPublic(Schema):
    id: str
    type: str
    fields: dict[str, Any]

    @classmethod
    def of(cls, a: Asset) -> Self:
        return cls(id=a.id, type=a.type, fields=_plain(a.fields))


# --- imports -----------------------------------------------------------------------------------------


class BadRowPublic(Schema):
    source: str
    line: int | None
    column: str | None
    reason: str


class ImportPublic(Schema):
    kind: ImportKind
    source: str
    added: dict[str, int]
    present: dict[str, int] = Field(description="Rows already stored (importing again adds nothing).")
    bad_rows: list[BadRowPublic] = Field(description="Rows left out (with skip_bad_rows), first ones.")
    bad_row_total: int

    @classmethod
    def of(cls, report: ImportReport) -> Self:
        return cls(
            kind=report.kind,
            source=report.source,
            added=report.added,
            present=report.present,
            bad_rows=[BadRowPublic.of(r) for r in report.bad_rows[:100]],
            bad_row_total=report.bad_row_total,
        )


# --- webhooks ----------------------------------------------------------------------------------------


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
    type: Literal[
        "created",
        "responded",
        "acknowledged",
        "status",
        "priority",
        "resolved",
        "reopened",
        "work",
        "after_hours_approved",
    ]
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

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.at is None and self.created_at is None:
            raise ValueError("an event needs `at` (or the ticket's `created_at`)")
        if self.type == CREATED and self.created_at is None:
            raise ValueError("a `created` event needs the ticket's `created_at`")
        if self.type in ("status", "priority") and not (self.value or "").strip():
            raise ValueError(f"a `{self.type}` event needs a `value`")
        if self.type == "work":
            try:
                minutes = float(self.value or "")
            except ValueError:
                raise ValueError("a `work` event's `value` is its minutes, a number") from None
            if not 0 <= minutes <= 100_000:
                raise ValueError("a `work` event's minutes must lie between 0 and 100,000")
        if (
            self.created_at is not None
            and self.priority is None
            and (self.impact is None) != (self.urgency is None)
        ):
            raise ValueError("give `impact` and `urgency` together")
        return self

    def to_event(self) -> WebhookEvent:
        at = self.at or self.created_at
        assert at is not None
        return WebhookEvent(
            event_id=self.event_id,
            ticket_id=self.ticket_id,
            at=at,
            type=self.type,
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
