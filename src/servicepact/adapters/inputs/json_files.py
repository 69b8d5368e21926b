"""JSON-list input files: a list of flat objects, each with the line where it starts."""

from __future__ import annotations

import json
from pathlib import Path

from servicepact.adapters.inputs.problems import ProblemLog, RowProblem


def json_cell(value: object) -> str:
    """A JSON value as the text a CSV cell would hold (null is empty, booleans are true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def load_json_list(path: Path, source: str, log: ProblemLog) -> list[tuple[int, int, object]]:
    """The elements of a JSON list file as ``(index, line, value)``; syntax errors raise."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise log.fatal(
            RowProblem(source, None, None, f"cannot be read: {error.strerror or error}")
        ) from error
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise log.fatal(RowProblem(source, line, None, "is not UTF-8 text")) from error
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if position >= len(text) or text[position] != "[":
        line = text.count("\n", 0, position) + 1
        raise log.fatal(RowProblem(source, line, None, "is not a JSON list of objects"))
    elements: list[tuple[int, int, object]] = []
    line, counted = 1, 0
    position = _skip_space(text, position + 1)
    try:
        if position < len(text) and text[position] == "]":
            position += 1
        else:
            while True:
                line += text.count("\n", counted, position)
                counted = position
                value, position = decoder.raw_decode(text, position)
                elements.append((len(elements), line, value))
                position = _skip_space(text, position)
                if position < len(text) and text[position] == ",":
                    position = _skip_space(text, position + 1)
                    continue
                if position < len(text) and text[position] == "]":
                    position += 1
                    break
                raise json.JSONDecodeError("expected ',' or ']'", text, position)
        if _skip_space(text, position) != len(text):
            raise json.JSONDecodeError("extra data after the list", text, position)
    except json.JSONDecodeError as error:
        raise log.fatal(RowProblem(source, error.lineno, None, f"is not valid JSON ({error.msg})")) from error
    except RecursionError as error:
        raise log.fatal(RowProblem(source, line, None, "is not valid JSON (nested too deeply)")) from error
    return elements


def _skip_space(text: str, position: int) -> int:
    length = len(text)
    while position < length and text[position] in " \t\r\n":
        position += 1
    return position
