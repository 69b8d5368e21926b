"""Write ticket clocks as CSV or JSON, formatting whole columns at once (a million rows in seconds).

The CSV is built as bytes, a block of rows at a time: every column of the block becomes a matrix of
bytes (one row per ticket, right- or left-aligned, with the length or mask of the cell), and the cells
are scattered into one buffer with the commas and line feeds between them. Instants and integers are
formatted with integer arithmetic; text cells are joined and encoded once per column. No Python object
is made per cell except for the ids and priorities the results already hold, so memory stays at a few
tens of megabytes above the results whatever their number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from servicepact.domain.clocks.results import COLUMNS, ClockResults, ClockStatus

Bytes = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]
Cell = tuple[Bytes, Mask]
"""A column of a block as an ``(n, width)`` byte matrix and the mask of the bytes that belong to cells."""

BLOCK_BYTES = 1 << 24
"""About how many bytes of CSV one block makes (rows per block follow from the widest row)."""
MAX_BLOCK_ROWS = 100_000

_COMMA, _LINE_FEED, _ZERO = 44, 10, 48
_NONE = np.array(None, dtype=object)  # None as an array, where NumPy's stubs take no bare None


def clock_columns(results: ClockResults) -> dict[str, list[Any]]:
    """Every output column as a list of JSON-ready values (instants as ISO 8601 UTC with ``Z``)."""
    return {
        "id": results.ids.tolist(),
        "priority": results.priority.tolist(),
        "response_due": _instants(results.response_due),
        "responded_at": _instants(results.responded_at),
        "response_status": _statuses(results.response_status),
        "resolution_due": _instants(results.resolution_due),
        "resolved_at": _instants(results.resolved_at),
        "resolution_status": _statuses(results.resolution_status),
        "response_business_seconds": results.response_business.astype(np.int64).tolist(),
        "resolution_business_seconds": results.resolution_business.astype(np.int64).tolist(),
        "percent_used": _percents(results.percent_used),
        "after_hours_seconds": results.after_hours.astype(np.int64).tolist(),
    }


def write_clocks(results: ClockResults, target: Path | IO[str], *, kind: str) -> None:
    """Write as ``csv`` (a header row, empty cells for none) or ``json`` (a list of objects)."""
    if isinstance(target, Path):
        if kind == "csv":
            with target.open("wb") as binary:
                for block in csv_blocks(results):
                    binary.write(block)
            return
        with target.open("w", encoding="utf-8", newline="") as handle:
            write_clocks(results, handle, kind=kind)
        return
    if kind == "csv":
        write_clocks_csv(results, target)
    else:
        _write(clock_columns(results), target, kind)


def write_clocks_csv(results: ClockResults, handle: IO[str]) -> None:
    """The CSV (see :func:`csv_blocks`) written to a text handle."""
    for block in csv_blocks(results):
        handle.write(block.decode("utf-8"))


def csv_blocks(results: ClockResults) -> Iterator[bytes]:
    """The CSV of the results as UTF-8 blocks of whole lines, the header first.

    Cells are as ``str`` would give them: ``''`` for None and NaT, instants ``YYYY-MM-DDTHH:MM:SSZ``,
    seconds as integers, ``percent_used`` rounded to 2 decimals as NumPy prints it; an id or priority
    holding a comma, a quote, a line feed or a carriage return is quoted the CSV way, and one starting
    as a spreadsheet formula would (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a ``'`` first.

    >>> from zoneinfo import ZoneInfo
    >>> from servicepact import load_agreement
    >>> from servicepact.adapters.inputs.tickets import read_ticket_batch
    >>> from servicepact.domain.clocks import evaluate_clocks
    >>> from servicepact.testing import write_lines
    >>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")
    >>> tickets_csv = write_lines(TMP / "tickets.csv", "id,created_at,priority", "INC1,2027-03-02T10:00Z,P1")
    >>> tickets, events, _ = read_ticket_batch(tickets_csv, None, ZoneInfo("UTC"))
    >>> results = evaluate_clocks(agreement, tickets, events, np.datetime64("2027-04-01T00:00:00"))
    >>> b"".join(csv_blocks(results)).decode().splitlines()[0]
    'id,priority,response_due,...'
    """
    yield (",".join(COLUMNS) + "\n").encode()
    count = len(results)
    if count == 0:
        return
    ids, priorities = _Texts(results.ids), _Texts(results.priority)
    # The widest row decides how many rows a block holds: a few long ids must not blow up a block.
    widest = int(ids.lengths.max()) + int(priorities.lengths.max()) + 4 * 20 + 2 * 12 + 3 * 21 + 24 + 12
    step = max(1, min(MAX_BLOCK_ROWS, BLOCK_BYTES // widest))
    for start in range(0, count, step):
        rows = slice(start, min(start + step, count))
        cells = [
            ids.cells(rows),
            priorities.cells(rows),
            _instant_cells(results.response_due[rows]),
            _instant_cells(results.responded_at[rows]),
            _status_cells(results.response_status[rows]),
            _instant_cells(results.resolution_due[rows]),
            _instant_cells(results.resolved_at[rows]),
            _status_cells(results.resolution_status[rows]),
            _integer_cells(results.response_business[rows].astype(np.int64)),
            _integer_cells(results.resolution_business[rows].astype(np.int64)),
            _percent_cells(results.percent_used[rows]),
            _integer_cells(results.after_hours[rows].astype(np.int64)),
        ]
        yield _lines(cells)


def _lines(cells: list[Cell]) -> bytes:
    """The rows of a block: each row's cells in order, separated by commas, ended by a line feed.

    The cell matrices side by side, with a column of separators after each, read in row-major order
    keeping only the masked bytes, are the lines.
    """
    count = len(cells[0][0])
    matrices: list[Bytes] = []
    masks: list[Mask] = []
    for i, (matrix, mask) in enumerate(cells):
        separator = _LINE_FEED if i == len(cells) - 1 else _COMMA
        matrices += [matrix, np.full((count, 1), separator, dtype=np.uint8)]
        masks += [mask, np.ones((count, 1), dtype=bool)]
    return np.concatenate(matrices, axis=1)[np.concatenate(masks, axis=1)].tobytes()


class _Texts:
    """A text column as one UTF-8 buffer and the end of each cell in it (None is empty).

    The CSV is for spreadsheets, so a cell a spreadsheet would run as a formula (one starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return: OWASP's CSV injection) gets a ``'`` in front, and a
    cell holding a comma, a quote, a line feed or a carriage return is quoted the CSV way. Both are checked
    on the whole column at once; only a column that has such cells is rebuilt cell by cell.
    """

    def __init__(self, values: npt.NDArray[np.object_]) -> None:
        texts = values.tolist()
        try:  # all strings (ids always are): no list to build
            joined = "".join(texts)
        except TypeError:
            texts = ["" if value is None else value if type(value) is str else str(value) for value in texts]
            joined = "".join(texts)
        data, lengths = _encoded(texts, joined)
        changed = False
        firsts = data[(np.cumsum(lengths) - lengths)[lengths > 0]]  # formula characters are one byte in UTF-8
        if np.isin(firsts, _FORMULA_BYTES).any():
            texts = ["'" + text if text[:1] in FORMULA_STARTS else text for text in texts]
            changed = True
        if changed or any(char in joined for char in _QUOTED):
            texts = ['"' + text.replace('"', '""') + '"' if _special(text) else text for text in texts]
            changed = True
        if changed:
            data, lengths = _encoded(texts, "".join(texts))
        self.data = data
        self.lengths = lengths
        self.ends = np.cumsum(lengths)

    def cells(self, rows: slice) -> Cell:
        lengths = self.lengths[rows]
        stop = int(self.ends[rows][-1])
        start = stop - int(lengths.sum())
        width = int(lengths.max())
        mask = np.arange(width) < lengths[:, None]
        matrix = np.zeros(mask.shape, dtype=np.uint8)
        matrix[mask] = self.data[start:stop]  # row-major order: the cells one after another
        return matrix, mask


FORMULA_STARTS = frozenset("=+-@\t\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""
_FORMULA_BYTES = np.frombuffer("".join(sorted(FORMULA_STARTS)).encode(), dtype=np.uint8)
_QUOTED = (",", '"', "\n", "\r")


def _special(text: str) -> bool:
    return "," in text or '"' in text or "\n" in text or "\r" in text


def _encoded(texts: list[str], joined: str) -> tuple[Bytes, npt.NDArray[np.int64]]:
    """The UTF-8 bytes of ``joined`` (the ``texts`` one after another) and each text's length in bytes."""
    data = joined.encode("utf-8")
    if len(data) == len(joined):  # ASCII: characters are bytes
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    else:  # encode each distinct text once (priorities are a handful)
        sizes = {text: len(text.encode("utf-8")) for text in dict.fromkeys(texts)}
        lengths = np.fromiter(map(sizes.__getitem__, texts), dtype=np.int64, count=len(texts))
    return np.frombuffer(data, dtype=np.uint8), lengths


_TWO_DIGITS = np.frombuffer(b"".join(b"%02d" % i for i in range(100)), dtype=np.uint16)
_STATUS_TEXT = {status: str(status) for status in ClockStatus}


def _status_cells(values: npt.NDArray[np.object_]) -> Cell:
    """Statuses as ``str`` gives them (the enum's value), through a table of the few distinct ones."""
    items = values.tolist()
    distinct = dict.fromkeys(items)
    codes = {value: i for i, value in enumerate(distinct)}
    table = [_STATUS_TEXT.get(value) or str(value) for value in distinct]
    matrix, mask = _matrix([text.encode("utf-8") for text in table])
    index = np.fromiter(map(codes.__getitem__, items), dtype=np.intp, count=len(items))
    return matrix[index], mask[index]


def _matrix(cells: list[bytes]) -> Cell:
    """A few cells as a left-aligned matrix and its mask."""
    width = max((len(cell) for cell in cells), default=0)
    matrix = np.zeros((len(cells), width), dtype=np.uint8)
    for i, cell in enumerate(cells):
        matrix[i, : len(cell)] = np.frombuffer(cell, dtype=np.uint8)
    lengths = np.array([len(cell) for cell in cells], dtype=np.int64)
    return matrix, np.arange(width) < lengths[:, None]


def _instant_cells(values: npt.NDArray[np.datetime64]) -> Cell:
    """``YYYY-MM-DDTHH:MM:SSZ`` (empty for NaT), as ``numpy.datetime_as_string`` + ``Z`` would give it."""
    instants = values.astype("datetime64[s]")
    missing = np.isnat(instants)
    seconds = np.where(missing, 0, instants.astype(np.int64))
    days, second_of_day = np.divmod(seconds, 86400)
    year, month, day = _civil_from_days(days)
    hour, rest = np.divmod(second_of_day, 3600)
    minute, second = np.divmod(rest, 60)
    matrix = np.empty((len(values), 20), dtype=np.uint8)
    safe_year = np.clip(year, 0, 9999)
    for column, number in zip(
        (0, 2, 5, 8, 11, 14, 17),
        (safe_year // 100, safe_year % 100, month, day, hour, minute, second),
        strict=True,
    ):
        # Two digits at a time: a table of "00".."99" read as 16-bit words (a gather of bytes is slower).
        matrix[:, column : column + 2] = _TWO_DIGITS[number].view(np.uint8).reshape(-1, 2)
    matrix[:, [4, 7]] = ord("-")
    matrix[:, 10] = ord("T")
    matrix[:, [13, 16]] = ord(":")
    matrix[:, 19] = ord("Z")
    mask = np.repeat(~missing[:, None], 20, axis=1)
    odd = np.flatnonzero(~missing & ((year < 0) | (year > 9999)))
    if odd.size:  # years NumPy writes with a sign or more digits
        texts = [text + "Z" for text in np.datetime_as_string(instants[odd], unit="s").tolist()]
        return _override(matrix, mask, odd, texts)
    return matrix, mask


def _civil_from_days(days: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], ...]:
    """Proleptic Gregorian (year, month, day) of days since 1970-01-01 (H. Hinnant's algorithm)."""
    z = days + 719468
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    return year, month, day


def _integer_cells(values: npt.NDArray[np.int64]) -> Cell:
    """Integers right-aligned, as ``str`` gives them."""
    negative = values < 0
    magnitude = np.abs(values)  # the most negative int64 stays negative here: written as str gives it
    odd = np.flatnonzero(magnitude < 0)
    magnitude[odd] = 0
    digits = _digit_count(magnitude)
    width = int(digits.max()) + 1
    matrix = np.empty((len(values), width), dtype=np.uint8)
    for k in range(width - 1):
        matrix[:, width - 1 - k] = _ZERO + (magnitude // 10**k) % 10
    signed = np.flatnonzero(negative)
    matrix[signed, width - 1 - digits[signed]] = ord("-")  # just before the first digit
    lengths = digits + negative
    mask = np.arange(width) >= width - lengths[:, None]
    if odd.size:
        return _override(matrix, mask, odd, [str(v) for v in values[odd].tolist()])
    return matrix, mask


def _digit_count(magnitude: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    digits = np.ones(len(magnitude), dtype=np.int64)
    top = int(magnitude.max()) if len(magnitude) else 0
    power = 10
    while power <= top:
        digits += magnitude >= power
        power *= 10
    return digits


def _percent_cells(values: npt.NDArray[np.float64]) -> Cell:
    """``round(value, 2)`` as NumPy prints it (``12.5``, ``100.0``), empty for NaN.

    The usual values (0 to 10^12, so hundredths are exact integers) are written from the integer number of
    hundredths: NumPy's shortest round-trip form of the double nearest ``k/100`` is ``k/100`` itself,
    trailing zeros dropped but one decimal kept. Others go through NumPy's own formatting.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # huge values overflow here and are not usual
        rounded = np.round(values, 2)
        present = ~np.isnan(rounded)
        usual = present & (rounded >= 0) & (rounded < 1e12) & ~np.signbit(rounded)
        hundredths = np.where(usual, np.rint(values * 100), 0).astype(np.int64)
    whole, fraction = np.divmod(hundredths, 100)
    integer, integer_mask = _integer_cells(whole)
    tenths, last = np.divmod(fraction, 10)
    decimals = np.empty((len(values), 3), dtype=np.uint8)
    decimals[:, 0] = ord(".")
    decimals[:, 1] = _ZERO + tenths
    decimals[:, 2] = _ZERO + last
    decimal_mask = np.ones((len(values), 3), dtype=bool)
    decimal_mask[:, 2] = last != 0
    matrix = np.concatenate((integer, decimals), axis=1)
    mask = np.concatenate((integer_mask, decimal_mask), axis=1) & present[:, None]
    odd = np.flatnonzero(present & ~usual)
    if odd.size:
        return _override(matrix, mask, odd, rounded[odd].astype(str).tolist())
    return matrix, mask


def _override(matrix: Bytes, mask: Mask, rows: npt.NDArray[np.intp], texts: list[str]) -> Cell:
    """Put ``texts`` (left-aligned) in ``rows`` of a cell matrix, widening it when they need it."""
    cells, cell_mask = _matrix([text.encode("utf-8") for text in texts])
    width = max(matrix.shape[1], cells.shape[1])
    matrix = np.pad(matrix, ((0, 0), (0, width - matrix.shape[1])))
    mask = np.pad(mask, ((0, 0), (0, width - mask.shape[1])))
    matrix[rows] = 0
    mask[rows] = False
    matrix[rows, : cells.shape[1]] = cells
    mask[rows, : cells.shape[1]] = cell_mask
    return matrix, mask


def _write(columns: dict[str, list[Any]], handle: IO[str], kind: str) -> None:
    rows = zip(*(columns[name] for name in COLUMNS), strict=True)
    handle.write("[\n")
    first = True
    for row in rows:
        handle.write(("" if first else ",\n") + json.dumps(dict(zip(COLUMNS, row, strict=True))))
        first = False
    handle.write("\n]\n")


def _instants(values: npt.NDArray[np.datetime64]) -> list[str | None]:
    text = np.char.add(np.datetime_as_string(values.astype("datetime64[s]"), unit="s"), "Z")
    cells: list[str | None] = np.where(np.isnat(values), _NONE, text).tolist()
    return cells


def _statuses(values: npt.NDArray[np.object_]) -> list[str]:
    return [str(v) for v in values]


def _percents(values: npt.NDArray[np.float64]) -> list[float | None]:
    rounded = np.round(values, 2)
    return [None if np.isnan(v) else v for v in rounded.tolist()]
