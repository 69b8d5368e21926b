"""Where the shared real-data sets are; tests skip with the reason when they are absent (fail in CI)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import shared_path


def shared_data(name: str) -> Path:
    return shared_path("data", name)
