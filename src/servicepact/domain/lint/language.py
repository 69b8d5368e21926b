"""Which language the free text of an agreement is written in (SP804), from its letters.

Free text is what people wrote for people to read: the title, names and descriptions of services,
duties, statements, definitions, disclaimers, display names. Ids, codes, calendars, contacts and the
parties' names and details are not free text (a Russian contract may well be signed with Acme Inc.).
The language is the script most of the letters are in: Cyrillic is Russian, Latin is English.

>>> script_language(["Удалённая поддержка пользователей через личный кабинет Microsoft 365."])
<Language.RU: 'ru'>
>>> script_language(["Remote helpdesk"]) is None  # too little text to tell
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel

from servicepact.domain.agreement.model import Language
from servicepact.domain.agreement.positions import KeyPath, PathPart

if TYPE_CHECKING:
    from servicepact.domain.agreement.model import Agreement

ANY = "*"

FREE_TEXT: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("services", ANY, ANY, "name"),
    ("services", ANY, ANY, "description"),
    ("responsibilities", "raci", ANY, "activity"),
    ("responsibilities", "failures", ANY, ANY, ANY),
    ("responsibilities", "client_duties", ANY),
    ("availability", "uptime", ANY, "name"),
    ("client_requirements", "rules", ANY, "description"),
    ("guarantees", "commitments", ANY, "statement"),
    ("guarantees", "disclaimers", ANY),
    ("performance", "kpis", ANY, "name"),
    ("priorities", "levels", ANY, "name"),
    ("priorities", "levels", ANY, "definition"),
    ("priorities", "levels", ANY, "examples", ANY),
    ("priorities", "impact", ANY),
    ("priorities", "urgency", ANY),
    ("priorities", "disputes"),
    ("names", ANY),
    ("legal", "disputes", "forum"),
    ("legal", "termination", "chronic_failure"),
)
"""Key paths of free text (``*`` is any key or list index)."""

MIN_LETTERS = 40
"""Below this many letters of free text the language is not guessed (a file of ids and short names)."""

DOMINANT_SHARE = 2 / 3
"""The share of the letters one script needs; a file half in each (side by side) has no single language."""

_WORD = re.compile(r"[^\W\d_]+")
_ACRONYM_LENGTH = 5


def free_texts(agreement: Agreement) -> list[tuple[KeyPath, str]]:
    """Every free-text value of ``agreement`` with its key path, in the order of the model."""
    return list(_walk(agreement, ()))


def text_language(agreement: Agreement) -> Language | None:
    """The language the free text of ``agreement`` is written in, or None when there is too little free
    text to tell or no script dominates."""
    return script_language(text for _, text in free_texts(agreement))


def script_language(texts: Iterable[str]) -> Language | None:
    """The language of ``texts`` by their letters: Cyrillic is ``ru``, Latin is ``en``.

    Words of one letter and acronyms (``VPN``, ``ERP``, ``ИНН``: all capitals, at most five letters) are
    not counted: they are the same in either language. None when fewer than ``MIN_LETTERS`` letters are
    counted or neither script has ``DOMINANT_SHARE`` of them.
    """
    latin = cyrillic = 0
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            if len(word) < 2 or (word.isupper() and len(word) <= _ACRONYM_LENGTH):
                continue
            cyrillic += sum(1 for letter in word if "\u0400" <= letter <= "\u04ff")
            latin += sum(1 for letter in word if letter.isascii())
    total = latin + cyrillic
    if total < MIN_LETTERS:
        return None
    if cyrillic >= DOMINANT_SHARE * total:
        return Language.RU
    if latin >= DOMINANT_SHARE * total:
        return Language.EN
    return None


def _walk(value: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        if _is_free_text(path):
            yield path, value
        return
    if not _may_lead_to_free_text(path):
        return
    children: Iterable[tuple[PathPart, object]]
    if isinstance(value, BaseModel):
        children = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, Mapping):
        children = ((str(key), item) for key, item in value.items())
    elif isinstance(value, list | tuple):
        children = enumerate(value)
    else:
        return
    for part, child in children:
        yield from _walk(child, (*path, part))


def _matches(pattern: tuple[str, ...], path: KeyPath) -> bool:
    return all(wanted in (ANY, part) for wanted, part in zip(pattern, path, strict=False))


def _is_free_text(path: KeyPath) -> bool:
    return any(len(pattern) == len(path) and _matches(pattern, path) for pattern in FREE_TEXT)


def _may_lead_to_free_text(path: KeyPath) -> bool:
    return any(len(pattern) > len(path) and _matches(pattern, path) for pattern in FREE_TEXT)
