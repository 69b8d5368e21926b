"""The rule table of ``docs/lint-rules.md``, generated from the registry so the document cannot drift."""

from __future__ import annotations

from servicepact.domain.lint.registry import RULES

BEGIN = "<!-- rules:begin (generated from servicepact.domain.lint.RULES; do not edit by hand) -->"
END = "<!-- rules:end -->"


def rules_table_markdown(language: str = "en") -> str:
    """A Markdown table of every rule: code, severity, area, title and explanation.

    >>> rules_table_markdown().splitlines()[0]
    '| code | severity | area | rule | meaning |'
    """
    lines = ["| code | severity | area | rule | meaning |", "| --- | --- | --- | --- | --- |"]
    for code in sorted(RULES):
        rule = RULES[code]
        meaning = rule.explanation[language].replace("|", "\\|")
        lines.append(f"| {code} | {rule.severity.value} | {rule.area} | {rule.title[language]} | {meaning} |")
    return "\n".join(lines)


def rules_section() -> str:
    """The generated section, with its markers, as it stands in ``docs/lint-rules.md``."""
    return f"{BEGIN}\n{rules_table_markdown()}\n{END}"
