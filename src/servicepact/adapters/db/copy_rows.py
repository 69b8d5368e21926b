"""PostgreSQL's bulk path: rows as ``COPY`` text, and a ``COPY`` that stores each row once even when a
concurrent import stored some of them first (see ``bulk``'s docstring)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.adapters.db.errors import UNIQUE_VIOLATION
from servicepact.services.ports import ImportProgress

CHUNK = 50_000
UNIQUE_KEYS = {"tickets": "client_id, external_id", "ticket_events": "ticket_id, key"}


def chunks(n: int, size: int = CHUNK) -> Iterator[slice]:
    for start in range(0, n, size):
        yield slice(start, min(n, start + size))


@functools.cache
def _times_of_day() -> npt.NDArray[np.object_]:
    """``T00:00:00`` ... ``T23:59:59``, made once (a whole value, never seen half-filled by a thread)."""
    return np.array(
        [f"T{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)], dtype=object
    )


def stamps(seconds: npt.NDArray[np.int64]) -> list[str]:
    """Instants as ISO text to the second, UTC (``2026-01-05T09:00:00``), which PostgreSQL reads into
    ``timestamptz`` with the session in UTC.

    NumPy's ``datetime_as_string`` costs about a microsecond per value; millions of events span a few
    thousand days, so the text is a day's text plus a time of day's, both looked up.
    """
    if seconds.size == 0:
        return []
    days, clock = np.divmod(seconds, 86400)
    first, last = int(days.min()), int(days.max())
    if last - first > 100_000:
        return np.datetime_as_string(seconds.astype("datetime64[s]"), unit="s").tolist()  # type: ignore[no-any-return]
    day_text = np.arange(first, last + 1).astype("datetime64[D]").astype(str).astype(object)
    times = _times_of_day()
    return list(map(str.__add__, day_text[days - first].tolist(), times[clock].tolist()))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_cells(values: list[Any]) -> list[str]:
    """Cells of COPY's text format: ``\\N`` for NULL; backslash, tab and line breaks escaped (only
    in the rare columns that hold one, found with one C-level scan of the joined column)."""
    cells = [v if v.__class__ is str else ("\\N" if v is None else str(v)) for v in values]
    probe = "\x00".join(cells)
    if "\t" in probe or "\n" in probe or "\r" in probe or probe.count("\\") != cells.count("\\N"):
        cells = [
            "\\N" if v is None else (v if v.__class__ is str else str(v)).translate(_COPY_ESCAPES)
            for v in values
        ]
    return cells


@dataclass(frozen=True)
class Rows:
    """Rows to copy into ``table``: its ``names`` (``client_id`` first when given, the same for every
    row) and one list of cells per column after it, ``total`` rows long."""

    table: str
    names: tuple[str, ...]
    client_id: int | None
    columns: list[list[Any]]
    total: int

    @property
    def phase(self) -> str:
        """The name of the import's phase for progress: ``tickets`` or ``events``."""
        return self.table.replace("ticket_", "")


def copy_rows(driver: Any, rows: Rows, progress: ImportProgress | None, into: str | None = None) -> None:
    """``COPY`` the rows (into ``into`` instead of their table when given), written as text in blocks
    (psycopg's ``write_row`` costs ~10 µs a row)."""
    cursor = driver.cursor()
    cursor.execute("SET LOCAL TIME ZONE 'UTC'")  # COPY reads the instants' text as UTC
    try:
        with cursor.copy(f"COPY {into or rows.table} ({', '.join(rows.names)}) FROM STDIN") as copy:
            for part in chunks(rows.total):
                cells = [copy_cells(column[part]) for column in rows.columns]
                if rows.client_id is not None:
                    cells.insert(0, [str(rows.client_id)] * (part.stop - part.start))
                copy.write("\n".join(map("\t".join, zip(*cells, strict=True))) + "\n")
                if progress is not None:
                    progress(rows.phase, part.stop, rows.total)
    finally:
        cursor.close()


def copy_once(driver: Any, rows: Rows, progress: ImportProgress | None) -> int:
    """``COPY`` rows believed new; return how many this import stored.

    When a concurrent import stored some of them first (the unique index refuses the ``COPY``, once
    the other import has committed), the ``COPY`` is undone to a savepoint and the rows go through a
    temporary table and ``INSERT ... ON CONFLICT DO NOTHING``: the rows already stored are skipped.
    """
    driver.execute("SAVEPOINT bulk_copy")
    try:
        copy_rows(driver, rows, progress)
    except Exception as error:
        if getattr(error, "sqlstate", None) != UNIQUE_VIOLATION:
            raise
        driver.execute("ROLLBACK TO SAVEPOINT bulk_copy")
        added = _insert_staged(driver, rows, progress)
    else:
        added = rows.total
    driver.execute("RELEASE SAVEPOINT bulk_copy")
    return added


def _insert_staged(driver: Any, rows: Rows, progress: ImportProgress | None) -> int:
    """Copy the rows into a temporary table, then insert those not stored (in the order of the unique
    key, so that concurrent imports take their row locks in one order); return how many."""
    table, listed, unique = rows.table, ", ".join(rows.names), UNIQUE_KEYS[rows.table]
    staged = f"staged_{table}"
    driver.execute(
        f"CREATE TEMPORARY TABLE {staged} ON COMMIT DROP AS SELECT {listed} FROM {table} WITH NO DATA"
    )
    copy_rows(driver, rows, progress, into=staged)
    inserted = driver.execute(
        f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {staged} ORDER BY {unique} "
        f"ON CONFLICT ({unique}) DO NOTHING"
    )
    added = max(int(inserted.rowcount), 0)
    driver.execute(f"DROP TABLE {staged}")
    return added
