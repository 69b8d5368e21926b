"""CSV input files read as columns, block by block.

Most exports have no quotes at all. For those, a block of whole lines is split with two C-level
``str`` operations (every line break becomes a comma, then one ``split``) and each column is a slice
of that list: no Python object per row. NumPy counts the commas of every line first; a block where a
line has the wrong number of cells (or a blank line) is read with the ``csv`` module instead, which
also reads every file that has a quote anywhere (a quoted cell may hold commas and line breaks).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from servicepact.adapters.inputs.problems import DataFileError, ProblemLog, RowProblem

BLOCK_BYTES = 1 << 23
"""Bytes read per block (whole lines are kept together)."""

Cells = Mapping[str, list[str]]
Lines = npt.NDArray[np.int64]
HeaderCheck = Callable[[list[str], int], None]
"""Called with the lower-cased column names and the header's line; raises when they do not fit."""

_BOM = b"\xef\xbb\xbf"


def read_csv_columns(
    path: Path,
    source: str,
    check_header: HeaderCheck,
    log: ProblemLog,
    block_bytes: int | None = None,
) -> Iterator[tuple[Cells, Lines, int]]:
    """Yield ``(cells, lines, rows_read)`` per block: the columns of the good rows by name, the line of
    each, and how many rows (good or not) the block held. Rows with the wrong number of cells are
    reported to ``log`` and left out; syntax and encoding problems raise :class:`DataFileError`."""
    try:
        quoted = _needs_csv_module(path)
    except OSError as error:
        raise log.fatal(
            RowProblem(source, None, None, f"cannot be read: {error.strerror or error}")
        ) from error
    if quoted:
        yield from _quoted(path, source, check_header, log)
        return
    header: list[str] | None = None
    line = 1  # the line the next block starts on
    for block in _blocks(path, source, log, block_bytes or BLOCK_BYTES):
        text = _decode(block, source, line, log)
        if header is None:
            text, line, header = _take_header(text, line)
            if header is None:
                continue
            check_header(header, line - 1)
        if not text:
            continue
        cells, lines, rows, line = _block_columns(text, block, header, line, source, log)
        yield cells, lines, rows
    if header is None:
        raise log.fatal(RowProblem(source, None, None, "is empty (no header row)"))


def _needs_csv_module(path: Path) -> bool:
    """Whether the file has a quote or a carriage return not followed by a line feed."""
    with path.open("rb") as handle:
        while block := handle.read(1 << 24):
            # `in` is a memchr; count only when there is a carriage return at all.
            if b'"' in block or (b"\r" in block and block.count(b"\r") != block.count(b"\r\n")):
                return True
    return False


def _blocks(path: Path, source: str, log: ProblemLog, block_bytes: int) -> Iterator[bytes]:
    """Blocks of whole lines (each ends with a line feed, except perhaps the last)."""
    try:
        with path.open("rb") as handle:
            pending = handle.read(len(_BOM))
            if pending == _BOM:
                pending = b""
            while True:
                data = handle.read(block_bytes)
                if not data:
                    if pending:
                        yield pending
                    return
                pending += data
                cut = pending.rfind(b"\n")
                if cut >= 0:
                    yield pending[: cut + 1]
                    pending = pending[cut + 1 :]
    except OSError as error:
        raise log.fatal(
            RowProblem(source, None, None, f"cannot be read: {error.strerror or error}")
        ) from error


def _decode(block: bytes, source: str, line: int, log: ProblemLog) -> str:
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = line + block.count(b"\n", 0, error.start)
        raise log.fatal(RowProblem(source, bad_line, None, "is not UTF-8 text")) from error


def _take_header(text: str, line: int) -> tuple[str, int, list[str] | None]:
    """Split the header row (the first non-blank line) off ``text``; return the rest and its first line.

    Only used on files without quotes or lone carriage returns, so a line is a row.
    """
    position = 0
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        row = text[position:end].removesuffix("\r")
        line += 1
        position = end + 1
        if row:
            return text[position:], line, [name.strip().lower() for name in row.split(",")]
    return "", line, None


class BlockColumns(Mapping[str, list[str]]):
    """The columns of a block of unquoted CSV lines, cut out of the block's bytes only when asked for.

    ``block[name]`` gives the cells as strings; :meth:`fixed` gives them as a matrix of bytes (for
    timestamps), so that columns nobody needs as strings never become Python objects.
    """

    def __init__(self, data: npt.NDArray[np.uint8], names: list[str], starts: Lines, ends: Lines) -> None:
        self._data = data
        self._names = {name: i for i, name in enumerate(names)}
        self._starts = starts
        self._ends = ends
        self._cache: dict[str, list[str]] = {}
        self._windows: npt.NDArray[np.uint8] | None = None

    def __getitem__(self, name: str) -> list[str]:
        if name not in self._cache:
            i = self._names[name]
            self._cache[name] = _cut_strings(self._data, self._starts[:, i], self._ends[:, i])
        return self._cache[name]

    def __contains__(self, name: object) -> bool:
        # Mapping's own __contains__ (and get) would call __getitem__: make every cell of the column a
        # string just to answer whether it exists.
        return name in self._names

    def get(self, name: str, default: list[str] | None = None) -> list[str] | None:  # type: ignore[override]
        return self[name] if name in self._names else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def fixed(self, name: str, width: int) -> tuple[npt.NDArray[np.uint8], Lines]:
        """The cells of a column as an ``(n, width)`` byte matrix (zero-padded, longer cells cut) and
        the byte length of each cell."""
        i = self._names[name]
        starts, lengths = self._starts[:, i], self._ends[:, i] - self._starts[:, i]
        if self._windows is None or self._windows.shape[1] < width:
            padded = np.concatenate((self._data, np.zeros(width, dtype=np.uint8)))
            self._windows = sliding_window_view(padded, width)
        matrix = self._windows[starts, :width]  # one row of bytes per cell, without an index per byte
        matrix *= np.arange(width) < lengths[:, None]  # zero the bytes after each cell
        return matrix, lengths

    def lengths(self, name: str) -> Lines:
        """The byte length of each cell of a column."""
        i = self._names[name]
        return self._ends[:, i] - self._starts[:, i]

    def cell(self, name: str, row: int) -> str:
        """One cell as a string."""
        i = self._names[name]
        return self._data[self._starts[row, i] : self._ends[row, i]].tobytes().decode("utf-8")


def _cut_strings(data: npt.NDArray[np.uint8], starts: Lines, ends: Lines) -> list[str]:
    """The cells ``data[starts[i]:ends[i]]`` as strings: gathered into one buffer, split in C."""
    if starts.size == 0:
        return []
    sizes = ends - starts + 1  # each cell and one separator
    offsets = np.cumsum(sizes) - sizes
    source = np.repeat(starts - offsets, sizes) + np.arange(int(sizes.sum()))
    buffer = data[np.minimum(source, data.size - 1)]
    buffer[offsets + sizes - 1] = 10
    return buffer[:-1].tobytes().decode("utf-8").split("\n")


def _block_columns(
    text: str, block: bytes, header: list[str], line: int, source: str, log: ProblemLog
) -> tuple[Cells, Lines, int, int]:
    """The columns of a block: cut from its bytes when every line has the header's number of cells,
    else read with the ``csv`` module (which reports the bad rows)."""
    width = len(header)
    body = text.encode("utf-8")
    data = np.frombuffer(body, dtype=np.uint8)
    if width > 1 and data.size:
        marks = np.flatnonzero((data == 44) | (data == 10))
        if data[-1] != 10:
            marks = np.append(marks, data.size)
        if marks.size % width == 0:
            delimiters = marks.reshape(-1, width)
            last = delimiters[:, -1]
            regular = bool((data[delimiters[:, :-1]] == 44).all())
            regular = regular and bool((data[last[last < data.size]] == 10).all())
            if regular:
                starts = np.empty_like(delimiters)
                starts[:, 1:] = delimiters[:, :-1] + 1
                starts[0, 0] = 0
                starts[1:, 0] = last[:-1] + 1
                ends = delimiters.copy()
                # A CRLF line's last cell ends before the carriage return.
                before = np.maximum(ends[:, -1] - 1, 0)
                ends[(ends[:, -1] > starts[:, -1]) & (data[before] == 13), -1] -= 1
                rows = len(delimiters)
                lines = np.arange(line, line + rows, dtype=np.int64)
                return BlockColumns(data, header, starts, ends), lines, rows, line + rows
    return _csv_block(text, header, line, source, log)


def _csv_block(
    text: str, header: list[str], line: int, source: str, log: ProblemLog
) -> tuple[Cells, Lines, int, int]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
    except csv.Error as error:
        raise log.fatal(
            RowProblem(source, line + reader.line_num - 1, None, f"is not valid CSV ({error})")
        ) from error
    starts = _row_start_lines(ends, 1) + (line - 1)
    cells, lines = _columns(rows, starts, header, source, log)
    return cells, lines, sum(1 for row in rows if row), line + reader.line_num


def _quoted(
    path: Path, source: str, check_header: HeaderCheck, log: ProblemLog
) -> Iterator[tuple[Cells, Lines, int]]:
    """Files with quotes: the ``csv`` module, asking it for each row's last line."""
    chunk_rows = 100_000
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next((row for row in reader if row), None)
            if header is None:
                raise log.fatal(RowProblem(source, None, None, "is empty (no header row)"))
            names = [name.strip().lower() for name in header]
            check_header(names, reader.line_num)
            next_line = reader.line_num + 1
            while True:
                rows: list[list[str]] = []
                ends: list[int] = []
                for row in reader:
                    rows.append(row)
                    ends.append(reader.line_num)
                    if len(rows) >= chunk_rows:
                        break
                if not rows:
                    return
                starts = _row_start_lines(ends, next_line)
                next_line = reader.line_num + 1
                cells, lines = _columns(rows, starts, names, source, log)
                yield cells, lines, sum(1 for row in rows if row)
        except csv.Error as error:
            raise log.fatal(
                RowProblem(source, reader.line_num or None, None, f"is not valid CSV ({error})")
            ) from error
        except UnicodeDecodeError as error:
            raise log.fatal(RowProblem(source, reader.line_num + 1, None, "is not UTF-8 text")) from error


def _columns(
    rows: list[list[str]], starts: Lines, names: list[str], source: str, log: ProblemLog
) -> tuple[Cells, Lines]:
    """Columns of the rows with as many cells as the header; others are reported (blank ones skipped)."""
    width = len(names)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    keep = lengths == width
    for row in np.flatnonzero(~keep & (lengths > 0)).tolist():
        log.add(
            RowProblem(source, int(starts[row]), None, f"has {lengths[row]} cells, the header has {width}")
        )
    if not keep.all():
        rows = [rows[i] for i in np.flatnonzero(keep).tolist()]
    if not rows:
        return {name: [] for name in names}, starts[keep]
    cells = {name: list(column) for name, column in zip(names, zip(*rows, strict=True), strict=True)}
    return cells, starts[keep]


def _row_start_lines(ends: list[int], first: int) -> Lines:
    """The first physical line of each row, given the last line of each."""
    end = np.array(ends, dtype=np.int64)
    start = np.empty_like(end)
    if end.size:
        start[0] = first
        start[1:] = end[:-1] + 1
    return start


__all__ = ["BLOCK_BYTES", "DataFileError", "read_csv_columns"]
