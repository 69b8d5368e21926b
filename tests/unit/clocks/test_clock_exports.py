"""The CSV of the clocks, built as bytes a block at a time, says what ``str`` of each value says."""

from __future__ import annotations

import csv
import io

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from servicepact.adapters import clock_exports
from servicepact.adapters.clock_exports import csv_blocks, write_clocks_csv
from servicepact.domain.clocks.results import COLUMNS, ClockResults, ClockStatus
from tests.hypothesis_budget import examples

INSTANT = st.one_of(
    st.none(),
    st.integers(-62_135_596_800, 253_402_300_799),  # years 1 to 9999
    st.integers(-(10**12), 10**12),  # years NumPy writes with a sign or five digits
)
SECONDS = st.one_of(st.integers(0, 10**8), st.integers(-(2**63), 2**63 - 1))
PERCENT = st.one_of(
    st.floats(0, 1000),
    st.floats(-1e300, 1e300),  # np.round itself overflows (and warns) near the largest floats
    st.sampled_from([float("inf"), float("-inf")]),
    st.sampled_from([0.0, -0.0, 0.005, 0.015, 2.675, 99.995, 1e12, 1e16, float("nan")]),
)
TEXT = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.sampled_from(
        ["INC0000001", "a,b", 'say "hi"', "x\ny", "x\ry", "=1+1", "-2", "@SUM(A1)", "\tT", "Ж=1"]
    ),
)
ROW = st.tuples(
    TEXT, TEXT, *[INSTANT] * 4, *[st.sampled_from(list(ClockStatus))] * 2, *[SECONDS] * 3, PERCENT
)


def instants(values: list[int | None]) -> np.ndarray:
    return np.array(["NaT" if v is None else v for v in values], dtype="datetime64[s]")


def results_of(rows: list[tuple]) -> ClockResults:
    column = list(zip(*rows, strict=True)) if rows else [()] * 13
    objects = [np.array(list(values) or [], dtype=object) for values in column]
    for values, source in zip(objects, column, strict=True):
        values[:] = list(source)
    return ClockResults(
        ids=objects[0],
        priority=objects[1],
        response_due=instants(column[2]),
        responded_at=instants(column[3]),
        response_status=objects[6],
        resolution_due=instants(column[4]),
        resolved_at=instants(column[5]),
        resolution_status=objects[7],
        response_business=np.array(column[8], dtype=np.int64).astype("timedelta64[s]"),
        resolution_business=np.array(column[9], dtype=np.int64).astype("timedelta64[s]"),
        percent_used=np.array(column[11], dtype=np.float64),
        response_percent_used=np.array(column[11], dtype=np.float64),
        after_hours=np.array(column[10], dtype=np.int64).astype("timedelta64[s]"),
        created_at=instants(column[2]),
    )


def reference(results: ClockResults) -> str:
    """The CSV written the slow way, one cell at a time."""

    def text(value: object) -> str:
        cell = "" if value is None else str(value)
        cell = "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell  # no formulas
        return f'"{cell.replace(chr(34), chr(34) * 2)}"' if any(c in cell for c in ',"\n\r') else cell

    def instant(value: np.datetime64) -> str:
        return "" if np.isnat(value) else np.datetime_as_string(value, unit="s") + "Z"

    def percent(value: float) -> str:
        return "" if np.isnan(value) else str(np.round(np.array([value]), 2).astype(str)[0])

    lines = [",".join(COLUMNS)]
    for i in range(len(results)):
        lines.append(
            ",".join(
                [
                    text(results.ids[i]),
                    text(results.priority[i]),
                    instant(results.response_due[i]),
                    instant(results.responded_at[i]),
                    str(results.response_status[i]),
                    instant(results.resolution_due[i]),
                    instant(results.resolved_at[i]),
                    str(results.resolution_status[i]),
                    str(int(results.response_business[i].astype(np.int64))),
                    str(int(results.resolution_business[i].astype(np.int64))),
                    percent(results.percent_used[i]),
                    str(int(results.after_hours[i].astype(np.int64))),
                ]
            )
        )
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(60), deadline=None)
@given(rows=st.lists(ROW, max_size=25), block=st.integers(1, 7))
def test_the_csv_says_what_str_of_each_value_says(rows: list[tuple], block: int) -> None:
    results = results_of(rows)
    original = clock_exports.MAX_BLOCK_ROWS
    clock_exports.MAX_BLOCK_ROWS = block  # several blocks, so that rows cross block boundaries
    try:
        written = b"".join(csv_blocks(results)).decode("utf-8")
    finally:
        clock_exports.MAX_BLOCK_ROWS = original
    assert written == reference(results)


def test_a_text_handle_gets_the_same_csv_that_the_csv_module_reads_back() -> None:
    rows = [("T,1", "P1", 0, None, 10**9, 2 * 10**9, ClockStatus.MET, ClockStatus.RUNNING, 60, 120, 7, 12.5)]
    handle = io.StringIO()
    write_clocks_csv(results_of(rows), handle)
    read = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert read[0]["id"] == "T,1"
    assert read[0]["response_due"] == "1970-01-01T00:00:00Z"
    assert read[0]["responded_at"] == ""
    assert read[0]["percent_used"] == "12.5"
    assert read[0]["response_status"] == "met"
