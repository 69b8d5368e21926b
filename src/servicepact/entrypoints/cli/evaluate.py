"""``servicepact evaluate``: one period of one agreement, from files, as JSON (HTML/PDF via reports)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from servicepact.adapters.agreement_files import load_agreement
from servicepact.adapters.evaluation_files import EvaluationFiles, read_evaluation_files, read_versions
from servicepact.adapters.system_time import SystemTime
from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import Evaluation
from servicepact.domain.input_rules import InputRules
from servicepact.entrypoints.cli.instants import parse_instant
from servicepact.entrypoints.cli.root import app, stderr
from servicepact.entrypoints.cli.values import MapValueOption, value_map
from servicepact.services.evaluation import UptimeConvention, evaluate_period, period_of

SMALL_JSON_TICKETS = 5_000
FORMATS = {".json": "json", ".html": "html", ".htm": "html", ".pdf": "pdf"}


class Lang(StrEnum):
    EN = "en"
    RU = "ru"


@app.command()
def evaluate(
    agreement_file: Annotated[Path, typer.Argument(metavar="AGREEMENT", help="The agreement (YAML).")],
    period: Annotated[
        str, typer.Option("--period", "-p", help="2027-03, 2027-Q1 or 2027-03-01..2027-04-01 (support zone).")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="OUT.json, OUT.html or OUT.pdf.")],
    tickets: Annotated[Path | None, typer.Option("--tickets", help="Tickets, CSV or JSON (spec §5).")] = None,
    events: Annotated[Path | None, typer.Option("--events", help="Ticket events, CSV or JSON.")] = None,
    outages: Annotated[
        Path | None,
        typer.Option(
            "--outages",
            help="Outages, CSV or JSON; the file covers the whole period (empty: no outages, 100%). "
            "Without it, --checks or --coverage, uptime is no data.",
        ),
    ] = None,
    checks: Annotated[
        Path | None, typer.Option("--checks", help="Monitoring checks (Upptime status_checks.csv).")
    ] = None,
    backups: Annotated[Path | None, typer.Option("--backups", help="Backup runs, CSV or JSON.")] = None,
    restores: Annotated[Path | None, typer.Option("--restores", help="Restore tests, CSV or JSON.")] = None,
    assets: Annotated[Path | None, typer.Option("--assets", help="Client assets, CSV or JSON.")] = None,
    coverage: Annotated[
        Path | None,
        typer.Option(
            "--coverage", help="What monitoring watched: coverage.csv (uptime_id, start, end), as exported."
        ),
    ] = None,
    now: Annotated[
        str | None, typer.Option("--now", help="Evaluate as of this instant (default: now).")
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help="Language of an HTML/PDF report (default: the agreement's).", show_default=False
        ),
    ] = None,
    uptime_convention: Annotated[
        UptimeConvention,
        typer.Option("--uptime-convention", help="servicepact (spec §3) or upptime (Upptime's windows)."),
    ] = UptimeConvention.SERVICEPACT,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Report bad rows, use the rest.")
    ] = False,
    map_value: MapValueOption = None,
    versions: Annotated[
        Path | None,
        typer.Option(
            "--versions",
            help="versions.csv of an export (file, effective_from): each ticket is judged by the version "
            "in force at its creation; the period by AGREEMENT.",
        ),
    ] = None,
) -> None:
    """Evaluate a period: every metric, KPI, uptime item, backup, requirement, billing line and credit.

    Example: servicepact evaluate examples/northwind-acme.en.yaml --period 2027-03 --tickets tickets.csv
    --events events.csv --outages outages.csv --backups backups.csv --assets assets.csv -o march.json

    No data is not success: without --outages (or --checks / --coverage) uptime is "no data", never
    100%; without --backups the backup metrics are; neither is met, missed or credited.
    """
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise InputError(f"-o {output}: write .json, .html or .pdf")
    agreement = load_agreement(agreement_file)
    if agreement.support is None:
        raise InputError(f"{agreement_file}: the agreement has no `support` section")
    zone = agreement.calendar(agreement.support.calendar).timezone
    as_of = parse_instant(now, zone, name="--now") if now else SystemTime().now()
    files = EvaluationFiles(tickets, events, outages, checks, backups, restores, assets, coverage)
    judged = period_of(agreement, period)  # a bad --period is named before any file is read
    rules = InputRules.for_agreement(agreement, as_of, value_map(map_value))
    read = read_evaluation_files(agreement, files, skip_bad_rows, rules)
    judges = read_versions(versions).judges(read.inputs.tickets.created_at) if versions else None
    evaluation = evaluate_period(agreement, judged, read.inputs, as_of, uptime_convention, judges)
    for problem in read.problems:
        stderr.print(f"skipped: {problem}", markup=False)
    if fmt == "json":
        # Indented for people while small; compact (C encoder, several times faster) for big periods.
        indent = 2 if evaluation.tickets.created <= SMALL_JSON_TICKETS else None
        text = json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=indent)
        output.write_text(text + "\n", encoding="utf-8")
    else:
        from servicepact.adapters.reports import render_report  # WeasyPrint is slow to import

        # The records go along for the charts drawn from them (times against targets, backup age).
        render_report(evaluation, agreement, fmt, lang.value if lang else None, output, inputs=read.inputs)
    stderr.print(f"{summary_line(evaluation)} → {output}", markup=False)


def summary_line(evaluation: Evaluation) -> str:
    """One line for people: tickets, the service levels met of those measured (the report's first page
    and the dashboard count the same), the uptime items without data, and the credits."""
    tickets = f"{evaluation.period.label}: {evaluation.tickets.created:,} tickets"
    parts = [tickets, evaluation.levels.summary()]
    unmeasured = [item.item_id for item in evaluation.uptime if item.value.value is None]
    if unmeasured:
        parts.append(f"uptime no data ({', '.join(unmeasured)})")
    parts.append(f"credits {evaluation.credits.total} {evaluation.currency}")
    return ", ".join(parts)
