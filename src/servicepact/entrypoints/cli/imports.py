"""``servicepact import``: load tickets, events, outages, backups, restore tests, assets, a ServiceNow
event log or monitoring checks into the database for one client."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from servicepact.domain.errors import DataRowError
from servicepact.entrypoints.cli.db import cli_principal, open_database
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.entrypoints.cli.values import MapValueOption, value_map
from servicepact.services import importing
from servicepact.services.model import ImportKind
from servicepact.services.ports import AgreementParser, InputReader

LARGE_FILE_BYTES = 5 * 1024 * 1024


class _Reporter:
    """Progress of an import: a Rich bar on a terminal, one line per phase otherwise (logs, tests)."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}
        self.phase: str | None = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            if phase not in self.tasks:
                label = "reading" if phase == "reading" else f"writing {phase}"
                self.tasks[phase] = self.progress.add_task(label, total=total)
            self.progress.update(self.tasks[phase], completed=done, total=total)
        elif phase != self.phase:
            stderr.print("reading the file" if phase == "reading" else f"writing {phase}", markup=False)
        self.phase = phase


@app.command("import")
def import_(
    kind: Annotated[ImportKind, typer.Argument(help="What the file holds.", show_default=False)],
    file: Annotated[
        Path, typer.Argument(help="CSV or JSON file (a .zip for servicenow).", show_default=False)
    ],
    client: Annotated[str, typer.Option("--client", "-c", help="Client slug.", show_default=False)],
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="Rename a column of the file: column=field (repeatable)."),
    ] = None,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Store the good rows and list the bad ones.")
    ] = False,
    covers: Annotated[
        str | None,
        typer.Option(
            "--covers",
            help="outages: the span the file is the whole record of, START..END (default: its earliest to "
            "its latest instant). Uptime is measured only where monitoring covered it.",
            show_default=False,
        ),
    ] = None,
    map_value: MapValueOption = None,
) -> None:
    """Import a file for a client, all or nothing. A bad row stops the import with its line and reason
    (nothing stored) unless --skip-bad-rows. Importing the same file again adds nothing.

    KIND: tickets, events (of stored tickets), outages, backups, restores, assets (spec §5);
    servicenow (a ServiceNow incident event log, one row per update); checks (Upptime status checks,
    stored and turned into outages).

    No data is not success: an outages file covers --covers START..END for every uptime item (an empty
    file with --covers: no outages then, 100%); checks cover each monitor's span. Uptime outside every
    covered span is not measured.

    A priority that is not a level of the agreement version in force at the ticket's created_at (after
    --map-value), an instant after now and an event of a ticket that is not stored are bad rows.

    Example: servicepact import tickets tickets.csv --client acme --map Number=id --map Opened=created_at

    Example: servicepact import tickets export.csv --client acme --map-value priority:Critical=P1

    Example: servicepact import outages outages.csv --client acme --covers 2027-03-01..2027-04-01
    """
    request = importing.ImportRequest(
        kind,
        file,
        client,
        importing.parse_mapping(mapping or []),
        skip_bad_rows=skip_bad_rows,
        covers=covers,
        values=value_map(map_value),
    )
    interactive = sys.stderr.isatty() and file.is_file() and file.stat().st_size >= LARGE_FILE_BYTES
    bar = (
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
        )
        if interactive
        else None
    )
    database = open_database()
    try:
        reporter = _Reporter(bar)
        with bar if bar is not None else nullcontext():
            report = importing.import_file(
                database.unit_of_work(), cli_principal(), request, _file_reader(), reporter, parser=_parser()
            )
    except DataRowError as error:
        stderr.print(str(error), markup=False)
        stderr.print("nothing was stored (--skip-bad-rows stores the good rows)", markup=False)
        raise typer.Exit(1) from None
    finally:
        database.dispose()
    for row in report.bad_rows:
        stderr.print(f"skipped: {row}", markup=False)
    if report.bad_row_total > len(report.bad_rows):
        stderr.print(f"skipped: ... and {report.bad_row_total - len(report.bad_rows)} more", markup=False)
    parts = [
        f"{table}: {report.added[table]:,} added, {report.present.get(table, 0):,} already stored"
        for table in report.added
    ]
    console.print(f"{report.source} → {report.client}: " + "; ".join(parts), markup=False)
    if report.bad_row_total:
        console.print(f"{report.bad_row_total:,} bad rows skipped", markup=False)


def _parser() -> AgreementParser:
    from servicepact.adapters.agreement_files import read_agreement

    return read_agreement


def _file_reader() -> InputReader:
    # Loaded with the command, not at start-up: it brings the database adapter along.
    from servicepact.adapters.db.input_files import FileInputReader

    return FileInputReader()
