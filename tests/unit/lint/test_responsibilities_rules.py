from tests.unit.lint.helpers import codes_of, english, findings_of


def _paths(data, code):
    return [f.path for f in findings_of(data) if f.code == code]


def test_failures_without_network_are_sp301():
    data = english()
    del data["responsibilities"]["failures"]["network"]
    assert _paths(data, "SP301") == ["responsibilities.failures.network"]


def test_a_failure_kind_with_no_provider_duty_is_sp301():
    data = english()
    data["responsibilities"]["failures"]["hardware"]["provider"] = []
    assert _paths(data, "SP301") == ["responsibilities.failures.hardware.provider"]


def test_extra_failure_kinds_besides_the_three_are_not_sp301():
    data = english()
    data["responsibilities"]["failures"]["power"] = {"provider": ["Call the electrician."]}
    assert "SP301" not in codes_of(data)


def test_a_raci_activity_without_r_is_sp302():
    data = english()
    data["responsibilities"]["raci"][0] = {"activity": "Patching", "provider": "A", "client": "I"}
    assert _paths(data, "SP302") == ["responsibilities.raci[0]"]


def test_a_raci_activity_with_two_a_is_sp302():
    data = english()
    data["responsibilities"]["raci"][1] = {"activity": "Approving", "provider": "CA", "client": "RA"}
    assert _paths(data, "SP302") == ["responsibilities.raci[1]"]


def test_a_raci_activity_with_r_and_no_a_is_not_sp302():
    data = english()
    data["responsibilities"]["raci"][0] = {"activity": "Patching", "provider": "R", "client": "C"}
    assert "SP302" not in codes_of(data)


def test_a_raci_activity_with_r_and_one_a_is_not_sp302():
    data = english()
    data["responsibilities"]["raci"][0] = {"activity": "Patching", "provider": "R", "client": "A"}
    assert "SP302" not in codes_of(data)
