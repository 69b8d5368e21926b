from tests.unit.lint.helpers import codes_of, english, findings_of


def _paths(data, code):
    return [f.path for f in findings_of(data) if f.code == code]


def test_a_resolution_shorter_than_the_response_is_sp202():
    data = english()
    data["support"]["targets"]["P3"] = {"response": "4h", "resolution": "2h"}
    assert _paths(data, "SP202") == ["support.targets.P3.resolution"]


def test_a_resolution_in_business_days_longer_than_the_response_is_not_sp202():
    data = english()
    data["support"]["targets"]["P3"] = {"response": "8h", "resolution": "1bd"}
    assert "SP202" not in codes_of(data)


def test_a_resolution_equal_to_the_response_is_not_sp202():
    data = english()
    data["support"]["targets"]["P3"] = {"response": "4h", "resolution": "4h"}
    assert "SP202" not in codes_of(data)


def test_after_hours_without_a_surcharge_is_sp204():
    data = english()
    del data["support"]["after_hours"]["surcharge"]
    assert _paths(data, "SP204") == ["support.after_hours.surcharge"]


def test_an_after_hours_surcharge_below_one_is_sp204():
    data = english()
    data["support"]["after_hours"]["surcharge"] = 0.9
    assert "SP204" in codes_of(data)


def test_a_surcharge_of_exactly_one_is_not_sp204():
    data = english()
    data["support"]["after_hours"]["surcharge"] = 1
    assert "SP204" not in codes_of(data)


def test_no_surcharge_when_after_hours_is_unavailable_is_not_sp204():
    data = english()
    data["support"]["after_hours"] = {"available": False}
    for target in data["support"]["targets"].values():
        target.pop("calendar", None)
    assert "SP204" not in codes_of(data)


def test_a_business_calendar_without_holidays_is_sp205():
    data = english()
    del data["calendars"]["business"]["holidays"]
    assert _paths(data, "SP205") == ["calendars.business"]


def test_a_calendar_with_only_extra_closed_dates_is_not_sp205():
    data = english()
    data["calendars"]["business"]["holidays"] = {"dates": ["2027-12-24"]}
    assert "SP205" not in codes_of(data)


def test_a_24x7_calendar_without_holidays_is_not_sp205():
    assert "SP205" not in codes_of(english())


def test_a_priority_level_without_targets_is_sp206():
    data = english()
    del data["support"]["targets"]["P4"]
    assert _paths(data, "SP206") == ["support.targets.P4"]


def test_a_target_for_an_unknown_priority_is_sp206():
    data = english()
    data["support"]["targets"]["P5"] = {"response": "2bd", "resolution": "20bd"}
    assert _paths(data, "SP206") == ["support.targets.P5"]


def test_a_level_with_only_a_response_target_is_not_sp206():
    data = english()
    data["support"]["targets"]["P4"] = {"response": "1bd"}
    assert "SP206" not in codes_of(data)


def test_response_counts_any_is_sp207():
    data = english()
    data["support"]["response_counts"] = "any"
    assert _paths(data, "SP207") == ["support.response_counts"]


def test_response_counts_human_is_not_sp207():
    data = english()
    data["support"]["response_counts"] = "human"
    assert "SP207" not in codes_of(data)
