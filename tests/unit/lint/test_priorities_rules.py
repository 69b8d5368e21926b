from tests.unit.lint.helpers import codes_of, english, findings_of


def _paths(data, code):
    return [f.path for f in findings_of(data) if f.code == code]


def test_a_missing_matrix_cell_is_sp801():
    data = english()
    del data["priorities"]["matrix"]["medium"]["low"]
    assert _paths(data, "SP801") == ["priorities.matrix.medium.low"]


def test_a_missing_matrix_row_is_sp801_for_each_urgency():
    data = english()
    del data["priorities"]["matrix"]["low"]
    assert _paths(data, "SP801") == ["priorities.matrix.low"] * 3


def test_a_matrix_cell_naming_an_unknown_priority_is_sp801():
    data = english()
    data["priorities"]["matrix"]["low"]["low"] = "P5"
    assert _paths(data, "SP801") == ["priorities.matrix.low.low"]


def test_no_matrix_at_all_is_one_sp801():
    data = english()
    for key in ("matrix", "impact", "urgency"):
        del data["priorities"][key]
    assert _paths(data, "SP801") == ["priorities.matrix"]
    assert "SP803" not in codes_of(data)


def test_a_complete_matrix_is_not_sp801():
    assert "SP801" not in codes_of(english())


def test_a_level_without_a_definition_is_sp802():
    data = english()
    data["priorities"]["levels"][3]["definition"] = "  "
    assert _paths(data, "SP802") == ["priorities.levels[3]"]


def test_levels_with_definitions_are_not_sp802():
    assert "SP802" not in codes_of(english())


def test_a_level_no_matrix_cell_names_is_sp803():
    data = english()
    data["priorities"]["matrix"]["high"]["high"] = "P2"
    assert _paths(data, "SP803") == ["priorities.levels[0]"]


def test_a_level_named_by_a_single_cell_is_not_sp803():
    data = english()
    data["priorities"]["matrix"]["low"]["low"] = "P3"
    data["priorities"]["matrix"]["medium"]["low"] = "P3"
    data["priorities"]["matrix"]["low"]["medium"] = "P4"
    assert "SP803" not in codes_of(data)
