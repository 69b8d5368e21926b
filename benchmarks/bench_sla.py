"""`servicepact sla` end to end on 1,000,000 tickets and 3,000,000 events (issue 3).

Targets: at most 20 s and 2 GB peak memory, measured with `/usr/bin/time -v` on the real command. The
named alternative, measured in the same run: a straightforward per-ticket loop over the scalar calendar
API (`BusinessCalendar.add` for each ticket's two due times) on a sample, scaled to a million tickets.

Run: .venv/bin/python benchmarks/bench_sla.py [--tickets N] [--events N]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from performance_doc import replace_section
from synthetic import write_events_csv, write_tickets_csv

from servicepact import load_agreement

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "examples" / "severny-veter-romashka.ru.yaml"
NOW = "2026-06-01T00:00:00+03:00"
SAMPLE = 5_000


def run_command(tickets: Path, events: Path, out: Path) -> tuple[float, float]:
    command = [
        "/usr/bin/time", "-v", str(ROOT / ".venv" / "bin" / "servicepact"), "sla", str(AGREEMENT),
        "--tickets", str(tickets), "--events", str(events), "--now", NOW, "-o", str(out),
    ]  # fmt: skip
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        sys.exit(f"servicepact sla failed:\n{finished.stderr[-3000:]}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", finished.stderr).group(1))
    return elapsed, peak_kb / 1024


def per_ticket_loop(tickets: Path) -> float:
    """Seconds per ticket for the straightforward alternative: two scalar `add` calls per ticket."""
    agreement = load_agreement(AGREEMENT)
    support = agreement.support
    lines = tickets.read_text().splitlines()[1 : SAMPLE + 1]
    started = time.perf_counter()
    for line in lines:
        created = datetime.fromisoformat(line.split(",")[1]).replace(tzinfo=None)
        created = created.replace(tzinfo=UTC)
        target = support.targets["P3"]
        calendar = agreement.calendar(support.target_calendar("P3"))
        calendar.add(created, target.response.business_time(calendar.day_length))
        calendar.add(created, target.resolution.business_time(calendar.day_length))
    return (time.perf_counter() - started) / len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=3_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tickets, events, out = Path(folder, "tickets.csv"), Path(folder, "events.csv"), Path(folder, "sla.csv")
        synthetic = write_tickets_csv(tickets, args.tickets)
        write_events_csv(events, synthetic, args.events)
        elapsed, peak_mb = run_command(tickets, events, out)
        rows = sum(1 for _ in out.open()) - 1
        loop = per_ticket_loop(tickets) * args.tickets
    ratio = loop / elapsed
    print(f"sla: {rows:,} tickets in {elapsed:.1f} s, peak {peak_mb:,.0f} MB; per-ticket loop ~{loop:.0f} s")
    body = f"""`benchmarks/bench_sla.py`, {datetime.now(UTC):%Y-%m-%d}, {np.__version__=}; the real command under
`/usr/bin/time -v`: `servicepact sla examples/severny-veter-romashka.ru.yaml --tickets T --events E -o out.csv`
on {args.tickets:,} synthetic tickets (impact × urgency through the matrix) and {args.events:,} events
(`benchmarks/synthetic.py`: status changes, work, priority changes, responses, resolutions, reopenings).

| measure | result | target |
| --- | ---: | ---: |
| end to end (read, clocks, write {rows:,} rows) | {elapsed:.1f} s | 20 s |
| peak memory (maximum resident set) | {peak_mb:,.0f} MB | 2,048 MB |
| named alternative: per-ticket loop of scalar `add` (two due times only, no events), {SAMPLE:,}-ticket sample scaled | {loop:.0f} s | |
| ratio alternative ÷ servicepact | {ratio:.0f}× | |
"""
    replace_section("SLA command", body.replace("np.__version__=", "numpy "))


if __name__ == "__main__":
    main()
