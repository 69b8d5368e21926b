"""``servicepact lint`` and ``servicepact explain``: the rules of spec §4 at the command line."""

from __future__ import annotations

import enum
import json
from collections import Counter
from pathlib import Path

import typer

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.agreement import ValidationResult
from servicepact.domain.errors import Location, Problem
from servicepact.domain.lint import RULES, Finding, Severity, lint
from servicepact.entrypoints.cli.root import app

EXIT_FINDINGS = 1


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


class MessageLanguage(enum.StrEnum):
    EN = "en"
    RU = "ru"


def lint_file(path: Path, language: str | None = None) -> list[Finding]:
    """Every finding for one file; a file that is missing or unreadable is an SP000 finding, not an error."""
    if not path.exists():
        result = ValidationResult(None, [Problem("SP000", f"no such file: {path}", Location(str(path)))])
    else:
        result = read_agreement(path)
    return lint(result, language=language)


@app.command("lint")
def lint_command(
    files: list[Path] = typer.Argument(..., metavar="FILE", help="Agreement files (YAML) to check."),
    output_format: OutputFormat = typer.Option(OutputFormat.TEXT, "--format", help="text or json."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    lang: MessageLanguage | None = typer.Option(
        None, "--lang", help="Language of the messages (default: each agreement's own)."
    ),
) -> None:
    """Check agreements against every lint rule; exit 1 on an error (or a warning with --strict).

    Example:

        servicepact lint examples/northwind-acme.en.yaml --strict --format json
    """
    language = lang.value if lang else None
    results = [(str(path), lint_file(path, language)) for path in files]
    if output_format == OutputFormat.JSON:
        rows = [{**finding.to_dict(), "file": name} for name, findings in results for finding in findings]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for name, findings in results:
            for finding in findings:
                typer.echo(finding_line(name, finding))
        typer.echo(_summary([finding for _, findings in results for finding in findings]))
    counts = Counter(finding.severity for _, findings in results for finding in findings)
    if counts[Severity.ERROR] or (strict and counts[Severity.WARNING]):
        raise typer.Exit(EXIT_FINDINGS)


def finding_line(name: str, finding: Finding) -> str:
    """A finding as one line of text: ``file:line: CODE severity path: message``."""
    where = f"{name}:{finding.line}" if finding.line is not None else name
    path = f" {finding.path}" if finding.path else ""
    return f"{where}: {finding.code} {finding.severity.value}{path}: {finding.message}"


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "no problems found"
    counts = Counter(finding.severity for finding in findings)
    parts = [
        _plural(counts[Severity.ERROR], "error"),
        _plural(counts[Severity.WARNING], "warning"),
    ]
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} info")
    return ", ".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


@app.command("explain")
def explain_command(
    code: str = typer.Argument(..., help="A rule code such as SP601."),
    lang: MessageLanguage = typer.Option(MessageLanguage.EN, "--lang", help="en or ru."),
) -> None:
    """Explain a lint rule: what it checks, why, and a bad and a good example.

    Example:

        servicepact explain SP601 --lang ru
    """
    rule = RULES.get(code.strip().upper())
    if rule is None:
        typer.echo(
            f"error: unknown rule {code!r}; codes run from SP000 to {max(RULES)} (see docs/lint-rules.md)",
            err=True,
        )
        raise typer.Exit(2)
    language = lang.value
    bad, good = ("Плохо", "Хорошо") if language == "ru" else ("Bad", "Good")
    typer.echo(f"{rule.code} ({rule.severity.value}, {rule.area}): {rule.title[language]}")
    typer.echo("")
    typer.echo(rule.explanation[language])
    typer.echo("")
    typer.echo(f"{bad}:")
    typer.echo(_indent(rule.bad_example))
    typer.echo(f"{good}:")
    typer.echo(_indent(rule.good_example))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
