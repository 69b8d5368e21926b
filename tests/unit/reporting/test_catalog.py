"""The report's Russian catalog (locale/ru/LC_MESSAGES/reports.po) translates exactly what the code uses."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from servicepact.domain.reporting.i18n import catalog_path

SOURCE = Path(__file__).resolve().parents[3] / "src" / "servicepact" / "domain" / "reporting"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def used() -> set[tuple[str | None, str]]:
    return {
        (context, message if isinstance(message, str) else message[0])
        for _file, _line, message, _comments, context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")]
        )
    }


def catalog():  # type: ignore[no-untyped-def]
    with catalog_path("ru").open("rb") as handle:
        return read_po(handle, locale="ru")


def test_every_message_of_the_report_has_a_russian_translation() -> None:
    entries = catalog()
    missing = []
    for context, message in used():
        entry = entries.get(message, context=context)
        strings = (
            () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        )
        if entry is None or not all(strings) or entry.fuzzy:
            missing.append(message)
    assert missing == []


def test_translations_keep_the_placeholders_of_their_message() -> None:
    wrong = []
    for entry in list(catalog())[1:]:
        ids = (entry.id,) if isinstance(entry.id, str) else entry.id
        strings = (entry.string,) if isinstance(entry.string, str) else entry.string
        wrong += [
            (ids[-1], s) for s in strings if set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(ids[-1]))
        ]
    assert wrong == []


def test_the_report_catalog_holds_no_message_the_code_no_longer_uses() -> None:
    messages = used()
    stale = [
        entry.id
        for entry in list(catalog())[1:]
        if (entry.context, entry.id if isinstance(entry.id, str) else entry.id[0]) not in messages
    ]
    assert stale == []
