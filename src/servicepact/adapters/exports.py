"""Write a period's export as spec §5 files: ``tickets.csv``, ``events.csv``, ``outages.csv``,
``coverage.csv``, ``backups.csv``, ``restores.csv``, ``assets.csv`` and ``agreement.yaml``.

Instants are written as ISO 8601 UTC with a ``Z``, so no reader has to guess a zone; the files read back
with the same readers ``servicepact evaluate`` and ``servicepact import`` use. A file whose source the client
never gave (backups, restore tests) is not written at all: an empty file would say "none happened".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from servicepact.domain.errors import InputError
from servicepact.domain.records import TICKET_TEXT_FIELDS, Outage, Ticket
from servicepact.services.exports import PeriodExport

__all__ = ["write_export"]


def _instant(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _csv_cell(text: str) -> str:
    """A cell as written: quoted (quotes doubled) when it holds a comma, a quote, a line feed or a carriage
    return. The csv module leaves a bare carriage return unquoted when lines end in ``\n``, and a reader
    then splits the row there. Values stay exact, formula-like ones too: the export is for
    ``servicepact evaluate`` to read back (docs/decisions.md), not a spreadsheet's report."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(map(_csv_cell, header)) + "\n")
        file.writelines(",".join(_csv_cell(_text(cell)) for cell in row) + "\n" for row in rows)
    return path


def _ticket_row(t: Ticket) -> tuple[object, ...]:
    return (t.id, _instant(t.created_at), *(getattr(t, name) for name in TICKET_TEXT_FIELDS))


def _outage_row(o: Outage) -> tuple[object, ...]:
    return (
        o.uptime_id,
        o.service,
        _instant(o.start),
        _instant(o.end),
        o.kind.value,
        _instant(o.announced_at),
    )


def write_export(export: PeriodExport, folder: Path) -> list[Path]:
    """Write ``export`` into ``folder`` (created if missing); return the files written, in order."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"--dir {folder}: a file of that name exists; name a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"--dir {folder}: cannot create the folder ({error.strerror})") from None
    written = [
        _write(
            folder / "tickets.csv",
            ("id", "created_at", *TICKET_TEXT_FIELDS),
            (_ticket_row(t) for t in export.tickets),
        ),
        _write(
            folder / "events.csv",
            ("ticket_id", "at", "type", "value"),
            (
                (e.ticket_id, _instant(e.at), e.type.value, e.value)
                for t in export.tickets
                for e in sorted(t.events, key=lambda e: e.at)
            ),
        ),
        _write(
            folder / "outages.csv",
            ("uptime_id", "service", "start", "end", "kind", "announced_at"),
            (_outage_row(o) for o in export.outages),
        ),
        _write(
            folder / "coverage.csv",
            ("uptime_id", "start", "end"),
            ((c.uptime_id, _instant(c.start), _instant(c.end)) for c in export.coverage),
        ),
    ]
    if export.backups is not None:
        written.append(
            _write(
                folder / "backups.csv",
                ("backup_id", "system", "started_at", "finished_at", "status"),
                (
                    (r.backup_id, r.system, _instant(r.started_at), _instant(r.finished_at), r.status.value)
                    for r in export.backups
                ),
            )
        )
    if export.restores is not None:
        written.append(
            _write(
                folder / "restores.csv",
                ("backup_id", "at", "status"),
                ((r.backup_id, _instant(r.at), r.status.value) for r in export.restores),
            )
        )
    fields = sorted({name for asset in export.assets for name in asset.fields} - {"id", "type"})
    written.append(
        _write(
            folder / "assets.csv",
            ("id", "type", *fields),
            ((a.id, a.type, *(a.fields.get(name) for name in fields)) for a in export.assets),
        )
    )
    agreement = folder / "agreement.yaml"
    agreement.write_text(export.version.text, encoding="utf-8")
    written.append(agreement)
    if export.judged_elsewhere:
        written += _write_versions(export, folder)
    return written


def _write_versions(export: PeriodExport, folder: Path) -> list[Path]:
    """``versions.csv`` (``file, effective_from``, in the order they take effect) and the text of each
    version other than the period's: ``evaluate --versions`` judges each ticket as the stored evaluation
    did (spec §6), tickets before the first version by none."""
    files = []
    rows = []
    for version in export.versions:
        name = "agreement.yaml" if version.id == export.version.id else f"agreement.v{version.number}.yaml"
        if name != "agreement.yaml":
            path = folder / name
            path.write_text(version.text, encoding="utf-8")
            files.append(path)
        rows.append((name, _instant(version.effective_from)))
    return [_write(folder / "versions.csv", ("file", "effective_from"), rows), *files]
