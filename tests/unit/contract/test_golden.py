"""The Markdown contracts of the examples are compared with golden files in tests/golden/.

After an intended change of wording, refresh them with:
    SERVICEPACT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/contract/test_golden.py
and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from servicepact import load_agreement
from servicepact.adapters.rendering.markdown import MarkdownRenderer
from servicepact.services import rendering

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ("northwind-acme.en.yaml", "severny-veter-romashka.ru.yaml")
UPDATE = os.environ.get("SERVICEPACT_UPDATE_GOLDEN") == "1"


def golden_path(example: str, language: str) -> Path:
    return GOLDEN / f"{example.split('.')[0]}.{language}.md"


def check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"{path} is missing; run with SERVICEPACT_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs; see the module docstring"


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_markdown_contract_of_each_example_matches_its_golden_file(example: str, language: str) -> None:
    agreement = load_agreement(ROOT / "examples" / example)
    text = rendering.render(agreement, MarkdownRenderer(), language=language).decode("utf-8")
    check_golden(golden_path(example, language), text)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_spec_examples_render_to_the_same_golden_files(
    example: str, language: str, shared_dir: Path
) -> None:
    path = shared_dir / "spec" / "examples" / example
    if not path.is_file():
        pytest.skip(f"the spec has no example {example}")
    text = rendering.render(load_agreement(path), MarkdownRenderer(), language=language).decode("utf-8")
    if UPDATE:
        pytest.skip("golden files are written from the project's examples")
    assert text == golden_path(example, language).read_text(encoding="utf-8")
