"""Hypothesis' profiles, and the example counts of tests that ask for more (or fewer) than the default.

``dev`` (the default) is quick; ``ci`` (``CI=true``) runs more examples with no deadline, as CI machines
are slower and shared. Both keep the example database under ``.hypothesis/`` at the project's root, so a
failure found once is replayed first on the next run. ``HYPOTHESIS_PROFILE`` picks a profile by name.

A test that needs its own count says ``@settings(max_examples=examples(n))`` rather than a bare ``n``: a
bare number would override the profile, and CI would run no more examples than a workstation.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI") == "true"

DEV_EXAMPLES = 25
CI_EXAMPLES = 200
CI_FACTOR = 4
"""How many times a test's own count is multiplied outside the ``dev`` profile. Not raised to the profile's
count: a test asks for few examples because each is expensive (a year of calendar arithmetic)."""

EXAMPLE_DATABASE = DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples")
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev")
"""The profile :func:`load_profile` loads."""


def load_profile() -> None:
    """Registers ``dev`` and ``ci`` and loads :data:`PROFILE` (``tests/conftest.py`` calls it first)."""
    settings.register_profile("dev", max_examples=DEV_EXAMPLES, database=EXAMPLE_DATABASE)
    settings.register_profile(
        "ci",
        max_examples=CI_EXAMPLES,
        deadline=None,
        database=EXAMPLE_DATABASE,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """The number of examples for a test that asks for ``count``: ``count`` itself under ``dev``; under
    any other profile :data:`CI_FACTOR` times as many."""
    if PROFILE == "dev":
        return count
    return CI_FACTOR * count
