"""The agreement document model (format ``servicepact/v1``) and its validation."""

from servicepact.domain.agreement.model import AREAS, Agreement
from servicepact.domain.agreement.positions import Positions, format_path
from servicepact.domain.agreement.validation import ValidationResult, validate_document

__all__ = ["AREAS", "Agreement", "Positions", "ValidationResult", "format_path", "validate_document"]
