"""Read YAML safely into plain Python data, keeping the line and column of every key.

ruamel.yaml's round-trip loader builds no arbitrary objects and records positions; duplicate keys are
refused by it. Aliases are expanded here under a budget of nodes, so an alias bomb ("billion laughs") is
refused instead of eating the memory.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from servicepact.domain.agreement.positions import KeyPath, Positions
from servicepact.domain.errors import Location, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 200


class YamlReadError(Exception):
    """The text cannot be read as YAML; ``problem`` says where and why (code SP000)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class YamlDocument:
    data: Any
    positions: Positions


def decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_BYTES:
        raise YamlReadError(
            Problem(
                "SP000", f"the file is {len(raw):,} bytes; agreements are limited to 5 MB", Location(source)
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlReadError(
            Problem("SP000", f"the file is not UTF-8 text (byte {error.start})", Location(source, line))
        ) from None


def read_yaml(text: str, source: str = "<input>") -> YamlDocument:
    """Parse ``text`` (one YAML document) into plain dicts, lists and scalars with key positions."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise YamlReadError(Problem("SP000", "the text is larger than 5 MB", Location(source)))
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlReadError(Problem("SP000", "the text contains a NUL character", Location(source, line)))
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(io.StringIO(text))
    except DuplicateKeyError as error:
        raise YamlReadError(_marked(error, source, "a key appears twice in the same mapping")) from None
    except MarkedYAMLError as error:
        raise YamlReadError(_marked(error, source, "the text is not valid YAML")) from None
    except (YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        raise YamlReadError(
            Problem("SP000", f"the text is not valid YAML: {error}", Location(source))
        ) from None
    if _expanded_size(tree, {}, set()) > MAX_NODES:
        raise YamlReadError(
            Problem(
                "SP000",
                f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                Location(source),
            )
        )
    positions = Positions(source=source)
    # A key missing at the top level is reported at the document's first line.
    first_line = next(
        (
            n
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")
        ),
        1,
    )
    positions.add((), first_line, 1)
    converter = _Converter(positions, text.splitlines())
    data = converter.convert(tree, ())
    return YamlDocument(data, positions)


def _expanded_size(node: Any, sizes: dict[int, int], active: set[int]) -> int:
    """How many values the document has once aliases are expanded, counted without expanding them.

    An alias is the same Python object as its anchor, so each distinct node is sized once.
    """
    if not isinstance(node, CommentedMap | CommentedSeq):
        return 1
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in active or len(active) > MAX_DEPTH:
        return MAX_NODES + 1  # a cycle or absurd nesting: refused by the caller
    active.add(key)
    children = node.values() if isinstance(node, CommentedMap) else node
    total = 1
    for child in children:
        total += _expanded_size(child, sizes, active)
        if total > MAX_NODES:
            break
    active.discard(key)
    sizes[key] = total
    return total


def _marked(error: MarkedYAMLError, source: str, summary: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    detail = " ".join(str(part) for part in (error.context, error.problem) if part)
    detail = detail.replace("\n", " ").strip()
    message = f"{summary}: {detail}" if detail else summary
    if mark is None:
        return Problem("SP000", message, Location(source))
    return Problem("SP000", message, Location(source, mark.line + 1, mark.column + 1))


class _Converter:
    def __init__(self, positions: Positions, lines: list[str]) -> None:
        self.positions = positions
        self.lines = lines
        self.nodes = 0
        self.active: set[int] = set()

    def convert(self, node: Any, path: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlReadError(
                Problem(
                    "SP000",
                    f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                    Location(self.positions.source),
                )
            )
        if len(path) > MAX_DEPTH:
            raise YamlReadError(
                Problem(
                    "SP000",
                    f"the document nests deeper than {MAX_DEPTH} levels",
                    Location(self.positions.source),
                )
            )
        if isinstance(node, CommentedMap | CommentedSeq):
            if id(node) in self.active:
                raise YamlReadError(
                    Problem(
                        "SP000",
                        "an alias refers to its own ancestor (a cycle)",
                        Location(self.positions.source),
                    )
                )
            self.active.add(id(node))
            try:
                return self._container(node, path)
            finally:
                self.active.discard(id(node))
        return _scalar(node)

    def _continues_text(self, node: CommentedMap, key: Any, result: dict[Any, Any], previous: Any) -> bool:
        """Free text with a comma in a flow mapping: ``{name: A, description: One, two.}``.

        YAML splits it at the comma and makes ``two.`` a key without a value. Users mean one sentence, and
        the spec's own Russian example is written this way, so a bare key with no colon that follows a
        text value continues that text (docs/decisions.md).
        """
        if not isinstance(key, str) or previous is None or not isinstance(result.get(previous), str):
            return False
        try:
            line, column = node.lc.key(key)
        except (KeyError, TypeError, AttributeError):
            return False
        return _continues_text_impl(self.lines, line, column, str(key))

    def _container(self, node: CommentedMap | CommentedSeq, path: KeyPath) -> Any:
        if isinstance(node, CommentedMap):
            result: dict[Any, Any] = {}
            flow = bool(node.fa.flow_style())
            previous: Any = None
            for key, value in node.items():
                plain_key = _scalar(key)
                if flow and value is None and self._continues_text(node, key, result, previous):
                    result[previous] = f"{result[previous]}, {plain_key}"
                    continue
                previous = plain_key
                if isinstance(plain_key, dict | list):
                    plain_key = str(plain_key)
                key_text = plain_key.isoformat() if isinstance(plain_key, date) else str(plain_key)
                try:
                    line, column = node.lc.key(key)
                    self.positions.add((*path, key_text), line + 1, column + 1)
                except (KeyError, TypeError, AttributeError):
                    pass
                result[plain_key] = self.convert(value, (*path, key_text))
            return result
        items = []
        for index, value in enumerate(node):
            # (see _continues_text for the one repair made to flow mappings)
            try:
                line, column = node.lc.item(index)
                self.positions.add((*path, index), line + 1, column + 1)
            except (KeyError, TypeError, AttributeError, IndexError):
                pass
            items.append(self.convert(value, (*path, index)))
        return items


def _continues_text_impl(lines: list[str], line: int, column: int, key: str) -> bool:
    if not 0 <= line < len(lines):
        return False
    rest = lines[line][column:]
    return rest.startswith(key) and not rest[len(key) :].lstrip().startswith(":")


def _scalar(value: Any) -> Any:
    """ruamel's scalar subclasses as the plain types they stand for."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        # A timestamp without an offset stays naive: the caller decides which zone it is read in.
        return datetime.fromisoformat(value.isoformat())
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return str(value)
