"""``servicepact calendar``: business time arithmetic in an agreement's calendar."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from servicepact.adapters.agreement_files import load_agreement
from servicepact.domain.agreement.values import Duration
from servicepact.domain.errors import InputError
from servicepact.entrypoints.cli.instants import parse_instant, show, show_duration
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.root import app


class Operation(StrEnum):
    ADD = "add"
    BETWEEN = "between"


@app.command("calendar")
def calendar_command(
    agreement_file: Annotated[Path, typer.Argument(metavar="AGREEMENT", help="The agreement (YAML).")],
    calendar_id: Annotated[str, typer.Argument(metavar="CALENDAR_ID", help="A key of `calendars`.")],
    operation: Annotated[Operation, typer.Argument(help="add START DURATION | between START END")],
    first: Annotated[str, typer.Argument(metavar="START", help="ISO 8601; local time if no offset.")],
    second: Annotated[str, typer.Argument(metavar="DURATION|END", help="'4h', '3bd', ... or an instant.")],
) -> None:
    """Add business time to an instant, or measure the business time between two instants.

    Answers in UTC and in the calendar's own zone.

    Example: servicepact calendar examples/northwind-acme.en.yaml business add 2027-03-01T17:00 4h
    """
    agreement = load_agreement(agreement_file)
    if calendar_id not in agreement.calendars:
        known = ", ".join(sorted(agreement.calendars)) or "none"
        raise InputError(f"{agreement_file}: no calendar {calendar_id!r} (calendars: {known})")
    calendar = agreement.calendar(calendar_id)
    zone = calendar.timezone
    start = parse_instant(first, zone, name="START")
    if operation is Operation.ADD:
        try:
            duration = Duration.parse(second)
        except ValueError as error:
            raise InputError(f"DURATION: {error}") from None
        due = calendar.add(start, duration.business_time(calendar.day_length))
        console.print(f"start: {show(start, zone)}", markup=False)
        console.print(f"plus:  {duration} of business time", markup=False)
        console.print(f"due:   {show(due, zone)}", markup=False)
    else:
        end = parse_instant(second, zone, name="END")
        console.print(f"from:  {show(start, zone)}", markup=False)
        console.print(f"to:    {show(end, zone)}", markup=False)
        console.print(f"business time: {show_duration(calendar.between(start, end))}", markup=False)
