"""Client requirements (spec §2, §3): which assets fail which rules, and what that does to their tickets.

A rule applies to the assets whose ``type`` is in its ``applies_to`` (every asset when the list is empty).
``value: today`` is the evaluation date, the last day of the period. A field the asset lacks (or leaves
empty) fails every operator except ``exists`` with ``value: false``.

    >>> from servicepact.domain.agreement.model import Check, CheckOperator
    >>> check_passes(Check(field="ram_gb", op=CheckOperator.GE, value=8), {"ram_gb": 16}, date(2027, 3, 31))
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from servicepact.domain.agreement import Agreement
from servicepact.domain.agreement.model import Check, CheckOperator, Consequence
from servicepact.domain.clocks import ClockOptions
from servicepact.domain.evaluation.metrics import MetricValue
from servicepact.domain.records import Asset

TODAY = "today"


@dataclass(frozen=True)
class FailedRule:
    """A rule an asset fails: what the rule wanted and what the asset has."""

    rule_id: str
    field: str
    op: str
    expected: Any
    actual: Any
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "field": self.field,
            "op": self.op,
            "expected": plain(self.expected),
            "actual": plain(self.actual),
            "description": self.description,
        }


@dataclass(frozen=True)
class AssetCompliance:
    asset_id: str
    asset_type: str
    rules_applied: tuple[str, ...]
    failed: tuple[FailedRule, ...]

    @property
    def passes(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "asset": self.asset_id,
            "type": self.asset_type,
            "passes": self.passes,
            "rules_applied": list(self.rules_applied),
            "failed": [rule.to_dict() for rule in self.failed],
        }


@dataclass(frozen=True)
class RequirementsResult:
    """Every asset with the rules it fails; ``consequence`` is what failing assets' tickets get."""

    evaluated_on: date
    assets: tuple[AssetCompliance, ...]
    consequence: Consequence | None
    compliance: MetricValue

    @property
    def failing(self) -> tuple[AssetCompliance, ...]:
        return tuple(asset for asset in self.assets if not asset.passes)

    def clock_options(self) -> ClockOptions:
        """The assets whose tickets are best-effort or out of scope, for ``evaluate_clocks``."""
        failing = frozenset(asset.asset_id for asset in self.failing)
        if self.consequence is Consequence.BEST_EFFORT:
            return ClockOptions(best_effort_assets=failing)
        if self.consequence is Consequence.EXCLUDED:
            return ClockOptions(excluded_assets=failing)
        return ClockOptions()

    def failed_rules_of(self, asset_id: str) -> tuple[FailedRule, ...]:
        for asset in self.assets:
            if asset.asset_id == asset_id:
                return asset.failed
        return ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluated_on": self.evaluated_on.isoformat(),
            "consequence": self.consequence.value if self.consequence else None,
            "compliance": self.compliance.to_dict(),
            "assets": [asset.to_dict() for asset in self.assets],
        }


def evaluate_requirements(agreement: Agreement, assets: Sequence[Asset], today: date) -> RequirementsResult:
    """Check every asset against the rules that apply to it (``requirements_compliance``)."""
    requirements = agreement.client_requirements
    rules = [rule for rule in (requirements.rules if requirements else []) if rule.check is not None]
    results = []
    for asset in assets:
        applied = [rule for rule in rules if not rule.applies_to or asset.type in rule.applies_to]
        failed = []
        for rule in applied:
            check = rule.check
            assert check is not None
            if not check_passes(check, asset.fields, today):
                failed.append(
                    FailedRule(
                        rule_id=rule.id,
                        field=check.field,
                        op=check.op.value,
                        expected=today if check.value == TODAY else check.value,
                        actual=asset.fields.get(check.field),
                        description=rule.description,
                    )
                )
        results.append(AssetCompliance(asset.id, asset.type, tuple(r.id for r in applied), tuple(failed)))
    passing = sum(1 for result in results if result.passes)
    return RequirementsResult(
        evaluated_on=today,
        assets=tuple(results),
        consequence=requirements.consequence if requirements else None,
        compliance=MetricValue.ratio("requirements_compliance", passing, len(results)),
    )


def check_passes(check: Check, fields: dict[str, Any], today: date) -> bool:
    """Whether an asset's ``fields`` satisfy one check (see the module docstring)."""
    actual = fields.get(check.field)
    if check.op is CheckOperator.EXISTS:
        wanted = True if check.value is None else bool(check.value)
        return (actual is not None and actual != "") == wanted
    if actual is None or actual == "":
        return False
    expected: Any = today if check.value == TODAY else check.value
    if check.op in (CheckOperator.IN, CheckOperator.NOT_IN):
        options = expected if isinstance(expected, list) else [expected]
        found = any(_equal(actual, option) for option in options)
        return found if check.op is CheckOperator.IN else not found
    if check.op is CheckOperator.EQ:
        return _equal(actual, expected)
    if check.op is CheckOperator.NE:
        return not _equal(actual, expected)
    left, right = _comparable(actual, expected)
    if left is None or right is None:
        return False
    try:
        if check.op in (CheckOperator.LT, CheckOperator.BEFORE):
            return bool(left < right)
        if check.op is CheckOperator.LE:
            return bool(left <= right)
        if check.op in (CheckOperator.GT, CheckOperator.AFTER):
            return bool(left > right)
        if check.op is CheckOperator.GE:
            return bool(left >= right)
    except TypeError:
        return False
    return False  # pragma: no cover - every operator is handled above


def _equal(actual: Any, expected: Any) -> bool:
    left, right = _comparable(actual, expected)
    if left is None or right is None:
        return False
    if isinstance(left, str) and isinstance(right, str):
        return left.strip().casefold() == right.strip().casefold()
    return bool(left == right)


def _comparable(actual: Any, expected: Any) -> tuple[Any, Any]:
    """Both sides as one kind: dates, booleans, numbers, or text (None where they cannot meet)."""
    if isinstance(expected, date) or isinstance(actual, date):
        return _as_date(actual), _as_date(expected)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return _as_bool(actual), _as_bool(expected)
    if isinstance(expected, int | float) or isinstance(actual, int | float):
        return _as_number(actual), _as_number(expected)
    return str(actual), str(expected)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "yes": True, "false": False, "no": False}.get(value.strip().lower())
    return None


def _as_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip())
    except ArithmeticError:
        return None


def plain(value: Any) -> Any:
    """A value as JSON can carry it (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    return value
