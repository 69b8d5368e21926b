"""Synthetic tickets and events in the CSV formats of spec §5, for benchmarks.

Vectorised with NumPy so that a million tickets take seconds to write. Timestamps span three years and
mix ``Z``, ``+03:00`` and naive local times (the zone is Europe/Moscow, UTC+3 all year since 2014, so
naive times are easy to check).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

START = np.datetime64("2023-01-01T00:00:00", "s")
SPAN_SECONDS = 3 * 365 * 86400
ZONE = "Europe/Moscow"
LEVELS = np.array(["high", "medium", "low"], dtype=object)
STATES = np.array(["new", "in_progress", "waiting_for_customer", "on_hold", "closed"], dtype=object)
EVENT_TYPES = np.array(["status", "work", "priority", "acknowledged", "responded", "resolved", "reopened"])


@dataclass
class SyntheticTickets:
    """What :func:`write_tickets_csv` wrote: ids and creation instants (UTC) for the events."""

    ids: npt.NDArray[np.str_]
    created_at: npt.NDArray[np.datetime64]


def _stamps(instants: npt.NDArray[np.datetime64], rng: np.random.Generator) -> npt.NDArray[np.str_]:
    """ISO strings: 40% ``+03:00``, 40% ``Z``, 20% naive Moscow time."""
    form = rng.random(len(instants))
    moscow = np.datetime_as_string(instants + np.timedelta64(3, "h"), unit="s")
    utc = np.datetime_as_string(instants, unit="s")
    out = np.where(form < 0.4, np.strings.add(moscow, "+03:00"), np.strings.add(utc, "Z"))
    return np.where(form >= 0.8, moscow, out)


def _join(columns: list[npt.NDArray[np.str_]]) -> npt.NDArray[np.str_]:
    line = columns[0]
    for column in columns[1:]:
        line = np.strings.add(np.strings.add(line, ","), column)
    return line


def _write(path: Path, header: str, lines: npt.NDArray[np.str_], block: int = 250_000) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        for start in range(0, len(lines), block):
            handle.write("\n".join(lines[start : start + block].tolist()))
            handle.write("\n")


def write_tickets_csv(path: Path | str, n: int, seed: int = 1) -> SyntheticTickets:
    """Write ``n`` tickets (impact and urgency, no priority) to ``path``; return their ids and instants."""
    rng = np.random.default_rng(seed)
    created = START + np.sort(rng.integers(0, SPAN_SECONDS, n)).astype("timedelta64[s]")
    ids = np.strings.add("INC", np.char.zfill(np.arange(1, n + 1).astype(str), 7))
    impact = LEVELS[rng.integers(0, 3, n)].astype(str)
    urgency = LEVELS[rng.integers(0, 3, n)].astype(str)
    client = np.where(rng.random(n) < 0.3, np.strings.add("P", rng.integers(1, 5, n).astype(str)), "")
    service = np.strings.add("svc-", rng.integers(1, 40, n).astype(str))
    asset = np.where(rng.random(n) < 0.5, np.strings.add("PC-", rng.integers(1, 5000, n).astype(str)), "")
    title = np.strings.add("Problem number ", rng.integers(1, 10**6, n).astype(str))
    response = created + rng.integers(60, 8 * 3600, n).astype("timedelta64[s]")
    resolved = response + rng.integers(600, 10 * 86400, n).astype("timedelta64[s]")
    has_response = rng.random(n) < 0.9
    has_resolution = has_response & (rng.random(n) < 0.85)
    lines = _join(
        [
            ids,
            _stamps(created, rng),
            impact,
            urgency,
            client,
            service,
            asset,
            title,
            np.where(has_response, _stamps(response, rng), ""),
            np.where(has_resolution, _stamps(resolved, rng), ""),
        ]
    )
    _write(
        Path(path),
        "id,created_at,impact,urgency,client_priority,service,asset,title,first_response_at,resolved_at",
        lines,
    )
    return SyntheticTickets(ids, created)


def write_events_csv(path: Path | str, tickets: SyntheticTickets, n: int, seed: int = 2) -> None:
    """Write ``n`` events of random ``tickets`` (status, work, priority...) within days of creation."""
    rng = np.random.default_rng(seed)
    which = rng.integers(0, len(tickets.ids), n)
    at = tickets.created_at[which] + rng.integers(0, 14 * 86400, n).astype("timedelta64[s]")
    kinds = EVENT_TYPES[rng.choice(len(EVENT_TYPES), n, p=[0.45, 0.3, 0.05, 0.05, 0.05, 0.07, 0.03])]
    values = np.full(n, "", dtype="U24")
    status = kinds == "status"
    values[status] = STATES[rng.integers(0, len(STATES), int(status.sum()))].astype(str)
    work = kinds == "work"
    values[work] = rng.integers(5, 240, int(work.sum())).astype(str)
    priority = kinds == "priority"
    values[priority] = np.strings.add("P", rng.integers(1, 5, int(priority.sum())).astype(str))
    lines = _join([tickets.ids[which], _stamps(at, rng), kinds.astype(str), values])
    _write(Path(path), "ticket_id,at,type,value", lines)


MATRIX = {
    "high": {"high": "P1", "medium": "P2", "low": "P3"},
    "medium": {"high": "P2", "medium": "P3", "low": "P4"},
    "low": {"high": "P3", "medium": "P4", "low": "P4"},
}


def priority_of(impact: str, urgency: str) -> str | None:
    """The example agreements' priority matrix."""
    return MATRIX.get(impact, {}).get(urgency)
