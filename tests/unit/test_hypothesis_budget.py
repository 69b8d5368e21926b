"""A test's own example count follows the profile: as asked under ``dev``, more under ``ci``."""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests import hypothesis_budget
from tests.hypothesis_budget import CI_EXAMPLES, CI_FACTOR, examples


def test_the_dev_profile_runs_the_count_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hypothesis_budget, "PROFILE", "dev")
    assert examples(40) == 40


def test_the_ci_profile_runs_a_multiple_of_the_count_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hypothesis_budget, "PROFILE", "ci")
    assert settings.get_profile("ci").max_examples == CI_EXAMPLES
    assert examples(100) == CI_FACTOR * 100
    assert examples(10) == CI_FACTOR * 10  # expensive examples stay few, not the profile's 200
