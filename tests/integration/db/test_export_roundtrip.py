"""Issue 11 §2: for every client and month of the demo, `evaluate` on `servicepact export` equals
`servicepact report` as JSON, and the web report and the API report give the same numbers
(on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from servicepact.adapters.demo_data import DEMO_NOW
from servicepact.entrypoints.bootstrap import database_uow_factory
from servicepact.entrypoints.cli import main
from servicepact.entrypoints.demo_seed import build_demo
from servicepact.services import users
from servicepact.services.access import SYSTEM
from tests.integration.web.helpers import ADMIN, PASSWORDS, make_app, sign_in

ROOT = Path(__file__).resolve().parents[3]
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
        for name in ("tickets", "events", "outages", "coverage", "backups", "restores", "assets", "versions")
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
    factory = database_uow_factory(demo)
    try:
        token = users.create_token(factory(), SYSTEM, ADMIN).secret
    finally:
        factory.database.dispose()
    with TestClient(make_app(demo)) as web:
        sign_in(web, ADMIN)
        for client in CLIENTS:
            for month in MONTHS:
                report, evaluated = _round_trip(capsys, tmp_path / f"{client}-{month}", client, month, NOW)
                assert evaluated == report, f"{client} {month}"
                assert report["tickets"]["created"] > 0
                web_report = web.get(f"/clients/{client}/reports/{month}.json")
                assert web_report.status_code == 200
                assert _without_instant(web_report.json()) == _without_instant(report), (
                    f"web {client} {month}"
                )
                api_report = web.get(
                    f"/api/v1/clients/{client}/reports/{month}", headers={"Authorization": f"Bearer {token}"}
                )
                assert api_report.status_code == 200, api_report.text
                assert _without_instant(api_report.json()) == _without_instant(report), (
                    f"api {client} {month}"
                )
                if month == MONTHS[-1]:  # this month: the dashboard's card says the same
                    levels = report["service_levels"]
                    assert f"{levels['met']} of {levels['judged']}" in web.get("/dashboard").text, client


def test_export_into_a_file_or_for_a_month_without_agreement_is_a_message_not_a_traceback(
    demo: str, capsys, tmp_path: Path
):
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    code, err = _cli(capsys, "export", "acme", "--period", "2027-03", "--dir", str(blocker), "--now", NOW)
    assert code == 1
    assert "a file of that name exists" in err
    code, err = _cli(
        capsys, "export", "acme", "--period", "2026-06", "--dir", str(tmp_path / "x"), "--now", NOW
    )
    assert code == 1
    assert "no agreement of client acme was in force in 2026-06" in err
    assert "Traceback" not in err


def test_a_now_without_offset_is_local_time_of_the_clients_agreement_as_in_evaluate(
    demo: str, capsys, tmp_path: Path
):
    local, aware = tmp_path / "local.json", tmp_path / "aware.json"
    # New York is on EDT (UTC-4) on 24 March 2027: 10:30 there is the demo's 14:30Z.
    assert (
        _cli(capsys, "report", "acme", "-p", "2027-03", "--now", "2027-03-24T10:30", "-o", str(local))[0] == 0
    )
    assert _cli(capsys, "report", "acme", "-p", "2027-03", "--now", NOW, "-o", str(aware))[0] == 0
    assert json.loads(local.read_text(encoding="utf-8")) == json.loads(aware.read_text(encoding="utf-8"))
    code, err = _cli(
        capsys, "export", "acme", "-p", "2027-03", "-d", str(tmp_path / "e"), "--now", "2027-03-24T10:30"
    )
    assert code == 0, err
    assert "as of 2027-03-24T14:30:00+00:00" in err


def test_a_month_amended_in_its_middle_round_trips_with_the_versions_of_the_export(
    demo: str, capsys, tmp_path: Path
):
    # From 15 March, P3 gets 1bd to be resolved (was 3bd): March's P3 tickets are judged by two versions.
    text = (ROOT / "examples" / "northwind-acme.en.yaml").read_text(encoding="utf-8")
    amended = text.replace(
        "P3: {response: 4h, resolution: 3bd}", "P3: {response: 4h, resolution: 1bd}"
    ).replace("version: 1.0.0", "version: 1.3.0")
    assert amended != text
    path = tmp_path / "amended.yaml"
    path.write_text(amended, encoding="utf-8")
    upload = (
        "agreement",
        "upload",
        "acme",
        str(path),
        "--activate",
        "--effective-from",
        "2027-03-15T04:00:00Z",
    )
    code, err = _cli(capsys, *upload)
    assert code == 0, err
    folder = tmp_path / "amended-march"
    report, evaluated = _round_trip(capsys, folder, "acme", "2027-03", NOW)
    assert (folder / "versions.csv").is_file()
    assert evaluated == report
    # Without the versions, evaluate judges every ticket by the amended one: the figures differ.
    files = [f"--{p.stem}={p}" for p in folder.glob("*.csv") if p.stem not in ("versions",)]
    alone = folder / "alone.json"
    code, err = _cli(
        capsys,
        "evaluate",
        str(folder / "agreement.yaml"),
        "--period",
        "2027-03",
        *files,
        "--now",
        NOW,
        "-o",
        str(alone),
    )
    assert code == 0, err
    by_one = json.loads(alone.read_text(encoding="utf-8"))
    assert by_one["metrics"]["resolution_within_target"] != report["metrics"]["resolution_within_target"]
