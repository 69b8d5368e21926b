from tests.unit.lint.helpers import codes_of, english, findings_of


def test_a_client_requirement_without_a_check_is_sp501():
    data = english()
    del data["client_requirements"]["rules"][2]["check"]
    assert [f.path for f in findings_of(data) if f.code == "SP501"] == ["client_requirements.rules[2]"]


def test_client_requirements_with_checks_are_not_sp501():
    assert "SP501" not in codes_of(english())


def test_no_consequence_for_failing_assets_is_sp502():
    data = english()
    del data["client_requirements"]["consequence"]
    findings = [f for f in findings_of(data) if f.code == "SP502"]
    assert [(f.path, f.severity.value) for f in findings] == [("client_requirements.consequence", "warning")]


def test_a_consequence_of_excluded_is_not_sp502():
    data = english()
    data["client_requirements"]["consequence"] = "excluded"
    assert "SP502" not in codes_of(data)
