"""``servicepact db``: the database schema (Alembic migrations shipped in the package).

The database is ``SERVICEPACT_DATABASE_URL`` (default: the SQLite file ``./servicepact.db``).
"""

from __future__ import annotations

import getpass
import shlex
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from servicepact.adapters.system_time import SystemTime
from servicepact.domain.errors import ConflictError, InputError, Location
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.services.model import Principal, Role

if TYPE_CHECKING:  # SQLAlchemy and Alembic load only when a command opens the database
    from servicepact.adapters.db import Database

db_app = typer.Typer(
    help="The database: create or upgrade its schema, show its revision, back it up.", no_args_is_help=True
)
app.add_typer(db_app, name="db")


def open_database(*, upgraded: bool = True) -> Database:
    """The database of ``SERVICEPACT_DATABASE_URL``; with ``upgraded``, one whose schema is current.

    An empty database is created on the spot; one at an older revision is an error that names
    ``servicepact db upgrade`` (a migration is a step someone should choose to take).
    """
    from servicepact.adapters.db import Database, DatabaseSettings

    database = Database(DatabaseSettings.from_env())
    if upgraded and not database.upgrade_if_empty():
        current, head = database.current_revision(), database.head_revision()
        if current != head:
            raise ConflictError(
                f"the database {database.settings.redacted()} is at revision {current}, not {head}: "
                "run `servicepact db upgrade`"
            )
    return database


def cli_principal() -> Principal:
    """Whoever runs the command line acts as an admin: they can open the database file anyway."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Principal(f"cli:{user}", Role.ADMIN)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("head", help="Revision to go to.")) -> None:
    """Create the schema or bring it to the newest revision.

    Example: SERVICEPACT_DATABASE_URL=postgresql+psycopg://sp@localhost/sp servicepact db upgrade
    """
    database = open_database(upgraded=False)
    try:
        before = database.current_revision()
        database.upgrade(revision)
        after = database.current_revision()
    finally:
        database.dispose()
    if before == after:
        console.print(f"{database.settings.redacted()}: already at {after}", markup=False)
    else:
        stderr.print(f"{database.settings.redacted()}: {before or 'empty'} → {after}", markup=False)


@db_app.command("current")
def current() -> None:
    """Print the database's schema revision and the newest one this version of servicepact knows.

    Example: servicepact db current
    """
    database = open_database(upgraded=False)
    try:
        revision, head = database.current_revision(), database.head_revision()
    finally:
        database.dispose()
    state = "up to date" if revision == head else "run `servicepact db upgrade`"
    console.print(
        f"{database.settings.redacted()}: {revision or 'empty'} (newest {head}; {state})", markup=False
    )


def client_now(database: Database, client: str, text: str | None) -> datetime:
    """``--now`` of a command about a stored client: now, or the instant given; without an offset it is
    local time where the client's agreement is (the support calendar's zone), as ``evaluate`` reads it."""
    from servicepact.adapters.agreement_files import read_agreement
    from servicepact.entrypoints.cli.instants import parse_instant
    from servicepact.services.reports import client_zone

    if not text:
        return SystemTime().now()
    zone = client_zone(database.unit_of_work(), cli_principal(), client, read_agreement)
    return parse_instant(text, zone, name="--now")


@db_app.command("backup")
def backup(
    path: Path = typer.Argument(..., help="The copy to write (a new SQLite file).", dir_okay=False),
    force: bool = typer.Option(False, "--force", help="Replace PATH if it exists."),
) -> None:
    """Copy a SQLite database while the service runs (SQLite's online backup: a consistent copy even
    while others write). A PostgreSQL database is copied with pg_dump, which this prints (exit 1).

    Example: servicepact db backup /var/backups/servicepact/servicepact-$(date +%F).db
    """
    import sqlite3

    from sqlalchemy.engine import make_url

    from servicepact.adapters.db import DatabaseSettings

    settings = DatabaseSettings.from_env()
    url = make_url(settings.url)
    if settings.dialect != "sqlite":
        stderr.print(
            f"{settings.redacted()} is PostgreSQL: back it up with pg_dump, for example\n"
            f"  {pg_dump_command(settings.url, path)}\n"
            "(pg_restore --clean --dbname=… restores it; see docs/deploy.md)",
            markup=False,
        )
        raise typer.Exit(1)
    source = Path(url.database or "")
    if not source.is_file():
        raise InputError(f"{settings.redacted()}: there is no database file {source} to back up")
    if path.exists() and not force:
        raise InputError(
            "the file exists: choose another or give --force", location=Location(source=str(path))
        )
    if path.resolve() == source.resolve():
        raise InputError(f"{path} is the database itself: choose another file")
    partial = path.with_name(f".{path.name}.partial")
    try:
        with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(partial)) as copy:
            origin.backup(copy, pages=4096)
        partial.replace(path)  # whole or absent: a failed backup leaves no half copy under PATH
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise InputError(f"the backup failed: {error}", location=Location(source=str(path))) from None
    console.print(f"{settings.redacted()} → {path} ({path.stat().st_size:,} bytes)", markup=False)


def pg_dump_command(url: str, path: Path) -> str:
    """The pg_dump command line that copies the PostgreSQL database of ``url`` to ``path`` (custom
    format; the password is left to ``PGPASSWORD`` or ``~/.pgpass``, never put on a command line)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    parts = ["pg_dump", "--format=custom", f"--file={shlex.quote(str(path))}"]
    if parsed.host:
        parts.append(f"--host={shlex.quote(parsed.host)}")
    if parsed.port:
        parts.append(f"--port={parsed.port}")
    if parsed.username:
        parts.append(f"--username={shlex.quote(parsed.username)}")
    options = parsed.query.get("options")
    schema = _search_path(options if isinstance(options, str) else None)
    if schema:
        parts.append(f"--schema={shlex.quote(schema)}")
    parts.append(shlex.quote(parsed.database or ""))
    return " ".join(parts)


def _search_path(options: str | None) -> str | None:
    """The schema of ``options=-csearch_path=X`` in a URL (a database kept in one schema), else None."""
    if not options:
        return None
    for option in options.split():
        _, sep, value = option.partition("search_path=")
        if sep:
            return value.split(",")[0] or None
    return None
