"""The Russian contract uses the glossary's term for each concept and none of the words it avoids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from servicepact import Agreement
from servicepact.adapters.rendering.markdown import MarkdownRenderer
from servicepact.domain.contract import build_contract

GLOSSARY = Path(__file__).resolve().parents[3] / "docs" / "glossary.md"


def _rows() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and line.startswith("|") and cells[0] not in ("English", "---"):
            rows.append((cells[0], cells[1], [word.strip() for word in cells[2].split(";") if word.strip()]))
    return rows


def stem_pattern(term: str) -> re.Pattern[str]:
    """A term in any grammatical form: each word by its stem (see docs/glossary.md)."""
    words = []
    for word in term.split():
        cut = 2 if len(word) > 6 else 1 if len(word) > 3 else 0
        words.append(re.escape(word[: len(word) - cut]) + r"\w*")
    return re.compile(r"(?<!\w)" + r"\s+".join(words), re.IGNORECASE)


def _text(agreement: Agreement, language: str) -> str:
    return MarkdownRenderer().text(build_contract(agreement, language)).replace("\\", "")


def test_the_glossary_lists_the_terms_the_issue_names() -> None:
    terms = {english: russian for english, russian, _avoid in _rows()}
    assert terms["response time"] == "время реакции"
    assert terms["resolution time"] == "время решения"
    assert terms["availability"] == "доступность"
    assert terms["recovery time objective (RTO)"] == "целевое время восстановления"
    assert terms["recovery point objective (RPO)"] == "целевая точка восстановления"
    assert terms["maintenance window"] == "окно обслуживания"
    assert terms["service credit"] == "компенсация"
    assert terms["after-hours multiplier"] == "повышающий коэффициент"


@pytest.mark.parametrize("example", ["northwind", "romashka"])
def test_the_russian_contract_uses_the_glossary_terms_and_no_others(
    example: str, request: pytest.FixtureRequest
) -> None:
    agreement: Agreement = request.getfixturevalue(example)
    english, russian = _text(agreement, "en"), _text(agreement, "ru")
    missing, avoided = [], []
    for english_term, russian_term, avoid in _rows():
        english_core = re.sub(r"\s*\(.*\)", "", english_term)
        if stem_pattern(english_core).search(english) and not stem_pattern(russian_term).search(russian):
            missing.append(russian_term)
        avoided += [word for word in avoid if stem_pattern(word).search(russian)]
    assert missing == []
    assert avoided == []


def test_stems_match_russian_word_forms() -> None:
    assert stem_pattern("время реакции").search("в пределах времени реакции")
    assert stem_pattern("окно обслуживания").search("вне окон обслуживания") is None
    assert stem_pattern("окно обслуживания").search("Окна обслуживания:")
