"""The linter: the rules of spec §4 over an agreement, as a list of findings (data, never exceptions).

    >>> from servicepact.domain.lint import RULES, lint
    >>> RULES["SP601"].severity.value
    'warning'

Rules live one module per area in :mod:`servicepact.domain.lint.rules`; importing this package registers
them all.
"""

from servicepact.domain.lint import rules as _rules  # noqa: F401  (registers every rule)
from servicepact.domain.lint.engine import lint
from servicepact.domain.lint.findings import Finding, Severity
from servicepact.domain.lint.registry import RULES, Rule

__all__ = ["RULES", "Finding", "Rule", "Severity", "lint"]
