"""The ServiceNow incident event log of the UCI repository (dataset 498): one row per update.

``read_servicenow_log`` reads ``incident_event_log.zip`` (or the CSV in it) into one
:class:`~servicepact.domain.records.Ticket` per incident and one :class:`ServiceNowUpdate` per row.

Mapping (see docs/inputs.md):

- ``id`` = ``number``; ``created_at`` = ``opened_at``; ``asset`` = ``cmdb_ci``; ``'?'`` is missing.
- ``impact``, ``urgency``, ``priority`` are kept as their codes (``'2 - Medium'`` -> ``'2'``), so an
  agreement's matrix for this data is :data:`UCI_MATRIX`; the names are in :data:`UCI_PRIORITY_NAMES`.
  The ticket's priority is the one on its final row.
- Every row gives a ``status`` event (its ``incident_state``) at ``sys_updated_at``, with the external id
  ``number:sys_mod_count`` (``#2``, ``#3``... appended when a count repeats: five rows do); a row where the
  priority changed also gives a ``priority`` event, a row where ``reopen_count`` grew a ``reopened``
  event. Resolutions: the last entry into state ``Resolved`` before each reopening gives a ``resolved``
  event at that row's time, and the final resolution is at ``resolved_at`` (when missing: ``closed_at``,
  else the first ``Closed`` row after the last reopening).
- The final row is the incident's last row in the file (the file is in time order per incident; by
  ``sys_mod_count`` four incidents would end on an earlier row). Its ``made_sla`` is kept in
  :attr:`ServiceNowLog.made_sla` for consistency checks.
- Timestamps are ``D/M/YYYY HH:MM`` local time in ``default_zone`` (the log has no zone).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

import numpy as np

from servicepact.adapters.inputs.problems import ProblemLog, RowProblem
from servicepact.adapters.inputs.timestamps import local_seconds_to_utc, to_datetime
from servicepact.domain.input_rules import InputRules
from servicepact.domain.records import EventType, Ticket, TicketEvent

UCI_MATRIX = {
    "1": {"1": "1", "2": "2"},
    "2": {"1": "2", "2": "3", "3": "4"},
    "3": {"1": "3", "2": "4", "3": "4"},
}
"""impact -> urgency -> priority, as recorded on every row of the log (codes; 1/3 never occurs)."""
UCI_PRIORITY_NAMES = {"1": "Critical", "2": "High", "3": "Moderate", "4": "Low"}
UCI_LEVEL_NAMES = {"1": "High", "2": "Medium", "3": "Low"}

_REQUIRED: tuple[str, ...] = (
    "number",
    "incident_state",
    "reopen_count",
    "sys_mod_count",
    "made_sla",
    "opened_at",
    "sys_updated_at",
    "impact",
    "urgency",
    "priority",
    "resolved_at",
    "closed_at",
    "cmdb_ci",
)
_STAMP = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})")
_DAYS_BEFORE_1970 = 719162


@dataclass(frozen=True)
class ServiceNowUpdate:
    """One row of the log and the events it gives (the first is its ``status`` event)."""

    line: int
    number: str
    sys_mod_count: int
    external_id: str
    at: datetime  # aware UTC
    state: str
    impact: str | None
    urgency: str | None
    priority: str | None
    reopen_count: int
    made_sla: bool
    events: tuple[TicketEvent, ...]


@dataclass
class ServiceNowLog:
    tickets: list[Ticket]
    updates: list[ServiceNowUpdate]
    made_sla: dict[str, bool] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)


def read_servicenow_log(
    path: Path | str, default_zone: tzinfo, skip_bad_rows: bool = False, rules: InputRules | None = None
) -> ServiceNowLog:
    """Read the UCI ServiceNow incident event log (the zip as published, or its CSV).

    ``rules`` (spec 1.1 §5): priority codes go through the ``priority`` value map; an incident with a row
    whose priority is not a level of the version in force at its ``opened_at``, or with a time after
    ``now``, is left out whole (its rows are bad rows).

    >>> # the shared data's 141,712-row log, not shipped with the package: skipped
    >>> log = read_servicenow_log("incident_event_log.zip", ZoneInfo("UTC"))  # doctest: +SKIP
    >>> len(log.tickets), len(log.updates)  # doctest: +SKIP
    (24918, 141712)
    """
    path = Path(path)
    source = path.name
    log = ProblemLog()
    rows, lines, header = _read_rows(path, source, log)
    col = {name: i for i, name in enumerate(header)}
    missing = [name for name in _REQUIRED if name not in col]
    if missing:
        raise log.fatal(RowProblem(source, 1, None, f"missing required column(s): {', '.join(missing)}"))
    stamps = _Stamps(default_zone)
    good: list[tuple[int, list[str]]] = []
    for line, row in zip(lines, rows, strict=True):
        if len(row) != len(header):
            log.add(RowProblem(source, line, None, f"has {len(row)} cells, the header has {len(header)}"))
            continue
        ok = True
        for name in ("number", "incident_state", "opened_at", "sys_updated_at"):
            if _value(row[col[name]]) is None:
                log.add(RowProblem(source, line, name, "is empty"))
                ok = False
        for name in ("opened_at", "sys_updated_at", "resolved_at", "closed_at"):
            text = row[col[name]]
            if _value(text) is not None and not stamps.add(text):
                log.add(RowProblem(source, line, name, f"{text!r} is not a D/M/YYYY HH:MM time"))
                ok = False
        for name in ("reopen_count", "sys_mod_count"):
            if not row[col[name]].isdigit():
                log.add(RowProblem(source, line, name, f"{row[col[name]]!r} is not a whole number"))
                ok = False
        if ok:
            good.append((line, row))
    stamps.resolve()
    result = ServiceNowLog([], [])
    rules = rules or InputRules()
    for number, group in _incidents(good, col["number"]):
        _incident(number, group, col, stamps, result, rules)
    _check_rules(result, rules, source, log)
    log.check(skip_bad_rows)
    result.problems = log.problems
    return result


def _read_rows(path: Path, source: str, log: ProblemLog) -> tuple[list[list[str]], list[int], list[str]]:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
                if not names:
                    raise log.fatal(RowProblem(source, None, None, "holds no CSV file"))
                data = archive.read(names[0])
                source = f"{source}:{names[0]}"
        else:
            data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except (OSError, zipfile.BadZipFile) as error:
        raise log.fatal(RowProblem(source, None, None, f"cannot be read: {error}")) from error
    except UnicodeDecodeError as error:
        raise log.fatal(RowProblem(source, None, None, "is not UTF-8 text")) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        for row in reader:
            if row:
                rows.append(row)
                lines.append(reader.line_num)
    except csv.Error as error:
        raise log.fatal(RowProblem(source, reader.line_num, None, f"is not valid CSV ({error})")) from error
    return rows, lines, header


def _value(text: str) -> str | None:
    text = text.strip()
    return None if text in ("", "?") else text


def _code(text: str) -> str | None:
    """``'2 - Medium'`` -> ``'2'``."""
    value = _value(text)
    return None if value is None else value.split(" - ", 1)[0].strip()


class _Stamps:
    """Day-first local times, parsed once per distinct text and turned into UTC together."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.local: dict[str, int] = {}
        self.utc: dict[str, int] = {}

    def add(self, text: str) -> bool:
        if text in self.local:
            return True
        match = _STAMP.fullmatch(text.strip())
        if match is None:
            return False
        day, month, year, hour, minute = (int(part) for part in match.groups())
        try:
            ordinal = _ordinal(year, month, day)
        except ValueError:
            return False
        if hour > 23 or minute > 59:
            return False
        self.local[text] = (ordinal - _DAYS_BEFORE_1970 - 1) * 86400 + hour * 3600 + minute * 60
        return True

    def resolve(self) -> None:
        texts = list(self.local)
        local = np.array([self.local[t] for t in texts], dtype=np.int64)
        self.utc = dict(zip(texts, local_seconds_to_utc(local, self.zone).tolist(), strict=True))

    def __call__(self, text: str) -> datetime:
        return to_datetime(self.utc[text])


def _ordinal(year: int, month: int, day: int) -> int:

    return date(year, month, day).toordinal()


def _incidents(
    rows: list[tuple[int, list[str]]], number: int
) -> Iterator[tuple[str, list[tuple[int, list[str]]]]]:
    """Rows grouped by incident, each group in file order (groups in order of first appearance)."""
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for line, row in rows:
        groups.setdefault(row[number], []).append((line, row))
    yield from groups.items()


def _check_rules(result: ServiceNowLog, rules: InputRules, source: str, log: ProblemLog) -> None:
    """Leave out the incidents with a row after ``now`` or a priority the version judging them lacks."""
    if rules.now is None and rules.priorities is None:
        return
    created = {ticket.id: ticket.created_at for ticket in result.tickets}
    bad: set[str] = set()
    for update in result.updates:
        opened = created[update.number]
        for name, moment in (("opened_at", opened), ("sys_updated_at", update.at)):
            if rules.now is not None and moment.timestamp() > rules.now:
                log.add(RowProblem(source, update.line, name, f"{moment.isoformat()} is after now"))
                bad.add(update.number)
        judged_at = int(opened.timestamp())
        levels = rules.priorities
        if update.priority is not None and levels is not None and levels.unknown(update.priority, judged_at):
            reason = f"{update.priority!r} is not a priority of the agreement ({levels.describe(judged_at)})"
            log.add(RowProblem(source, update.line, "priority", reason))
            bad.add(update.number)
    if bad:
        result.tickets = [t for t in result.tickets if t.id not in bad]
        result.updates = [u for u in result.updates if u.number not in bad]
        result.made_sla = {k: v for k, v in result.made_sla.items() if k not in bad}


def _incident(
    number: str,
    group: list[tuple[int, list[str]]],
    col: dict[str, int],
    stamp: _Stamps,
    out: ServiceNowLog,
    rules: InputRules,
) -> None:
    seen_ids: dict[str, int] = {}
    updates: list[ServiceNowUpdate] = []
    previous_priority: str | None = None
    previous_reopens = 0
    previous_state: str | None = None
    entered_resolved: int | None = None  # index in updates of the last entry into Resolved
    pending: list[list[TicketEvent]] = []
    for index, (line, row) in enumerate(group):
        count = int(row[col["sys_mod_count"]])
        external = f"{number}:{count}"
        seen_ids[external] = seen_ids.get(external, 0) + 1
        if seen_ids[external] > 1:
            external += f"#{seen_ids[external]}"
        at = stamp(row[col["sys_updated_at"]])
        state = row[col["incident_state"]].strip()
        priority = rules.values.map("priority", _code(row[col["priority"]]))
        reopens = int(row[col["reopen_count"]])
        events = [TicketEvent(number, at, EventType.STATUS, state, external)]
        if index and priority != previous_priority and priority is not None:
            events.append(TicketEvent(number, at, EventType.PRIORITY, priority, f"{external}/priority"))
        if reopens > previous_reopens:
            if entered_resolved is not None:
                earlier = updates[entered_resolved]
                pending[entered_resolved].append(
                    TicketEvent(
                        number, earlier.at, EventType.RESOLVED, None, f"{earlier.external_id}/resolved"
                    )
                )
            events.append(TicketEvent(number, at, EventType.REOPENED, None, f"{external}/reopened"))
            entered_resolved = None
        if state == "Resolved" and previous_state != "Resolved":
            entered_resolved = index
        pending.append(events)
        updates.append(
            ServiceNowUpdate(
                line=line,
                number=number,
                sys_mod_count=count,
                external_id=external,
                at=at,
                state=state,
                impact=_code(row[col["impact"]]),
                urgency=_code(row[col["urgency"]]),
                priority=priority,
                reopen_count=reopens,
                made_sla=row[col["made_sla"]].strip().lower() == "true",
                events=(),
            )
        )
        previous_priority, previous_reopens, previous_state = priority, reopens, state
    _final_resolution(number, group, col, stamp, updates, pending, entered_resolved)
    updates = [
        ServiceNowUpdate(**{**u.__dict__, "events": tuple(events)})
        for u, events in zip(updates, pending, strict=True)
    ]
    final = group[-1][1]
    all_events = sorted((e for u in updates for e in u.events), key=lambda e: e.at)
    out.tickets.append(
        Ticket(
            id=number,
            created_at=stamp(final[col["opened_at"]]),
            priority=updates[-1].priority,
            impact=updates[-1].impact,
            urgency=updates[-1].urgency,
            asset=_value(final[col["cmdb_ci"]]),
            events=tuple(all_events),
        )
    )
    out.updates.extend(updates)
    out.made_sla[number] = updates[-1].made_sla


def _final_resolution(
    number: str,
    group: list[tuple[int, list[str]]],
    col: dict[str, int],
    stamp: _Stamps,
    updates: list[ServiceNowUpdate],
    pending: list[list[TicketEvent]],
    entered_resolved: int | None,
) -> None:
    final = group[-1][1]
    text = _value(final[col["resolved_at"]]) or _value(final[col["closed_at"]])
    last_reopen = max(
        (i for i, u in enumerate(updates) if i and u.reopen_count > updates[i - 1].reopen_count), default=0
    )
    if text is not None:
        at = stamp(
            final[col["resolved_at"]] if _value(final[col["resolved_at"]]) else final[col["closed_at"]]
        )
    else:
        closed = next((i for i in range(last_reopen, len(updates)) if updates[i].state == "Closed"), None)
        if closed is None:
            return
        at = updates[closed].at
    holder = entered_resolved if entered_resolved is not None else len(updates) - 1
    pending[holder].append(
        TicketEvent(number, at, EventType.RESOLVED, None, f"{updates[holder].external_id}/resolved")
    )
