"""Write one section of docs/performance.md, leaving the other benchmarks' sections as they are."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


def replace_section(title: str, body: str, doc: Path = DOC) -> None:
    """Replace (or append) the section headed ``## {title}`` with ``body``."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
