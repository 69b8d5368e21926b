"""Agreements for the contract tests: the project's examples, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from servicepact import Agreement, load_agreement

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NORTHWIND = EXAMPLES / "northwind-acme.en.yaml"
ROMASHKA = EXAMPLES / "severny-veter-romashka.ru.yaml"


@pytest.fixture(scope="session")
def northwind() -> Agreement:
    return load_agreement(NORTHWIND)


@pytest.fixture(scope="session")
def romashka() -> Agreement:
    return load_agreement(ROMASHKA)


def edited(path: Path, *replacements: tuple[str, str]) -> Agreement:
    """The agreement at ``path`` with its YAML text edited (each ``old`` must occur)."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return load_agreement(text)
