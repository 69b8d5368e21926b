"""Column types: instants that come back aware UTC on every database, and JSON that keeps dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, DateTime, Integer
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware instant, stored in UTC to the second (the product's precision).

    PostgreSQL: ``timestamptz``. SQLite has no date type at all, so there the column holds whole seconds
    since 1970-01-01 UTC as an INTEGER: unambiguous, sorts and compares as time does, and the bulk import
    writes it straight from NumPy. A naive datetime is refused, never guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Integer())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"{value!r} is not an aware datetime")
        value = value.astimezone(UTC).replace(microsecond=0)
        if dialect.name == "sqlite":
            return int((value - EPOCH).total_seconds())
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, int | float):
            return EPOCH + timedelta(seconds=int(value))
        if isinstance(value, str):  # a value written by hand in the sqlite3 shell
            value = datetime.fromisoformat(value)
        instant: datetime = value
        return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and "$date" in value:
            return date.fromisoformat(value["$date"])
        if len(value) == 1 and "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


class TypedJson(TypeDecorator[Any]):
    """JSON whose dates and datetimes come back as such (asset fields such as ``warranty_until``)."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else _encode(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else _decode(value)
