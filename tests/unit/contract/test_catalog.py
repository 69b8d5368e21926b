"""The Russian catalog translates every message the contract code uses, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from servicepact.domain.contract.i18n import catalog_path, translations

SOURCE = Path(__file__).resolve().parents[3] / "src" / "servicepact" / "domain" / "contract"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _used_messages() -> set[tuple[str | None, str | tuple[str, ...]]]:
    used: set[tuple[str | None, str | tuple[str, ...]]] = set()
    for _filename, _line, message, _comments, context in extract_from_dir(
        SOURCE, method_map=[("**.py", "python")]
    ):
        used.add((context, message))
    return used


def _catalog():  # type: ignore[no-untyped-def]
    with catalog_path("ru").open("rb") as handle:
        return read_po(handle, locale="ru")


def test_every_message_the_code_uses_has_a_russian_translation() -> None:
    catalog = _catalog()
    missing = []
    for context, message in _used_messages():
        key = message if isinstance(message, str) else message[0]
        entry = catalog.get(key, context=context)
        strings = (
            () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        )
        if entry is None or not all(strings) or entry.fuzzy:
            missing.append((context, message))
    assert missing == []


def test_translations_keep_the_placeholders_of_their_message() -> None:
    wrong = []
    for entry in list(_catalog())[1:]:
        ids = (entry.id,) if isinstance(entry.id, str) else entry.id
        strings = (entry.string,) if isinstance(entry.string, str) else entry.string
        expected = set(PLACEHOLDER.findall(ids[0]))
        wrong += [(ids[0], s) for s in strings if set(PLACEHOLDER.findall(s)) != expected]
    assert wrong == []


def test_the_catalog_holds_no_messages_the_code_no_longer_uses() -> None:
    used = {(context, m if isinstance(m, str) else m[0]) for context, m in _used_messages()}
    stale = [
        (e.context, e.id)
        for e in list(_catalog())[1:]
        if (e.context, e.id if isinstance(e.id, str) else e.id[0]) not in used
    ]
    assert stale == []


def test_russian_plural_forms_come_from_the_catalog() -> None:
    ru = translations("ru")
    assert [ru.ngettext("{n} hour", "{n} hours", n).format(n=n) for n in (1, 2, 5, 11, 21)] == [
        "1 час",
        "2 часа",
        "5 часов",
        "11 часов",
        "21 час",
    ]


def test_the_catalog_ships_inside_the_package() -> None:
    path = catalog_path("ru")
    assert path.is_file()
    assert "servicepact/locale/ru/LC_MESSAGES/messages.po" in str(path).replace("\\", "/")
