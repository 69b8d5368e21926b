"""The web UI over a three-month demo database (built once); tests that change data copy it first.

Every page's render time is recorded and printed as a table at the end of the run: measured, not
asserted (the issue's budget is 300 ms per page on the demo data).
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from servicepact.adapters.demo_data import DEMO_NOW
from servicepact.entrypoints.demo_seed import DemoSummary
from servicepact.testing import FixedTime
from tests.integration.web.helpers import build, make_app

TIMINGS: dict[str, list[float]] = {}


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    return build(tmp_path_factory.mktemp("web-demo") / "demo.db", months=3)


@pytest.fixture(scope="session")
def shared_app(demo: DemoSummary):  # type: ignore[no-untyped-def]
    """One app for the tests that only read (its caches stay warm, as on a running server)."""
    return make_app(demo.database_url)


@pytest.fixture
def client(shared_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(shared_app, base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def own(demo: DemoSummary, tmp_path: Path) -> Iterator[tuple[TestClient, FixedTime]]:
    """A client over a copy of the demo database, and its app's time source: for tests that change data."""
    source = Path(demo.database_url.removeprefix("sqlite:///"))
    copy = tmp_path / "demo.db"
    shutil.copy(source, copy)
    time_source = FixedTime(DEMO_NOW)
    with TestClient(make_app(f"sqlite:///{copy}", time_source)) as test_client:
        yield test_client, time_source


@pytest.fixture
def timed(client: TestClient) -> Callable[[str, str], float]:
    """``timed(name, url)``: GET ``url`` four times; record the first (cold) and the median of the others."""

    def measure(name: str, url: str) -> float:
        samples = []
        for _ in range(4):
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code, response.text[:500])
        TIMINGS[name] = samples
        return statistics.median(samples[1:])

    return measure


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TIMINGS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("web page render times on the demo data (measured, not asserted)")
    write(f"{'page':<34}{'first (ms)':>12}{'warm median (ms)':>18}{'budget':>9}")
    for name, samples in sorted(TIMINGS.items()):
        warm = statistics.median(samples[1:]) * 1000
        flag = "ok" if warm <= 300 else "OVER"
        write(f"{name:<34}{samples[0] * 1000:>12.0f}{warm:>18.0f}{flag:>9}")
