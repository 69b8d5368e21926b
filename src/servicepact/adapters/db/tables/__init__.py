"""The ORM tables, one module per aggregate; importing this package registers them all on ``Base``."""

from servicepact.adapters.db.tables.agreements import AgreementRow, AgreementVersionRow
from servicepact.adapters.db.tables.base import Base
from servicepact.adapters.db.tables.clients import ClientRow
from servicepact.adapters.db.tables.operations import (
    AssetRow,
    BackupRunRow,
    CheckRow,
    CoverageRow,
    OutageRow,
    RestoreTestRow,
)
from servicepact.adapters.db.tables.people import ApiTokenRow, AuditRow, UserRow
from servicepact.adapters.db.tables.revision import REVISION_ROW, DataRevisionRow
from servicepact.adapters.db.tables.tickets import EventRow, TicketRow

__all__ = [
    "REVISION_ROW",
    "AgreementRow",
    "AgreementVersionRow",
    "ApiTokenRow",
    "AssetRow",
    "AuditRow",
    "BackupRunRow",
    "Base",
    "CheckRow",
    "ClientRow",
    "CoverageRow",
    "DataRevisionRow",
    "EventRow",
    "OutageRow",
    "RestoreTestRow",
    "TicketRow",
    "UserRow",
]
