"""servicepact: managed services agreements as code.

>>> from servicepact import load_agreement, lint
>>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")  # EXAMPLES: servicepact/examples
>>> [f.code for f in lint(agreement)]
[]
"""

from servicepact.adapters.agreement_files import load_agreement, read_agreement
from servicepact.domain.agreement import Agreement, ValidationResult
from servicepact.domain.calendars import BusinessCalendar
from servicepact.domain.errors import (
    AgreementError,
    CalendarRangeError,
    ConflictError,
    ExternalServiceError,
    InputError,
    Location,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    ServicepactError,
)
from servicepact.domain.lint import Finding, Severity, lint

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "AgreementError",
    "BusinessCalendar",
    "CalendarRangeError",
    "ConflictError",
    "ExternalServiceError",
    "Finding",
    "InputError",
    "Location",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "ServicepactError",
    "Severity",
    "ValidationResult",
    "__version__",
    "lint",
    "load_agreement",
    "read_agreement",
]
