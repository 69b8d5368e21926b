"""``servicepact db backup``: SQLite's online backup gives a readable copy with every row; a PostgreSQL
database is answered with the pg_dump command that copies it (exit 1)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from servicepact.adapters.db import Database
from servicepact.entrypoints.cli import main
from servicepact.services.model import ImportKind
from tests.integration.db.helpers import add_client, run_import, tickets_file


def _row_counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {
            table: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in inspect(connection).get_table_names()
        }


def test_db_backup_copies_sqlite_online_and_names_pg_dump_for_postgresql(
    database: Database, uow, monkeypatch, capsys, tmp_path: Path
):
    add_client(uow)
    run_import(uow, ImportKind.TICKETS, tickets_file(tmp_path))
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", database.settings.url)
    copy = tmp_path / "backups" / "copy.db"
    copy.parent.mkdir()
    # A connection holds the database open meanwhile: the backup is online.
    with database.engine.connect():
        code = main(["db", "backup", str(copy)])
    out, err = capsys.readouterr()
    if database.settings.dialect == "postgresql":
        assert code == 1
        assert "pg_dump --format=custom" in err
        assert f"--file={copy}" in err
        assert not copy.exists()
        return
    assert code == 0, err
    assert str(copy) in out
    counts = _row_counts(database)
    assert counts["tickets"] == 3
    assert counts["clients"] == 1
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copied = {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in counts
        }
    assert copied == counts
    assert not list(copy.parent.glob(".*.partial"))
    # An existing file is kept unless --force is given.
    assert main(["db", "backup", str(copy)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["db", "backup", str(copy), "--force"]) == 0


def test_db_backup_refuses_a_missing_sqlite_file(monkeypatch, capsys, tmp_path: Path):
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    assert main(["db", "backup", str(tmp_path / "copy.db")]) == 1
    assert "no database file" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql://sp@db.example:5433/sp?options=-csearch_path%3Dtenant",
            "pg_dump --format=custom --file='/b/my copy.dump' --host=db.example --port=5433 "
            "--username=sp --schema=tenant sp",
        ),
        ("postgresql+psycopg://sp:secret@localhost/sp", "--username=sp sp"),
    ],
)
def test_the_pg_dump_line_names_the_database_and_never_the_password(url, expected, monkeypatch, capsys):
    monkeypatch.setenv("SERVICEPACT_DATABASE_URL", url)
    assert main(["db", "backup", "/b/my copy.dump"]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "secret" not in err
