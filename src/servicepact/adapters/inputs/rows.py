"""What every input reader shares: opening a CSV or JSON-list file, checking its columns, and reading it
as chunks of columns in which readers mark bad rows.

A file is read as columns, chunk by chunk (:class:`Chunk`), so that millions of rows cost no Python
object per row beyond the cell strings. Readers check a chunk column by column; each check reports
the bad rows it finds (:meth:`Chunk.report`), and readers keep the rows not marked ``bad``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from servicepact.adapters.inputs.csv_files import BlockColumns, read_csv_columns
from servicepact.adapters.inputs.ids import KEY_BYTES, hash_ids, id_bytes
from servicepact.adapters.inputs.json_files import json_cell, load_json_list
from servicepact.adapters.inputs.problems import DataFileError, ProblemLog, RowProblem
from servicepact.adapters.inputs.timestamps import (
    WIDTH,
    Mask,
    Seconds,
    parse_instant_matrix,
    parse_instants,
    skipped_local_time,
    to_datetime,
)
from servicepact.domain.input_rules import InputRules, PriorityLevels
from servicepact.domain.records import ObjectArray, none_cells, object_array

JSON_CHUNK_ROWS = 100_000
"""Objects of a JSON list per chunk."""
INTERNED_BYTES = 64
"""Cells up to this long are interned by :meth:`Chunk.interned_text`; a column with longer ones is not."""

Progress = Callable[[int], None]

__all__ = [
    "Chunk",
    "Columns",
    "DataFileError",
    "ObjectArray",
    "ProblemLog",
    "Progress",
    "Repeats",
    "RowProblem",
    "check_priorities",
    "concat",
    "is_json",
    "read_chunks",
    "source_name",
]


@dataclass(frozen=True)
class Columns:
    """The columns a file may have: ``required``, ``optional``, ``groups`` of which one must be complete
    (e.g. ``(("priority",), ("impact", "urgency"))``), and whether any other column is allowed."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()
    open: bool = False

    @property
    def known(self) -> tuple[str, ...]:
        grouped = tuple(name for group in self.groups for name in group)
        return self.required + grouped + self.optional

    def header_problems(self, names: Sequence[str]) -> list[str]:
        """Reasons the header ``names`` does not fit, with the column each names (empty when it fits)."""
        reasons = []
        seen: set[str] = set()
        known = set(self.known)
        for name in names:
            if name in seen:
                reasons.append(f"column '{name}' appears twice")
            seen.add(name)
            if name not in known and not self.open:
                reasons.append(f"unknown column '{name}' (known: {', '.join(self.known)})")
        missing = [name for name in self.required if name not in seen]
        if missing:
            reasons.append(f"missing required column(s): {', '.join(missing)}")
        if self.groups:
            complete = [g for g in self.groups if all(name in seen for name in g)]
            if not complete:
                options = " | ".join("+".join(g) for g in self.groups)
                reasons.append(f"needs the column(s) {options}")
            for group in self.groups:
                present = [name for name in group if name in seen]
                if present and len(present) < len(group):
                    absent = [name for name in group if name not in seen]
                    reasons.append(f"column(s) {', '.join(present)} need(s) {', '.join(absent)} too")
        return reasons


@dataclass
class Chunk:
    """Consecutive rows of a file as columns of strings (``''`` is an empty cell).

    ``columns`` holds every column of the header (by lower-case name); ``lines`` the physical line of
    each row; ``index`` the JSON list position of each row (None for CSV); ``raw`` the JSON objects
    (for readers that keep JSON types). ``bad`` marks rows found bad so far. ``rules`` are the checks
    of spec 1.1 §5: text columns come out through the user's value maps, and an instant after ``now``
    makes its row bad.
    """

    source: str
    columns: Mapping[str, Sequence[str]]
    lines: npt.NDArray[np.int64]
    log: ProblemLog
    index: npt.NDArray[np.int64] | None = None
    raw: list[dict[str, Any]] | None = None
    rules: InputRules = field(default_factory=InputRules)
    bad: Mask = field(init=False)
    _ids: dict[str, tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], dict[int, str]]] = field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self.bad = np.zeros(len(self.lines), dtype=bool)

    def __len__(self) -> int:
        return len(self.lines)

    def report(self, row: int, column: str | None, reason: str) -> None:
        """Mark row ``row`` (of this chunk) bad with a reason about ``column``."""
        self.bad[row] = True
        index = None if self.index is None else int(self.index[row])
        self.log.add(RowProblem(self.source, int(self.lines[row]), column, reason, index))

    def report_many(
        self, rows: npt.NDArray[np.intp], column: str | None, reason: Callable[[int], str]
    ) -> None:
        for row in rows.tolist():
            self.report(row, column, reason(row))

    def has(self, name: str) -> bool:
        return name in self.columns

    def text(self, name: str) -> Sequence[str]:
        """The cells of a column (all ``''`` when the file has no such column)."""
        column = self.columns.get(name)
        return column if column is not None else ("",) * len(self)

    def optional_text(self, name: str) -> ObjectArray:
        """A column as an object array with None for empty cells."""
        cells = self.text(name)
        out = object_array(cells)
        if "" in cells:
            out[out == ""] = None
        return self.mapped(name, out)

    def mapped(self, name: str, values: ObjectArray) -> ObjectArray:
        """``values`` of column ``name`` through the user's value map of that column (spec 1.1 §5),
        each distinct value looked up once."""
        if not self.rules.values.has(name) or len(values) == 0:
            return values
        lookup = {value: self.rules.values.map(name, value) for value in set(values.tolist())}
        return object_array(list(map(lookup.__getitem__, values.tolist())))

    def interned_text(self, name: str) -> ObjectArray:
        """Like :meth:`optional_text`, for columns of few distinct values (priorities, services, states):
        one string per distinct cell, found by hashing the cells' bytes, instead of one per row."""
        columns = self.columns
        if not (isinstance(columns, BlockColumns) and name in columns) or len(self) == 0:
            return self.optional_text(name)
        lengths = columns.lengths(name)
        width = -(-int(lengths.max()) // 8) * 8
        if width > INTERNED_BYTES:
            return self.optional_text(name)
        if width == 0:
            return np.full(len(self), None, dtype=object)
        matrix, _ = columns.fixed(name, width)
        # Any row of a group can stand for it: without return_index, np.unique needs no stable sort.
        distinct_hashes, inverse = np.unique(hash_ids(matrix, lengths), return_inverse=True)
        inverse = inverse.reshape(-1)
        first = np.empty(len(distinct_hashes), dtype=np.int64)
        first[inverse] = np.arange(len(inverse))
        representative = first[inverse]
        same = (lengths == lengths[representative]) & (matrix == matrix[representative]).all(axis=1)
        if not same.all():  # two different cells with one hash: never seen, but then strings decide
            return self.optional_text(name)
        distinct = object_array(
            [self.rules.values.map(name, columns.cell(name, row) or None) for row in first.tolist()]
        )
        return distinct[inverse]

    def id_cells(self, name: str) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], dict[int, str]]:
        """A column of ids as a ``(n, KEY_BYTES)`` byte matrix, the byte length of each cell, and the text
        of the cells longer than ``KEY_BYTES`` by row (see :mod:`servicepact.adapters.inputs.ids`)."""
        if name not in self._ids:
            self._ids[name] = self._id_cells(name)
        return self._ids[name]

    def _id_cells(self, name: str) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64], dict[int, str]]:
        columns = self.columns
        if isinstance(columns, BlockColumns) and name in columns:
            matrix, lengths = columns.fixed(name, KEY_BYTES)
            matrix = np.ascontiguousarray(matrix)
            long = {row: columns.cell(name, row) for row in np.flatnonzero(lengths > KEY_BYTES).tolist()}
            return matrix, lengths, long
        cells = self.text(name)
        matrix, lengths = id_bytes(cells)
        return matrix, lengths, {row: cells[row] for row in np.flatnonzero(lengths > KEY_BYTES).tolist()}

    def cell_text(self, name: str, row: int) -> str:
        """One cell as a string."""
        columns = self.columns
        if isinstance(columns, BlockColumns) and name in columns:
            return columns.cell(name, row)
        return self.text(name)[row]

    def required_text(self, name: str) -> ObjectArray:
        """A column that must not be empty; an empty cell makes its row bad."""
        values = self.optional_text(name)
        for row in np.flatnonzero(none_cells(values)).tolist():
            self.report(row, name, "is empty")
        return values

    def either_text(self, first: str, second: str) -> tuple[ObjectArray, ObjectArray]:
        """Two optional columns of which each row needs one (a backup run's ``backup_id`` or its
        ``system``); a row with neither is bad, reported on ``first`` when the file has it."""
        first_values, second_values = self.optional_text(first), self.optional_text(second)
        column = first if self.has(first) else second
        for row in np.flatnonzero(none_cells(first_values) & none_cells(second_values)).tolist():
            self.report(row, column, "is empty")
        return first_values, second_values

    def instants(self, name: str, zone: tzinfo, required: bool) -> tuple[Seconds, Mask]:
        """A timestamp column as epoch seconds and a mask of the cells that hold one."""
        columns = self.columns
        if isinstance(columns, BlockColumns) and name in columns:
            matrix, lengths = columns.fixed(name, WIDTH)
            seconds, ok, empty = parse_instant_matrix(
                matrix, lengths, zone, lambda row: columns.cell(name, row)
            )
            cell: Callable[[int], str] = lambda row: columns.cell(name, row)  # noqa: E731
        else:
            cells = self.text(name)
            seconds, ok, empty = parse_instants(cells, zone)
            cell = cells.__getitem__
        for row in np.flatnonzero(~ok & ~empty).tolist():
            self.report(row, name, f"{cell(row)!r} is not an ISO 8601 timestamp")
        if required:
            for row in np.flatnonzero(empty).tolist():
                self.report(row, name, "is empty")
        now = self.rules.now
        if now is not None:
            for row in np.flatnonzero(ok & (seconds > now)).tolist():
                self.report(row, name, f"{cell(row)!r} is after now ({to_datetime(now).isoformat()})")
        return seconds, ok

    def choice(self, name: str, allowed: Sequence[str]) -> npt.NDArray[np.int64]:
        """A column of one of ``allowed`` (case-insensitive) as indexes into it; -1 where bad."""
        columns = self.columns
        if isinstance(columns, BlockColumns) and name in columns and not self.rules.values.has(name):
            # Compare bytes, not strings: a type column of millions of rows makes no Python object.
            width = max(len(value) for value in allowed)
            matrix, lengths = columns.fixed(name, width)
            result = np.full(len(self), -1, dtype=np.int64)
            for code, value in enumerate(allowed):
                pattern = np.zeros(width, dtype=np.uint8)
                pattern[: len(value)] = np.frombuffer(value.encode(), dtype=np.uint8)
                result[(lengths == len(value)) & (matrix == pattern).all(axis=1)] = code
            cell: Callable[[int], str] = lambda row: columns.cell(name, row)  # noqa: E731
        else:
            cells = self.text(name)
            codes = {value: i for i, value in enumerate(allowed)}
            if self.rules.values.has(name):
                lookup = {c: self.rules.values.map(name, c) or "" for c in set(cells)}
                cells = [lookup[c] for c in cells]
            result = np.fromiter(map(codes.get, cells, repeat(-1)), dtype=np.int64, count=len(self))
            cell = cells.__getitem__
        for row in np.flatnonzero(result < 0).tolist():
            text = cell(row)
            value = text.strip().lower()
            if value in allowed:
                result[row] = allowed.index(value)
            elif value:
                self.report(row, name, f"{text!r} is not one of {', '.join(allowed)}")
            else:
                self.report(row, name, "is empty")
        return result


def check_priorities(
    chunk: Chunk,
    column: str,
    priorities: ObjectArray,
    judged_at: Seconds,
    levels: PriorityLevels,
    rows: npt.NDArray[np.intp] | None = None,
) -> None:
    """Report the rows whose priority is not a level of the version in force at ``judged_at`` (spec 1.1
    §5; rows no version covers are not checked). ``rows`` limits the check (default: every row)."""
    rows = np.flatnonzero(~none_cells(priorities) & ~chunk.bad) if rows is None else rows
    if rows.size == 0:
        return
    starts = np.array(levels.starts, dtype=np.int64)
    version = np.searchsorted(starts, judged_at[rows], side="right") - 1
    values = priorities[rows]
    for number in np.unique(version).tolist():
        if number < 0:
            continue
        known = levels.levels[number]
        mine = np.flatnonzero(version == number)
        subset = values[mine].tolist()
        # Priorities are few distinct strings: each is looked up once, the rows by a C-level map.
        fits = {value: value is None or value in known for value in set(subset)}
        if all(fits.values()):
            continue
        unknown = np.fromiter(map(fits.__getitem__, subset), dtype=bool, count=len(subset))
        for position in mine[~unknown].tolist():
            value = values[position]
            row = int(rows[position])
            given = (chunk.cell_text(column, row).strip() if chunk.has(column) else "") or value
            mapped = f" (mapped to {value!r})" if given != value else ""
            chunk.report(
                row,
                column,
                f"{given!r}{mapped} is not a priority of the agreement ({', '.join(sorted(known))}); "
                f"map it with --map-value priority:{given}=LEVEL",
            )


@dataclass
class Repeats:
    """Finds rows that repeat an earlier row's key (the key the database stores them under: a backup
    run by its target and start...). A repeat is a bad row naming the line it repeats, and, when either
    row's time was a local time the clocks skipped, how that time was read (spec §1), so that a file
    reads the same way in ``evaluate`` as in ``import``, where the database keeps one row per key."""

    source: str
    column: str
    what: str
    zone: tzinfo
    first: dict[Any, tuple[int, str]] = field(default_factory=dict)

    def check(self, chunk: Chunk, row: int, key: Any) -> bool:
        """Whether row ``row`` of ``chunk`` is new (reports it as bad when it repeats an earlier one)."""
        cell = chunk.cell_text(self.column, row).strip()
        line = int(chunk.lines[row])
        earlier = self.first.get(key)
        if earlier is None:
            self.first[key] = (line, cell)
            return True
        notes = [
            f"{text!r} is a local time the clocks skipped, read as {read}"
            for text in dict.fromkeys((cell, earlier[1]))
            if (read := skipped_local_time(text, self.zone)) is not None
        ]
        reason = f"repeats the {self.what} of line {earlier[0]}" + (f" ({'; '.join(notes)})" if notes else "")
        chunk.report(row, self.column, reason)
        return False


def source_name(path: Path) -> str:
    return path.name


def is_json(path: Path) -> bool:
    """JSON by extension (``.json``), CSV by ``.csv``, else JSON when the first non-space byte is ``[``."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix == ".json"
    with path.open("rb") as handle:
        start = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start[:1] == b"["


def read_chunks(
    path: Path | str,
    columns: Columns,
    log: ProblemLog,
    *,
    progress: Progress | None = None,
    progress_base: int = 0,
    block_bytes: int | None = None,
    rules: InputRules | None = None,
) -> Iterator[Chunk]:
    """Read a CSV or JSON-list file as chunks of columns, checking its header against ``columns``.

    Header, encoding and syntax problems raise :class:`DataFileError` (no row of such a file can be
    trusted); a row with the wrong number of cells, or a JSON element that is not a flat object, is
    reported as a bad row and left out of the chunks. ``progress(rows_done)`` follows each chunk,
    counting from ``progress_base``. ``rules`` go with every chunk (see :class:`Chunk`).
    """
    rules = rules or InputRules()
    path = Path(path)
    source = source_name(path)
    try:
        json_file = is_json(path)
    except OSError as error:
        raise log.fatal(
            RowProblem(source, None, None, f"cannot be read: {error.strerror or error}")
        ) from error
    if json_file:
        yield from _json_chunks(path, source, columns, log, progress, progress_base, rules)
        return

    def check_header(names: list[str], line: int) -> None:
        reasons = columns.header_problems(names)
        if reasons:
            for reason in reasons:
                log.add(RowProblem(source, line, None, reason))
            raise DataFileError(log.problems, log.total)

    done = progress_base
    options = {} if block_bytes is None else {"block_bytes": block_bytes}
    for cells, lines, rows in read_csv_columns(path, source, check_header, log, **options):
        if len(lines):
            yield Chunk(source, cells, lines, log, rules=rules)
        done += rows
        if progress is not None:
            progress(done)


def _json_chunks(
    path: Path,
    source: str,
    columns: Columns,
    log: ProblemLog,
    progress: Progress | None,
    progress_base: int,
    rules: InputRules,
) -> Iterator[Chunk]:
    objects = load_json_list(path, source, log)
    known = set(columns.known)
    done = progress_base
    for start in range(0, len(objects), JSON_CHUNK_ROWS):
        part = objects[start : start + JSON_CHUNK_ROWS]
        kept: list[tuple[int, int, dict[str, Any]]] = []
        for index, line, obj in part:
            problem = _json_object_problem(obj, columns, known)
            if problem is not None:
                log.add(RowProblem(source, line, problem[0], problem[1], index))
            else:
                assert isinstance(obj, dict)
                kept.append((index, line, {str(k).strip().lower(): v for k, v in obj.items()}))
        if kept:
            names = list(dict.fromkeys(name for _, _, obj in kept for name in obj))
            cells: dict[str, Sequence[str]] = {
                name: [json_cell(obj.get(name)) for _, _, obj in kept] for name in names
            }
            lines = np.array([line for _, line, _ in kept], dtype=np.int64)
            index_array = np.array([index for index, _, _ in kept], dtype=np.int64)
            yield Chunk(source, cells, lines, log, index_array, [obj for _, _, obj in kept], rules)
        done += len(part)
        if progress is not None:
            progress(done)


def _json_object_problem(obj: object, columns: Columns, known: set[str]) -> tuple[str | None, str] | None:
    """The field and reason why a JSON list element cannot be a row (None when it can)."""
    if not isinstance(obj, dict):
        return None, f"is not an object but {type(obj).__name__}"
    values = {str(key).strip().lower(): value for key, value in obj.items()}
    for name in values:
        if name not in known and not columns.open:
            return name, f"unknown field (known: {', '.join(columns.known)})"
    for name in columns.required:
        if name not in values:
            return name, "is missing"
    if columns.groups and not any(all(name in values for name in g) for g in columns.groups):
        return None, "needs the field(s) " + " | ".join("+".join(g) for g in columns.groups)
    if not columns.open:
        for name, value in values.items():
            if isinstance(value, dict | list):
                return name, "is not a single value"
    return None


def concat(parts: list[npt.NDArray[Any]], dtype: Any) -> npt.NDArray[Any]:
    """Concatenate chunk arrays (an empty array of ``dtype`` when there are none)."""
    if not parts:
        return np.empty(0, dtype=dtype)
    return np.concatenate(parts).astype(dtype, copy=False)
