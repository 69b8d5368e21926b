"""Non-compliant assets: each failed client requirement, what it asks and what was found."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from servicepact.domain.agreement.model import CheckOperator
from servicepact.domain.reporting.model import Cell, Section, Table, Tone
from servicepact.domain.reporting.sections.context import SHORT_LIMIT, ReportContext


def assets_section(context: ReportContext) -> Section | None:
    """The assets that fail a requirement, rule by rule; None when there is no asset inventory."""
    words = context.words
    _ = words._
    requirements = context.evaluation.requirements
    if not requirements.assets:
        return None
    failing = requirements.failing
    descriptions = {
        rule.id: rule.description
        for rule in (
            context.agreement.client_requirements.rules if context.agreement.client_requirements else []
        )
    }
    rows = []
    for asset in failing[:SHORT_LIMIT]:
        for index, rule in enumerate(asset.failed):
            rows.append(
                (
                    Cell(asset.asset_id if index == 0 else ""),
                    Cell(asset.asset_type if index == 0 else ""),
                    Cell(descriptions.get(rule.rule_id) or rule.rule_id),
                    Cell(requirement(context, rule.op, rule.expected, rule.field)),
                    Cell(words.value_text(rule.actual), Tone.BAD),
                )
            )
    consequence = requirements.consequence
    paragraphs = [
        _("{failing} of {total} assets meet every requirement that applies to them ({rate}).").format(
            failing=words.number(len(requirements.assets) - len(failing)),
            total=words.number(len(requirements.assets)),
            rate=words.percent(requirements.compliance.value),
        )
    ]
    if failing and consequence is not None:
        paragraphs.append(
            _("Tickets on these assets are handled on a best-effort basis.")
            if consequence.value == "best_effort"
            else _("Tickets on these assets are out of scope.")
        )
    table = Table(
        header=(_("Asset"), _("Type"), _("Requirement"), _("Required"), _("Found")),
        rows=tuple(rows),
        widths=(15, 12, 35, 22, 16),
        more=words.more(len(failing), SHORT_LIMIT),
        empty=_("Every asset meets the client requirements."),
    )
    return Section("assets", _("Non-compliant assets"), tuple(paragraphs), (), (table,))


def requirement(context: ReportContext, op: str, expected: Any, field: str) -> str:
    """A requirement in words: ``os_end_of_support: after Mar 5, 2027``."""
    _ = context.words._
    value = context.words.value_text(expected)
    templates: dict[str, Callable[[], str]] = {
        CheckOperator.EQ.value: lambda: _("{value}"),
        CheckOperator.NE.value: lambda: _("not {value}"),
        CheckOperator.LT.value: lambda: _("less than {value}"),
        CheckOperator.LE.value: lambda: _("at most {value}"),
        CheckOperator.GT.value: lambda: _("more than {value}"),
        CheckOperator.GE.value: lambda: _("at least {value}"),
        CheckOperator.BEFORE.value: lambda: _("before {value}"),
        CheckOperator.AFTER.value: lambda: _("after {value}"),
        CheckOperator.IN.value: lambda: _("one of {value}"),
        CheckOperator.NOT_IN.value: lambda: _("none of {value}"),
        CheckOperator.EXISTS.value: lambda: _("present") if expected in (None, True) else _("absent"),
    }
    template = templates.get(op)
    text = template().format(value=value) if template else f"{op} {value}"
    return f"{field}: {text}"
