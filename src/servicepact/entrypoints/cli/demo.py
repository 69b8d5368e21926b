"""``servicepact demo``: the main job on the shipped examples, explained as it goes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.agreement import Agreement
from servicepact.domain.lint import Severity, lint
from servicepact.entrypoints.cli.app import app
from servicepact.entrypoints.cli.output import console


def _default_files() -> list[Path]:
    return sorted(Path("examples").glob("*.yaml"))


@app.command()
def demo(
    files: Annotated[list[Path] | None, typer.Argument(help="Agreements (default: examples/*.yaml).")] = None,
) -> None:
    """Validate, lint and summarise agreements: what `make demo` runs.

    Example: servicepact demo examples/northwind-acme.en.yaml
    """
    paths = files or _default_files()
    if not paths:
        console.print(
            "no agreements found: run this from the project folder, or name the files", markup=False
        )
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
        now = datetime.now(UTC).replace(microsecond=0)
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
