"""Whatever bytes a file holds, a reader either returns or raises DataRowError naming the file and a line."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepact.adapters.inputs.assets import read_assets
from servicepact.adapters.inputs.outages import read_outages
from servicepact.adapters.inputs.tickets import read_ticket_batch, read_tickets
from servicepact.domain.errors import DataRowError
from tests.hypothesis_budget import examples

ZONE = ZoneInfo("Europe/Berlin")
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "T1", "2026-03-02T10:00:00Z", "2026-13-01", "P1", "high", "status", "work", "-1", '"', ",", "\n"]
    ),
)


def failure(read: Callable[[], object]) -> DataRowError | None:
    """The DataRowError ``read`` raises (None when it returns); any other exception fails the test."""
    try:
        read()
    except DataRowError as error:
        return error
    return None


def check(path: Path, skip: bool) -> None:
    error = failure(lambda: read_tickets(path, ZONE, skip_bad_rows=skip))
    if error is None:
        for problem in read_tickets(path, ZONE, skip_bad_rows=True).problems:
            assert problem.source == path.name
            assert problem.line is not None
        return
    message = str(error)
    assert message.startswith(path.name)
    has_line = any(p.line is not None for p in error.problems)
    assert has_line or "cannot be read" in message or "is empty" in message
    if has_line:
        assert re.search(rf"{re.escape(path.name)}:\d+", message)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".json", ""]), skip=st.booleans())
def test_random_bytes_give_rows_or_a_data_row_error_naming_file_and_line(
    data: bytes, suffix: str, skip: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"tickets{suffix}"
        path.write_bytes(data)
        check(path, skip)


@settings(max_examples=examples(150), deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, min_size=2, max_size=5), max_size=8),
    skip=st.booleans(),
)
def test_random_csv_cells_give_rows_or_a_data_row_error_naming_file_and_line(
    rows: list[list[str]], skip: bool
) -> None:
    header = "id,created_at,priority,first_response_at\n"
    text = header + "".join(",".join(row) + "\n" for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tickets.csv"
        path.write_text(text, encoding="utf-8")
        check(path, skip)
        for error in (
            failure(lambda: read_ticket_batch(path, path, ZONE, skip_bad_rows=skip)),
            failure(lambda: read_outages(path, ZONE, skip_bad_rows=skip)),
            failure(lambda: read_assets(path, skip)),
        ):
            assert error is None or str(error).startswith("tickets.csv:")
