from tests.unit.lint.helpers import codes_of, english, findings_of


def test_a_service_id_both_included_and_excluded_is_sp101():
    data = english()
    data["services"]["excluded"][0]["id"] = "backup"
    assert [f.path for f in findings_of(data) if f.code == "SP101"] == ["services.excluded[0].id"]


def test_a_service_name_both_included_and_excluded_is_sp101_regardless_of_case():
    data = english()
    data["services"]["excluded"][0]["name"] = "remote  HELPDESK"
    assert "SP101" in codes_of(data)


def test_a_similar_but_different_excluded_service_is_not_sp101():
    data = english()
    data["services"]["excluded"][0]["name"] = "Remote helpdesk for guests"
    assert "SP101" not in codes_of(data)


def test_an_excluded_service_without_handling_is_sp102():
    data = english()
    del data["services"]["excluded"][1]["handling"]
    findings = [f for f in findings_of(data) if f.code == "SP102"]
    assert [(f.path, f.severity.value) for f in findings] == [("services.excluded[1]", "warning")]


def test_unlisted_not_set_is_sp102():
    data = english()
    del data["services"]["unlisted"]
    assert [f.path for f in findings_of(data) if f.code == "SP102"] == ["services"]


def test_every_handling_set_is_not_sp102():
    data = english()
    data["services"]["unlisted"] = "not_offered"
    assert "SP102" not in codes_of(data)
