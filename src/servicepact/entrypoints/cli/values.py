"""``--map-value field:from=to``, shared by ``import``, ``sla`` and ``evaluate`` (spec 1.1 §5)."""

from __future__ import annotations

from typing import Annotated

import typer

from servicepact.domain.errors import InputError
from servicepact.domain.input_rules import ValueMap, parse_value_map

MapValueOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map-value",
        help="Turn an export's value into the agreement's: field:from=to, e.g. priority:Critical=P1 "
        "(repeatable; case is ignored).",
        show_default=False,
    ),
]


def value_map(items: list[str] | None) -> ValueMap:
    """The map the options name; :class:`InputError` for an item that is not ``field:from=to``."""
    try:
        return parse_value_map(items or [])
    except ValueError as error:
        raise InputError(str(error)) from None
