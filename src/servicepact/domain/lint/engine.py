"""Run every rule over an agreement and return the findings, sorted by line then code."""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.agreement.positions import format_path
from servicepact.domain.agreement.validation import ValidationResult
from servicepact.domain.errors import CalendarRangeError, InputError, NotFoundError, Problem
from servicepact.domain.lint.findings import Finding
from servicepact.domain.lint.registry import RULES, Context, Hit, Rule


def lint(agreement: Agreement | ValidationResult, *, language: str | None = None) -> list[Finding]:
    """Every finding of every rule (spec §4), sorted by line then code.

    Given a :class:`ValidationResult` (from ``read_agreement``), its structural problems (SP000, SP003,
    SP004, SP005) come first-class with the semantic findings on the valid parts, in one list. Messages are
    in ``language``, by default the agreement's own (English when nothing could be read).

    >>> from servicepact import read_agreement
    >>> [f.code for f in lint(read_agreement(EXAMPLES / "northwind-acme.en.yaml"))]
    []
    """
    if isinstance(agreement, ValidationResult):
        problems, model = list(agreement.problems), agreement.agreement
    else:
        problems, model = [], agreement
    findings = [_from_problem(problem) for problem in problems]
    if model is not None:
        chosen = language or model.language.value
        context = Context(model, tuple(p.location.path or "" for p in problems))
        for rule in RULES.values():
            if rule.check is not None:
                findings.extend(_run(rule, context, chosen))
    return sorted(findings, key=lambda finding: finding.sort_key)


def _run(rule: Rule, context: Context, language: str) -> list[Finding]:
    assert rule.check is not None
    try:
        hits = list(rule.check(context))
    except (CalendarRangeError, NotFoundError, InputError):
        # A rule that needs a calendar which cannot be built stays silent; SP002/SP003 name the cause.
        return []
    return [to_finding(rule, hit, context, language) for hit in hits]


def to_finding(rule: Rule, hit: Hit, context: Context, language: str) -> Finding:
    """The finding of ``rule`` for ``hit``, its message in ``language``, with the line of its key path."""
    positions = context.agreement.positions
    line, column = positions.locate(hit.path) if positions is not None else (None, None)
    return Finding(
        code=rule.code,
        severity=rule.severity,
        path=format_path(hit.path),
        line=line,
        message=rule.message(hit, language),
        column=column,
        source=positions.source if positions is not None else None,
    )


def _from_problem(problem: Problem) -> Finding:
    rule = RULES.get(problem.code) or RULES["SP005"]
    where = problem.location
    return Finding(
        code=problem.code,
        severity=rule.severity,
        path=where.path or "",
        line=where.line,
        message=problem.message,
        column=where.column,
        source=where.source,
    )
