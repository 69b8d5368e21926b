"""Turn a parsed YAML document into an :class:`Agreement`, reporting every structural problem.

Problems are SP003 (a value does not parse), SP004 (an unknown key, with the nearest known key) and SP005
(a wrong type or a missing required key), each with its key path and line. So that the linter can still
speak about the rest of a broken file, the offending values are pruned and validation is retried: the
result is the best agreement that can be built from the parts that are valid.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from servicepact.domain.agreement.fields import PARSE_ERROR
from servicepact.domain.agreement.model import Agreement
from servicepact.domain.agreement.positions import KeyPath, PathPart, Positions, format_path
from servicepact.domain.errors import Location, Problem

MAX_PRUNING_ROUNDS = 25

# What stands in for a broken or missing top-level key, so that the areas can still be linted.
_ROOT_PLACEHOLDERS: dict[str, Any] = {
    "format": "servicepact/v1",
    "id": "?",
    "title": "?",
    "version": "?",
    "parties": {"provider": {"name": "?"}, "client": {"name": "?"}},
    "term": {"start": date(2000, 1, 1)},
    "currency": "XXX",
    "language": "en",
}


@dataclass
class ValidationResult:
    """The agreement built from the valid parts (None if nothing could be built) and every problem."""

    agreement: Agreement | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.agreement is not None


def validate_document(data: Any, positions: Positions | None = None) -> ValidationResult:
    """Validate a document (plain dicts and lists, as read from YAML) against the v1 model.

    >>> validate_document({"format": "servicepact/v1"}).problems[0].code
    'SP005'
    """
    positions = positions or Positions()
    if not isinstance(data, dict):
        problem = Problem(
            "SP005",
            f"an agreement is a mapping of keys (format, id, parties, ...), not {type(data).__name__}",
            Location(positions.source, *positions.locate(()), path=""),
        )
        return ValidationResult(None, [problem])

    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    document = copy.deepcopy(data)
    for round_number in range(MAX_PRUNING_ROUNDS):
        try:
            agreement = Agreement.model_validate(document)
        except ValidationError as error:
            details = error.errors(include_url=False)
            paths = [_data_path(document, detail["loc"]) for detail in details]
            if round_number == 0:
                for detail, path in zip(details, paths, strict=True):
                    problem = _problem(detail, path, positions)
                    if (problem.code, problem.location.path or "") not in seen:
                        seen.add((problem.code, problem.location.path or ""))
                        problems.append(problem)
            _prune(document, [(d, p) for d, p in zip(details, paths, strict=True)])
            continue
        return ValidationResult(agreement.with_positions(positions), problems)
    return ValidationResult(None, problems)


def _data_path(document: Any, loc: Iterable[int | str]) -> KeyPath:
    """Pydantic's error location with union tags and ``[key]`` markers dropped: a path into the data."""
    path: list[PathPart] = []
    node = document
    for part in loc:
        if isinstance(node, dict):
            key = _matching_key(node, part)
            if key is None:
                if part == "[key]":
                    continue
                # A missing key (or a union tag): keep real keys of the model, drop tags.
                if isinstance(part, str) and not _looks_like_tag(part):
                    path.append(part)
                    node = None
                continue
            path.append(_key_text(key))
            node = node[key]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and not _looks_like_tag(part) and node is None:
            path.append(part)
    return tuple(path)


def _looks_like_tag(part: str) -> bool:
    return part in {"weekly", "always"} or any(c in part for c in "[]()")


def _matching_key(node: dict[Any, Any], part: int | str) -> Any:
    if part in node:
        return part
    for key in node:
        if _key_text(key) == str(part):
            return key
    return None


def _key_text(key: Any) -> str:
    return key.isoformat() if isinstance(key, date) else str(key)


def _problem(detail: ErrorDetails, path: KeyPath, positions: Positions) -> Problem:
    kind = detail["type"]
    line, column = positions.locate(path)
    location = Location(positions.source, line, column, format_path(path))
    if kind == "extra_forbidden":
        known = _known_keys(path[:-1])
        suggestion = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.5)
        hint = f"; did you mean {suggestion[0]!r}?" if suggestion else ""
        if not suggestion and known:
            hint = f"; known keys here: {', '.join(sorted(known))}"
        return Problem("SP004", f"unknown key {path[-1]!r}{hint}", location)
    if kind == PARSE_ERROR:
        return Problem("SP003", detail["msg"], location)
    if kind == "missing":
        return Problem("SP005", f"required key {path[-1]!r} is missing", location)
    return Problem("SP005", _type_message(detail), location)


def _type_message(detail: ErrorDetails) -> str:
    received = detail.get("input")
    shown = repr(received) if not isinstance(received, dict | list) else type(received).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    message = detail["msg"].replace("Input should be", "expected")
    return f"{message}, got {shown}"


def _prune(document: dict[str, Any], failures: list[tuple[ErrorDetails, KeyPath]]) -> None:
    """Remove (or, at the top level, replace) what failed, deepest first, so a retry can succeed."""
    targets: set[KeyPath] = set()
    for detail, path in failures:
        if detail["type"] == "missing":
            targets.add(path[:-1] if len(path) > 1 else path)
        else:
            targets.add(path)
    for path in sorted(targets, key=lambda p: (len(p), [str(x) for x in p]), reverse=True):
        if any(other != path and path[: len(other)] == other for other in targets):
            continue  # an ancestor goes anyway
        _remove(document, path)


def _remove(document: dict[str, Any], path: KeyPath) -> None:
    if len(path) == 0:
        return
    if len(path) == 1 and isinstance(path[0], str) and path[0] in _ROOT_PLACEHOLDERS:
        document[path[0]] = copy.deepcopy(_ROOT_PLACEHOLDERS[path[0]])
        return
    parent: Any = document
    for part in path[:-1]:
        parent = _child(parent, part)
        if parent is None:
            return
    last = path[-1]
    if isinstance(parent, dict):
        key = _matching_key(parent, last)
        if key is not None:
            del parent[key]
    elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        # Keep indexes of the other items stable within this round: mark, then drop marks.
        parent[last] = _REMOVED
        parent[:] = [item for item in parent if item is not _REMOVED]


_REMOVED = object()


def _child(node: Any, part: PathPart) -> Any:
    if isinstance(node, dict):
        key = _matching_key(node, part)
        return node[key] if key is not None else None
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


@cache
def _schema() -> dict[str, Any]:
    return Agreement.model_json_schema()


def _known_keys(path: KeyPath) -> list[str]:
    """The keys the schema allows at ``path`` (for suggesting the nearest one to an unknown key)."""
    schema = _schema()
    definitions = schema.get("$defs", {})
    node: dict[str, Any] = schema
    for part in path:
        node = _resolve(node, definitions)
        if isinstance(part, int):
            node = node.get("items", {})
        elif "properties" in node and part in node["properties"]:
            node = node["properties"][part]
        else:
            node = (
                node.get("additionalProperties", {})
                if isinstance(node.get("additionalProperties"), dict)
                else {}
            )
    node = _resolve(node, definitions)
    return list(node.get("properties", {}))


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    for _ in range(10):
        if "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            node = next(
                (o for o in options if "$ref" in o or "properties" in o), options[0] if options else {}
            )
        else:
            return node
    return node
