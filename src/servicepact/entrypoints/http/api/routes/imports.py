"""``/clients/{client}/imports``: upload a file of tickets, events, outages... (spec §5) for a client."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from servicepact.adapters.agreement_files import read_agreement
from servicepact.adapters.db.input_files import FileInputReader
from servicepact.domain.errors import InputError, Location
from servicepact.domain.input_rules import parse_value_map
from servicepact.entrypoints.http.api.deps import ClientSlug, StaffDep, UowDep
from servicepact.entrypoints.http.api.schemas.imports import ImportPublic
from servicepact.services import importing
from servicepact.services.importing import ImportRequest
from servicepact.services.model import ImportKind

router = APIRouter(prefix="/clients/{client}/imports", tags=["imports"])

MAX_UPLOAD_BYTES = 512 * 1024 * 1024


@router.post(
    "",
    status_code=201,
    summary="Import a file: counts, or 422 with the bad rows (line and reason) and nothing stored",
)
def import_file(
    client: ClientSlug,
    principal: StaffDep,
    uow: UowDep,
    file: Annotated[UploadFile, File(description="CSV or JSON (spec §5), or a ServiceNow log / checks.")],
    kind: Annotated[ImportKind, Form(description="What the file holds.")],
    map: Annotated[
        list[Annotated[str, Form(max_length=200)]] | None,
        Form(description="Rename a column: `Number=id` (repeat for several)."),
    ] = None,
    skip_bad_rows: Annotated[bool, Form(description="Store the good rows and report the bad ones.")] = False,
    map_value: Annotated[
        list[Annotated[str, Form(max_length=200)]] | None,
        Form(
            description="Turn an export's value into the agreement's: `priority:Critical=P1` (repeat for "
            "several; case is ignored). A priority that is not a level of the version in force at the "
            "ticket's created_at, after this mapping, is a bad row."
        ),
    ] = None,
) -> ImportPublic:
    mapping = importing.parse_mapping(map or [])
    try:
        values = parse_value_map(map_value or [], option="map_value")
    except ValueError as error:
        raise InputError(str(error), location=Location(path="map_value")) from None
    with tempfile.TemporaryDirectory(prefix="servicepact-upload-") as folder:
        path = Path(folder) / importing.upload_file_name(file.filename)
        with path.open("wb") as target:
            shutil.copyfileobj(file.file, target, length=1024 * 1024)
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise InputError(f"uploads are limited to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        report = importing.import_file(
            uow,
            principal,
            ImportRequest(kind, path, client, mapping, skip_bad_rows, values=values),
            FileInputReader(),
            parser=read_agreement,
        )
    return ImportPublic.of(report)
