"""`servicepact sla` end to end on 1,000,000 tickets and 3,000,000 events (issue 3).

Targets: at most 20 s and 2 GB peak memory, measured with `/usr/bin/time -v` on the real command, run
several times (the machine is shared: best and median are reported, with the load average and the CPU
time of each run). The phases (read, clocks, write) are timed in one more process. The named alternative,
measured in the same run: a straightforward per-ticket loop over the scalar calendar API
(`BusinessCalendar.add` for each ticket's two due times) on a sample, scaled to a million tickets.

Run: .venv/bin/python benchmarks/bench_sla.py [--tickets N] [--events N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from performance_doc import replace_section
from servicepact import load_agreement
from synthetic import write_events_csv, write_tickets_csv

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "examples" / "severny-veter-romashka.ru.yaml"
NOW = "2026-06-01T00:00:00+03:00"
SAMPLE = 5_000


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the command
    peak_mb: float
    load: float  # one-minute load average when the run started


def run_command(tickets: Path, events: Path, out: Path) -> Run:
    command = [
        "/usr/bin/time", "-v", str(ROOT / ".venv" / "bin" / "servicepact"), "sla", str(AGREEMENT),
        "--tickets", str(tickets), "--events", str(events), "--now", NOW, "-o", str(out),
    ]  # fmt: skip
    load = os.getloadavg()[0]
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        sys.exit(f"servicepact sla failed:\n{finished.stderr[-3000:]}")

    def figure(name: str) -> float:
        return float(re.search(rf"{re.escape(name)}: ([\d.]+)", finished.stderr).group(1))

    cpu = figure("User time (seconds)") + figure("System time (seconds)")
    return Run(elapsed, cpu, figure("Maximum resident set size (kbytes)") / 1024, load)


PHASES = """
import json, sys, time
from pathlib import Path
import numpy as np
from servicepact import load_agreement
from servicepact.adapters.clock_exports import write_clocks
from servicepact.adapters.inputs.tickets import read_ticket_batch
from servicepact.domain.clocks import evaluate_clocks
from servicepact.entrypoints.cli.instants import parse_instant
agreement_file, tickets, events, now, out = sys.argv[1:]
agreement = load_agreement(Path(agreement_file))
zone = agreement.calendar(agreement.support.calendar).timezone
as_of = np.datetime64(int(parse_instant(now, zone, name="--now").timestamp()), "s")
figures = {}
def timed(name, work):
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    figures[name] = (time.perf_counter() - wall, time.process_time() - cpu)
    return result
batch, event_batch, _ = timed("read", lambda: read_ticket_batch(
    Path(tickets), Path(events), zone, priority_of=agreement.priorities.from_matrix))
results = timed("clocks", lambda: evaluate_clocks(agreement, batch, event_batch, as_of))
timed("write", lambda: write_clocks(results, Path(out), kind="csv"))
print(json.dumps(figures))
"""


def phases(tickets: Path, events: Path, out: Path) -> dict[str, list[float]]:
    """Wall-clock and CPU seconds of each phase, in a fresh process."""
    command = [sys.executable, "-c", PHASES, str(AGREEMENT), str(tickets), str(events), NOW, str(out)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def startup() -> float:
    """Seconds for `servicepact --help` (the interpreter and the imports of every command)."""
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "servicepact"), "--help"], capture_output=True, check=True)
    return time.perf_counter() - started


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
    parser.add_argument("--runs", type=int, default=5, help="runs of the command (best and median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tickets, events = Path(folder, "tickets.csv"), Path(folder, "events.csv")
        out = Path(folder, "sla.csv")
        synthetic = write_tickets_csv(tickets, args.tickets)
        write_events_csv(events, synthetic, args.events)
        runs = []
        for i in range(args.runs):
            runs.append(run_command(tickets, events, out))
            print(f"run {i + 1}: {runs[-1]}", flush=True)
        rows = sum(1 for _ in out.open()) - 1
        phase = phases(tickets, events, out)
        start = startup()
        loop = per_ticket_loop(tickets) * args.tickets
    best = min(runs, key=lambda run: run.wall)
    median = statistics.median(run.wall for run in runs)
    peak = max(run.peak_mb for run in runs)
    loads = ", ".join(f"{run.load:.1f}" for run in runs)
    walls = ", ".join(f"{run.wall:.1f}" for run in runs)
    cpus = ", ".join(f"{run.cpu:.1f}" for run in runs)
    ratio = loop / best.wall
    print(f"sla: {rows:,} tickets, best {best.wall:.1f} s, median {median:.1f} s, peak {peak:,.0f} MB")
    phase_rows = "\n".join(f"| {name} | {wall:.1f} s | {cpu:.1f} s |" for name, (wall, cpu) in phase.items())
    body = f"""`benchmarks/bench_sla.py`, {datetime.now(UTC):%Y-%m-%d}, numpy {np.__version__}, {os.cpu_count()} CPUs;
the real command under `/usr/bin/time -v`, {args.runs} runs:
`servicepact sla examples/severny-veter-romashka.ru.yaml --tickets T --events E -o out.csv`
on {args.tickets:,} synthetic tickets (impact × urgency through the matrix) and {args.events:,} events
(`benchmarks/synthetic.py`: status changes, work, priority changes, responses, resolutions, reopenings).

| measure | result | target |
| --- | ---: | ---: |
| end to end (read, clocks, write {rows:,} rows), best of {args.runs} | {best.wall:.1f} s | 20 s |
| end to end, median of {args.runs} | {median:.1f} s | |
| peak memory (maximum resident set, highest of the runs) | {peak:,.0f} MB | 2,048 MB |
| named alternative: per-ticket loop of scalar `add` (two due times only, no events), {SAMPLE:,}-ticket sample scaled | {loop:.0f} s | |
| ratio alternative ÷ servicepact (best run) | {ratio:.0f}× | |

Each run (wall clock s / CPU s, user + system / one-minute load average at its start, on a machine
shared with other jobs): {walls} / {cpus} / {loads}.

Phases, in one more process (`read_ticket_batch`, `evaluate_clocks`, `write_clocks`), and start-up:

| phase | wall clock | CPU |
| --- | ---: | ---: |
{phase_rows}
| start-up: `servicepact --help` (interpreter, imports of every command) | {start:.1f} s | |
"""  # noqa: E501 - table rows are one line each
    replace_section("SLA command", body)


if __name__ == "__main__":
    main()
