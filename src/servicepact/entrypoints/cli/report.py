"""``servicepact report``: a client's SLA report for a period, from the records stored in the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import InputError
from servicepact.entrypoints.cli.db import cli_principal, client_now, open_database
from servicepact.entrypoints.cli.evaluate import FORMATS, SMALL_JSON_TICKETS, Lang, summary_line
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.services.evaluation import UptimeConvention
from servicepact.services.reports import stored_period


@app.command("report")
def report(
    client: Annotated[str, typer.Argument(metavar="CLIENT", help="Client slug.", show_default=False)],
    period: Annotated[
        str, typer.Option("--period", "-p", help="2027-03, 2027-Q1 or 2027-03-01..2027-04-01 (support zone).")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="OUT.pdf, OUT.html or OUT.json.")],
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Language of the report (default: the agreement's).", show_default=False),
    ] = None,
    now: Annotated[
        str | None, typer.Option("--now", help="Evaluate as of this instant (default: now).")
    ] = None,
    uptime_convention: Annotated[
        UptimeConvention,
        typer.Option("--uptime-convention", help="servicepact (spec §3) or upptime (Upptime's windows)."),
    ] = UptimeConvention.SERVICEPACT,
    agreement: Annotated[
        str | None, typer.Option("--agreement", help="The agreement, where the client has several.")
    ] = None,
) -> None:
    """Write a client's SLA report for a period from the stored tickets, outages, backups and assets,
    judged by the agreement version in force at the end of the period.

    Example: servicepact report acme --period 2027-03 --lang en -o acme-2027-03.pdf
    """
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise InputError(f"-o {output}: write .pdf, .html or .json")
    database = open_database()
    try:
        as_of = client_now(database, client, now)
        stored = stored_period(
            database.unit_of_work(),
            cli_principal(),
            client,
            period,
            read_agreement,
            as_of,
            uptime_convention,
            agreement_key=agreement,
        )
    finally:
        database.dispose()
    evaluation = stored.evaluation
    if fmt == "json":
        indent = 2 if evaluation.tickets.created <= SMALL_JSON_TICKETS else None
        text = json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=indent)
        output.write_text(text + "\n", encoding="utf-8")
    else:
        from servicepact.adapters.reports import render_report  # WeasyPrint is slow to import

        render_report(
            evaluation, stored.agreement, fmt, lang.value if lang else None, output, inputs=stored.inputs
        )
    stderr.print(
        f"{client} (agreement version {stored.version.number}) {summary_line(evaluation)} → {output}",
        markup=False,
    )
