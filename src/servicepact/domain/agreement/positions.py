"""Where each key of a YAML document stands, so that problems can name ``file:line:col`` and a key path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PathPart = str | int
KeyPath = tuple[PathPart, ...]


def format_path(path: Iterable[PathPart]) -> str:
    """``("support", "targets", "P2", "response")`` -> ``support.targets.P2.response``; items ``[i]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def parse_path(text: str) -> KeyPath:
    """The inverse of :func:`format_path` (keys containing dots are not supported)."""
    parts: list[PathPart] = []
    for chunk in text.replace("[", ".[").split("."):
        if not chunk:
            continue
        if chunk.startswith("[") and chunk.endswith("]") and chunk[1:-1].isdigit():
            parts.append(int(chunk[1:-1]))
        else:
            parts.append(chunk)
    return tuple(parts)


@dataclass
class Positions:
    """Line and column (1-based) of each key path in a source; the root is the empty path."""

    source: str = "<input>"
    lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def add(self, path: KeyPath, line: int, column: int) -> None:
        self.lines.setdefault(path, (line, column))

    def locate(self, path: Sequence[PathPart]) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        key = tuple(str(p) if not isinstance(p, int) else p for p in path)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None, None
            key = key[:-1]

    def line_of(self, path: Sequence[PathPart]) -> int | None:
        return self.locate(path)[0]
