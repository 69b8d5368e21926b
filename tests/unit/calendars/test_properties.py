"""Hypothesis properties of the calendar engine, against the slow reference and between themselves.

Each zone is exercised around its own DST changes: Berlin and New York at 02:00, Sao Paulo 2015 and
Tehran 2016 at midnight, Lord Howe's half-hour change, and Sydney in the southern hemisphere.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepact.domain.calendars import BusinessCalendar
from tests.hypothesis_budget import examples

from .reference import Reference

CASES: dict[str, tuple[dict[str, Any], list[datetime]]] = {
    "Europe/Berlin": (
        {
            "timezone": "Europe/Berlin",
            "hours": {
                "mon-fri": ["09:00-13:00", "14:00-18:00"],
                "sat": ["22:00-06:00"],
                "sun": ["01:30-03:30"],
            },
            "holidays": {"country": "DE"},
        },
        [
            datetime(2025, 3, 30, tzinfo=UTC),
            datetime(2025, 10, 26, tzinfo=UTC),
            datetime(2025, 12, 25, tzinfo=UTC),
        ],
    ),
    "America/New_York": (
        {
            "timezone": "America/New_York",
            "hours": {"mon-fri": ["08:00-18:00"], "sat": ["20:00-24:00"], "sun": ["00:30-02:30"]},
            "holidays": {"country": "US", "subdivision": "NY"},
        },
        [
            datetime(2025, 3, 9, tzinfo=UTC),
            datetime(2025, 11, 2, tzinfo=UTC),
            datetime(2025, 7, 4, tzinfo=UTC),
        ],
    ),
    "America/Sao_Paulo": (
        {
            "timezone": "America/Sao_Paulo",
            "hours": {"mon-sun": ["00:00-02:00", "22:00-24:00"], "mon-fri": ["09:00-17:00"]},
        },
        [datetime(2015, 10, 18, tzinfo=UTC), datetime(2015, 2, 22, tzinfo=UTC)],
    ),
    "Asia/Tehran": (
        {"timezone": "Asia/Tehran", "hours": {"sat-wed": ["09:00-17:00"], "mon-sun": ["23:00-01:00"]}},
        [datetime(2016, 3, 21, tzinfo=UTC), datetime(2016, 9, 21, tzinfo=UTC)],
    ),
    "Australia/Lord_Howe": (
        {"timezone": "Australia/Lord_Howe", "hours": {"mon-sun": ["01:00-03:00", "09:00-17:00"]}},
        [datetime(2025, 4, 6, tzinfo=UTC), datetime(2025, 10, 5, tzinfo=UTC)],
    ),
    "Australia/Sydney": (
        {
            "timezone": "Australia/Sydney",
            "hours": {"mon-fri": ["09:00-17:00"], "sun": ["01:00-04:00"]},
            "holidays": {"country": "AU", "subdivision": "NSW"},
        },
        [datetime(2025, 4, 6, tzinfo=UTC), datetime(2025, 10, 5, tzinfo=UTC)],
    ),
}
ZONES = sorted(CASES)
_CALENDARS: dict[str, tuple[BusinessCalendar, Reference]] = {}


def calendars(zone: str) -> tuple[BusinessCalendar, Reference]:
    if zone not in _CALENDARS:
        spec = CASES[zone][0]
        _CALENDARS[zone] = (BusinessCalendar.from_spec(spec), Reference(spec))
    return _CALENDARS[zone]


@cache
def instants(zone: str) -> st.SearchStrategy[datetime]:
    anchors = CASES[zone][1]
    return st.builds(
        lambda anchor, seconds: anchor + timedelta(seconds=seconds),
        st.sampled_from(anchors),
        st.integers(-4 * 86400, 4 * 86400),
    )


@cache
def pauses(zone: str) -> st.SearchStrategy[list[tuple[datetime, datetime]]]:
    pause = st.builds(
        lambda start, length: (start, start + timedelta(seconds=length)),
        instants(zone),
        st.integers(0, 86400),
    )
    return st.lists(pause, max_size=3)


durations = st.integers(0, 30 * 3600).map(lambda seconds: timedelta(seconds=seconds))
fast = settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
against_reference = settings(
    max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize("zone", ZONES)
@against_reference
@given(data=st.data())
def test_between_agrees_with_the_reference_in_every_zone(zone: str, data: st.DataObject) -> None:
    calendar, reference = calendars(zone)
    a, b, some = data.draw(instants(zone)), data.draw(instants(zone)), data.draw(pauses(zone))
    assert calendar.between(a, b, some) == reference.between(a, b, some)


@pytest.mark.parametrize("zone", ZONES)
@against_reference
@given(data=st.data())
def test_add_agrees_with_the_reference_in_every_zone(zone: str, data: st.DataObject) -> None:
    calendar, reference = calendars(zone)
    start, duration, some = data.draw(instants(zone)), data.draw(durations), data.draw(pauses(zone))
    assert calendar.add(start, duration, some) == reference.add(start, duration, some)


@pytest.mark.parametrize("zone", ZONES)
@fast
@given(data=st.data())
def test_add_inverts_between_and_gives_the_earliest_such_instant(zone: str, data: st.DataObject) -> None:
    calendar, _ = calendars(zone)
    start, duration, some = data.draw(instants(zone)), data.draw(durations), data.draw(pauses(zone))
    due = calendar.add(start, duration, some)
    assert due >= start
    assert calendar.between(start, due, some) == duration
    if duration:
        assert calendar.between(start, due - timedelta(seconds=1), some) < duration


@pytest.mark.parametrize("zone", ZONES)
@fast
@given(data=st.data())
def test_between_is_additive_antisymmetric_and_monotonic(zone: str, data: st.DataObject) -> None:
    calendar, _ = calendars(zone)
    a, b, c = sorted(data.draw(instants(zone)) for _ in range(3))
    some = data.draw(pauses(zone))
    assert calendar.between(a, c, some) == calendar.between(a, b, some) + calendar.between(b, c, some)
    assert calendar.between(c, a, some) == -calendar.between(a, c, some)
    assert timedelta(0) <= calendar.between(a, b, some) <= calendar.between(a, c, some)
    assert calendar.between(a, c, some) <= calendar.between(a, c)


@pytest.mark.parametrize("zone", ZONES)
@fast
@given(data=st.data())
def test_add_is_monotonic_in_start_and_duration(zone: str, data: st.DataObject) -> None:
    calendar, _ = calendars(zone)
    first, second = sorted(data.draw(instants(zone)) for _ in range(2))
    shorter, longer = sorted(data.draw(durations) for _ in range(2))
    assert calendar.add(first, shorter) <= calendar.add(first, longer)
    assert calendar.add(first, shorter) <= calendar.add(second, shorter)


@pytest.mark.parametrize("zone", ZONES)
@fast
@given(data=st.data())
def test_pauses_subtract_exactly_their_open_time(zone: str, data: st.DataObject) -> None:
    calendar, _ = calendars(zone)
    a, b = sorted(data.draw(instants(zone)) for _ in range(2))
    pause_start, pause_end = sorted(data.draw(instants(zone)) for _ in range(2))
    clipped = (min(max(pause_start, a), b), min(max(pause_end, a), b))
    expected = calendar.between(a, b) - calendar.between(*clipped)
    assert calendar.between(a, b, [(pause_start, pause_end)]) == expected
    # the same pause given twice, or split into overlapping halves, counts once
    middle = pause_start + (pause_end - pause_start) / 2
    halves = [(pause_start, middle + timedelta(hours=1)), (middle, pause_end), (pause_start, pause_end)]
    assert calendar.between(a, b, halves) == calendar.between(
        a, b, [(pause_start, max(pause_end, middle + timedelta(hours=1)))]
    )


def _utc64(moment: datetime) -> np.datetime64:
    return np.datetime64(moment.astimezone(UTC).replace(tzinfo=None), "s")


@pytest.mark.parametrize("zone", ZONES)
@settings(max_examples=examples(5), deadline=None)
@given(data=st.data())
def test_vectorised_operations_agree_with_the_scalar_ones(zone: str, data: st.DataObject) -> None:
    calendar, _ = calendars(zone)
    rows = data.draw(
        st.lists(st.tuples(instants(zone), instants(zone), durations, pauses(zone)), min_size=1, max_size=8)
    )
    starts = np.array([_utc64(row[0]) for row in rows])
    ends = np.array([_utc64(row[1]) for row in rows])
    lengths = np.array([int(row[2].total_seconds()) for row in rows]).astype("timedelta64[s]")
    flat = [(number, pause) for number, row in enumerate(rows) for pause in row[3]]
    pause_rows = np.array([number for number, _ in flat], dtype=np.int64)
    pause_starts = np.array([_utc64(p[0]) for _, p in flat], dtype="datetime64[s]")
    pause_ends = np.array([_utc64(p[1]) for _, p in flat], dtype="datetime64[s]")

    due = calendar.add_many(starts, lengths, pause_starts, pause_ends, pause_rows)
    spent = calendar.between_many(starts, ends, pause_starts, pause_ends, pause_rows)

    assert due.dtype == np.dtype("datetime64[s]")
    assert spent.dtype == np.dtype("timedelta64[s]")
    for number, (start, end, length, some) in enumerate(rows):
        assert due[number] == _utc64(calendar.add(start, length, some))
        assert spent[number] == np.timedelta64(int(calendar.between(start, end, some).total_seconds()), "s")
