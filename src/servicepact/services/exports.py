"""Use case: everything a period's evaluation reads, as spec §5 files (``servicepact export``).

The export is the user's way out with their data and the proof of the figures: ``servicepact evaluate`` on
the exported files, with the exported agreement version and the same ``--now``, gives the very evaluation
the report, the API and the web pages show. So it holds exactly what
:func:`~servicepact.services.stored_inputs.read_period` reads: the tickets the period judges (with every
event, also those after its end), the outages and the monitoring coverage, the earlier backup runs and
restore tests that RPO and restore compliance need, every asset, and the text of the version that judges
the period.

A month of two stored tickets (INC1's P1 resolution breached) of the shipped agreement, stored in the fake
unit of work by ``stored_month`` (the doctests' setup, in the project's ``conftest.py``):

>>> from servicepact import read_agreement
>>> from servicepact.testing import SYSTEM
>>> uow, now = stored_month()
>>> from servicepact.adapters.exports import write_export
>>> export = export_period(uow, SYSTEM, "acme", "2027-03", read_agreement, now)
>>> [path.name for path in write_export(export, TMP / "acme-2027-03")]
['tickets.csv', 'events.csv', 'outages.csv', 'coverage.csv', 'assets.csv', 'agreement.yaml']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from servicepact.domain.errors import InputError
from servicepact.domain.evaluation import CoveredSpan, Period
from servicepact.domain.records import Asset, BackupRun, Outage, RestoreTest, Ticket
from servicepact.services.model import AgreementVersion, Principal
from servicepact.services.ports import AgreementParser, UnitOfWork
from servicepact.services.reports import judged_period
from servicepact.services.stored_inputs import read_period

__all__ = ["PeriodExport", "export_period"]


@dataclass(frozen=True)
class PeriodExport:
    """The rows and the agreement version of one period of one client. ``backups`` / ``restores`` are
    None when the client never stored any: then no file is written, and the evaluation of the files says
    "no data" as the stored one does. ``judged_elsewhere`` counts the tickets that another version (or no
    version) judges; ``versions`` are the versions that judge some exported ticket (and the period's), in
    the order they take effect, for ``evaluate --versions``."""

    client: str
    period: Period
    version: AgreementVersion
    now: datetime
    tickets: tuple[Ticket, ...]
    outages: tuple[Outage, ...]
    coverage: tuple[CoveredSpan, ...]
    backups: tuple[BackupRun, ...] | None
    restores: tuple[RestoreTest, ...] | None
    assets: tuple[Asset, ...]
    judged_elsewhere: int = 0
    versions: tuple[AgreementVersion, ...] = ()


def export_period(
    uow: UnitOfWork,
    principal: Principal,
    client: str,
    period: str,
    parser: AgreementParser,
    now: datetime,
    *,
    agreement_key: str | None = None,
) -> PeriodExport:
    """What the evaluation of ``period`` as of ``now`` reads, with the version that judges it."""
    judged = judged_period(uow, principal, client, period, parser, now, agreement_key=agreement_key)
    agreement = judged.in_force.agreement
    if agreement is None:
        raise InputError(
            f"version {judged.in_force.version.number} of the agreement of client {client} does not validate"
        )
    read = read_period(uow, principal, client, judged.period, agreement, now=now)
    # Tickets that a version other than the period's (or none) judges: they need `versions.csv`.
    index = judged.rule.indexes(read.inputs.tickets.created_at)
    own = judged.rule.versions.index(judged.in_force.version)
    judged_elsewhere = int((index != own).sum())
    # Every version that judges an exported ticket, in the order they take effect: `evaluate --versions`
    # judges each ticket by the one in force at its creation, as the stored evaluation does.
    judging = tuple(v for i, v in enumerate(judged.rule.versions) if i == own or bool((index == i).any()))
    inputs = read.inputs
    # The coverage the evaluation used (read_period read it), as rows: a span still open at ``now`` is
    # written open, one begun after it is left out.
    coverage = tuple(
        CoveredSpan(item, start, None if end is not None and end > now else end)
        for item, spans in sorted(inputs.coverage.spans.items())
        for start, end in spans
        if start <= now
    )
    return PeriodExport(
        client=judged.owner.slug,
        period=judged.period,
        version=judged.in_force.version,
        now=now,
        tickets=tuple(read.tickets),
        outages=tuple(inputs.outages),
        coverage=coverage,
        backups=tuple(inputs.backup_runs) if inputs.has_backup_source else None,
        restores=tuple(inputs.restore_tests) if inputs.has_restore_source else None,
        assets=tuple(inputs.assets),
        judged_elsewhere=judged_elsewhere,
        versions=judging,
    )
