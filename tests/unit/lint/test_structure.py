from servicepact.adapters.agreement_files import read_agreement
from servicepact.domain.lint import Severity, lint
from tests.unit.lint.helpers import ENGLISH, codes_of, english, findings_of


def test_a_missing_area_is_sp001():
    data = english()
    del data["client_requirements"]
    findings = [f for f in findings_of(data) if f.code == "SP001"]
    assert [(f.path, f.severity) for f in findings] == [("client_requirements", Severity.ERROR)]


def test_an_empty_area_is_sp001():
    data = english()
    data["guarantees"] = {}
    assert "SP001" in codes_of(data)


def test_an_area_with_only_empty_lists_is_sp001():
    data = english()
    data["responsibilities"] = {"raci": [], "failures": {}, "client_duties": []}
    assert "SP001" in codes_of(data)


def test_an_area_with_content_is_not_sp001():
    data = english()
    data["guarantees"] = {"sole_remedy": True}
    assert "SP001" not in codes_of(data)


def test_an_area_pruned_for_structural_problems_is_not_also_reported_missing():
    text = ENGLISH.read_text(encoding="utf-8").replace("  calendar: business              # normal", "  # x")
    findings = lint(read_agreement(text))
    assert ("SP005", "support.calendar") in [(f.code, f.path) for f in findings]
    assert "SP001" not in [f.code for f in findings]


def test_text_that_is_not_yaml_is_sp000_with_its_line():
    findings = lint(read_agreement("format: servicepact/v1\nid: [unclosed\n"))
    assert [f.code for f in findings] == ["SP000"]
    assert findings[0].line is not None
    assert findings[0].severity is Severity.ERROR


def test_a_duplicate_key_is_sp000():
    findings = lint(read_agreement("format: servicepact/v1\nid: a\nid: b\n"))
    assert [f.code for f in findings] == ["SP000"]


def test_a_valid_file_has_no_sp000():
    assert "SP000" not in [f.code for f in lint(read_agreement(ENGLISH))]


def test_a_broken_file_gets_structural_and_semantic_findings_with_lines_in_one_list():
    text = ENGLISH.read_text(encoding="utf-8")
    text = text.replace("P2: {response: 1h, resolution: 8h}", "P2: {response: 1 hour, resolution: 8h}")
    text = text.replace("  unlisted: billable ", "  unlisted: billable\n  colour: red ")
    text = text.replace("# 5. Client requirements", "client_requirement_s: {}\n# 5.")
    text = text.replace("client_requirements:\n", "removed_area:\n")
    findings = lint(read_agreement(text, source="broken.yaml"))
    by_code = {f.code: f for f in findings}
    assert by_code["SP003"].path == "support.targets.P2.response"
    assert by_code["SP004"].path in {"services.colour", "client_requirement_s", "removed_area"}
    assert {"SP001", "SP003", "SP004"} <= set(by_code)
    assert all(f.line is not None for f in findings if f.code in {"SP003", "SP004"})
    assert (
        by_code["SP003"].line
        == text.splitlines().index(next(line for line in text.splitlines() if "1 hour" in line)) + 1
    )
    assert [f.sort_key for f in findings] == sorted(f.sort_key for f in findings)


def test_structural_problems_keep_their_severity_error():
    findings = lint(
        read_agreement(ENGLISH.read_text(encoding="utf-8").replace("target: 99.5%", "target: lots"))
    )
    assert [(f.code, f.severity) for f in findings] == [("SP003", Severity.ERROR)]
