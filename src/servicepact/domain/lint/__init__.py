"""The linter: the rules of spec §4 over an agreement, as a list of findings (data, never exceptions).

    >>> from servicepact.domain.lint import RULES, lint
    >>> RULES["SP601"].severity.value
    'warning'

Rules live one module per area in :mod:`servicepact.domain.lint.rules`; importing this package registers
them all. :func:`text_language` tells the language the free text is written in, and
:func:`render_language_findings` warns (SP804) when a render is asked in another one.
"""

from servicepact.domain.lint import rules as _rules  # noqa: F401  (registers every rule)
from servicepact.domain.lint.engine import lint
from servicepact.domain.lint.findings import Finding, Severity
from servicepact.domain.lint.language import text_language
from servicepact.domain.lint.registry import RULES, Rule
from servicepact.domain.lint.rules.language import render_language_findings

__all__ = ["RULES", "Finding", "Rule", "Severity", "lint", "render_language_findings", "text_language"]
