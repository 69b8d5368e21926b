"""Helpers for lint tests: a valid base agreement (an example) as plain data, mutated per test."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from servicepact.adapters.yaml_documents import read_yaml
from servicepact.domain.agreement import validate_document
from servicepact.domain.lint import Finding, lint

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
ENGLISH = EXAMPLES / "northwind-acme.en.yaml"
RUSSIAN = EXAMPLES / "severny-veter-romashka.ru.yaml"


@cache
def _example(path: Path) -> Any:
    return read_yaml(path.read_text(encoding="utf-8"), str(path)).data


def english() -> dict[str, Any]:
    """A fresh deep copy of the English example as plain data (each test owns its copy)."""
    data: dict[str, Any] = copy.deepcopy(_example(ENGLISH))
    return data


def russian() -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(_example(RUSSIAN))
    return data


def findings_of(data: dict[str, Any]) -> list[Finding]:
    """Lint data that must still validate (the rule tests mutate meaning, not structure)."""
    result = validate_document(data)
    assert result.problems == [], result.problems
    return lint(result)


def codes_of(data: dict[str, Any]) -> list[str]:
    return [finding.code for finding in findings_of(data)]
