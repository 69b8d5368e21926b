import pytest

from servicepact import Finding, Severity, lint, read_agreement
from tests.unit.lint.helpers import ENGLISH, RUSSIAN, english, findings_of, russian


@pytest.mark.parametrize("path", [ENGLISH, RUSSIAN], ids=["en", "ru"])
def test_both_spec_examples_load_and_pass_lint_strict(path):
    result = read_agreement(path)
    assert result.problems == []
    findings = lint(result)
    assert [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []


def test_lint_accepts_an_agreement_as_well_as_a_validation_result():
    result = read_agreement(ENGLISH)
    assert result.agreement is not None
    assert lint(result.agreement) == lint(result)


def test_findings_carry_lines_from_the_yaml_file():
    text = ENGLISH.read_text(encoding="utf-8").replace("response_counts: human", "response_counts: any")
    [finding] = lint(read_agreement(text, source="acme.yaml"))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "response_counts: any" in row)
    assert (finding.code, finding.path, finding.line, finding.source) == (
        "SP207",
        "support.response_counts",
        line,
        "acme.yaml",
    )


def test_a_russian_agreement_gets_russian_messages():
    data = russian()
    data["support"]["response_counts"] = "any"
    [finding] = findings_of(data)
    assert "автоматические уведомления" in finding.message


def test_the_language_of_messages_can_be_chosen():
    data = russian()
    data["support"]["response_counts"] = "any"
    from servicepact.domain.agreement import validate_document

    [finding] = lint(validate_document(data), language="en")
    assert "automatic acknowledgements" in finding.message


def test_an_english_agreement_gets_english_messages():
    data = english()
    data["support"]["response_counts"] = "any"
    [finding] = findings_of(data)
    assert finding.message.startswith("response_counts is 'any'")


def test_a_finding_as_json_has_exactly_the_five_keys():
    finding = Finding(
        "SP207", Severity.WARNING, "support.response_counts", 3, "message", column=5, source="a"
    )
    assert finding.to_dict() == {
        "code": "SP207",
        "severity": "warning",
        "path": "support.response_counts",
        "line": 3,
        "message": "message",
    }


def test_findings_are_sorted_by_line_then_code():
    data = english()
    data["support"]["response_counts"] = "any"
    del data["guarantees"]["sole_remedy"]
    del data["services"]["unlisted"]
    text_findings = findings_of(data)
    assert [f.sort_key for f in text_findings] == sorted(f.sort_key for f in text_findings)
