"""Spec 1.1 §7: what turns the rendered document into a complete, signable contract.

``parties.<side>.details`` (addresses, registration, Russian requisites, the signatory), ``legal`` (the
contract frame: payment and tax, acceptance, liability, disputes, ...), ``parent_contract`` (the contract an
SLA annex belongs to) and ``names`` (display names for ids the format does not name). The rendering of these
keys is issue work of its own; here they are typed and validated so that a wrong value is an SP003/SP005
problem with its key path.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from servicepact.domain.agreement.base import Model
from servicepact.domain.agreement.fields import PARSE_ERROR, DateField, PercentageField, reporting_sp003


def _digits(value: Any, count: tuple[int, ...], what: str) -> Any:
    """A Russian registration number: exactly ``count`` digits, kept as text.

    YAML reads an unquoted ``7701000001`` as a number; we accept it, but a leading zero lost that way shows
    up as a wrong length, which the message explains.
    """
    if value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) not in count:
        lengths = " or ".join(str(n) for n in count)
        raise PydanticCustomError(
            PARSE_ERROR,
            "{what} is {lengths} digits (quote it in YAML to keep leading zeros), got {value}",
            {"what": what, "lengths": lengths, "value": repr(value)},
        )
    return value


class Signatory(Model):
    """Who signs for a party; ``basis`` is the Russian «действующего на основании …» (e.g. «Устава»)."""

    name: str
    title: str | None = None
    basis: str | None = None


class BankDetails(Model):
    name: str
    bik: str | None = None
    account: str | None = None
    corr_account: str | None = None
    swift: str | None = None
    iban: str | None = None

    @field_validator("bik", mode="before")
    @classmethod
    def _bik(cls, value: Any) -> Any:
        return _digits(value, (9,), "a BIK")

    @field_validator("account", "corr_account", mode="before")
    @classmethod
    def _account(cls, value: Any) -> Any:
        return _digits(value, (20,), "a Russian bank account number")


class PartyDetails(Model):
    """Identification for the preamble and the signature page (spec 1.1 §7)."""

    address: str | None = None
    registration: str | None = None
    inn: str | None = None
    kpp: str | None = None
    ogrn: str | None = None
    bank: BankDetails | None = None
    email: str | None = None
    phone: str | None = None
    signatory: Signatory | None = None

    @field_validator("inn", mode="before")
    @classmethod
    def _inn(cls, value: Any) -> Any:
        return _digits(value, (10, 12), "an INN")

    @field_validator("kpp", mode="before")
    @classmethod
    def _kpp(cls, value: Any) -> Any:
        return _digits(value, (9,), "a KPP")

    @field_validator("ogrn", mode="before")
    @classmethod
    def _ogrn(cls, value: Any) -> Any:
        return _digits(value, (13, 15), "an OGRN")


class ContractReference(Model):
    """A contract by number and date: ``legal.contract`` and ``parent_contract``."""

    number: str
    date: DateField | None = None
    place: str | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        # `number: 17` is an int to YAML; the contract number is the text the user wrote.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class InvoiceTiming(enum.StrEnum):
    MONTHLY_IN_ADVANCE = "monthly_in_advance"
    MONTHLY_IN_ARREARS = "monthly_in_arrears"


class TaxTreatment(enum.StrEnum):
    """``excluded``: tax is added on top at ``tax_rate``; ``included``: the fee includes it; ``none``."""

    EXCLUDED = "excluded"
    INCLUDED = "included"
    NONE = "none"


class InterestPeriod(enum.StrEnum):
    DAY = "day"
    MONTH = "month"


_LATE_INTEREST = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*per\s+(day|month)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class LateInterest:
    """``"0.1% per day"``: a percent of the overdue amount per day or month."""

    percent: Decimal
    per: InterestPeriod

    @classmethod
    def parse(cls, value: object) -> LateInterest:
        if isinstance(value, LateInterest):
            return value
        match = _LATE_INTEREST.match(value) if isinstance(value, str) else None
        if match is None:
            raise ValueError(
                f"expected late interest such as '0.1% per day' or '1% per month', got {value!r}"
            )
        return cls(Decimal(match.group(1)), InterestPeriod(match.group(2).lower()))

    def __str__(self) -> str:
        return f"{self.percent.normalize():f}% per {self.per.value}"


LateInterestField = Annotated[
    LateInterest,
    PlainValidator(reporting_sp003(LateInterest.parse)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*\d+(\.\d+)?\s*%\s*per\s+(day|month)\s*$",
            "examples": ["0.1% per day"],
        }
    ),
]


_CAP_MONTHS = re.compile(r"^\s*(\d+)\s*months?\s+of\s+fees\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class LiabilityCap:
    """``"12 months of fees"`` or an amount in the agreement's currency (exactly one of the two)."""

    months_of_fees: int | None = None
    amount: Decimal | None = None

    @classmethod
    def parse(cls, value: object) -> LiabilityCap:
        if isinstance(value, LiabilityCap):
            return value
        if isinstance(value, str):
            match = _CAP_MONTHS.match(value)
            if match:
                return cls(months_of_fees=int(match.group(1)))
        if not isinstance(value, bool) and isinstance(value, int | float | str | Decimal):
            try:
                amount = Decimal(str(value))
            except InvalidOperation:
                amount = None
            if amount is not None and amount.is_finite() and amount > 0:
                return cls(amount=amount)
        raise ValueError(f"expected a liability cap such as '12 months of fees' or an amount, got {value!r}")

    def __str__(self) -> str:
        if self.months_of_fees is not None:
            return f"{self.months_of_fees} months of fees"
        return format(self.amount, "f")


LiabilityCapField = Annotated[
    LiabilityCap,
    PlainValidator(reporting_sp003(LiabilityCap.parse)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "description": "'<N> months of fees' or an amount in the agreement's currency.",
            "examples": ["12 months of fees", 50000],
        }
    ),
]


def _parse_governing_law(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?", value.strip()):
        return value.strip().upper()
    raise ValueError(
        f"expected an ISO 3166 country or country-subdivision code such as 'RU' or 'US-NY', got {value!r}"
    )


GoverningLawField = Annotated[
    str,
    PlainValidator(reporting_sp003(_parse_governing_law)),
    WithJsonSchema(
        {"type": "string", "pattern": "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$", "examples": ["RU", "US-NY"]}
    ),
]


class Disputes(Model):
    negotiation_days: int | None = Field(default=None, ge=0)
    forum: str | None = None


class Payment(Model):
    invoice: InvoiceTiming = InvoiceTiming.MONTHLY_IN_ADVANCE
    due_days: int | None = Field(default=None, ge=0)
    late_interest: LateInterestField | None = None
    tax: TaxTreatment | None = None
    tax_rate: PercentageField | None = None

    @field_validator("tax_rate")
    @classmethod
    def _rate_in_range(cls, value: Any) -> Any:
        if value is not None and not (0 <= value.value < 100):
            raise PydanticCustomError(
                PARSE_ERROR, "a tax rate is from 0% to below 100%, got {value}", {"value": str(value)}
            )
        return value

    @model_validator(mode="after")
    def _rate_with_tax(self) -> Payment:
        if self.tax in (TaxTreatment.EXCLUDED, TaxTreatment.INCLUDED) and self.tax_rate is None:
            raise PydanticCustomError(
                PARSE_ERROR,
                "tax: {tax} needs tax_rate (the rate the fee adds or includes), e.g. tax_rate: 20%",
                {"tax": self.tax.value},
            )
        return self


class Acceptance(Model):
    act_due_days: int | None = Field(default=None, ge=0)
    report_dispute_days: int | None = Field(default=None, ge=0)


class Liability(Model):
    cap: LiabilityCapField | None = None
    exclude_indirect: bool = False


class DataRole(enum.StrEnum):
    PROCESSOR = "processor"
    CONTROLLER = "controller"


class DataTerms(enum.StrEnum):
    """``dpa``: a data processing agreement (EN); ``instruction``: «поручение обработки» (RU 152-ФЗ)."""

    DPA = "dpa"
    INSTRUCTION = "instruction"


class PersonalData(Model):
    role: DataRole = DataRole.PROCESSOR
    terms: DataTerms | None = None


class Termination(Model):
    for_convenience_days: int | None = Field(default=None, ge=0)
    chronic_failure: str | None = None


class Legal(Model):
    """The frame of a complete contract; without it the document is an SLA annex (spec 1.1 §7)."""

    contract: ContractReference | None = None
    governing_law: GoverningLawField | None = None
    disputes: Disputes | None = None
    payment: Payment | None = None
    acceptance: Acceptance | None = None
    liability: Liability | None = None
    confidentiality_years: int | None = Field(default=None, ge=0)
    personal_data: PersonalData | None = None
    termination: Termination | None = None
    transition_days: int | None = Field(default=None, ge=0)
