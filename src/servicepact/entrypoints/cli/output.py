"""Where commands print: one Rich console for standard output."""

from __future__ import annotations

from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
