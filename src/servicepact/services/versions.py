"""The one rule for which agreement version judges what (spec 1.1 §6).

- Every activated version has ``effective_from``: by default the start of its document's ``term.start``
  (local midnight in the support calendar's zone), or the instant the user names when activating it.
- A ticket is judged by the version in force at its ``created_at``.
- A period (uptime, backups, credits, the report) is judged by the version in force at the period's last
  instant, or at ``now`` when that is earlier.
- Where two versions have the same ``effective_from``, the one activated later wins.
- Before the first version's ``effective_from`` there is no agreement: such rows are stored and shown as
  "no agreement", and judged once a version covers them.

Every surface (CLI, API, web pages, reports, exports) asks this module, so they all give the same figure.

>>> from servicepact import read_agreement
>>> from servicepact.services.access import scope_of
>>> from servicepact.services.agreements import upload_agreement
>>> from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client
>>> uow = FakeUnitOfWork()
>>> client = make_client(uow, "acme")
>>> text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
>>> uploaded = upload_agreement(uow, SYSTEM, "acme", text, read_agreement, activate=True)
>>> with uow:
...     rule = VersionRule.of(uow.agreements.versions(client.id, scope_of(SYSTEM)))
>>> rule.at(datetime(2027, 3, 2, tzinfo=UTC)).number
1
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from servicepact.domain.agreement import Agreement
from servicepact.domain.clocks.judges import in_force_index
from servicepact.domain.errors import InputError
from servicepact.domain.lint import Finding, lint
from servicepact.services import access
from servicepact.services.model import AgreementVersion, Client, Principal, VersionStatus
from servicepact.services.ports import AgreementParser, UnitOfWork

__all__ = [
    "AgreementInForce",
    "VersionRule",
    "client_rule",
    "parsed_version",
    "period_instant",
    "term_start",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _order(version: AgreementVersion) -> tuple[datetime, datetime, int]:
    assert version.effective_from is not None
    return (version.effective_from, version.activated_at or _EPOCH, version.number)


@dataclass(frozen=True)
class VersionRule:
    """The activated versions of one agreement of a client, in the order they take effect."""

    versions: tuple[AgreementVersion, ...]

    @classmethod
    def of(cls, versions: Sequence[AgreementVersion]) -> VersionRule:
        """The rule over ``versions`` (drafts and versions never activated are left out)."""
        activated = [v for v in versions if v.status is not VersionStatus.DRAFT and v.effective_from]
        keys = {v.agreement_key for v in activated}
        if len(keys) > 1:
            raise InputError(
                f"versions of {len(keys)} agreements ({', '.join(sorted(keys))}) cannot be mixed"
            )
        return cls(tuple(sorted(activated, key=_order)))

    @property
    def starts(self) -> list[datetime]:
        return [_utc(v.effective_from) for v in self.versions]

    def at(self, instant: datetime) -> AgreementVersion | None:
        """The version in force at ``instant`` (None before the first one takes effect)."""
        [index] = self.indexes(np.array([int(_utc(instant).timestamp())], dtype="datetime64[s]")).tolist()
        return self.versions[index] if index >= 0 else None

    def for_period(self, period_end: datetime, now: datetime) -> AgreementVersion | None:
        """The version that judges a period ``[start, period_end)`` as of ``now``."""
        return self.at(period_instant(period_end, now))

    @property
    def effective_seconds(self) -> npt.NDArray[np.int64]:
        """The ``effective_from`` of each version, as epoch seconds in the rule's order."""
        return np.array([int(s.timestamp()) for s in self.starts], dtype=np.int64)

    def indexes(self, instants: npt.NDArray[np.datetime64]) -> npt.NDArray[np.int64]:
        """For each instant (``datetime64[s]`` UTC), the index of the version in force (-1: none); the
        same rule as :meth:`TicketJudges.by_creation`, which ``evaluate --versions`` uses on files."""
        return in_force_index(self.effective_seconds, instants)


def period_instant(period_end: datetime, now: datetime) -> datetime:
    """The instant whose version judges a period: its last second, or ``now`` when that is earlier."""
    return min(_utc(now), _utc(period_end) - timedelta(seconds=1))


def term_start(agreement: Agreement) -> datetime:
    """Local midnight of ``term.start`` in the support calendar's zone (UTC without a support section):
    the default ``effective_from`` of a version."""
    zone = ZoneInfo("UTC")
    if agreement.support is not None and agreement.support.calendar in agreement.calendars:
        zone = agreement.calendar(agreement.support.calendar).timezone
    return datetime.combine(agreement.term.start, time(0), tzinfo=zone).astimezone(UTC)


def client_rule(
    uow: UnitOfWork, principal: Principal, client: Client, agreement_key: str | None = None
) -> VersionRule:
    """The rule over the activated versions of the client's agreement (``agreement_key`` names it where
    the client has several; :class:`InputError` when it has several and none is named)."""
    versions = uow.agreements.versions(client.id, access.scope_of(principal), agreement_key)
    activated = [v for v in versions if v.status is not VersionStatus.DRAFT and v.effective_from]
    keys = sorted({v.agreement_key for v in activated})
    if len(keys) > 1:
        raise InputError(
            f"client {client.slug} has {len(keys)} agreements in force ({', '.join(keys)}); name one "
            "(?agreement= in the API, --agreement on the command line)"
        )
    return VersionRule.of(activated)


@dataclass(frozen=True)
class AgreementInForce:
    """A stored version read back: the agreement (None when it no longer validates) and its findings."""

    version: AgreementVersion
    agreement: Agreement | None
    findings: tuple[Finding, ...]


@lru_cache(maxsize=64)
def _parse(
    parser: Hashable, sha256: str, text: str, language: str | None
) -> tuple[Agreement | None, tuple[Finding, ...]]:
    result = cast("AgreementParser", parser)(text, source=f"{sha256[:12]}.yaml")
    return result.agreement, tuple(lint(result, language=language))


def parsed_version(
    version: AgreementVersion, parser: AgreementParser, language: str | None = None
) -> AgreementInForce:
    """A version's agreement and lint findings (parsed once per text and language, then cached)."""
    agreement, findings = _parse(cast(Hashable, parser), version.sha256, version.text, language)
    return AgreementInForce(version, agreement, findings)


def _utc(instant: datetime | None) -> datetime:
    assert instant is not None
    return instant.astimezone(UTC) if instant.tzinfo is not None else instant.replace(tzinfo=UTC)
