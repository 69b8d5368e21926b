"""Benchmark: import 1,000,000 tickets and 3,000,000 events through the import use case.

Run: ``.venv/bin/python benchmarks/bench_import.py [--tickets N] [--events N] [--postgres URL]
[--only sqlite|postgresql] [--write-docs]``. Targets: SQLite at most 90 s, PostgreSQL at most 150 s
(reading both files, storing tickets and events in one transaction per file, committing).

Alternative measured in the same run: the ORM, one ``session.add`` per row (tickets then events, one
commit), on a sample of 20,000 tickets and 60,000 events, scaled to the full size.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.adapters.db.tables import EventRow, TicketRow
from servicepact.adapters.inputs.tickets import read_ticket_batch
from servicepact.services import clients, importing
from servicepact.services.access import SYSTEM
from servicepact.services.model import ImportKind
from synthetic import ZONE, write_events_csv, write_tickets_csv

DOCS = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
SECTION = "## Import"
TARGETS = {"sqlite": 90.0, "postgresql": 150.0}
SAMPLE_TICKETS, SAMPLE_EVENTS = 20_000, 60_000


def fresh_postgres(url: str, name: str) -> str:
    """A new empty database ``name`` on the server of ``url``."""
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return sqlalchemy.make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_postgres(url: str, name: str) -> None:
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def import_files(url: str, tickets: Path, events: Path) -> dict[str, float]:
    database = Database(DatabaseSettings(url))
    database.upgrade()
    uow = database.unit_of_work()
    clients.create_client(uow, SYSTEM, "bench", "Bench", ZONE)
    reader = FileInputReader()
    times: dict[str, float] = {}
    for kind, path in ((ImportKind.TICKETS, tickets), (ImportKind.EVENTS, events)):
        began, cpu = time.perf_counter(), time.process_time()
        report = importing.import_file(uow, SYSTEM, importing.ImportRequest(kind, path, "bench"), reader)
        times[kind.value] = time.perf_counter() - began
        times[f"{kind.value} cpu"] = time.process_time() - cpu
        print(
            f"  {kind.value}: {report.added} in {times[kind.value]:.1f} s "
            f"({times[f'{kind.value} cpu']:.1f} s CPU in this process)",
            flush=True,
        )
    began = time.perf_counter()
    again = importing.import_file(
        uow, SYSTEM, importing.ImportRequest(ImportKind.EVENTS, events, "bench"), reader
    )
    times["events again (nothing added)"] = time.perf_counter() - began
    assert not again.changed, again.added
    database.dispose()
    return times


def orm_per_row(url: str, tickets: Path, events: Path) -> float:
    """The named alternative: read the same way, then one ORM object and ``session.add`` per row."""
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import Session

    database = Database(DatabaseSettings(url))
    database.upgrade()
    uow = database.unit_of_work()
    clients.create_client(uow, SYSTEM, "orm", "ORM", ZONE)
    began = time.perf_counter()
    batch, event_batch, _ = read_ticket_batch(tickets, events, ZoneInfo(ZONE))
    with Session(database.engine) as session:
        client_id = session.scalar(sqlalchemy.text("SELECT id FROM clients WHERE slug = 'orm'"))
        rows: list[Any] = []
        created = batch.created_at.astype(np.int64).tolist()
        for i, external in enumerate(batch.ids.tolist()):
            row = TicketRow(
                client_id=client_id,
                external_id=external,
                created_at=datetime.fromtimestamp(created[i], UTC),
                priority=batch.priority[i],
                title=None if batch.title is None else batch.title[i],
            )
            session.add(row)
            rows.append(row)
        session.flush()
        at = event_batch.at.astype(np.int64).tolist()
        for n, (ticket, code, value) in enumerate(
            zip(
                event_batch.ticket.tolist(),
                event_batch.type.tolist(),
                event_batch.value.tolist(),
                strict=True,
            )
        ):
            session.add(
                EventRow(
                    ticket_id=rows[ticket].id,
                    at=datetime.fromtimestamp(at[n], UTC),
                    type=str(code),
                    value=value,
                    key=n,
                )
            )
        session.commit()
    elapsed = time.perf_counter() - began
    database.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=3_000_000)
    parser.add_argument("--postgres", default=os.environ.get("SERVICEPACT_TEST_POSTGRES_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        tickets, events = root / "tickets.csv", root / "events.csv"
        sample_tickets, sample_events = root / "sample_tickets.csv", root / "sample_events.csv"
        written = write_tickets_csv(tickets, args.tickets, seed=1)
        write_events_csv(events, written, args.events, seed=2)
        sample = write_tickets_csv(sample_tickets, SAMPLE_TICKETS, seed=3)
        write_events_csv(sample_events, sample, SAMPLE_EVENTS, seed=4)
        targets = []
        if args.only in (None, "sqlite"):
            targets.append(("sqlite", f"sqlite:///{root / 'bench.db'}", f"sqlite:///{root / 'orm.db'}"))
        if args.only in (None, "postgresql") and args.postgres:
            targets.append(
                (
                    "postgresql",
                    fresh_postgres(args.postgres, "sp_bench"),
                    fresh_postgres(args.postgres, "sp_bench_orm"),
                )
            )
        for name, url, orm_url in targets:
            print(f"{name}:", flush=True)
            began = time.perf_counter()
            times = import_files(url, tickets, events)
            total = times["tickets"] + times["events"]
            del began
            orm = orm_per_row(orm_url, sample_tickets, sample_events)
            scale = (args.tickets + args.events) / (SAMPLE_TICKETS + SAMPLE_EVENTS)
            results[name] = {"times": times, "total": total, "orm_sample": orm, "orm_scaled": orm * scale}
            print(
                f"  total {total:.1f} s (target {TARGETS[name]:.0f} s: "
                f"{'met' if total <= TARGETS[name] else 'MISSED'}); "
                f"ORM per row: {orm:.1f} s for the sample, ~{orm * scale:.0f} s scaled",
                flush=True,
            )
            if name == "postgresql":
                drop_postgres(args.postgres, "sp_bench")
                drop_postgres(args.postgres, "sp_bench_orm")
    if args.write_docs:
        write_section(args, results)


def write_section(args: argparse.Namespace, results: dict[str, dict[str, Any]]) -> None:
    """Replace the "## Import" section of docs/performance.md (only that section)."""
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    lines = [
        SECTION,
        "",
        f"`benchmarks/bench_import.py`, {datetime.now(UTC):%Y-%m-%d}, {machine}, "
        f"SQLAlchemy {sqlalchemy.__version__}.",
        f"{args.tickets:,} tickets (flat file with first_response_at/resolved_at) and {args.events:,} events "
        "(events file), through the import use case of `servicepact import` (read, store in one "
        "transaction per file, commit). Times include reading the CSV.",
        "",
        "| database | tickets file | events file | total | target | CPU of the importing process | "
        "re-import of the events (adds nothing) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, result in results.items():
        t = result["times"]
        lines.append(
            f"| {name} | {t['tickets']:.1f} s | {t['events']:.1f} s | **{result['total']:.1f} s** | "
            f"{TARGETS[name]:.0f} s | {t['tickets cpu'] + t['events cpu']:.1f} s | "
            f"{t['events again (nothing added)']:.1f} s |"
        )
    load = os.getloadavg()[0]
    lines += [
        "",
        f"Load average when written: {load:.1f} on {os.cpu_count()} CPUs (other work shared the machine; "
        "wall-clock times grow with it, the CPU column much less).",
        "",
        "Alternative, measured in the same run: the ORM with one `session.add` per row on "
        f"{SAMPLE_TICKETS:,} tickets and {SAMPLE_EVENTS:,} events, scaled linearly to the full size:",
        "",
    ]
    for name, result in results.items():
        lines.append(
            f"- {name}: {result['orm_sample']:.1f} s for the sample, about {result['orm_scaled']:.0f} s "
            f"for the full size ({result['orm_scaled'] / result['total']:.0f}x the bulk path)."
        )
    lines += [
        "",
        "The bulk path: SQLite gets the driver's `executemany` of `INSERT ... ON CONFLICT DO NOTHING` "
        "in chunks of plain tuples; PostgreSQL gets `COPY` of the rows not stored yet (looked up by "
        "external id, and by (ticket, key) for events of tickets stored before). Event keys are "
        "hashed in NumPy (`services/fingerprints.py`).",
        "",
    ]
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"
    start = text.find(SECTION + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines)
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + "\n".join(lines) + ("\n" + text[end + 1 :] if end >= 0 else "")
    DOCS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
