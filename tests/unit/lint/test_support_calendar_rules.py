from tests.unit.lint.helpers import codes_of, english, findings_of, russian


def _paths(data, code):
    return [f.path for f in findings_of(data) if f.code == code]


def test_a_higher_priority_with_a_longer_response_in_the_same_calendar_is_sp201():
    data = english()
    data["support"]["targets"]["P3"]["response"] = "30m"
    assert _paths(data, "SP201") == ["support.targets.P2.response"]


def test_a_higher_priority_with_a_longer_resolution_is_sp201():
    data = english()
    data["support"]["targets"]["P2"]["resolution"] = "4bd"
    assert _paths(data, "SP201") == ["support.targets.P2.resolution"]


def test_a_longer_target_on_24x7_that_is_shorter_on_the_wall_clock_is_not_sp201():
    # P1 4h round the clock is shorter on the wall clock than P2 1h of office hours over a weekend.
    data = english()
    data["support"]["targets"]["P1"]["response"] = "4h"
    assert "SP201" not in codes_of(data)


def test_a_short_target_on_office_hours_that_outlasts_a_long_one_on_24x7_is_sp201():
    data = english()
    data["support"]["targets"]["P1"] = {"response": "30m", "resolution": "2h", "calendar": "business"}
    data["support"]["targets"]["P2"] = {"response": "1h", "resolution": "12h", "calendar": "always"}
    assert set(_paths(data, "SP201")) == {"support.targets.P1.response", "support.targets.P1.resolution"}


def test_priority_order_is_the_order_of_the_levels_list():
    data = english()
    data["priorities"]["levels"].reverse()
    assert "SP201" in codes_of(data)


def test_a_target_on_24x7_with_after_hours_leaving_it_out_is_sp203():
    data = english()
    data["support"]["after_hours"]["priorities"] = ["P2"]
    assert _paths(data, "SP203") == ["support.targets.P1.calendar"]


def test_a_target_on_24x7_with_after_hours_unavailable_is_sp203():
    data = russian()
    data["support"]["after_hours"] = {"available": False}
    assert "SP203" in codes_of(data)


def test_a_target_on_a_calendar_inside_the_support_hours_is_not_sp203():
    data = english()
    data["calendars"]["mornings"] = {
        "timezone": "America/New_York",
        "hours": {"mon-fri": ["08:00-12:00"]},
        "holidays": {"country": "US", "subdivision": "NY"},
    }
    data["support"]["targets"]["P3"]["calendar"] = "mornings"
    data["support"]["targets"]["P4"]["calendar"] = "business"
    assert "SP203" not in codes_of(data)


def test_after_hours_without_a_priority_list_covers_every_priority_and_is_not_sp203():
    data = english()
    del data["support"]["after_hours"]["priorities"]
    assert "SP203" not in codes_of(data)
