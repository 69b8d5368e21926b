"""The Typer application and the one place where errors become messages and exit codes."""

from __future__ import annotations

import importlib

import typer
from rich.console import Console

from servicepact.domain.errors import AgreementError, ServicepactError

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
    "servicepact.entrypoints.cli.evaluate",
    "servicepact.entrypoints.cli.report",
    "servicepact.entrypoints.cli.export",
    "servicepact.entrypoints.cli.db",
    "servicepact.entrypoints.cli.imports",
    "servicepact.entrypoints.cli.users",
    "servicepact.entrypoints.cli.serve",
    "servicepact.entrypoints.cli.demo",
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


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a ServicepactError is a message on stderr and exit 1, never a traceback.

    Click handles usage errors itself (message and exit 2); our errors reach us here, once.
    """
    try:
        app(args=argv, prog_name="servicepact")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except AgreementError as error:
        for problem in error.problems:
            stderr.print(str(problem), markup=False)
        return EXIT_PROBLEMS
    except ServicepactError as error:
        stderr.print(f"error: {error}", markup=False)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        stderr.print("interrupted")
        return 130
    return 0
