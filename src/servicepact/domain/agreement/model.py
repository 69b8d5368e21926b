"""The managed services agreement, format ``servicepact/v1``, as typed models.

Keys whose absence a lint rule reports (an area missing: SP001; a KPI without target: SP701; a commitment
without metric: SP602, ...) are optional here, so that the linter, not validation, speaks about them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from servicepact.domain.agreement.base import Model
from servicepact.domain.agreement.calendar_spec import CalendarSpec
from servicepact.domain.agreement.escalations import Escalation
from servicepact.domain.agreement.fields import (
    PARSE_ERROR,
    DateField,
    DurationField,
    KpiTargetField,
    MoneyField,
    PercentageField,
    RecurrenceRuleField,
)
from servicepact.domain.agreement.legal import ContractReference, Legal, PartyDetails
from servicepact.domain.agreement.values import Duration

if TYPE_CHECKING:
    from servicepact.domain.agreement.positions import Positions
    from servicepact.domain.calendars import BusinessCalendar

FORMAT_V1 = "servicepact/v1"

AREAS = (
    "services",
    "support",
    "responsibilities",
    "availability",
    "client_requirements",
    "guarantees",
    "performance",
    "priorities",
)


class Language(enum.StrEnum):
    EN = "en"
    RU = "ru"


class Contact(Model):
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Party(Model):
    name: str
    contact: Contact | None = None
    address: str | None = None
    signatory: str | None = None
    details: PartyDetails | None = None


class Parties(Model):
    provider: Party
    client: Party


MAX_TERM_MONTHS = 1200


class Term(Model):
    start: DateField
    # A century at most: the term's end (start + months) stays a date the engines can reach past.
    months: int | None = Field(default=None, gt=0, le=MAX_TERM_MONTHS)
    end: DateField | None = None
    auto_renew: bool = False
    notice_days: int | None = Field(default=None, ge=0)


# 1. Services ------------------------------------------------------------------------------------------


class Handling(enum.StrEnum):
    """What happens to a request outside the included services."""

    BILLABLE = "billable"
    QUOTE = "quote"
    NOT_OFFERED = "not_offered"


class IncludedService(Model):
    id: str
    name: str
    description: str | None = None
    category: str | None = None
    unit: str | None = None
    quantity: int | None = Field(default=None, ge=0)


class ExcludedService(Model):
    id: str
    name: str
    description: str | None = None
    handling: Handling | None = None


class Services(Model):
    included: list[IncludedService] = Field(default_factory=list)
    excluded: list[ExcludedService] = Field(default_factory=list)
    unlisted: Handling | None = None


# 2. Support -------------------------------------------------------------------------------------------


class ResponseCounts(enum.StrEnum):
    HUMAN = "human"
    ANY = "any"


class Channel(Model):
    type: str
    calendar: str | None = None
    priorities: list[str] | None = None
    address: str | None = None


DEFAULT_CALLOUT_GAP = Duration.parse("1h")


class AfterHours(Model):
    available: bool = False
    calendar: str | None = None
    priorities: list[str] | None = None
    surcharge: Decimal | None = None
    minimum: DurationField | None = None
    callout_gap: DurationField | None = None

    @property
    def gap(self) -> Duration:
        """Billable stretches of a ticket less than this apart are one call-out (spec 1.1 §2; default 1h)."""
        return self.callout_gap if self.callout_gap is not None else DEFAULT_CALLOUT_GAP


class Target(Model):
    response: DurationField | None = None
    resolution: DurationField | None = None
    calendar: str | None = None


class Support(Model):
    calendar: str
    channels: list[Channel] = Field(default_factory=list)
    after_hours: AfterHours | None = None
    pause_on: list[str] = Field(default_factory=list)
    response_counts: ResponseCounts = ResponseCounts.HUMAN
    targets: dict[str, Target] = Field(default_factory=dict)
    escalations: list[Escalation] = Field(default_factory=list)

    def target_calendar(self, priority: str) -> str:
        target = self.targets.get(priority)
        return (target.calendar if target and target.calendar else None) or self.calendar


# 3. Responsibilities ------------------------------------------------------------------------------------

RACI_LETTERS = frozenset("RACI")


def _parse_raci(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PydanticCustomError(
            PARSE_ERROR, "expected RACI letters such as 'R' or 'RA', got {value}", {"value": repr(value)}
        )
    letters = value.replace(",", "").replace(" ", "").upper()
    if any(letter not in RACI_LETTERS for letter in letters) or len(set(letters)) != len(letters):
        raise PydanticCustomError(
            PARSE_ERROR, "{value}: use each of the letters R, A, C, I at most once", {"value": repr(value)}
        )
    return "".join(sorted(letters, key="RACI".index))


class RaciEntry(Model):
    activity: str
    provider: str = ""
    client: str = ""

    _check_letters = field_validator("provider", "client", mode="before")(
        lambda cls, value: _parse_raci(value)
    )

    @property
    def parties(self) -> dict[str, str]:
        return {"provider": self.provider, "client": self.client}


class FailureDuties(Model):
    provider: list[str] = Field(default_factory=list)
    client: list[str] = Field(default_factory=list)


class Responsibilities(Model):
    raci: list[RaciEntry] = Field(default_factory=list)
    failures: dict[str, FailureDuties] = Field(default_factory=dict)
    client_duties: list[str] = Field(default_factory=list)


# 4. Availability ----------------------------------------------------------------------------------------


class UptimeWindow(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


class MaintenanceTreatment(enum.StrEnum):
    EXCLUDED = "excluded"
    COUNTED = "counted"


class UptimeItem(Model):
    id: str
    name: str | None = None
    services: list[str] = Field(default_factory=list)
    target: PercentageField
    window: UptimeWindow = UptimeWindow.MONTH
    maintenance: MaintenanceTreatment = MaintenanceTreatment.EXCLUDED


class MaintenanceWindow(Model):
    id: str
    schedule: RecurrenceRuleField
    calendar: str
    duration: DurationField


class Maintenance(Model):
    windows: list[MaintenanceWindow] = Field(default_factory=list)
    notice: DurationField | None = None
    max_per_month: DurationField | None = None


class RecoveryTier(Model):
    tier: str
    systems: list[str] = Field(default_factory=list)
    rto: DurationField | None = None
    rpo: DurationField | None = None


class BackupSet(Model):
    id: str
    systems: list[str] = Field(default_factory=list)
    frequency: DurationField
    retention: DurationField | None = None
    offsite: bool = False
    restore_test: DurationField | None = None


class Availability(Model):
    uptime: list[UptimeItem] = Field(default_factory=list)
    maintenance: Maintenance | None = None
    recovery: list[RecoveryTier] = Field(default_factory=list)
    backups: list[BackupSet] = Field(default_factory=list)


# 5. Client requirements ---------------------------------------------------------------------------------


class Consequence(enum.StrEnum):
    BEST_EFFORT = "best_effort"
    EXCLUDED = "excluded"


class Remediation(enum.StrEnum):
    BILLABLE = "billable"
    INCLUDED = "included"


class CheckOperator(enum.StrEnum):
    EQ = "eq"
    NE = "ne"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    BEFORE = "before"
    AFTER = "after"
    IN = "in"
    NOT_IN = "not_in"
    EXISTS = "exists"


class Check(Model):
    """A predicate on one field of an asset; ``value: today`` means the evaluation date."""

    field: str
    op: CheckOperator
    value: str | int | float | bool | date | list[str | int | float | bool] | None = None


class RequirementRule(Model):
    id: str
    description: str | None = None
    applies_to: list[str] = Field(default_factory=list)
    check: Check | None = None


class ClientRequirements(Model):
    consequence: Consequence | None = None
    remediation: Remediation | None = None
    rules: list[RequirementRule] = Field(default_factory=list)


# 6. Guarantees ------------------------------------------------------------------------------------------


class Remedy(enum.StrEnum):
    SERVICE_CREDITS = "service_credits"
    ROOT_CAUSE_REPORT = "root_cause_report"
    NONE = "none"


class Commitment(Model):
    id: str
    statement: str
    metric: str | None = None
    remedy: Remedy | None = None


class Guarantees(Model):
    commitments: list[Commitment] = Field(default_factory=list)
    sole_remedy: bool | None = None
    disclaimers: list[str] = Field(default_factory=list)


# 7. Performance -----------------------------------------------------------------------------------------


class ReportingFrequency(enum.StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Kpi(Model):
    id: str
    name: str | None = None
    metric: str
    target: KpiTargetField | None = None


class Reporting(Model):
    frequency: ReportingFrequency | None = None
    due: DurationField | None = None
    deliver_to: list[str] = Field(default_factory=list)


class CreditBasis(enum.StrEnum):
    MONTHLY_FEE = "monthly_fee"


class CreditTier(Model):
    metric: str
    below: PercentageField
    credit: PercentageField


class ServiceCredits(Model):
    basis: CreditBasis = CreditBasis.MONTHLY_FEE
    tiers: list[CreditTier] = Field(default_factory=list)
    cap: PercentageField | None = None
    claim_within: DurationField | None = None


class Performance(Model):
    kpis: list[Kpi] = Field(default_factory=list)
    reporting: Reporting | None = None
    service_credits: ServiceCredits | None = None


# 8. Priorities ------------------------------------------------------------------------------------------


class PriorityLevel(Model):
    id: str
    name: str | None = None
    definition: str | None = None
    examples: list[str] = Field(default_factory=list)


class AssignedBy(enum.StrEnum):
    PROVIDER = "provider"
    CLIENT = "client"
    JOINT = "joint"


def priority_from_matrix(matrix: Mapping[str, Mapping[str, str]], impact: str, urgency: str) -> str | None:
    """The priority level that ``matrix`` (``priorities.matrix``: impact → urgency → level) assigns to
    ``impact`` and ``urgency``; None where it names none. The one rule of priority from impact × urgency."""
    return matrix.get(impact, {}).get(urgency)


class Priorities(Model):
    levels: list[PriorityLevel] = Field(default_factory=list)
    impact: dict[str, str] = Field(default_factory=dict)
    urgency: dict[str, str] = Field(default_factory=dict)
    matrix: dict[str, dict[str, str]] = Field(default_factory=dict)
    assigned_by: AssignedBy | None = None
    disputes: str | None = None

    @property
    def ids(self) -> list[str]:
        """Priority ids from the highest (most urgent) to the lowest, in the order they are listed."""
        return [level.id for level in self.levels]

    def from_matrix(self, impact: str, urgency: str) -> str | None:
        """The level the matrix assigns (:func:`priority_from_matrix`)."""
        return priority_from_matrix(self.matrix, impact, urgency)


# Billing and the whole agreement ------------------------------------------------------------------------


class Billing(Model):
    monthly_fee: MoneyField | None = None
    hourly_rate: MoneyField | None = None
    increment: DurationField | None = None


class Agreement(Model):
    """A whole agreement. Load one with ``servicepact.load_agreement``; check it with ``servicepact.lint``."""

    format: Literal["servicepact/v1"]
    id: str
    title: str
    version: str
    language: Language = Language.EN
    parties: Parties
    term: Term
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    calendars: dict[str, CalendarSpec] = Field(default_factory=dict)
    services: Services | None = None
    support: Support | None = None
    responsibilities: Responsibilities | None = None
    availability: Availability | None = None
    client_requirements: ClientRequirements | None = None
    guarantees: Guarantees | None = None
    performance: Performance | None = None
    priorities: Priorities | None = None
    billing: Billing | None = None
    names: dict[str, str] = Field(default_factory=dict)
    legal: Legal | None = None
    parent_contract: ContractReference | None = None

    _positions: Positions | None = PrivateAttr(default=None)
    _calendar_cache: dict[str, BusinessCalendar] = PrivateAttr(default_factory=dict)

    @field_validator("version", "id", "title", mode="before")
    @classmethod
    def _scalars_as_text(cls, value: Any) -> Any:
        # `version: 1.0` is a float to YAML; users mean the text they wrote.
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @property
    def positions(self) -> Positions | None:
        """Where each key stands in the YAML file it was loaded from (None when built in code)."""
        return self._positions

    def with_positions(self, positions: Positions) -> Agreement:
        self._positions = positions
        return self

    def calendar(self, calendar_id: str) -> BusinessCalendar:
        """The business calendar named ``calendar_id`` (built once and cached)."""
        from servicepact.domain.calendars import BusinessCalendar
        from servicepact.domain.errors import NotFoundError

        if calendar_id not in self._calendar_cache:
            spec = self.calendars.get(calendar_id)
            if spec is None:
                raise NotFoundError(f"the agreement has no calendar {calendar_id!r}")
            self._calendar_cache[calendar_id] = BusinessCalendar.from_spec(spec)
        return self._calendar_cache[calendar_id]

    def area_present(self, area: str) -> bool:
        return getattr(self, area) is not None

    def service_ids(self) -> set[str]:
        if self.services is None:
            return set()
        return {s.id for s in self.services.included} | {s.id for s in self.services.excluded}

    def priority_ids(self) -> list[str]:
        return self.priorities.ids if self.priorities else []

    def display_name(self, system_id: str) -> str:
        """The name ``names`` gives an id (spec 1.1 §7), else the id itself."""
        return self.names.get(system_id, system_id)
