"""Small hand-made input files for the reader tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

MATRIX = {
    "high": {"high": "P1", "medium": "P2", "low": "P3"},
    "medium": {"high": "P2", "medium": "P3", "low": "P4"},
    "low": {"high": "P3", "medium": "P4", "low": "P4"},
}


def priority_of(impact: str, urgency: str) -> str | None:
    return MATRIX.get(impact, {}).get(urgency)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)
