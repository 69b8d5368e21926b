import re
from pathlib import Path

import pytest

from servicepact.domain.lint import RULES, Severity
from servicepact.domain.lint.registry import LANGUAGES, Rule, define, hit
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[3]
SEVERITIES = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}


def _spec_table():
    spec = shared_path("spec", "agreement-format.md")
    rows = re.findall(r"^\| (SP\d{3}) \| ([EWI]) \|", spec.read_text(encoding="utf-8"), re.MULTILINE)
    return {code: SEVERITIES[letter] for code, letter in rows}


def test_every_rule_of_the_spec_is_registered_with_its_severity():
    table = _spec_table()
    assert len(table) == 41
    assert {code: RULES[code].severity for code in table} == table


def test_the_only_rule_beyond_the_spec_is_sp000():
    assert set(RULES) - set(_spec_table()) == {"SP000"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_texts_in_both_languages_and_examples(code):
    rule = RULES[code]
    for language in LANGUAGES:
        assert rule.title[language]
        assert rule.explanation[language]
    assert rule.bad_example.strip()
    assert rule.good_example.strip()
    assert rule.bad_example != rule.good_example


def test_rules_outside_sp000_and_sp003_to_sp005_have_a_check():
    assert {code for code, rule in RULES.items() if rule.check is None} == {
        "SP000",
        "SP003",
        "SP004",
        "SP005",
    }


def test_every_rule_has_a_firing_test_and_a_silent_test():
    tests = "\n".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_*.py"))
    names = re.findall(r"def (test_\w+)", tests)
    for code in RULES:
        if code in {"SP000", "SP003", "SP004", "SP005"}:
            continue
        mine = [name for name in names if code.lower() in name]
        assert any("_is_" + code.lower() in name or name.endswith(code.lower()) for name in mine), code
        assert any("not_" + code.lower() in name for name in mine), code


def test_a_rule_defined_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        define(RULES["SP207"])


def test_a_rule_without_a_russian_text_is_refused():
    rule = Rule("SP999", Severity.INFO, "test", {"en": "t"}, {"en": "e", "ru": "e"}, "a", "b")
    with pytest.raises(ValueError, match="ru"):
        define(rule)
    assert "SP999" not in RULES


def test_a_message_parameter_called_key_is_a_parameter_not_the_message_key():
    assert hit(("a",), "default", key="x").params == {"key": "x"}


def test_the_rules_document_lists_every_rule():
    document = (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| {code} | {rule.severity.value} |" in document, code


def test_the_rules_document_contains_the_table_generated_from_the_registry():
    from servicepact.domain.lint.catalogue import rules_section

    assert rules_section() in (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
