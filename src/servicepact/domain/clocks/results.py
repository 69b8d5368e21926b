"""The clock of every ticket, as columns, and the status a clock can have."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

NOT_A_TIME = np.datetime64("NaT", "s")


class ClockStatus(enum.StrEnum):
    MET = "met"
    BREACHED = "breached"
    RUNNING = "running"
    BEST_EFFORT = "best_effort"
    OUT_OF_SCOPE = "out_of_scope"
    NO_AGREEMENT = "no_agreement"  # no agreement version was in force when the ticket was created


# Column order of the `servicepact sla` output (issue 3); `after_hours_seconds` is ours, added last.
COLUMNS = (
    "id",
    "priority",
    "response_due",
    "responded_at",
    "response_status",
    "resolution_due",
    "resolved_at",
    "resolution_status",
    "response_business_seconds",
    "resolution_business_seconds",
    "percent_used",
    "after_hours_seconds",
)


@dataclass
class ClockResults:
    """Both clocks of each ticket. Instants are ``datetime64[s]`` UTC (NaT where there is none).

    ``response_business`` and ``resolution_business`` are the business time used so far (to the stop
    instant, or to ``now`` for a running clock), pauses excluded. ``percent_used`` is the resolution
    clock's business time used ÷ its target × 100 (the response clock's where there is no resolution
    target); NaN where no target applies. ``after_hours`` is the ticket's after-hours time: the union
    of its ``work`` entries outside the service days of the support calendar (spec 1.1 §2).
    """

    ids: npt.NDArray[np.object_]
    priority: npt.NDArray[np.object_]
    response_due: npt.NDArray[np.datetime64]
    responded_at: npt.NDArray[np.datetime64]
    response_status: npt.NDArray[np.object_]
    resolution_due: npt.NDArray[np.datetime64]
    resolved_at: npt.NDArray[np.datetime64]
    resolution_status: npt.NDArray[np.object_]
    response_business: npt.NDArray[np.timedelta64]
    resolution_business: npt.NDArray[np.timedelta64]
    percent_used: npt.NDArray[np.float64]
    response_percent_used: npt.NDArray[np.float64]
    after_hours: npt.NDArray[np.timedelta64]
    created_at: npt.NDArray[np.datetime64]

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, index: int) -> dict[str, Any]:
        """One ticket as a dict of Python values (aware UTC datetimes, seconds as ints)."""
        return {
            "id": self.ids[index],
            "priority": self.priority[index],
            "response_due": _instant(self.response_due[index]),
            "responded_at": _instant(self.responded_at[index]),
            "response_status": self.response_status[index],
            "resolution_due": _instant(self.resolution_due[index]),
            "resolved_at": _instant(self.resolved_at[index]),
            "resolution_status": self.resolution_status[index],
            "response_business_seconds": _seconds(self.response_business[index]),
            "resolution_business_seconds": _seconds(self.resolution_business[index]),
            "percent_used": _percent(self.percent_used[index]),
            "after_hours_seconds": _seconds(self.after_hours[index]),
        }

    def rows(self) -> Iterator[dict[str, Any]]:
        for index in range(len(self)):
            yield self.row(index)


def _instant(value: np.datetime64) -> datetime | None:
    if np.isnat(value):
        return None
    return datetime.fromtimestamp(int(value.astype("datetime64[s]").astype(np.int64)), tz=UTC)


def _seconds(value: np.timedelta64) -> int | None:
    if np.isnat(value):
        return None
    return int(value.astype("timedelta64[s]").astype(np.int64))


def _percent(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)
