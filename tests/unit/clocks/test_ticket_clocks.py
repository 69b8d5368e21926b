"""Ticket clocks on the Northwind agreement: business calendar America/New_York, Mon-Fri 08-12 and 13-18.

2027-03-01 is a Monday before the DST change (EST, UTC-5): local 09:00 is 14:00Z.
P1: 30m / 4h on the 24x7 calendar; P2: 1h / 8h; P3: 4h / 3bd; P4: 1bd / 10bd (business calendar).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from servicepact import load_agreement
from servicepact.domain.clocks import ClockOptions, ClockStatus, evaluate_clocks
from servicepact.domain.records import EventBatch, EventType, TicketBatch

NEW_YORK = ZoneInfo("America/New_York")
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"


@pytest.fixture(scope="module")
def agreement():
    return load_agreement(EXAMPLE)


def local(text: str) -> np.datetime64:
    """A New York wall-clock time as datetime64[s] UTC."""
    aware = datetime.fromisoformat(text).replace(tzinfo=NEW_YORK)
    return np.datetime64(int(aware.timestamp()), "s")


def utc(value: np.datetime64) -> str:
    return str(np.datetime64(value, "s")) + "Z"


def run(agreement, tickets, events=(), now="2027-03-10T12:00", options=None):
    """tickets: (id, created local, priority[, service, asset]); events: (id, at local, type, value)."""
    ids = [t[0] for t in tickets]
    batch = TicketBatch(
        ids=np.array(ids, dtype=object),
        created_at=np.array([local(t[1]) for t in tickets], dtype="datetime64[s]"),
        priority=np.array([t[2] for t in tickets], dtype=object),
        client_priority=np.full(len(tickets), None, dtype=object),
        service=np.array([t[3] if len(t) > 3 else None for t in tickets], dtype=object),
        asset=np.array([t[4] if len(t) > 4 else None for t in tickets], dtype=object),
    )
    event_batch = EventBatch(
        ticket=np.array([ids.index(e[0]) for e in events], dtype=np.int64),
        at=np.array([local(e[1]) for e in events], dtype="datetime64[s]"),
        type=np.array([EventType(e[2]).code for e in events], dtype=np.int8),
        value=np.array([e[3] if len(e) > 3 else None for e in events], dtype=object),
    )
    return evaluate_clocks(agreement, batch, event_batch, local(now), options)


def test_a_p2_ticket_answered_and_solved_in_hours_meets_both_targets(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [("T1", "2027-03-01T09:30", "responded"), ("T1", "2027-03-01T17:00", "resolved")],
    )
    row = result.row(0)
    assert row["response_status"] is ClockStatus.MET
    assert utc(result.response_due[0]) == "2027-03-01T15:00:00Z"  # 10:00 local
    assert row["response_business_seconds"] == 1800
    assert utc(result.resolution_due[0]) == "2027-03-01T23:00:00Z"  # 18:00 local: 3h + 5h
    assert row["resolution_status"] is ClockStatus.MET
    assert row["resolution_business_seconds"] == 7 * 3600  # 09-12 and 13-17
    assert row["percent_used"] == pytest.approx(87.5)


def test_waiting_on_the_client_pauses_the_resolution_clock_and_moves_the_due_time(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [
            ("T1", "2027-03-01T09:05", "responded"),
            ("T1", "2027-03-01T10:00", "status", "waiting_on_client"),
            ("T1", "2027-03-01T14:00", "status", "in_progress"),
        ],
        now="2027-03-01T15:00",
    )
    # 1h before the pause, 4h from 14:00 to 18:00, then 3h on Tuesday: due Tuesday 11:00 local.
    assert utc(result.resolution_due[0]) == "2027-03-02T16:00:00Z"
    assert result.resolution_status[0] is ClockStatus.RUNNING
    assert result.row(0)["resolution_business_seconds"] == 2 * 3600  # 09-10 and 14-15
    # The response clock is never paused.
    assert result.response_status[0] is ClockStatus.MET


def test_a_clock_without_a_stop_is_breached_once_now_is_past_due_and_running_before(agreement):
    late = run(agreement, [("T1", "2027-03-01T09:00", "P2")], now="2027-03-02T12:00")
    assert (late.response_status[0], late.resolution_status[0]) == (
        ClockStatus.BREACHED,
        ClockStatus.BREACHED,
    )
    early = run(agreement, [("T1", "2027-03-01T09:00", "P2")], now="2027-03-01T09:30")
    assert (early.response_status[0], early.resolution_status[0]) == (
        ClockStatus.RUNNING,
        ClockStatus.RUNNING,
    )
    assert early.row(0)["percent_used"] == pytest.approx(6.25)  # 30 minutes of 8 hours


def test_a_stop_exactly_at_the_due_instant_is_met(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [("T1", "2027-03-01T10:00", "responded")],
    )
    assert result.response_status[0] is ClockStatus.MET
    late = run(agreement, [("T1", "2027-03-01T09:00", "P2")], [("T1", "2027-03-01T10:00:01", "responded")])
    assert late.response_status[0] is ClockStatus.BREACHED


def test_after_a_priority_change_the_new_priority_targets_count_from_creation(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P3")],
        [("T1", "2027-03-01T09:10", "priority", "P2")],
        now="2027-03-01T09:20",
    )
    assert result.priority[0] == "P2"
    assert utc(result.response_due[0]) == "2027-03-01T15:00:00Z"  # P2's 1h from 09:00, not P3's 4h


def test_a_reopened_ticket_pauses_between_resolution_and_reopening_and_stops_at_the_last_resolution(
    agreement,
):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [
            ("T1", "2027-03-01T09:10", "responded"),
            ("T1", "2027-03-01T11:00", "resolved"),
            ("T1", "2027-03-01T14:00", "reopened"),
            ("T1", "2027-03-01T15:00", "resolved"),
        ],
    )
    assert utc(result.resolved_at[0]) == "2027-03-01T20:00:00Z"
    assert result.row(0)["resolution_business_seconds"] == 3 * 3600  # 09-11 and 14-15
    assert result.resolution_status[0] is ClockStatus.MET


def test_a_reopened_ticket_without_a_new_resolution_is_running_again(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [("T1", "2027-03-01T11:00", "resolved"), ("T1", "2027-03-01T14:00", "reopened")],
        now="2027-03-01T15:00",
    )
    assert np.isnat(result.resolved_at[0])
    assert result.resolution_status[0] is ClockStatus.RUNNING
    assert result.row(0)["resolution_business_seconds"] == 3 * 3600


def test_a_p1_ticket_runs_on_the_always_open_calendar_over_the_weekend(agreement):
    result = run(agreement, [("T1", "2027-03-06T10:00", "P1")], now="2027-03-06T10:45")  # a Saturday
    assert utc(result.response_due[0]) == "2027-03-06T15:30:00Z"
    assert result.response_status[0] is ClockStatus.BREACHED
    assert result.resolution_status[0] is ClockStatus.RUNNING


def test_automatic_acknowledgements_do_not_count_as_responses_when_responses_must_be_human(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [("T1", "2027-03-01T09:01", "acknowledged")],
        now="2027-03-01T09:30",
    )
    assert np.isnat(result.responded_at[0])
    assert result.response_status[0] is ClockStatus.RUNNING


def test_business_days_are_counted_in_day_length_of_business_time(agreement):
    # P4 response 1bd = 9 business hours (the most common day length: 4h + 5h) from Monday 09:00.
    result = run(agreement, [("T1", "2027-03-01T09:00", "P4")], now="2027-03-01T09:30")
    assert utc(result.response_due[0]) == "2027-03-02T14:00:00Z"  # Tuesday 09:00 local


def test_work_outside_the_support_calendar_counts_as_after_hours(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P1")],
        [("T1", "2027-03-01T17:30", "work", "60"), ("T1", "2027-03-01T10:00", "work", "30")],
    )
    assert result.row(0)["after_hours_seconds"] == 30 * 60  # 18:00-18:30 only


def test_the_lunch_break_inside_the_service_day_is_not_after_hours(agreement):
    # Spec 1.1: 12:00-13:00 lies between Monday's first opening (08:00) and its last closing (18:00).
    result = run(agreement, [("T1", "2027-03-01T09:00", "P3")], [("T1", "2027-03-01T12:00", "work", "60")])
    assert result.row(0)["after_hours_seconds"] == 0


def test_overlapping_work_entries_count_once_in_after_hours_time(agreement):
    # 19:00-20:00 and 19:30-20:30 are 90 minutes of work, billable or not (P4 gets no after-hours service).
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P4")],
        [("T1", "2027-03-01T19:00", "work", "60"), ("T1", "2027-03-01T19:30", "work", "60")],
    )
    assert result.row(0)["after_hours_seconds"] == 90 * 60


def test_tickets_outside_the_scope_or_on_failing_assets_carry_no_sla(agreement):
    result = run(
        agreement,
        [
            ("T1", "2027-03-01T09:00", "P2", "hardware-repair"),
            ("T2", "2027-03-01T09:00", "P2", "something-unlisted"),
            ("T3", "2027-03-01T09:00", "P2", "helpdesk", "PC-7"),
            ("T4", "2027-03-01T09:00", "P2", "Remote helpdesk"),
        ],
        options=ClockOptions(best_effort_assets={"PC-7"}),
    )
    assert list(result.resolution_status) == [
        ClockStatus.OUT_OF_SCOPE,
        ClockStatus.OUT_OF_SCOPE,
        ClockStatus.BEST_EFFORT,
        ClockStatus.BREACHED,
    ]


def test_a_priority_without_targets_is_best_effort(agreement):
    result = run(agreement, [("T1", "2027-03-01T09:00", "P9"), ("T2", "2027-03-01T09:00", None)])
    assert list(result.response_status) == [ClockStatus.BEST_EFFORT, ClockStatus.BEST_EFFORT]
    assert np.isnat(result.response_due).all()


def test_events_after_now_are_not_seen(agreement):
    result = run(
        agreement,
        [("T1", "2027-03-01T09:00", "P2")],
        [("T1", "2027-03-01T09:30", "responded")],
        now="2027-03-01T09:20",
    )
    assert result.response_status[0] is ClockStatus.RUNNING


def test_a_ticket_created_after_now_has_not_started_and_never_shows_a_negative_percent(agreement):
    result = run(
        agreement,
        [("LATE", "2027-03-20T10:00", "P2"), ("LATE24", "2027-03-20T10:00", "P1")],
        now="2027-03-10T12:00",
    )
    assert result.percent_used.tolist() == [0.0, 0.0]
    assert result.response_percent_used.tolist() == [0.0, 0.0]
    assert result.resolution_business.astype(np.int64).tolist() == [0, 0]
    assert list(result.resolution_status) == [ClockStatus.RUNNING, ClockStatus.RUNNING]
