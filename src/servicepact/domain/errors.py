"""The one error hierarchy of servicepact.

    ServicepactError                 base: every error the product raises on purpose
    ├── InputError                   something a user gave us is wrong (carries where)
    │   ├── AgreementError           an agreement file cannot be loaded or validated
    │   └── DataRowError             a row of tickets, events, outages... is bad
    ├── CalendarRangeError           an instant lies outside what a calendar can support
    ├── NotFoundError                a named object does not exist (or is not visible to the caller)
    ├── PermissionDeniedError        the caller may not do this
    ├── ConflictError                the change contradicts what is stored
    └── ExternalServiceError         a database, renderer or other dependency failed;
        │                            ``permanent`` says whether retrying can help
        └── BusyError                the database is busy with other writers; retry after
                                     ``retry_after`` seconds

Each entrypoint maps these once: the CLI to a message on stderr and a non-zero exit, the API to one
error body and a status code, the web UI to a message next to the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file (or source name), a 1-based line and column, and a key path."""

    source: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            where += f" ({self.path})"
        return where


class ServicepactError(Exception):
    """Base class of every error servicepact raises on purpose."""

    def __init__(self, message: str, *, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class InputError(ServicepactError):
    """Something a user gave us is wrong; the location says where."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input, with its stable code (``SP003``...) and place."""

    code: str
    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        return f"{self.location}: {self.code} {self.message}"


class AgreementError(InputError):
    """An agreement cannot be loaded or validated; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0] if problems else Problem("SP000", "invalid agreement")
        super().__init__(first.message, location=first.location)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class DataRowError(InputError):
    """A row of an input data file is bad."""


class CalendarRangeError(ServicepactError):
    """An instant lies outside the range of dates a calendar can support."""


class NotFoundError(ServicepactError):
    """A named object does not exist, or the caller may not see it."""


class PermissionDeniedError(ServicepactError):
    """The caller may not do this."""


class ConflictError(ServicepactError):
    """The change contradicts what is stored."""


class ExternalServiceError(ServicepactError):
    """A dependency (database, renderer...) failed. ``permanent`` says whether retrying can help."""

    def __init__(self, message: str, *, permanent: bool = True, location: Location | None = None) -> None:
        super().__init__(message, location=location)
        self.permanent = permanent


class BusyError(ExternalServiceError):
    """The database stayed busy with other writers longer than we wait (a lock, a deadlock, a conflict
    of serialization): nothing was changed, and the same request may succeed after ``retry_after``
    seconds."""

    def __init__(self, message: str, *, retry_after: int = 1, location: Location | None = None) -> None:
        super().__init__(message, permanent=False, location=location)
        self.retry_after = retry_after
