"""Shared fixtures: paths to the project's examples and to ../shared (skipped cleanly where absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SERVICEPACT_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is not present at {SHARED}")
    return SHARED


@pytest.fixture
def spec_examples(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "spec" / "examples").glob("*.yaml"))
