"""Database errors become ServicepactErrors here, at the adapter's edge, whether SQLAlchemy raised them
or the driver did (the bulk paths talk to sqlite3 and psycopg directly)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from servicepact.domain.errors import BusyError, ConflictError, ExternalServiceError, ServicepactError

UNIQUE_VIOLATION = "23505"
"""PostgreSQL's SQLSTATE of a broken unique index."""

BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
"""PostgreSQL: a serialization failure, a deadlock, a lock not available. Nothing was changed; the same
request may succeed when tried again."""

RETRY_AFTER_SECONDS = 1


def translate(error: BaseException) -> ServicepactError:
    """The ServicepactError for a database error, as SQLAlchemy raises it or as the driver does (the bulk
    paths use the driver directly); raise it ``from`` the original.

    Busy (SQLite's lock held past the busy timeout, a PostgreSQL deadlock or serialization failure) is a
    :class:`BusyError` (503 with ``Retry-After``); a broken constraint a :class:`ConflictError` (409).
    """
    original = getattr(error, "orig", None) or error
    text = first_line(original)
    kinds = {kind.__name__ for kind in type(original).__mro__}
    if getattr(original, "sqlstate", None) in BUSY_SQLSTATES or (
        "OperationalError" in kinds and ("locked" in text or "busy" in text)
    ):
        return BusyError(
            f"the database is busy with other changes; nothing was changed, try again ({text})",
            retry_after=RETRY_AFTER_SECONDS,
        )
    if "IntegrityError" in kinds:
        return ConflictError(f"the change contradicts what is stored: {text}")
    if "OperationalError" in kinds:
        return ExternalServiceError(f"the database failed: {text}", permanent=False)
    if isinstance(error, DBAPIError) or "DatabaseError" in kinds:
        return ExternalServiceError(f"the database refused the change: {text}")
    return ExternalServiceError(f"database error: {text}")


def is_database_error(error: BaseException | None, driver_error: type[BaseException]) -> bool:
    """Whether ``error`` comes from the database: SQLAlchemy's or the driver's own (``driver_error``)."""
    return isinstance(error, SQLAlchemyError | driver_error)


def first_line(error: BaseException) -> str:
    """The first line of the driver's message for ``error`` (SQLAlchemy's wrapper unwrapped), or the error's
    type name when it says nothing."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    return text.splitlines()[0] if text else type(original).__name__


__all__ = [
    "BUSY_SQLSTATES",
    "RETRY_AFTER_SECONDS",
    "UNIQUE_VIOLATION",
    "first_line",
    "is_database_error",
    "translate",
]
