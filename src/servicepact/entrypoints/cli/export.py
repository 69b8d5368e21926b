"""``servicepact export``: a period of a client as spec §5 files, with the version that judges it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.exports import write_export
from servicepact.entrypoints.cli.db import cli_principal, client_now, open_database
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.services.exports import export_period


@app.command("export")
def export(
    client: Annotated[str, typer.Argument(metavar="CLIENT", help="Client slug.", show_default=False)],
    period: Annotated[
        str, typer.Option("--period", "-p", help="2027-03, 2027-Q1 or 2027-03-01..2027-04-01 (support zone).")
    ],
    folder: Annotated[Path, typer.Option("--dir", "-d", help="The folder to write the files into.")],
    now: Annotated[
        str | None, typer.Option("--now", help="Export as of this instant (default: now).")
    ] = None,
    agreement: Annotated[
        str | None, typer.Option("--agreement", help="The agreement, where the client has several.")
    ] = None,
) -> None:
    """Write everything the evaluation of a period reads, as spec §5 files, and the agreement version that
    judges the period (agreement.yaml). `servicepact evaluate` on them gives the report's figures.

    Example: servicepact export acme --period 2027-03 --dir acme-2027-03 && servicepact evaluate
    acme-2027-03/agreement.yaml --period 2027-03 --tickets acme-2027-03/tickets.csv ... -o march.json
    """
    database = open_database()
    try:
        as_of = client_now(database, client, now)
        exported = export_period(
            database.unit_of_work(),
            cli_principal(),
            client,
            period,
            read_agreement,
            as_of,
            agreement_key=agreement,
        )
    finally:
        database.dispose()
    written = write_export(exported, folder)
    stderr.print(
        f"{exported.client} {exported.period.label} (agreement version {exported.version.number}, as of "
        f"{as_of.isoformat()}): {len(exported.tickets):,} tickets → {', '.join(p.name for p in written)}",
        markup=False,
    )
    files = {p.stem: p for p in written}
    options = " ".join(
        f"--{name} {files[name]}"
        for name in ("tickets", "events", "outages", "coverage", "backups", "restores", "assets", "versions")
        if name in files
    )
    stderr.print(
        f"check: servicepact evaluate {files['agreement']} --period {exported.period.label} {options} "
        f"--now {as_of.isoformat()} -o {folder / 'evaluation.json'}",
        markup=False,
    )
