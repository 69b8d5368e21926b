"""The REST API under ``/api/v1``: one router per resource (``routes/``), mounted by ``create_app``."""

from fastapi import APIRouter

from servicepact.entrypoints.http.api.routes import (
    agreements,
    assets,
    backups,
    clients,
    imports,
    me,
    outages,
    reports,
    tickets,
    webhooks,
)
from servicepact.entrypoints.http.api.schemas.common import ErrorBody

_ERRORS = {
    400: "The body cannot be parsed (malformed JSON or form)",
    401: "No token, or an unknown or revoked one",
    403: "A client user tried to change something",
    404: "No such object, or not one the caller may see",
    409: "The change contradicts what is stored",
    422: "Bad input: the field at fault is named",
}
router = APIRouter(
    responses={status: {"model": ErrorBody, "description": text} for status, text in _ERRORS.items()}
)
for module in (me, clients, agreements, tickets, outages, backups, assets, reports, imports, webhooks):
    router.include_router(module.router)

__all__ = ["router"]
