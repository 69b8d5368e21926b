"""The Typer application and the one place where errors become messages and exit codes."""

from __future__ import annotations

from servicepact.domain.errors import AgreementError, ServicepactError

# Importing a command module registers its commands on `app`; this list is the table of contents, in the
# order of `servicepact --help` (so not sorted).
# isort: off
from servicepact.entrypoints.cli import (  # noqa: F401
    agreements,
    lint,
    calendar,
    sla,
    render,
    evaluate,
    report,
    export,
    db,
    imports,
    users,
    serve,
    demo,
)

# isort: on
from servicepact.entrypoints.cli.root import app, stderr

__all__ = ["EXIT_PROBLEMS", "app", "main"]

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
        stderr.print(f"error: {_error_text(error)}", markup=False)
        return EXIT_PROBLEMS
    except OSError as error:
        # A file named on the command line that cannot be opened (too long a name, a folder, no access):
        # the file and the system's reason, as for any other bad input.
        if error.filename is None:
            raise
        stderr.print(f"error: {error.filename}: {error.strerror or error}", markup=False)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        stderr.print("interrupted")
        return 130
    return 0


def _error_text(error: ServicepactError) -> str:
    """The message, after its place; a place that is only a key (``period``) is named by the message."""
    location = error.location
    if location is not None and location.source is None and location.line is None:
        return error.message
    return str(error)
