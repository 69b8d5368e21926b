"""``servicepact demo``: build the embedded SQLite demo and serve it; ``--check`` explains the examples.

``servicepact demo`` (what ``make demo`` runs) rebuilds ``./servicepact-demo.db`` with two clients and
three months of synthetic operations (see :mod:`servicepact.entrypoints.demo_seed`), prints the users and
their passwords, and serves the web UI and the API at http://127.0.0.1:8000.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.example_files import example_agreements
from servicepact.adapters.system_time import SystemTime
from servicepact.domain.agreement import Agreement
from servicepact.domain.lint import Severity, lint
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.ports import ensure_port_free
from servicepact.entrypoints.cli.root import app

DEFAULT_DB = Path("servicepact-demo.db")


def _default_files() -> list[Path]:
    # Always the shipped examples: a folder of the user's that happens to be called examples/ is not ours
    # (in a checkout examples/ links to the same package data).
    return example_agreements()


@app.command()
def demo(
    files: Annotated[
        list[Path] | None, typer.Argument(help="With --check: agreements (default: the shipped examples).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only validate, lint and summarise the agreements; serve nothing.")
    ] = False,
    db: Annotated[Path, typer.Option("--db", help="The demo database file (rebuilt each run).")] = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    serve: Annotated[
        bool,
        typer.Option("--serve/--no-serve", help="Serve the demo after building it (default) or only build."),
    ] = True,
    months: Annotated[int, typer.Option("--months", min=1, max=3, help="Months of synthetic data.")] = 3,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the synthetic data.")] = 2027,
) -> None:
    """Build the demo database (two clients, three months of tickets, outages, backups and assets), print
    the users and passwords, and serve it at http://127.0.0.1:8000.

    Example: servicepact demo --port 8000   (explain the examples only: servicepact demo --check)
    """
    if check or files:
        _check(files or _default_files())
        return
    if serve:
        ensure_port_free(host, port)
    from servicepact.adapters.example_files import EXAMPLES
    from servicepact.entrypoints.demo_seed import build_demo

    console.print(f"building the demo database {db} ({months} month(s) of synthetic data)…", markup=False)
    summary = build_demo(db, months=months, seed=seed, examples=EXAMPLES)
    # Plain lines, never a table: a narrow terminal must not cut a password short.
    console.print("sign in with one of these (passwords change on every run):", markup=False)
    for user in summary.users:
        scope = f"client {user.client}" if user.client else "every client"
        console.print(f"  {user.role.value:<9} {user.email:<28} {user.password}   ({scope})", markup=False)
    for slug, counts in summary.counts.items():
        stored = ", ".join(f"{n:,} {table_name}" for table_name, n in counts.items())
        console.print(f"{slug}: {stored}", markup=False)
    console.print(
        f"the demo's clock starts at {summary.now:%Y-%m-%d %H:%M} UTC and runs from there", markup=False
    )
    if not serve:
        return
    _serve(summary.database_url, host, port, summary.now)


def _serve(database_url: str, host: str, port: int, now: datetime) -> None:
    import uvicorn

    from servicepact.adapters.demo_data import DemoTime
    from servicepact.entrypoints.bootstrap import database_uow_factory
    from servicepact.entrypoints.http.app import create_app
    from servicepact.entrypoints.http.settings import Settings
    from servicepact.entrypoints.http.web.warming import warm_up

    time_source = DemoTime(now)
    settings = Settings.from_env({"SERVICEPACT_DATABASE_URL": database_url})
    web = create_app(
        settings,
        uow_factory=database_uow_factory(database_url, time_source=time_source),
        time_source=time_source,
    )
    warm_up(web)
    console.print(f"servicepact demo on http://{host}:{port}/ (Ctrl+C stops it)", markup=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _check(paths: list[Path]) -> None:
    if not paths:
        console.print("no agreements found: name the files", markup=False)
        raise typer.Exit(1)
    failed = 0
    for path in paths:
        console.rule(str(path))
        result = read_agreement(path)
        findings = lint(result)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        warnings = [f for f in findings if f.severity is Severity.WARNING]
        console.print(
            f"validated and linted: {len(errors)} errors, {len(warnings)} warnings, "
            f"{len(findings) - len(errors) - len(warnings)} notes",
            markup=False,
        )
        for finding in findings:
            where = f"{path}:{finding.line}" if finding.line else str(path)
            console.print(f"  {where}: {finding.code} {finding.path}: {finding.message}", markup=False)
        if result.agreement is None:
            failed += 1
            continue
        failed += bool(errors)
        _summary(result.agreement)
    console.rule()
    console.print(
        f"{len(paths)} agreements checked; {failed} with errors. Next: `servicepact lint --strict FILE`, "
        "`servicepact render FILE -o contract.pdf`, `servicepact sla FILE --tickets tickets.csv`.",
        markup=False,
    )


def _summary(agreement: Agreement) -> None:
    console.print(
        f"{agreement.title} {agreement.version} ({agreement.id}, {agreement.language.value}): "
        f"{agreement.parties.provider.name} → {agreement.parties.client.name}, from {agreement.term.start}",
        markup=False,
    )
    if agreement.support is not None:
        table = Table("priority", "response", "resolution", "calendar", "a ticket opened now is due")
        now = SystemTime().now().replace(microsecond=0)
        for level, target in agreement.support.targets.items():
            calendar_id = agreement.support.target_calendar(level)
            due = ""
            if target.resolution is not None and calendar_id in agreement.calendars:
                calendar = agreement.calendar(calendar_id)
                instant = calendar.add(now, target.resolution.business_time(calendar.day_length))
                due = f"{instant.astimezone(calendar.timezone):%a %Y-%m-%d %H:%M %Z}"
            table.add_row(level, str(target.response or "—"), str(target.resolution or "—"), calendar_id, due)
        console.print(table)
    if agreement.availability is not None and agreement.availability.uptime:
        for item in agreement.availability.uptime:
            budget = timedelta(days=30) * float(1 - item.target.fraction)
            console.print(
                f"uptime {item.id}: {item.target} per {item.window.value}, "
                f"about {budget.total_seconds() / 60:.0f} minutes of downtime in a 30-day month",
                markup=False,
            )
    if agreement.performance is not None:
        kpis = ", ".join(f"{k.id} {k.target}" for k in agreement.performance.kpis)
        console.print(f"KPIs: {kpis}", markup=False)
