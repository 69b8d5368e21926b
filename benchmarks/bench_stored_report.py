"""Benchmark: the JSON report of a stored month of 100,000 tickets, against the same month from files.

The month of ``bench_evaluation.py`` (Northwind, March 2027: 100,000 tickets, ~300,000 events, 1,000
outages, 50,000 backup runs) is imported into a fresh SQLite database (or ``--database-url``), then:

1. stored: ``stored_period`` (what ``servicepact report -o report.json``, the API report and the web
   report run: read every row of the period through ``read_period``, judge, evaluate) and ``json.dumps``;
2. named alternative, in the same run: the same month from the CSV files, as ``servicepact evaluate``
   does it (read the files, evaluate, ``json.dumps``).

Both give the same figures (``tests/integration/db/test_export_roundtrip.py`` holds them equal); the
ratio says what storage costs. Writes the "Stored report" section of docs/performance.md
(``--no-doc`` to only print it).

    .venv/bin/python benchmarks/bench_stored_report.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_evaluation import AGREEMENT, NOW, make_files
from performance_doc import replace_section
from servicepact import load_agreement
from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db import Database, DatabaseSettings
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.adapters.evaluation_files import read_evaluation_files
from servicepact.services import agreements, clients, importing
from servicepact.services.access import SYSTEM
from servicepact.services.evaluation import evaluate_period
from servicepact.services.model import ImportKind
from servicepact.services.reports import stored_period
from servicepact.testing import FixedTime

RUNS = 3


def _import(database: Database, folder: Path) -> None:
    time_source = FixedTime(NOW)

    def uow():  # type: ignore[no-untyped-def]
        return database.unit_of_work(time_source)

    clients.create_client(uow(), SYSTEM, "acme", "Acme", "America/New_York")
    text = AGREEMENT.read_text(encoding="utf-8")
    agreements.upload_agreement(uow(), SYSTEM, "acme", text, read_agreement, activate=True)
    for kind, name in (
        (ImportKind.TICKETS, "tickets.csv"),
        (ImportKind.EVENTS, "events.csv"),
        (ImportKind.OUTAGES, "outages.csv"),
        (ImportKind.BACKUPS, "backups.csv"),
    ):
        # A few synthetic events fall after NOW: bad rows at import (spec 1.1 §5), left out here; the
        # clocks of the file path ignore them as well.
        request = importing.ImportRequest(kind, folder / name, "acme", skip_bad_rows=True)
        importing.import_file(uow(), SYSTEM, request, FileInputReader())


def _best(measure) -> tuple[float, float, str]:  # type: ignore[no-untyped-def]
    """Best wall clock and CPU of RUNS runs, and the JSON of the last."""
    walls, cpus, body = [], [], ""
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        body = measure()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: a fresh SQLite file)")
    parser.add_argument("--no-doc", action="store_true", help="print the figures only")
    options = parser.parse_args()
    agreement = load_agreement(AGREEMENT)
    with tempfile.TemporaryDirectory(prefix="servicepact-bench-") as folder_name:
        folder = Path(folder_name)
        files = make_files(folder)
        url = options.database_url or f"sqlite:///{folder / 'bench.db'}"
        database = Database(DatabaseSettings(url))
        database.upgrade()
        try:
            started = time.perf_counter()
            _import(database, folder)
            imported = time.perf_counter() - started

            def stored() -> str:
                report = stored_period(
                    database.unit_of_work(FixedTime(NOW)), SYSTEM, "acme", "2027-03", read_agreement, NOW
                )
                return json.dumps(report.evaluation.to_dict())

            def from_files() -> str:
                read = read_evaluation_files(agreement, files)
                return json.dumps(evaluate_period(agreement, "2027-03", read.inputs, NOW).to_dict())

            stored_wall, stored_cpu, stored_body = _best(stored)
            files_wall, files_cpu, files_body = _best(from_files)
        finally:
            database.dispose()
    tickets = json.loads(stored_body)["tickets"]["created"]
    same = json.loads(stored_body)["metrics"] == json.loads(files_body)["metrics"]
    engine = url.split(":", 1)[0]
    lines = [
        f"`benchmarks/bench_stored_report.py`, {datetime.now(UTC):%Y-%m-%d}, "
        f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()} (shared machine), "
        f"{engine}; best of {RUNS}. The month "
        f"of `bench_evaluation.py` ({tickets:,} tickets) imported in {imported:.1f} s; the metrics of both "
        f"paths are {'the same' if same else 'DIFFERENT'}.",
        "",
        "| JSON report of the month | wall clock | CPU of the process | target |",
        "| --- | ---: | ---: | ---: |",
        f"| stored (`servicepact report`, API, web) | **{stored_wall:.2f} s** | {stored_cpu:.2f} s | 5 s |",
        f"| named alternative: from the CSV files (`servicepact evaluate`) | {files_wall:.2f} s | "
        f"{files_cpu:.2f} s | |",
        f"| ratio stored ÷ files | {stored_wall / files_wall:.2f} | | |",
        "",
        f"Load average when the run ended: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs. Most of the "
        "stored time is reading 100,000 tickets and their events as row objects (`read_period`); the "
        "evaluation itself is the same as from files.",
    ]
    body = "\n".join(lines)
    print(body)
    if not options.no_doc:
        replace_section("Stored report", body)


if __name__ == "__main__":
    main()
