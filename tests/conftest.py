"""Shared fixtures: the project's examples, the shared folder (../shared) and hypothesis' profiles.

The shared folder is ``SERVICEPACT_SHARED`` when set, else ``../shared`` beside the project. Tests that need
it go through :func:`shared_path` (or the ``shared_dir`` fixture): where it is absent they are skipped on a
workstation and FAIL with ``CI=true``, so a CI run never passes by skipping the real-data tests.

Hypothesis: the ``dev`` profile (default) is quick; ``CI=true`` loads ``ci``, more examples and no deadline
(CI machines are slower and shared). Both keep the example database under ``.hypothesis/`` at the project's
root, whatever the working directory and even with ``-p no:cacheprovider``, so a failure found once is
replayed first on the next run. ``HYPOTHESIS_PROFILE`` picks a profile by name. The profiles, and
``examples(n)`` for a test that needs its own count, are in :mod:`tests.hypothesis_budget`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hypothesis_budget import IN_CI, load_profile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SERVICEPACT_SHARED") or ROOT.parent / "shared")

load_profile()


def shared_path(*parts: str) -> Path:
    """The path ``parts`` inside the shared folder; skips the test where it is absent (fails in CI)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is not present (the shared folder is SERVICEPACT_SHARED, else ../shared)"
        if IN_CI:
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture
def spec_examples(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "spec" / "examples").glob("*.yaml"))
