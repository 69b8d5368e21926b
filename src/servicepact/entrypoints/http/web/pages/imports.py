"""Imports: upload a CSV, preview how its columns map and which rows are bad, then confirm.

The file waits in a temporary folder between preview and confirmation (at most
:data:`~servicepact.entrypoints.http.web.uploads.KEEP` pending per app, each for
:data:`~servicepact.entrypoints.http.web.uploads.TTL`); nothing is stored in the database before the
confirmation, and then all or nothing, by the same use case as ``servicepact import``.
"""

from __future__ import annotations

import csv
import io
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from servicepact.adapters.db.input_files import FileInputReader
from servicepact.domain.errors import DataRowError, InputError, NotFoundError
from servicepact.domain.input_rules import InputRules, ValueMap, parse_value_map
from servicepact.entrypoints.http.web.common import (
    Csrf,
    SignedIn,
    WebRoute,
    new_uow,
    now_of,
    render,
    web_state,
)
from servicepact.entrypoints.http.web.uploads import Pending, forget
from servicepact.services import clients, dashboard, importing
from servicepact.services.access import require_staff, scope_of
from servicepact.services.model import ImportKind
from servicepact.services.ports import BadRow

router = APIRouter(route_class=WebRoute)

MAX_FILE = 50 * 1024 * 1024
PREVIEW_ROWS = 5
BAD_ROWS_SHOWN = 20

FIELDS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.TICKETS: (
        "id",
        "created_at",
        "priority",
        "impact",
        "urgency",
        "client_priority",
        "service",
        "asset",
        "title",
        "first_response_at",
        "resolved_at",
    ),
    ImportKind.EVENTS: ("ticket_id", "at", "type", "value"),
    ImportKind.OUTAGES: ("uptime_id", "service", "start", "end", "kind", "announced_at"),
    ImportKind.BACKUPS: ("backup_id", "system", "started_at", "finished_at", "status"),
    ImportKind.RESTORES: ("backup_id", "at", "status"),
    ImportKind.ASSETS: ("id", "type"),
    ImportKind.CHECKS: ("monitor", "at", "status", "name", "http_code", "response_ms"),
}
KINDS = tuple(FIELDS)


def _pending(request: Request, viewer: SignedIn, slug: str, token: str) -> Pending:
    found = web_state(request).uploads.get(token)
    if found is None or found.user_id != viewer.user.id or found.client != slug:
        raise NotFoundError("this upload has expired; upload the file again")
    return found


@router.get("/clients/{slug}/imports")
def imports_page(request: Request, slug: str, viewer: SignedIn) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    require_staff(viewer.principal, "import data")
    return render(
        request, "imports.html", {"client": client, "kinds": KINDS, "error": None, "kind": "tickets"}
    )


def _header_and_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        head = handle.read(256 * 1024)
    reader = csv.reader(io.StringIO(head))
    rows = []
    header = next(reader, [])
    for row in reader:
        rows.append(row)
        if len(rows) >= PREVIEW_ROWS:
            break
    return header, rows


def _value_map(form: Any) -> tuple[str, ValueMap, str | None]:
    """The form's value map (one ``field:from=to`` a line, spec 1.1 §5): its text, the map, and the
    problem with it (None when it reads)."""
    text = form.get("value_map")
    text = text if isinstance(text, str) else ""
    try:
        return text, parse_value_map(line.strip() for line in text.splitlines() if line.strip()), None
    except ValueError as problem:
        return text, ValueMap(), str(problem).replace("--map-value ", "")


def _preview(
    request: Request,
    viewer: SignedIn,
    pending: Pending,
    mapping: dict[str, str],
    error: str | None,
    values: tuple[str, ValueMap] = ("", ValueMap()),
) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, pending.client)
    t = viewer.texts
    try:
        header, rows = _header_and_rows(pending.path)
    except (UnicodeDecodeError, csv.Error):
        header, rows = [], []
        error = error or t.gettext("The file is not a UTF-8 CSV file.")
    fields = FIELDS[pending.kind]
    columns = [(name, mapping.get(name.strip().lower(), name.strip().lower())) for name in header]
    bad: list[BadRow] = []
    bad_total = 0
    good = 0
    if header and not error:
        in_force = dashboard.agreement_in_force(
            new_uow(request), viewer.principal, pending.client, web_state(request).parser, now_of(request)
        )
        agreement = in_force.agreement if in_force else None
        zone = ZoneInfo(client.time_zone)
        priority_of = None
        if agreement is not None and agreement.support is not None:
            zone = agreement.calendar(agreement.support.calendar).timezone
            priority_of = agreement.priorities.from_matrix if agreement.priorities else None
        with new_uow(request) as uow:
            levels = importing.priority_levels(
                uow, client.id, web_state(request).parser, scope_of(viewer.principal)
            )
        rules = InputRules(int(now_of(request).timestamp()), values[1], levels)
        try:
            parsed = FileInputReader().read(
                pending.kind,
                pending.path,
                zone=zone,
                priority_of=priority_of,
                mapping=mapping,
                skip_bad_rows=True,
                progress=None,
                rules=rules,
            )
            bad, bad_total = parsed.bad_rows[:BAD_ROWS_SHOWN], parsed.bad_row_total
            good = _count(parsed.rows)
        except DataRowError as problem:
            error = problem.message
        except InputError as problem:
            error = problem.message
    return render(
        request,
        "import_preview.html",
        {
            "client": client,
            "pending": pending,
            "columns": columns,
            "fields": fields,
            "rows": rows,
            "bad": bad,
            "bad_total": bad_total,
            "good": good,
            "error": error,
            "value_map": values[0],
        },
        status=422 if error else 200,
    )


def _count(rows: Any) -> int:
    for name in ("tickets", "assets", "outages", "runs", "tests", "checks"):
        value = getattr(rows, name, None)
        if value is not None:
            return len(value)
    events = getattr(rows, "events", None)
    return len(events) if events is not None else 0


@router.post("/clients/{slug}/imports")
async def upload_file(
    request: Request,
    slug: str,
    viewer: SignedIn,
    _: Csrf,
    kind: Annotated[str, Form()] = "tickets",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    require_staff(viewer.principal, "import data")
    t = viewer.texts
    values = {"client": client, "kinds": KINDS, "kind": kind, "error": None}
    if kind not in {k.value for k in KINDS}:
        values["error"] = t.gettext("Choose what the file holds.")
        return render(request, "imports.html", values, status=422)
    if file is None or not file.filename:
        values["error"] = t.gettext("Choose a CSV file.")
        return render(request, "imports.html", values, status=422)
    folder = Path(tempfile.mkdtemp(prefix="servicepact-upload-"))
    name = importing.upload_file_name(file.filename)
    if not name.lower().endswith((".csv", ".json")):
        name += ".csv"
    size = 0
    with (folder / name).open("wb") as out:
        while chunk := await file.read(1 << 20):
            size += len(chunk)
            if size > MAX_FILE:
                break
            out.write(chunk)
    if size > MAX_FILE:
        shutil.rmtree(folder, ignore_errors=True)
        values["error"] = t.gettext("The file is larger than 50 MB; use the command line for big files.")
        return render(request, "imports.html", values, status=422)
    pending = Pending(
        secrets.token_urlsafe(16), viewer.user.id, slug, ImportKind(kind), name, folder, now_of(request)
    )
    web_state(request).uploads.add(pending)
    # Reading and checking the file's rows (seconds for a big file) runs in a worker thread, off the loop.
    return await run_in_threadpool(_preview, request, viewer, pending, {}, None)


def _mapping(form: Any, pending: Pending) -> dict[str, str]:
    header, _ = _header_and_rows(pending.path)
    mapping: dict[str, str] = {}
    for index, name in enumerate(header):
        chosen = form.get(f"map-{index}")
        if isinstance(chosen, str) and chosen and chosen != name.strip().lower():
            mapping[name.strip().lower()] = chosen
    return mapping


@router.post("/clients/{slug}/imports/{token}/preview")
async def repreview(request: Request, slug: str, token: str, viewer: SignedIn, _: Csrf) -> Response:
    pending = _pending(request, viewer, slug, token)
    form = await request.form()

    def preview() -> Response:
        text, values, problem = _value_map(form)
        return _preview(request, viewer, pending, _mapping(form, pending), problem, (text, values))

    return await run_in_threadpool(preview)


@router.post("/clients/{slug}/imports/{token}/confirm")
async def confirm(request: Request, slug: str, token: str, viewer: SignedIn, _: Csrf) -> Response:
    pending = _pending(request, viewer, slug, token)
    form = await request.form()
    # The import (parsing, checking and storing every row) runs in a worker thread, off the event loop.
    return await run_in_threadpool(_confirm, request, slug, token, viewer, pending, form)


def _confirm(
    request: Request, slug: str, token: str, viewer: SignedIn, pending: Pending, form: Any
) -> Response:
    """Import the pending file with the form's mapping: the done page, or the preview saying why not."""
    mapping = _mapping(form, pending)
    skip = form.get("skip_bad_rows") == "1"
    text, values, error = _value_map(form)
    if error is not None:
        return _preview(request, viewer, pending, mapping, error, (text, values))
    try:
        report = importing.import_file(
            new_uow(request),
            viewer.principal,
            importing.ImportRequest(pending.kind, pending.path, slug, mapping, skip, values=values),
            FileInputReader(),
            parser=web_state(request).parser,
        )
    except (DataRowError, InputError) as problem:
        return _preview(request, viewer, pending, mapping, problem.message, (text, values))
    web_state(request).uploads.remove(token)
    forget(pending)
    client = clients.get_client(new_uow(request), viewer.principal, slug)
    return render(request, "import_done.html", {"client": client, "report": report})
