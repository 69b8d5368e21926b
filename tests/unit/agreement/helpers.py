"""Build agreement texts for tests by editing a valid example in place."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def example_data() -> Any:
    return YAML(typ="rt").load(example_text())


def dump(data: Any) -> str:
    stream = io.StringIO()
    YAML(typ="rt").dump(data, stream)
    return stream.getvalue()


def line_of(text: str, fragment: str) -> int:
    """The 1-based line where ``fragment`` first appears."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")
