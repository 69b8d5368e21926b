"""What the linter returns: findings, each with a stable code, a severity, a key path, a line, a message."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How much a finding matters: errors fail ``lint``; warnings fail ``lint --strict``; info never does."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One lint finding.

    ``path`` is the key path (``support.targets.P2.response``; list items as ``[i]``), ``line`` and
    ``column`` are 1-based positions in the YAML source where known, ``source`` names that source.

    >>> Finding("SP207", Severity.WARNING, "support.response_counts", 12, "...").to_dict()["severity"]
    'warning'
    """

    code: str
    severity: Severity
    path: str
    line: int | None
    message: str
    column: int | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, str | int | None]:
        """The JSON form: exactly ``code``, ``severity``, ``path``, ``line`` and ``message``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (self.line or 0, self.code, self.path)
