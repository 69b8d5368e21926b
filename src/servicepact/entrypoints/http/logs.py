"""Logs as one JSON object a line (or plain text), with the request id of the request being served.

``servicepact serve`` configures them (``--log-format json|text``, ``SERVICEPACT_LOG_FORMAT``; JSON by
default when ``SERVICEPACT_ENV=production``), for its own loggers and uvicorn's, in every worker.
The standard library only: a :class:`JsonFormatter` and a context variable.

>>> record = logging.LogRecord("servicepact", logging.INFO, __file__, 1, "hello %s", ("you",), None)
>>> json.loads(JsonFormatter().format(record))["message"]
'hello you'
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

__all__ = ["REQUEST_ID", "JsonFormatter", "LogFormat", "TextFormatter", "log_config"]

REQUEST_ID: ContextVar[str | None] = ContextVar("servicepact_request_id", default=None)
"""The id of the request being served (set by the request middleware), put on every log line."""

# What every LogRecord has; anything else on a record was given with ``extra=`` and is logged as a field.
# uvicorn's color_message is its message with terminal colours: not for a log file.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "color_message",
}


class LogFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``,
    ``request_id`` when a request is being served, the fields given with ``extra=`` and ``exception``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``time level logger: message [request id]``, for a person reading a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        return f"{line} [{request_id}]" if request_id else line


def log_config(log_format: LogFormat, level: str = "INFO") -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` for servicepact's loggers and uvicorn's, in ``log_format``
    (uvicorn applies it in every worker). uvicorn's access log is left off: the request middleware
    logs each request with its route, duration and request id instead."""
    formatter = JsonFormatter if log_format is LogFormat.JSON else TextFormatter
    handler = {"class": "logging.StreamHandler", "formatter": "default", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": {"()": f"{formatter.__module__}.{formatter.__qualname__}"}},
        "handlers": {"default": handler},
        "loggers": {
            "servicepact": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
