"""The Typer application every command module registers on, and the console for messages (stderr).

Command modules import this module; :mod:`servicepact.entrypoints.cli.app` imports every command module
(so that their commands are registered) and maps errors to exit codes. Nothing here imports a command,
so the two never import each other.
"""

from __future__ import annotations

import typer
from rich.console import Console

__all__ = ["app", "stderr"]

app = typer.Typer(
    name="servicepact",
    help="Managed services agreements as code: validate, lint, render and measure the service against them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
