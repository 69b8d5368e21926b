"""What every request and response body shares: the base :class:`Schema`, a page of a listing, the error
body, and the field types (instants, names, text).

Instants go out as ISO 8601 UTC (``2027-03-01T09:00:00Z``) and come in with an offset (a time without
one is refused: 422). Text fields refuse control characters and text that is not UTF-8.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, Self, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
)

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


NO_CONTROL_CHARACTERS = r"[^\x00-\x1f\x7f]"
"""A character that is not a control character (PostgreSQL refuses NUL in text; none belongs in a name)."""
PRINTABLE = rf"^{NO_CONTROL_CHARACTERS}*$"
"""Text without control characters, maybe empty."""
PRINTABLE_NONEMPTY = rf"^{NO_CONTROL_CHARACTERS}+$"
"""Text without control characters, at least one character (path segments, query values)."""


def utf8_text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid UTF-8 (no lone surrogates)") from None
    return value


def utc_text(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


Instant = Annotated[AwareDatetime, AfterValidator(_utc)]
"""An instant given with a UTC offset, turned into UTC."""
StoredInstant = Annotated[AwareDatetime, AfterValidator(_utc), AfterValidator(_stored)]
UtcOut = Annotated[datetime, PlainSerializer(utc_text, return_type=str)]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=200, pattern=PRINTABLE), AfterValidator(utf8_text)
]
LongText = Annotated[str, StringConstraints(max_length=2000, pattern=PRINTABLE), AfterValidator(utf8_text)]


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


class ErrorDetail(BaseModel):
    """What went wrong: a stable ``code``, a message for people, the ``field`` at fault (or None).
    Some errors add details: ``problems`` (agreement problems with their line and path)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str
    field: str | None


class ErrorBody(Schema):
    error: ErrorDetail
