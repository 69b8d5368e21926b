"""Issue 11 §2: for every client and month of the demo, `evaluate` on `servicepact export` equals
`servicepact report` as JSON, and the web report and the API report give the same numbers
(on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from servicepact.adapters.demo_data import DEMO_NOW, build_demo
from servicepact.entrypoints.cli import main
from tests.integration.web.helpers import ADMIN, PASSWORDS, make_app, sign_in

MONTHS = ("2027-02", "2027-03")
CLIENTS = ("acme", "romashka")
NOW = DEMO_NOW.isoformat()


def _cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def _without_instant(evaluation: dict) -> dict:
    return {key: value for key, value in evaluation.items() if key != "evaluated_at"}


@pytest.fixture
def demo(database_url: str, tmp_path: Path, monkeypatch) -> str:
    build_demo(tmp_path / "unused.db", months=2, passwords=PASSWORDS, database_url=database_url)
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", database_url)
    return database_url


def _round_trip(capsys, folder: Path, client: str, month: str, now: str) -> tuple[dict, dict]:
    """``report`` as JSON, and ``evaluate`` on ``export`` of the same period as of the same instant."""
    code, err = _cli(capsys, "export", client, "--period", month, "--dir", str(folder), "--now", now)
    assert code == 0, err
    report_file = folder / "report.json"
    code, err = _cli(capsys, "report", client, "--period", month, "--now", now, "-o", str(report_file))
    assert code == 0, err
    files = {p.stem: p for p in folder.glob("*.csv")}
    options = [
        arg
        for name in ("tickets", "events", "outages", "coverage", "backups", "restores", "assets")
        if name in files
        for arg in (f"--{name}", str(files[name]))
    ]
    evaluated_file = folder / "evaluated.json"
    code, err = _cli(
        capsys,
        "evaluate",
        str(folder / "agreement.yaml"),
        "--period",
        month,
        *options,
        "--now",
        now,
        "-o",
        str(evaluated_file),
    )
    assert code == 0, err
    return (
        json.loads(report_file.read_text(encoding="utf-8")),
        json.loads(evaluated_file.read_text(encoding="utf-8")),
    )


def test_an_export_as_of_an_earlier_instant_leaves_out_what_came_after_it(demo: str, capsys, tmp_path: Path):
    report, evaluated = _round_trip(
        capsys, tmp_path / "mid-march", "acme", "2027-03", "2027-03-10T12:00:00+00:00"
    )
    assert evaluated == report
    assert 0 < report["tickets"]["created"] < 60


def test_evaluate_on_the_export_equals_the_report_and_the_web_and_api_reports(
    demo: str, capsys, tmp_path: Path
):
    app = make_app(demo)
    with TestClient(app) as web:
        sign_in(web, ADMIN)
        for client in CLIENTS:
            for month in MONTHS:
                folder = tmp_path / f"{client}-{month}"
                code, err = _cli(
                    capsys, "export", client, "--period", month, "--dir", str(folder), "--now", NOW
                )
                assert code == 0, err
                report_file = folder / "report.json"
                code, err = _cli(
                    capsys, "report", client, "--period", month, "--now", NOW, "-o", str(report_file)
                )
                assert code == 0, err
                files = {p.stem: p for p in folder.glob("*.csv")}
                options = [
                    arg
                    for name in ("tickets", "events", "outages", "coverage", "backups", "restores", "assets")
                    if name in files
                    for arg in (f"--{name}", str(files[name]))
                ]
                evaluated_file = folder / "evaluated.json"
                code, err = _cli(
                    capsys,
                    "evaluate",
                    str(folder / "agreement.yaml"),
                    "--period",
                    month,
                    *options,
                    "--now",
                    NOW,
                    "-o",
                    str(evaluated_file),
                )
                assert code == 0, err
                report = json.loads(report_file.read_text(encoding="utf-8"))
                evaluated = json.loads(evaluated_file.read_text(encoding="utf-8"))
                assert evaluated == report, f"{client} {month}"
                assert report["tickets"]["created"] > 0
                web_report = web.get(f"/clients/{client}/reports/{month}.json")
                assert web_report.status_code == 200
                assert _without_instant(web_report.json()) == _without_instant(report), (
                    f"web {client} {month}"
                )
