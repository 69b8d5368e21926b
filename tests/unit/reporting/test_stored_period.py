"""``services.reports.stored_period``: a client's period evaluated from stored records (in-memory store)."""

from datetime import UTC, datetime
from typing import Any

import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.errors import NotFoundError
from servicepact.domain.evaluation import ALL_ITEMS, CoveredSpan
from servicepact.domain.records import EventType, Ticket, TicketEvent
from servicepact.services.agreements import upload_agreement
from servicepact.services.reports import stored_period
from servicepact.testing import SYSTEM, FakeUnitOfWork, make_client
from tests.unit.reporting.helpers import EXAMPLES, Month


def stored(month: Month) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    client = make_client(uow, "acme", "America/New_York")
    text = (EXAMPLES / "northwind-acme.en.yaml").read_text(encoding="utf-8")
    upload_agreement(
        uow,
        SYSTEM,
        "acme",
        text,
        read_agreement,
        activate=True,
        effective_from=datetime(2027, 1, 1, tzinfo=UTC),
    )
    records = month.inputs
    with uow:
        store = uow.working
        assert store is not None
        for row, ticket_id in enumerate(records.tickets.ids.tolist()):
            created = datetime.fromtimestamp(int(records.tickets.created_at[row].astype(int)), tz=UTC)
            store.tickets[(client.id, ticket_id)] = Ticket(
                ticket_id,
                created,
                records.tickets.priority[row],
                client_priority=records.tickets.client_priority[row],
                service=records.tickets.service[row],
                asset=records.tickets.asset[row],
            )
            mine = [i for i, t in enumerate(records.events.ticket.tolist()) if t == row]
            store.events[(client.id, ticket_id)] = {
                n: TicketEvent(
                    ticket_id,
                    datetime.fromtimestamp(int(records.events.at[i].astype(int)), tz=UTC),
                    list(EventType)[int(records.events.type[i])],
                    records.events.value[i],
                )
                for n, i in enumerate(mine)
            }
        uow.imports.outages(client.id, records.outages)
        # The month's outages are its whole record: monitoring watched from before the month on.
        uow.imports.coverage(
            client.id, [CoveredSpan(ALL_ITEMS, datetime(2027, 1, 1, tzinfo=UTC), None, "test")]
        )
        uow.imports.backup_runs(client.id, records.backup_runs)
        uow.imports.restore_tests(client.id, records.restore_tests)
        uow.imports.assets(client.id, records.assets)
        uow.commit()
    return uow


def test_a_stored_month_evaluates_as_the_same_month_from_files(northwind: Month) -> None:
    uow = stored(northwind)
    result = stored_period(uow, SYSTEM, "acme", "2027-03", read_agreement, northwind.now)
    assert result.version.number == 1
    assert in_id_order(result.evaluation.to_dict()) == in_id_order(northwind.evaluation.to_dict())


def in_id_order(data: dict[str, Any]) -> dict[str, Any]:
    """The evaluation with its ticket and asset lists by id (the store lists tickets by creation time and
    assets by id, as the SQL repositories do; the files list them as written)."""
    tickets = data["tickets"]
    for name in ("breached", "best_effort", "out_of_scope"):
        tickets[name] = sorted(tickets[name], key=lambda entry: entry["id"])
    tickets["disputes"] = sorted(tickets["disputes"], key=lambda entry: entry["ticket"])
    if data.get("requirements"):
        data["requirements"]["assets"] = sorted(data["requirements"]["assets"], key=lambda a: a["asset"])
    return data


def test_a_client_without_an_agreement_has_nothing_to_report() -> None:
    uow = FakeUnitOfWork()
    make_client(uow, "empty")
    with pytest.raises(NotFoundError):
        stored_period(uow, SYSTEM, "empty", "2027-03", read_agreement, datetime(2027, 4, 5, tzinfo=UTC))


def test_a_stored_month_without_monitoring_coverage_has_no_uptime_data(northwind: Month) -> None:
    uow = stored(northwind)
    with uow:
        store = uow.working
        assert store is not None
        store.coverage.clear()
        uow.commit()
    result = stored_period(uow, SYSTEM, "acme", "2027-03", read_agreement, northwind.now)
    for item in result.evaluation.uptime:
        assert item.value.value is None
        assert item.to_dict()["status"] == "no_data"
    assert all(
        line.amount == 0 for line in result.evaluation.credits.lines if line.metric.startswith("uptime.")
    )
