"""A missing shared folder skips its tests on a workstation and FAILS them with ``CI=true``.

Run in a pytest of its own (the shared folder's path and ``CI`` are read when ``tests/conftest.py`` is
imported), on a throwaway test file that uses the ``shared_dir`` fixture and :func:`shared_path`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MISSING = "/nonexistent/servicepact-shared"

TESTS = """
from pathlib import Path

from tests.conftest import shared_path


def test_through_the_fixture(shared_dir: Path) -> None:
    assert shared_dir.exists()


def test_through_the_helper() -> None:
    assert shared_path("spec").exists()
"""


def run_pytest(folder: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    """pytest on the throwaway tests in ``folder``, with the shared folder missing and ``CI`` as given."""
    (folder / "test_needs_shared.py").write_text(TESTS, encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not the project's options
    env = {key: value for key, value in os.environ.items() if key not in {"CI", "HYPOTHESIS_PROFILE"}}
    env |= {"SERVICEPACT_SHARED": MISSING, "PYTHONPATH": str(ROOT)}
    if ci is not None:
        env["CI"] = ci
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "tests.conftest", "-rA"]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_with_ci_a_missing_shared_folder_fails(tmp_path: Path) -> None:
    run = run_pytest(tmp_path, "true")
    assert run.returncode == pytest.ExitCode.TESTS_FAILED, run.stdout + run.stderr
    # The fixture's failure is an error in setup, the helper's a failure of the test: neither is a skip.
    assert "1 failed, 1 error" in run.stdout, run.stdout
    assert "skipped" not in run.stdout, run.stdout
    assert f"CI=true: {MISSING} is not present" in run.stdout, run.stdout


@pytest.mark.parametrize("ci", [None, "false"])
def test_without_ci_a_missing_shared_folder_skips(tmp_path: Path, ci: str | None) -> None:
    run = run_pytest(tmp_path, ci)
    assert run.returncode == pytest.ExitCode.OK, run.stdout + run.stderr
    assert "2 skipped" in run.stdout, run.stdout
    assert f"{MISSING} is not present" in run.stdout, run.stdout
