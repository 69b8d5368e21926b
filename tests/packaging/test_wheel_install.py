"""The package as users install it: a wheel built from the project runs the demo from any folder.

The wheel goes into a fresh virtual environment in a temporary folder; its dependencies are borrowed from the
test's own environment (a ``.pth`` line, which the installed wheel comes before), so nothing is downloaded
and the source tree is not importable there: what runs is what the wheel holds.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh environment with only the built wheel installed into it."""
    base = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", base / "dist", cwd=base)
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("servicepact-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "servicepact/examples/northwind-acme.en.yaml" in names
    assert "servicepact/adapters/starters/starter.ru.yaml" in names

    environment = base / "env"
    venv.EnvBuilder(with_pip=False).create(environment)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    installed = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        bin_dir / "python",
        "install",
        "--no-deps",
        "-q",
        wheel,
        cwd=base,
    )
    assert installed.returncode == 0, installed.stderr
    target = Path(
        _run(
            bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base
        ).stdout.strip()
    )
    # The dependencies: this environment's site-packages, after the wheel's own (.pth lines come last).
    borrowed = [sysconfig.get_path("purelib"), *site.getsitepackages()]
    (target / "borrowed-dependencies.pth").write_text("\n".join(dict.fromkeys(borrowed)) + "\n")
    return bin_dir


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "python", "-c", "import servicepact; print(servicepact.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)


@pytest.fixture(params=["empty", "foreign-examples"])
def work_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A folder to run the demo in: empty, or holding an ``examples/`` of the user's own with one unrelated
    YAML file (the demo must use the examples the package ships, never a folder that happens to be there)."""
    if request.param == "foreign-examples":
        (tmp_path / "examples").mkdir()
        (tmp_path / "examples" / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    return tmp_path


def test_demo_check_explains_the_shipped_examples_from_any_folder(installed: Path, work_dir: Path) -> None:
    checked = _run(installed / "servicepact", "demo", "--check", cwd=work_dir)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "2 agreements checked; 0 with errors" in checked.stdout
    assert "compose.yaml" not in checked.stdout + checked.stderr


def test_demo_builds_its_database_from_the_shipped_examples(installed: Path, work_dir: Path) -> None:
    db = work_dir / "demo.db"
    built = _run(installed / "servicepact", "demo", "--no-serve", "--months", "1", "--db", db, cwd=work_dir)
    assert built.returncode == 0, built.stdout + built.stderr
    assert db.is_file()
    assert "sign in with one of these" in built.stdout
    assert "compose.yaml" not in built.stdout + built.stderr


@pytest.mark.parametrize("language", ["en", "ru"])
def test_init_writes_a_starter_that_validates(installed: Path, tmp_path: Path, language: str) -> None:
    written = _run(installed / "servicepact", "init", "--lang", language, "agreement.yaml", cwd=tmp_path)
    assert written.returncode == 0, written.stdout + written.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["agreement.yaml"]
    validated = _run(installed / "servicepact", "validate", "agreement.yaml", cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "agreement.yaml: valid" in validated.stdout
