"""``servicepact client|agreement|user|token|audit``: clients, agreement versions, users and API tokens
in the database. The command line acts as an admin (``cli:<os user>`` in the audit log)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import InputError
from servicepact.domain.lint import Severity
from servicepact.entrypoints.cli.db import cli_principal, open_database
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.services import agreements, audit, clients, users
from servicepact.services.model import Page, Role

if TYPE_CHECKING:  # SQLAlchemy and Alembic load only when a command opens the database
    from servicepact.adapters.db import Database

client_app = typer.Typer(help="Clients of the MSP.", no_args_is_help=True)
agreement_app = typer.Typer(help="Agreements stored for clients, and their versions.", no_args_is_help=True)
user_app = typer.Typer(help="People who sign in, and their roles.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens (stored hashed, shown once).", no_args_is_help=True)
app.add_typer(client_app, name="client")
app.add_typer(agreement_app, name="agreement")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


def _database() -> Database:
    return open_database()


def _instant(text: str | None, option: str) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option} {text!r}: write an ISO 8601 time with an offset") from None
    if value.tzinfo is None:
        raise InputError(f"{option} {text!r}: give the UTC offset (2026-01-01T00:00:00+03:00)")
    return value


@client_app.command("add")
def client_add(
    slug: Annotated[
        str, typer.Argument(help="Short name used in commands and URLs (acme).", show_default=False)
    ],
    name: Annotated[str | None, typer.Option("--name", help="Full name (default: the slug).")] = None,
    time_zone: Annotated[
        str, typer.Option("--time-zone", help="IANA zone for times without an offset.")
    ] = "UTC",
) -> None:
    """Add a client.

    Example: servicepact client add acme --name "Acme Ltd" --time-zone Europe/London
    """
    database = _database()
    try:
        client = clients.create_client(
            database.unit_of_work(), cli_principal(), slug, name or slug, time_zone
        )
    finally:
        database.dispose()
    console.print(f"client {client.slug} added ({client.name}, {client.time_zone})", markup=False)


@client_app.command("list")
def client_list() -> None:
    """List the clients.

    Example: servicepact client list
    """
    database = _database()
    try:
        found = clients.list_clients(database.unit_of_work(), cli_principal())
    finally:
        database.dispose()
    for client in found:
        typer.echo(f"{client.slug}\t{client.name}\t{client.time_zone}")


@agreement_app.command("upload")
def agreement_upload(
    client: Annotated[str, typer.Argument(help="Client slug.", show_default=False)],
    file: Annotated[Path, typer.Argument(help="Agreement YAML file.", show_default=False)],
    activate: Annotated[
        bool, typer.Option("--activate", help="Activate the version (retires the active one).")
    ] = False,
    effective_from: Annotated[
        str | None,
        typer.Option("--effective-from", help="When the version starts to judge tickets (ISO, with offset)."),
    ] = None,
) -> None:
    """Store an agreement file as the next version of its agreement (lint errors store nothing).

    Example: servicepact agreement upload acme examples/northwind-acme.en.yaml --activate
    """
    if not file.is_file():
        raise InputError(f"{file}: no such file")
    text = file.read_text(encoding="utf-8-sig")
    database = _database()
    try:
        result = agreements.upload_agreement(
            database.unit_of_work(),
            cli_principal(),
            client,
            text,
            read_agreement,
            source=str(file),
            activate=activate,
            effective_from=_instant(effective_from, "--effective-from"),
        )
    finally:
        database.dispose()
    for finding in result.findings:
        where = f"{file}:{finding.line}" if finding.line else str(file)
        stderr.print(f"{where}: {finding.code} {finding.severity.value}: {finding.message}", markup=False)
    if result.version is None:
        errors = sum(f.severity is Severity.ERROR for f in result.findings)
        stderr.print(f"{file}: {errors} error(s); nothing stored", markup=False)
        raise typer.Exit(1)
    version = result.version
    state = "unchanged: same text as" if result.unchanged else "stored as"
    console.print(
        f"{file}: {state} {version.agreement_key} v{version.number} ({version.status.value})", markup=False
    )


@agreement_app.command("activate")
def agreement_activate(
    client: Annotated[str, typer.Argument(help="Client slug.", show_default=False)],
    agreement: Annotated[
        str, typer.Argument(help="Agreement id (the `id` in its YAML).", show_default=False)
    ],
    number: Annotated[int, typer.Argument(help="Version number.", show_default=False)],
    effective_from: Annotated[
        str | None,
        typer.Option("--effective-from", help="When it starts to judge tickets (ISO, with offset)."),
    ] = None,
) -> None:
    """Activate a draft version; the active one is retired.

    Example: servicepact agreement activate acme northwind-acme-2026 2
    """
    database = _database()
    try:
        version = agreements.activate_version(
            database.unit_of_work(),
            cli_principal(),
            client,
            agreement,
            number,
            read_agreement,
            effective_from=_instant(effective_from, "--effective-from"),
        )
    finally:
        database.dispose()
    assert version.effective_from is not None
    console.print(
        f"{agreement} v{number} active, in force from {version.effective_from.isoformat()}", markup=False
    )


@agreement_app.command("versions")
def agreement_versions(
    client: Annotated[str, typer.Argument(help="Client slug.", show_default=False)],
) -> None:
    """List the versions of a client's agreements.

    Example: servicepact agreement versions acme
    """
    database = _database()
    try:
        found = agreements.list_versions(database.unit_of_work(), cli_principal(), client)
    finally:
        database.dispose()
    for v in found:
        since = v.effective_from.isoformat() if v.effective_from else "-"
        typer.echo(f"{v.agreement_key}\tv{v.number}\t{v.status.value}\t{since}\t{v.title}")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="Email address (the sign-in name).", show_default=False)],
    role: Annotated[Role, typer.Option("--role", help="admin, engineer or client.", show_default=False)],
    client: Annotated[str | None, typer.Option("--client", help="The client of a client user.")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read a password from standard input (else: tokens only)."),
    ] = False,
) -> None:
    """Add a user.

    Example: echo 'a long passphrase' | servicepact user add ops@msp.example --role engineer --password-stdin
    """
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    database = _database()
    try:
        user = users.create_user(
            database.unit_of_work(), cli_principal(), email, role, client=client, password=password
        )
    finally:
        database.dispose()
    console.print(
        f"user {user.email} added ({user.role.value}{' of ' + client if client else ''})", markup=False
    )


@user_app.command("list")
def user_list() -> None:
    """List users.

    Example: servicepact user list
    """
    database = _database()
    try:
        found = users.list_users(database.unit_of_work(), cli_principal())
    finally:
        database.dispose()
    for user in found:
        state = "active" if user.active else "deactivated"
        typer.echo(f"{user.email}\t{user.role.value}\t{state}")


@token_app.command("create")
def token_create(
    email: Annotated[str, typer.Argument(help="The user the token acts for.", show_default=False)],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "token",
) -> None:
    """Create an API token and print it once (only its hash is stored).

    Example: servicepact token create ops@msp.example --name ci
    """
    database = _database()
    try:
        new = users.create_token(database.unit_of_work(), cli_principal(), email, name=name)
    finally:
        database.dispose()
    stderr.print(f"token {new.token.id} ({new.token.name}) for {email}; it is shown only now:", markup=False)
    console.print(new.secret, markup=False)


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(help="Token number.", show_default=False)]) -> None:
    """Revoke an API token.

    Example: servicepact token revoke 3
    """
    database = _database()
    try:
        users.revoke_token(database.unit_of_work(), cli_principal(), token_id)
    finally:
        database.dispose()
    console.print(f"token {token_id} revoked", markup=False)


@app.command("audit")
def audit_command(
    client: Annotated[str | None, typer.Option("--client", help="Only this client's entries.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many entries (newest first).")] = 50,
) -> None:
    """Show who changed what and when (agreements, priorities, users, tokens, imports).

    Example: servicepact audit --client acme --limit 20
    """
    database = _database()
    try:
        entries = audit.audit_log(
            database.unit_of_work(), cli_principal(), client=client, page=Page(limit=limit)
        )
    finally:
        database.dispose()
    for e in entries:
        console.print(
            f"{e.at.isoformat()}\t{e.actor}\t{e.action.value}\t{e.object_type} {e.object_key}", markup=False
        )
