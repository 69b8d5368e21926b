"""The command line over a real database, and a real import process killed half-way."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.entrypoints.cli import main
from servicepact.services.model import ImportKind
from tests.integration.db.helpers import EXAMPLE, add_client, run_import, tickets_file, write

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[3]
N_BIG = 200_000
CLI = [sys.executable, "-c", "import sys; from servicepact.entrypoints.cli import main; sys.exit(main())"]


def _counts(database: Database) -> tuple[int, int]:
    with database.engine.connect() as connection:
        tickets = connection.execute(text("SELECT count(*) FROM tickets")).scalar_one()
        events = connection.execute(text("SELECT count(*) FROM ticket_events")).scalar_one()
    return int(tickets), int(events)


def _big_tickets(path: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import write_tickets_csv
    finally:
        sys.path.pop(0)
    write_tickets_csv(path, n, seed=7)
    return path


@pytest.mark.slow
def test_an_import_killed_half_way_leaves_the_database_as_it_was(
    database: Database, database_url: str, tmp_path
):
    uow = database.unit_of_work()
    add_client(uow, "c")
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path), "c")
    before = _counts(database)
    big = _big_tickets(tmp_path / "BIG.csv", N_BIG)
    env = {**os.environ, "SERVICEPACT_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        [*CLI, "import", "tickets", str(big), "--client", "c"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stderr is not None
        deadline = time.monotonic() + 120
        started = False
        for line in process.stderr:  # the progress lines: "reading the file", "writing tickets"...
            if line.startswith("writing"):
                started = True
                break
            assert time.monotonic() < deadline, "the import never started writing"
        assert started, f"the import ended before writing (exit {process.wait()})"
        time.sleep(0.3)  # well inside the writing of the tickets and their events
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=60)
    assert code == -signal.SIGKILL, "the import finished before it could be killed"
    # A new connection sees exactly what was committed before.
    database.dispose()
    assert _counts(database) == before
    # And nothing is left locked: the next import goes through.
    report = run_import(database.unit_of_work(), ImportKind.TICKETS, tickets_file(tmp_path, "more.csv"), "c")
    assert report.present == {"tickets": 3, "events": 3}


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_manages_clients_agreements_users_tokens_and_imports(
    database_url: str, monkeypatch, capsys, tmp_path
):
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", database_url)
    assert _cli(capsys, "db", "upgrade")[0] == 0
    code, out, _ = _cli(capsys, "db", "current")
    assert code == 0
    assert "up to date" in out
    assert _cli(capsys, "client", "add", "acme", "--name", "Acme Ltd", "--time-zone", "Europe/London")[0] == 0
    code, out, _ = _cli(capsys, "client", "list")
    assert "acme\tAcme Ltd\tEurope/London" in out
    code, out, err = _cli(capsys, "agreement", "upload", "acme", str(EXAMPLE), "--activate")
    assert code == 0, err
    assert "v1 (active)" in out
    code, out, _ = _cli(capsys, "import", "tickets", str(tickets_file(tmp_path)), "--client", "acme")
    assert code == 0
    assert "tickets: 3 added, 0 already stored" in out
    code, out, _ = _cli(capsys, "import", "tickets", str(tickets_file(tmp_path)), "--client", "acme")
    assert "tickets: 0 added, 3 already stored" in out
    bad = write(tmp_path / "bad.csv", "id,created_at,priority", "B1,2026-01-05T09:00:00Z,P1", "B2,never,P2")
    code, _, err = _cli(capsys, "import", "tickets", str(bad), "--client", "acme")
    assert code == 1
    assert "bad.csv:3" in err
    assert "nothing was stored" in err
    code, out, err = _cli(capsys, "import", "tickets", str(bad), "--client", "acme", "--skip-bad-rows")
    assert code == 0
    assert "skipped: bad.csv:3" in err
    assert "1 bad rows skipped" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase\n"))
    code, out, err = _cli(capsys, "user", "add", "ops@msp.example", "--role", "engineer", "--password-stdin")
    assert code == 0, err
    code, out, err = _cli(capsys, "user", "add", "jo@acme.example", "--role", "client", "--client", "acme")
    assert code == 0, err
    code, out, err = _cli(capsys, "token", "create", "ops@msp.example", "--name", "ci")
    assert code == 0
    assert out.strip().startswith("sp_")
    assert "shown only now" in err
    code, out, _ = _cli(capsys, "audit", "--client", "acme")
    assert "agreement.activated" in out
    assert "data.imported" in out
    code, _, err = _cli(capsys, "client", "add", "acme")
    assert code == 1
    assert "exists already" in err


def test_every_database_command_has_help_with_an_example():
    from typer.main import get_command

    from servicepact.entrypoints.cli.app import app

    group = get_command(app)
    names = {
        ("db", "upgrade"),
        ("db", "current"),
        ("import",),
        ("client", "add"),
        ("client", "list"),
        ("agreement", "upload"),
        ("agreement", "activate"),
        ("agreement", "versions"),
        ("user", "add"),
        ("user", "list"),
        ("token", "create"),
        ("token", "revoke"),
        ("audit",),
    }
    for path in names:
        command = group
        for part in path:
            command = command.commands[part]  # type: ignore[attr-defined]
        assert "Example: " in (command.help or ""), path
        assert "servicepact " in (command.help or ""), path


def test_a_url_of_an_unknown_database_is_refused_with_a_message(monkeypatch, capsys):
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", "mysql://root@localhost/x")
    code, _, err = _cli(capsys, "db", "current")
    assert code == 1
    assert "not supported" in err


def test_settings_refuse_an_in_memory_sqlite_database():
    from servicepact.domain.errors import InputError

    with pytest.raises(InputError, match="in-memory"):
        DatabaseSettings.from_env({"SERVICEPACT_DATABASE_URL": "sqlite://"})
    assert DatabaseSettings.from_env({}).url == "sqlite:///./servicepact.db"
    assert DatabaseSettings.from_env({"SERVICEPACT_DATABASE_URL": "postgresql://u@h/db"}).url.startswith(
        "postgresql+psycopg://"
    )
