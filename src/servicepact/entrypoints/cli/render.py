"""Commands about the agreement as a contract: render, diff."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from servicepact.adapters.agreement_files import load_agreement
from servicepact.adapters.rendering import Format, renderer_for
from servicepact.domain.contract import PageSize, group_changes
from servicepact.domain.contract.names import Names
from servicepact.domain.contract.wording import Wording
from servicepact.domain.errors import InputError
from servicepact.domain.lint import render_language_findings
from servicepact.entrypoints.cli.lint import finding_line
from servicepact.entrypoints.cli.root import app
from servicepact.services import rendering


class Lang(StrEnum):
    EN = "en"
    RU = "ru"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


AgreementPath = Annotated[Path, typer.Argument(help="The agreement file (YAML).", show_default=False)]
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", "-l", help="Language of the contract (default: the agreement's language)."),
]


@app.command()
def render(
    agreement: AgreementPath,
    lang: LangOption = None,
    format_: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.MD,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (required for pdf and docx).")
    ] = None,
    changes_from: Annotated[
        Path | None,
        typer.Option("--changes-from", help="An earlier version of the agreement: adds an annex of changes."),
    ] = None,
    paper: Annotated[
        Paper | None, typer.Option("--paper", help="Page size (default: A4 for ru, Letter for en).")
    ] = None,
) -> None:
    """Write the agreement as a contract: parties, one clause per area, billing, signatures.

    A contract asked in a language its free text is not written in is still written, with an SP804
    warning on stderr.

    Example: servicepact render examples/northwind-acme.en.yaml --lang ru --format pdf -o contract.pdf
    """
    if format_.binary and output is None:
        raise InputError(f"a {format_.value} contract is binary: name the file to write with -o FILE")
    current = load_agreement(agreement)
    language = rendering.contract_language(current, lang.value if lang else None)
    for finding in render_language_findings(current, language, language=language):
        typer.echo(finding_line(str(agreement), finding), err=True)
    previous = load_agreement(changes_from) if changes_from is not None else None
    page_size = {Paper.A4: PageSize.A4, Paper.LETTER: PageSize.LETTER}[paper] if paper else None
    content = rendering.render(
        current,
        renderer_for(format_),
        language=language,
        previous=previous,
        page_size=page_size,
    )
    if output is None:
        typer.echo(content.decode("utf-8"), nl=False)
        return
    try:
        output.write_bytes(content)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}") from None


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier version (YAML).", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later version (YAML).", show_default=False)],
    lang: LangOption = None,
) -> None:
    """Say in words what changed between two versions of an agreement, clause by clause.

    Example: servicepact diff agreement-v1.yaml agreement-v2.yaml --lang ru
    """
    before, after = load_agreement(old), load_agreement(new)
    language = rendering.contract_language(after, lang.value if lang else None)
    changes = rendering.changes(before, after, language=language)
    names = Names(Wording(language), after)
    if not changes:
        typer.echo(Wording(language)._("Nothing has changed."))
        return
    for area, items in group_changes(changes).items():
        typer.echo(names.area(area))
        for item in items:
            typer.echo(f"  - {item}")
