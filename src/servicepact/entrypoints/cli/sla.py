"""``servicepact sla``: the SLA clocks of every ticket in a file, as CSV or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from servicepact.adapters.agreement_files import load_agreement
from servicepact.adapters.clock_exports import write_clocks
from servicepact.adapters.inputs.tickets import read_ticket_batch
from servicepact.adapters.system_time import SystemTime
from servicepact.domain.clocks import evaluate_clocks
from servicepact.domain.clocks.results import ClockStatus
from servicepact.domain.errors import InputError
from servicepact.domain.input_rules import InputRules
from servicepact.entrypoints.cli.instants import parse_instant
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.entrypoints.cli.values import MapValueOption, value_map

LARGE_FILE_BYTES = 20 * 1024 * 1024


@app.command()
def sla(
    agreement_file: Annotated[Path, typer.Argument(metavar="AGREEMENT", help="The agreement (YAML).")],
    tickets: Annotated[Path, typer.Option("--tickets", help="Tickets, CSV or JSON (spec §5).")],
    events: Annotated[Path | None, typer.Option("--events", help="Ticket events, CSV or JSON.")] = None,
    now: Annotated[str | None, typer.Option("--now", help="Judge as of this instant (default: now).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="OUT.csv or OUT.json.")] = None,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Report bad rows, use the rest.")
    ] = False,
    map_value: MapValueOption = None,
) -> None:
    """Compute the response and resolution clocks of every ticket against the agreement.

    One row per ticket: id, priority, response_due, responded_at, response_status, resolution_due,
    resolved_at, resolution_status, response_business_seconds, resolution_business_seconds,
    percent_used (and after_hours_seconds). Without -o the CSV goes to standard output. A priority that
    is not a level of the agreement (after --map-value), an instant after --now and an event of a
    ticket not in the file are bad rows.

    Example: servicepact sla agreement.yaml --tickets tickets.csv --events events.csv -o sla.csv
    --map-value priority:Critical=P1
    """
    agreement = load_agreement(agreement_file)
    if agreement.support is None:
        raise InputError(f"{agreement_file}: the agreement has no `support` section, so no targets to judge")
    zone = agreement.calendar(agreement.support.calendar).timezone
    as_of = parse_instant(now, zone, name="--now") if now else SystemTime().now()
    rules = InputRules.for_agreement(agreement, as_of, value_map(map_value))
    kind = _output_kind(output)
    for path in (tickets, events):
        if path is not None and not path.is_file():
            raise InputError(f"{path}: no such file")

    size = tickets.stat().st_size + (events.stat().st_size if events else 0)
    with _progress(enabled=size >= LARGE_FILE_BYTES) as progress:
        task = progress.add_task("reading tickets and events", total=None)
        batch, event_batch, problems = read_ticket_batch(
            tickets,
            events,
            zone,
            priority_of=agreement.priorities.from_matrix if agreement.priorities else None,
            progress=lambda rows: progress.update(task, completed=rows),
            skip_bad_rows=skip_bad_rows,
            rules=rules,
        )
        progress.update(task, description="computing clocks")
        results = evaluate_clocks(agreement, batch, event_batch, np.datetime64(int(as_of.timestamp()), "s"))
        progress.update(task, description="writing")
        write_clocks(results, output if output else sys.stdout, kind=kind)

    for problem in problems:
        stderr.print(f"skipped: {problem}", markup=False)
    breached = int(np.sum(results.resolution_status == ClockStatus.BREACHED))
    running = int(np.sum(results.resolution_status == ClockStatus.RUNNING))
    if output:
        stderr.print(
            f"{len(results):,} tickets → {output} ({breached:,} resolution breached, {running:,} running"
            + (f", {len(problems):,} bad rows skipped)" if problems else ")"),
            markup=False,
        )


def _output_kind(output: Path | None) -> str:
    if output is None:
        return "csv"
    suffix = output.suffix.lower()
    if suffix not in {".csv", ".json"}:
        raise InputError(f"-o {output}: write .csv or .json")
    return suffix[1:]


def _progress(*, enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=not enabled,
        transient=True,
    )
