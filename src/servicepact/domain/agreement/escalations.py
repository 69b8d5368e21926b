"""Spec 1.1 §2 escalations: who is told while an SLA clock runs, before it breaches.

The rules are typed and validated here; roles are bound to addresses per client in the service, not in the
agreement. Firing them is the worker's job.
"""

from __future__ import annotations

import enum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from servicepact.domain.agreement.base import Model
from servicepact.domain.agreement.fields import PARSE_ERROR, DurationField, PercentageField


class EscalationClock(enum.StrEnum):
    RESPONSE = "response"
    RESOLUTION = "resolution"
    ANY = "any"


class Escalation(Model):
    """Spec 1.1 §2: tell ``notify`` when a clock's ``percent_used`` reaches ``at`` or ``before`` is left."""

    clock: EscalationClock
    at: PercentageField | None = None
    before: DurationField | None = None
    priorities: list[str] | None = None
    notify: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_trigger(self) -> Escalation:
        if (self.at is None) == (self.before is None):
            raise PydanticCustomError(
                PARSE_ERROR, "an escalation names exactly one of 'at' (e.g. 75%) or 'before' (e.g. 30m)", {}
            )
        if self.at is not None and not (0 < self.at.value <= 100):
            raise PydanticCustomError(
                PARSE_ERROR, "'at' is above 0% and at most 100% (the breach), got {at}", {"at": str(self.at)}
            )
        return self
