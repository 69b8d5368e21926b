"""The one place where errors become HTTP responses: ``{"error": {"code", "message", "field"}}``.

Bad input of any kind is a 4xx with the field that is wrong; only a real fault of ours is a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from servicepact.domain.errors import (
    AgreementError,
    BusyError,
    CalendarRangeError,
    ConflictError,
    DataRowError,
    ExternalServiceError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ServicepactError,
)

log = logging.getLogger("servicepact.http")

# Most specific first.
STATUS: list[tuple[type[ServicepactError], int, str]] = [
    (AgreementError, 422, "invalid_agreement"),
    (DataRowError, 422, "invalid_rows"),
    (InputError, 422, "invalid_input"),
    (CalendarRangeError, 422, "out_of_calendar_range"),
    (NotFoundError, 404, "not_found"),
    (PermissionDeniedError, 403, "forbidden"),
    (ConflictError, 409, "conflict"),
    (BusyError, 503, "busy"),  # with Retry-After: nothing was changed, the same request may succeed
    (ExternalServiceError, 503, "unavailable"),
]


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field, **extra}}


def status_of(error: ServicepactError) -> tuple[int, str]:
    for kind, status, code in STATUS:
        if isinstance(error, kind):
            return status, code
    return 400, "bad_request"


def _field_of(error: ServicepactError) -> str | None:
    location = error.location
    if location is None:
        return None
    return location.path or (f"line {location.line}" if location.line else None)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServicepactError)
    async def servicepact_error(_: Request, error: ServicepactError) -> JSONResponse:
        status, code = status_of(error)
        extra: dict[str, Any] = {}
        if isinstance(error, AgreementError):
            extra["problems"] = [
                {"code": p.code, "message": p.message, "path": p.location.path, "line": p.location.line}
                for p in error.problems
            ]
        rows = getattr(error, "problems", None) if isinstance(error, DataRowError) else None
        if rows:  # an input file's bad rows (adapters.inputs.DataFileError): where and why, first 100
            extra["bad_rows"] = [
                {"source": r.source, "line": r.line, "column": r.field, "reason": r.reason}
                for r in rows[:100]
            ]
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, BusyError) else None
        return JSONResponse(
            error_body(code, error.message, _field_of(error), **extra), status_code=status, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        field = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path"))
        return JSONResponse(
            error_body("invalid_request", str(first.get("msg")), field or None), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(
            error.status_code, "http_error"
        )
        return JSONResponse(
            error_body(code, str(error.detail)), status_code=error.status_code, headers=error.headers
        )

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        return JSONResponse(error_body("internal_error", "an unexpected error occurred"), status_code=500)
