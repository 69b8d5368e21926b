"""Commands about agreement files: validate, schema, init, demo."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.starter import starter_agreement
from servicepact.domain.agreement import Agreement
from servicepact.domain.errors import InputError
from servicepact.entrypoints.cli.output import console
from servicepact.entrypoints.cli.root import app, stderr


class Lang(StrEnum):
    EN = "en"
    RU = "ru"


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Agreement files (YAML).", show_default=False)],
) -> None:
    """Check that agreement files follow the format; print every problem with file, line and key path.

    Example: servicepact validate examples/northwind-acme.en.yaml
    """
    failed = 0
    for path in files:
        result = read_agreement(path) if path.exists() else None
        if result is None:
            stderr.print(f"{path}: no such file", markup=False)
            failed += 1
            continue
        if result.problems:
            failed += 1
            for problem in result.problems:
                console.print(str(problem), markup=False)
        else:
            console.print(f"{path}: valid", markup=False)
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the agreement format, for editors that validate and complete YAML.

    Example: servicepact schema > servicepact.schema.json
    """
    document = Agreement.model_json_schema(mode="validation")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["$id"] = "https://servicepact.example/schema/servicepact-v1.json"
    document["title"] = "servicepact agreement, format servicepact/v1"
    console.print_json(json.dumps(document, ensure_ascii=False))


@app.command()
def init(
    path: Annotated[
        Path | None, typer.Argument(help="Where to write the agreement (default: stdout).")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the agreement.")] = Lang.EN,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter agreement that passes `servicepact lint --strict`.

    Example: servicepact init --lang ru agreement.yaml
    """
    text = starter_agreement(lang.value)
    if path is None:
        typer.echo(text, nl=False)
        return
    if path.exists() and not force:
        raise InputError(f"{path} exists; use --force to overwrite it")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror}") from None
    console.print(f"wrote {path} ({lang.value}); next: servicepact lint {path}", markup=False)
