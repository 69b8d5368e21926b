"""Small files and set-ups the database tests share (each test still makes its own data)."""

from __future__ import annotations

from pathlib import Path

from servicepact.adapters.db.input_files import FileInputReader
from servicepact.services import clients, importing
from servicepact.services.access import SYSTEM
from servicepact.services.importing import ImportReport, ImportRequest
from servicepact.services.model import Client, ImportKind
from servicepact.services.ports import UnitOfWork

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "northwind-acme.en.yaml"


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def add_client(uow: UnitOfWork, slug: str = "acme") -> Client:
    return clients.create_client(uow, SYSTEM, slug, slug.title(), "Europe/London")


def run_import(
    uow: UnitOfWork, kind: ImportKind, path: Path, client: str = "acme", *, skip: bool = False
) -> ImportReport:
    return importing.import_file(
        uow, SYSTEM, ImportRequest(kind, path, client, skip_bad_rows=skip), FileInputReader()
    )


def tickets_file(folder: Path, name: str = "tickets.csv") -> Path:
    return write(
        folder / name,
        "id,created_at,priority,service,title,first_response_at,resolved_at",
        "T1,2026-01-05T09:00:00Z,P1,email,Mail down,2026-01-05T09:10:00Z,2026-01-05T12:00:00Z",
        "T2,2026-01-06T09:00:00,P2,email,Slow,,",
        "T3,2026-01-07T09:00:00+03:00,P3,print,Toner,2026-01-07T09:30:00+03:00,",
    )


def events_file(folder: Path, name: str = "events.csv") -> Path:
    return write(
        folder / name,
        "ticket_id,at,type,value",
        "T1,2026-01-05T10:00:00Z,work,30",
        "T1,2026-01-05T10:00:00Z,work,30",
        "T2,2026-01-06T10:00:00Z,status,on_hold",
        "T2,2026-01-06T11:00:00Z,priority,P1",
    )
