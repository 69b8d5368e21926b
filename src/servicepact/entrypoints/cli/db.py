"""``servicepact db``: the database schema (Alembic migrations shipped in the package).

The database is ``SERVICEPACT_DATABASE_URL`` (default: the SQLite file ``./servicepact.db``).
"""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import TYPE_CHECKING

import typer

from servicepact.adapters.system_time import SystemTime
from servicepact.domain.errors import ConflictError
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.services.model import Principal, Role

if TYPE_CHECKING:  # SQLAlchemy and Alembic load only when a command opens the database
    from servicepact.adapters.db import Database

db_app = typer.Typer(
    help="The database: create or upgrade its schema, show its revision.", no_args_is_help=True
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
