"""A taken port is one clear line and a non-zero exit, for ``serve`` and ``demo`` alike (no traceback)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from servicepact.entrypoints.cli import main


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port some other program listens on for the duration of the test."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.fixture(autouse=True)
def never_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("uvicorn must not start on a taken port")

    monkeypatch.setattr(uvicorn, "run", refuse)


def test_serve_on_a_taken_port_says_so_in_one_line(
    taken_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", str(taken_port)]) == 1
    err = capsys.readouterr().err
    assert err == f"port {taken_port} is in use; choose another with --port\n"


def test_demo_on_a_taken_port_says_so_before_building_anything(
    taken_port: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--port", str(taken_port), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"port {taken_port} is in use; choose another with --port\n"
    assert "Traceback" not in captured.out
    assert not db.exists()
