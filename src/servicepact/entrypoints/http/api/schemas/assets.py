"""The body of ``/clients/{client}/assets``: an asset with its fields as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

from servicepact.domain.records import Asset
from servicepact.entrypoints.http.api.schemas.common import Schema, utc_text


def _plain(value: Any) -> Any:
    """Asset fields for JSON: dates and datetimes as ISO text, the rest as given."""
    if isinstance(value, datetime):
        return utc_text(value) if value.tzinfo is not None else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class AssetPublic(Schema):
    id: str
    type: str
    fields: dict[str, Any]

    @classmethod
    def of(cls, a: Asset) -> Self:
        return cls(id=a.id, type=a.type, fields=_plain(a.fields))
