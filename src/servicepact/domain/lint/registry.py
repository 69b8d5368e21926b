"""The rule registry: each rule is data (code, severity, texts, examples) plus an optional check function.

A rule module declares a :class:`Rule` and registers its check with :func:`checks`; the check yields
:class:`Hit` objects (a key path, a message key and its parameters) and the engine turns them into findings
in the agreement's language. Adding a rule is one ``Rule(...)`` and one decorated function.

    >>> RULES["SP207"].severity
    <Severity.WARNING: 'warning'>
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from servicepact.domain.agreement.positions import KeyPath, PathPart, format_path
from servicepact.domain.lint.findings import Severity

if TYPE_CHECKING:
    from servicepact.domain.agreement.model import Agreement

LANGUAGES = ("en", "ru")

Text = Mapping[str, str]
"""A text in each language: ``{"en": ..., "ru": ...}``."""


@dataclass(frozen=True)
class Hit:
    """Where a check fired, which of the rule's messages to show, and the values the message names."""

    path: KeyPath
    key: str = "default"
    params: Mapping[str, object] = field(default_factory=dict)


def hit(path: Iterable[PathPart], key: str = "default", /, **params: object) -> Hit:
    """A :class:`Hit` at ``path``: ``hit(("support", "targets", "P2"), "missing", priority="P2")``."""
    return Hit(tuple(path), key, params)


@dataclass(frozen=True)
class Context:
    """What a check sees: the agreement, and which key paths validation had to prune as broken."""

    agreement: Agreement
    broken_paths: tuple[str, ...] = ()

    def broken(self, *path: PathPart) -> bool:
        """Whether validation reported a problem at ``path`` or inside it (so the value may be pruned)."""
        prefix = format_path(path)
        return any(p == prefix or p.startswith((prefix + ".", prefix + "[")) for p in self.broken_paths)


Check = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """One lint rule: what it means, how to fix it, its messages and (unless structural) its check."""

    code: str
    severity: Severity
    area: str
    title: Text
    explanation: Text
    bad_example: str
    good_example: str
    messages: Mapping[str, Text] = field(default_factory=dict)
    check: Check | None = None

    def message(self, hit: Hit, language: str) -> str:
        """The message of ``hit`` in ``language`` (English when that language has no template)."""
        templates = self.messages.get(hit.key) or self.messages["default"]
        template = templates.get(language) or templates["en"]
        return template.format(**{name: _shown(value) for name, value in hit.params.items()})


def _shown(value: object) -> str:
    if isinstance(value, timedelta):
        return span_text(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return ", ".join(str(item) for item in items)
    return str(value)


def span_text(span: timedelta) -> str:
    """A length of time as the format writes it: ``3h21m36s``, ``4m19s``, ``0m``."""
    if span < timedelta(0):
        return "-" + span_text(-span)
    seconds = int(span.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if n]
    return "".join(parts) or "0m"


RULES: dict[str, Rule] = {}
"""Every rule by code, in the order the rule modules declare them."""


def define(rule: Rule) -> Rule:
    """Register a rule that has no check of its own (its findings come from validation)."""
    if rule.code in RULES:
        raise ValueError(f"lint rule {rule.code} is defined twice")
    for texts in (rule.title, rule.explanation, *rule.messages.values()):
        missing = [language for language in LANGUAGES if not texts.get(language)]
        if missing:
            raise ValueError(f"lint rule {rule.code} has no {'/'.join(missing)} text")
    RULES[rule.code] = rule
    return rule


def checks(rule: Rule) -> Callable[[Check], Check]:
    """Register ``rule`` with the decorated function as its check."""

    def register(function: Check) -> Check:
        define(replace(rule, check=function))
        return function

    return register
