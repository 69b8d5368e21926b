"""The Typer application and the one place where errors become messages and exit codes."""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console

from servicepact.domain.errors import AgreementError, InputError, ServicepactError

app = typer.Typer(
    name="servicepact",
    help="Managed services agreements as code: validate, lint, render and measure the service against them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

stderr = Console(stderr=True, highlight=False, soft_wrap=True)

# Each module registers its commands on `app` when imported; the list is the table of contents.
COMMAND_MODULES = (
    "servicepact.entrypoints.cli.agreements",
    "servicepact.entrypoints.cli.lint",
    "servicepact.entrypoints.cli.calendar",
    "servicepact.entrypoints.cli.sla",
    "servicepact.entrypoints.cli.render",
)


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


_register_commands()

EXIT_PROBLEMS = 1
EXIT_INTERNAL = 3


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a ServicepactError is a message on stderr and exit 1, never a traceback."""
    try:
        app(args=argv, prog_name="servicepact", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code or 0)
    except typer.Abort:
        stderr.print("aborted")
        return 130
    except AgreementError as error:
        for problem in error.problems:
            stderr.print(str(problem), markup=False)
        return EXIT_PROBLEMS
    except (InputError, ServicepactError) as error:
        stderr.print(f"error: {error}", markup=False)
        return EXIT_PROBLEMS
    except Exception as error:  # click's usage errors and anything unexpected
        import click

        if isinstance(error, click.ClickException):
            error.show(file=sys.stderr)
            return error.exit_code
        raise
    return 0
