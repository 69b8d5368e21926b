"""One path from stored data to the engines: every surface judges a period with the same versions and
rows (spec 1.1 §6), here on the in-memory fake."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.domain.errors import InputError, NotFoundError
from servicepact.services import agreements, clients, dashboard, importing
from servicepact.services.access import SYSTEM
from servicepact.services.live_clocks import AgreementCache, SlaStatus, list_ticket_clocks
from servicepact.services.model import ImportKind, Page
from servicepact.services.reports import stored_period
from servicepact.testing import FakeUnitOfWork, FixedTime

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
# Version 2 from 1 March 2027 doubles the P2 response target.
AMENDED = TEXT.replace("P2: {response: 1h, resolution: 8h}", "P2: {response: 2h, resolution: 16h}")
MARCH = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)  # midnight in New York
NOW = datetime(2027, 4, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def uow(tmp_path: Path) -> FakeUnitOfWork:
    uow = FakeUnitOfWork(FixedTime(NOW))
    clients.create_client(uow, SYSTEM, "acme", "Acme", "America/New_York")
    assert agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True).version
    assert agreements.upload_agreement(
        uow, SYSTEM, "acme", AMENDED, read_agreement, activate=True, effective_from=MARCH
    ).version
    tickets = tmp_path / "tickets.csv"
    # Responses 90 minutes after creation (Tuesdays, 10:00 New York): late under v1, in time under v2.
    tickets.write_text(
        "id,created_at,priority,service,first_response_at,resolved_at\n"
        "HISTORY,2026-12-01T10:00:00,P2,helpdesk,2026-12-01T11:30:00,2026-12-01T12:00:00\n"
        "FEB,2027-02-02T10:00:00,P2,helpdesk,2027-02-02T11:30:00,2027-02-02T12:00:00\n"
        "MAR,2027-03-02T10:00:00,P2,helpdesk,2027-03-02T11:30:00,2027-03-02T12:00:00\n",
        encoding="utf-8",
    )
    importing.import_file(
        uow, SYSTEM, importing.ImportRequest(ImportKind.TICKETS, tickets, "acme"), FileInputReader()
    )
    return uow


def _responses(stored) -> tuple[int, int]:
    ratio = stored.evaluation.metric("response_within_target")
    return ratio.numerator, ratio.denominator


def test_a_past_month_is_judged_by_the_version_in_force_at_its_end_and_each_ticket_by_its_own(uow):
    february = stored_period(uow, SYSTEM, "acme", "2027-02", read_agreement, NOW)
    march = stored_period(uow, SYSTEM, "acme", "2027-03", read_agreement, NOW)
    assert (february.version.number, march.version.number) == (1, 2)
    assert _responses(february) == (0, 1)  # FEB: 90 minutes against v1's 1h
    assert [t.id for t in february.evaluation.tickets.breached] == ["FEB"]
    assert _responses(march) == (1, 1)  # MAR: 90 minutes against v2's 2h


def test_history_before_the_first_version_is_stored_and_shown_as_no_agreement_everywhere(uow):
    with pytest.raises(NotFoundError, match="no agreement"):
        stored_period(uow, SYSTEM, "acme", "2026-12", read_agreement, NOW)
    page = list_ticket_clocks(uow, SYSTEM, "acme", AgreementCache(read_agreement), page=Page(10), now=NOW)
    statuses = {t.ticket.id: t.sla_status for t in page.items}
    assert statuses["HISTORY"] is SlaStatus.NO_AGREEMENT
    assert statuses["FEB"] is SlaStatus.BREACHED
    assert statuses["MAR"] is SlaStatus.MET


def test_the_dashboard_and_the_report_give_the_same_figures_for_a_month(uow):
    report = stored_period(uow, SYSTEM, "acme", "2027-02", read_agreement, NOW)  # as report and the API
    overview = dashboard.client_overview(
        uow, SYSTEM, "acme", read_agreement, AgreementCache(read_agreement), NOW, period="2027-02"
    )
    assert overview.in_force is not None
    assert overview.in_force.version.number == 1
    assert overview.evaluation is not None
    assert overview.evaluation.to_dict() == report.evaluation.to_dict()


def test_the_ticket_page_uses_the_version_that_judges_the_ticket(uow):
    timeline = dashboard.ticket_timeline(
        uow, SYSTEM, "acme", "FEB", read_agreement, AgreementCache(read_agreement), NOW
    )
    assert timeline.in_force is not None
    assert timeline.in_force.version.number == 1
    assert timeline.clocks is not None
    assert timeline.clocks.sla_status is SlaStatus.BREACHED


def test_the_period_read_pages_through_every_row_with_no_cap(uow, monkeypatch):
    from servicepact.services import stored_inputs

    monkeypatch.setattr(stored_inputs, "PAGE_ROWS", 1)  # every row is a page of its own
    stored = stored_period(uow, SYSTEM, "acme", "2027-02", read_agreement, NOW)
    assert [t.id for t in stored.tickets] == ["FEB"]
    everything = stored_period(uow, SYSTEM, "acme", "2027-01-01..2027-04-01", read_agreement, NOW)
    assert [t.id for t in everything.tickets] == ["FEB", "MAR"]


def test_history_stored_with_impact_and_urgency_before_any_version_takes_the_matrix_priority(tmp_path: Path):
    uow = FakeUnitOfWork(FixedTime(NOW))
    clients.create_client(uow, SYSTEM, "acme", "Acme", "America/New_York")
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "id,created_at,impact,urgency,service,first_response_at,resolved_at\n"
        "HIGH,2027-02-02T10:00:00,medium,high,helpdesk,2027-02-02T10:30:00,2027-02-02T12:00:00\n",
        encoding="utf-8",
    )
    importing.import_file(
        uow, SYSTEM, importing.ImportRequest(ImportKind.TICKETS, tickets, "acme"), FileInputReader()
    )
    assert agreements.upload_agreement(uow, SYSTEM, "acme", TEXT, read_agreement, activate=True).version
    report = stored_period(uow, SYSTEM, "acme", "2027-02", read_agreement, NOW)
    ratio = report.evaluation.metric("response_within_target")
    assert ratio is not None
    assert (ratio.numerator, ratio.denominator) == (1, 1)  # P2 by the matrix: 30 minutes within 1h
    page = list_ticket_clocks(uow, SYSTEM, "acme", AgreementCache(read_agreement), page=Page(10), now=NOW)
    assert [(t.ticket.id, t.priority) for t in page.items] == [("HIGH", "P2")]


def test_a_client_with_two_agreements_names_them_and_each_can_be_chosen(uow):
    other = TEXT.replace("id: northwind-acme-2027", "id: northwind-acme-security")
    assert agreements.upload_agreement(uow, SYSTEM, "acme", other, read_agreement, activate=True).version
    with pytest.raises(InputError, match="2 agreements in force"):
        stored_period(uow, SYSTEM, "acme", "2027-02", read_agreement, NOW)
    chosen = stored_period(
        uow, SYSTEM, "acme", "2027-02", read_agreement, NOW, agreement_key="northwind-acme-security"
    )
    assert chosen.version.agreement_key == "northwind-acme-security"
    # The dashboard card says what is wrong instead of failing every client's dashboard.
    overview = dashboard.client_overview(
        uow, SYSTEM, "acme", read_agreement, AgreementCache(read_agreement), NOW
    )
    assert overview.evaluation is None
    assert overview.problem is not None
    assert "name one" in overview.problem
