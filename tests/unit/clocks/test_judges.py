"""Tickets of one batch judged by different agreement versions (spec 1.1 §6)."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from servicepact import load_agreement
from servicepact.domain.clocks import (
    ClockStatus,
    TicketJudges,
    evaluate_clocks,
    judged_clocks,
    select_tickets,
)
from servicepact.domain.records import EventType, TicketBatch
from servicepact.testing import event_batch, ticket_batch

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"
T0 = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)  # Tuesday 10:00 in New York
NOW = np.datetime64(int((T0 + timedelta(days=3)).timestamp()), "s")


@pytest.fixture(scope="module")
def agreements():
    strict = load_agreement(EXAMPLE)
    lenient = load_agreement(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "P2: {response: 1h, resolution: 8h}", "P2: {response: 2h, resolution: 16h}"
        )
    )
    assert lenient.support.targets["P2"].response.seconds == 7200
    return strict, lenient


def batches():
    tickets = ticket_batch(("A", T0, "P2"), ("B", T0, "P2"), ("C", T0, "P2"))
    events = event_batch(
        *(
            (
                row,
                T0 + timedelta(minutes=90),
                EventType.RESPONDED,
                None,
            )  # 90 min: late for 1h, in time for 2h
            for row in range(3)
        )
    )
    return tickets, events


def test_each_ticket_is_judged_by_its_own_agreement_and_an_unjudged_one_has_no_clock(agreements):
    strict, lenient = agreements
    tickets, events = batches()
    judges = TicketJudges((strict, lenient), np.array([0, 1, -1], dtype=np.int64))
    result = judged_clocks(judges, tickets, events, NOW)
    assert result.ids.tolist() == ["A", "B", "C"]
    assert result.response_status.tolist() == [
        ClockStatus.BREACHED,
        ClockStatus.MET,
        ClockStatus.NO_AGREEMENT,
    ]
    assert np.isnat(result.response_due[2])
    assert np.isnan(result.percent_used[2])


def test_one_judge_for_every_ticket_gives_what_the_engine_gives(agreements):
    strict, _ = agreements
    tickets, events = batches()
    alone = evaluate_clocks(strict, tickets, events, NOW)
    judged = judged_clocks(TicketJudges.single(strict, 3), tickets, events, NOW)
    for field in fields(alone):
        left, right = getattr(alone, field.name), getattr(judged, field.name)
        assert left.tolist() == right.tolist() or np.array_equal(left, right, equal_nan=True), field.name


def test_judges_in_two_groups_give_each_group_what_the_engine_gives_it_alone(agreements):
    strict, lenient = agreements
    tickets, events = batches()
    judges = TicketJudges((strict, lenient), np.array([1, 0, 1], dtype=np.int64))
    mixed = judged_clocks(judges, tickets, events, NOW)
    rows = np.array([0, 2])
    alone = evaluate_clocks(lenient, *select_tickets(tickets, events, rows), NOW)
    assert mixed.response_due[rows].tolist() == alone.response_due.tolist()
    assert mixed.response_status[rows].tolist() == alone.response_status.tolist()


def test_selecting_tickets_keeps_every_column_and_renumbers_their_events():
    tickets, events = batches()
    tickets.title = np.array(["a", "b", "c"], dtype=object)
    picked, picked_events = select_tickets(tickets, events, np.array([2, 0]))
    assert picked.ids.tolist() == ["C", "A"]
    assert picked.title is not None
    assert picked.title.tolist() == ["c", "a"]
    assert sorted(picked_events.ticket.tolist()) == [0, 1]
    optional = [f.name for f in fields(TicketBatch) if getattr(tickets, f.name) is None]
    assert all(getattr(picked, name) is None for name in optional)


def test_a_judge_per_ticket_is_required(agreements):
    strict, _ = agreements
    tickets, events = batches()
    with pytest.raises(ValueError, match="2 judges for 3 tickets"):
        judged_clocks(TicketJudges((strict,), np.zeros(2, dtype=np.int64)), tickets, events, NOW)
