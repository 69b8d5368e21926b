from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicepact.adapters.inputs.timestamps import (
    local_seconds_to_utc,
    parse_instant,
    parse_instants,
    to_datetime,
)

BERLIN = ZoneInfo("Europe/Berlin")
MOSCOW = ZoneInfo("Europe/Moscow")


def instant(text: str, zone: ZoneInfo = BERLIN) -> datetime | None:
    seconds = parse_instant(text, zone)
    return None if seconds is None else to_datetime(seconds)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02T10:00:00+03:00", datetime(2026, 3, 2, 7, tzinfo=UTC)),
        ("2026-03-02T10:00:00Z", datetime(2026, 3, 2, 10, tzinfo=UTC)),
        ("2026-03-02 10:00:00Z", datetime(2026, 3, 2, 10, tzinfo=UTC)),
        ("2026-03-02T10:00:00.999Z", datetime(2026, 3, 2, 10, tzinfo=UTC)),
        ("2026-03-02T10:00", datetime(2026, 3, 2, 9, tzinfo=UTC)),
        ("2026-03-02T10:00:00", datetime(2026, 3, 2, 9, tzinfo=UTC)),
    ],
)
def test_offsets_zulu_spaces_and_fractions_are_read_in_berlin(text: str, expected: datetime) -> None:
    assert instant(text) == expected
    seconds, ok, _ = parse_instants([text], BERLIN)
    assert ok[0]
    assert to_datetime(int(seconds[0])) == expected


def test_a_local_time_in_the_spring_forward_gap_moves_forward_by_the_gap_in_berlin() -> None:
    # 2026-03-29 02:30 does not exist in Berlin; it becomes 03:30 CEST = 01:30 UTC.
    assert instant("2026-03-29T02:30:00") == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    seconds, _, _ = parse_instants(["2026-03-29T02:30:00"], BERLIN)
    assert to_datetime(int(seconds[0])) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_an_ambiguous_local_time_takes_its_first_occurrence_in_berlin() -> None:
    # 2026-10-25 02:30 happens twice in Berlin; the first is still CEST (+02:00).
    assert instant("2026-10-25T02:30:00") == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    seconds, _, _ = parse_instants(["2026-10-25T02:30:00"] * 20, BERLIN)
    assert set(seconds.tolist()) == {int(datetime(2026, 10, 25, 0, 30, tzinfo=UTC).timestamp())}


@pytest.mark.parametrize(
    "text", ["2026-13-01 10:00", "2026-02-30T10:00:00Z", "2026-03-02", "yesterday", "2026-03-02T24:00:00Z"]
)
def test_impossible_or_date_only_texts_are_not_timestamps(text: str) -> None:
    assert parse_instant(text, BERLIN) is None
    _, ok, empty = parse_instants([text], BERLIN)
    assert not ok[0]
    assert not empty[0]


def test_empty_and_blank_cells_are_empty_not_bad() -> None:
    _, ok, empty = parse_instants(["", "   "], BERLIN)
    assert empty.tolist() == [True, True]
    assert ok.tolist() == [False, False]


def test_local_times_across_a_whole_year_match_zoneinfo_in_berlin() -> None:
    local = np.arange(0, 366 * 86400, 997, dtype=np.int64) + 1_767_225_600  # 2026 in local seconds
    expected = [
        int((datetime(1970, 1, 1) + timedelta(seconds=s)).replace(tzinfo=BERLIN).timestamp())
        for s in local.tolist()
    ]
    assert local_seconds_to_utc(local, BERLIN).tolist() == expected


moments = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2199, 12, 31))
forms = st.sampled_from(["naive", "Z", "+03:00", "-05:30", "space", "fraction"])


@given(moment=moments, form=forms)
def test_the_array_path_agrees_with_the_one_at_a_time_path(moment: datetime, form: str) -> None:
    text = moment.replace(microsecond=0).isoformat()
    text = {
        "naive": text,
        "Z": text + "Z",
        "+03:00": text + "+03:00",
        "-05:30": text + "-05:30",
        "space": text.replace("T", " "),
        "fraction": text + ".5",
    }[form]
    seconds, ok, _ = parse_instants([text], BERLIN)
    assert ok[0]
    assert int(seconds[0]) == parse_instant(text, BERLIN)
