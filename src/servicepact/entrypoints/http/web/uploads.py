"""Uploaded files waiting between an import's preview and its confirmation, per app.

Each waits in a temporary folder of its own; at most :data:`KEEP` wait, none for longer than :data:`TTL`.
Requests run in a thread pool, so the store takes its lock for every read and change.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from servicepact.services.model import ImportKind

KEEP = 20
TTL = timedelta(hours=1)


@dataclass
class Pending:
    """One uploaded file waiting for its confirmation."""

    token: str
    user_id: int
    client: str
    kind: ImportKind
    name: str
    folder: Path
    created: datetime

    @property
    def path(self) -> Path:
        return self.folder / self.name


def forget(pending: Pending) -> None:
    """Delete the file's folder (a file already gone is no error)."""
    shutil.rmtree(pending.folder, ignore_errors=True)


class PendingUploads:
    """The waiting files of one app, by token; thread-safe."""

    def __init__(self, keep: int = KEEP, ttl: timedelta = TTL) -> None:
        self.keep = keep
        self.ttl = ttl
        self._pending: dict[str, Pending] = {}
        self._lock = threading.Lock()

    def add(self, pending: Pending) -> None:
        """Keep ``pending``, first forgetting the files older than ``ttl`` (all of them when full)."""
        with self._lock:
            for token, old in list(self._pending.items()):
                if old.created + self.ttl < pending.created or len(self._pending) >= self.keep:
                    forget(self._pending.pop(token))
            self._pending[pending.token] = pending

    def get(self, token: str) -> Pending | None:
        """The file waiting under ``token``, or None."""
        with self._lock:
            return self._pending.get(token)

    def remove(self, token: str) -> None:
        """Stop keeping the file under ``token`` (its folder is the caller's to delete)."""
        with self._lock:
            self._pending.pop(token, None)
