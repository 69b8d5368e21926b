"""The fast paths of the columnar readers give what the plain ones give: ids matched by their bytes
equal a dict of strings, interned columns equal one string per cell."""

from __future__ import annotations

import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepact.adapters.inputs import ids as ids_module
from servicepact.adapters.inputs.ids import KEY_BYTES, IdIndex, id_bytes
from servicepact.adapters.inputs.rows import Columns, ProblemLog, read_chunks
from servicepact.adapters.inputs.tickets import read_ticket_batch
from tests.hypothesis_budget import examples

from .helpers import priority_of

MOSCOW = ZoneInfo("Europe/Moscow")
# Short, long (over KEY_BYTES), non-ASCII and near-identical ids, so that duplicates are frequent.
ID = st.one_of(
    st.sampled_from(["T1", "T2", "T10", "t1", "T1 ", "Ж1", "x" * KEY_BYTES, "x" * (KEY_BYTES + 1)]),
    st.text(alphabet="ab\x00Ж", min_size=1, max_size=KEY_BYTES + 3),
)


def dict_first(ids: list[str]) -> list[int]:
    positions: dict[str, int] = {}
    return [positions.setdefault(text, i) for i, text in enumerate(ids)]


def long_texts(ids: list[str]) -> dict[int, str]:
    return {i: text for i, text in enumerate(ids) if len(text.encode()) > KEY_BYTES}


@settings(max_examples=examples(200), deadline=None)
@given(tickets=st.lists(ID, max_size=30), events=st.lists(st.one_of(ID, st.just("")), max_size=30))
def test_ids_matched_by_their_bytes_equal_a_dict_of_strings(tickets: list[str], events: list[str]) -> None:
    index, first = IdIndex.build(*id_bytes(tickets), long_texts(tickets))
    assert index is not None
    assert first.tolist() == dict_first(tickets)
    positions = dict(zip(reversed(tickets), reversed(range(len(tickets))), strict=True))
    found = index.find(*id_bytes(events), long_texts(events))
    assert found.tolist() == [positions.get(text, -1) if text else -1 for text in events]


def by_length(matrix: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """A deliberately bad hash: every id of one length collides."""
    return lengths.astype(np.uint64)


@settings(max_examples=examples(100), deadline=None)
@given(tickets=st.lists(ID, max_size=20), events=st.lists(ID, max_size=20))
def test_a_hash_shared_by_two_ids_never_gives_a_wrong_match(tickets: list[str], events: list[str]) -> None:
    index, first = IdIndex.build(*id_bytes(tickets), long_texts(tickets), hasher=by_length)
    short = {text for text in tickets if len(text.encode()) <= KEY_BYTES}
    if len({len(text.encode()) for text in short}) < len(short):
        assert index is None  # two different ids share a hash: the caller must use a dict
        return
    assert index is not None
    assert first.tolist() == dict_first(tickets)
    positions = dict(zip(reversed(tickets), reversed(range(len(tickets))), strict=True))
    found = index.find(*id_bytes(events), long_texts(events))
    assert found.tolist() == [positions.get(text, -1) for text in events]


CELL = st.sampled_from(
    ["", "T1", "T2", "T3", "T9", "P1", "mail", "Ж", "a b", "x" * 70, "2026-03-02T10:00:00Z"]
)


def csv_files(rows: list[list[str]], events: list[list[str]], folder: Path) -> tuple[Path, Path]:
    tickets = folder / "tickets.csv"
    tickets.write_text(
        "id,created_at,impact,urgency,service,asset\n"
        + "".join(f"{r[0]},{r[1]},{r[2]},{r[3]},{r[4]},{r[5]}\n" for r in rows),
        encoding="utf-8",
    )
    events_path = folder / "events.csv"
    events_path.write_text(
        "ticket_id,at,type,value\n" + "".join(",".join(e) + "\n" for e in events), encoding="utf-8"
    )
    return tickets, events_path


TICKET_ROW = st.tuples(
    st.sampled_from(["T1", "T2", "T3", "T4", "", "Ж" * 20]),
    st.sampled_from(["2026-03-02T10:00:00Z", "2026-03-02 10:00", "bad", ""]),
    st.sampled_from(["high", "low", "", "odd"]),
    st.sampled_from(["high", "medium", ""]),
    CELL,
    CELL,
).map(list)
EVENT_ROW = st.tuples(
    st.sampled_from(["T1", "T2", "T3", "T9", "", "Ж" * 20]),
    st.sampled_from(["2026-03-02T11:00:00Z", "2026-03-01T09:00:00+03:00", "nope"]),
    st.sampled_from(["status", "work", "priority", "responded", "other"]),
    st.sampled_from(["", "30", "-5", "x", "waiting", "P2", "1e3"]),
).map(list)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(TICKET_ROW, max_size=12), events=st.lists(EVENT_ROW, max_size=12))
def test_the_batch_is_the_same_when_ids_go_through_a_dict(
    rows: list[list[str]], events: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tickets_path, events_path = csv_files(rows, events, Path(folder))

        def read() -> tuple[object, ...]:
            batch, event_batch, problems = read_ticket_batch(
                tickets_path, events_path, MOSCOW, priority_of=priority_of, skip_bad_rows=True
            )
            return (
                batch.ids.tolist(),
                batch.priority.tolist(),
                batch.service.tolist(),
                batch.asset.tolist(),
                batch.lines.tolist(),
                event_batch.ticket.tolist(),
                event_batch.value.tolist(),
                event_batch.lines.tolist(),
                [str(problem) for problem in problems],
            )

        fast = read()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ids_module, "hash_ids", lambda matrix, lengths: np.zeros(len(lengths), np.uint64))
            slow = read()
        assert fast == slow


@settings(max_examples=examples(100), deadline=None)
@given(cells=st.lists(CELL, min_size=1, max_size=40))
def test_interned_cells_equal_one_string_per_cell(cells: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.csv"
        path.write_text(
            "n,value\n" + "".join(f"{i},{cell}\n" for i, cell in enumerate(cells)), encoding="utf-8"
        )
        for chunk in read_chunks(path, Columns(required=("n", "value")), ProblemLog(), block_bytes=64):
            interned = chunk.interned_text("value").tolist()
            assert interned == chunk.optional_text("value").tolist()
