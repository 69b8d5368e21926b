"""Where the shared real-data sets are; tests skip with the reason when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED


def shared_data(name: str) -> Path:
    folder = SHARED / "data" / name
    if not folder.is_dir():
        pytest.skip(f"the shared data set {name} is not present at {folder}")
    return folder
