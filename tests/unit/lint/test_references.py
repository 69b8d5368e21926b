from tests.unit.lint.helpers import codes_of, english, findings_of


def _sp002(data):
    return [f.path for f in findings_of(data) if f.code == "SP002"]


def test_every_reference_in_the_example_resolves():
    assert _sp002(english()) == []


def test_an_unknown_support_calendar_is_sp002():
    data = english()
    data["support"]["calendar"] = "office"
    assert "support.calendar" in _sp002(data)


def test_an_unknown_target_channel_after_hours_and_window_calendar_is_sp002():
    data = english()
    data["support"]["targets"]["P1"]["calendar"] = "nights"
    data["support"]["channels"][0]["calendar"] = "nights"
    data["support"]["after_hours"]["calendar"] = "nights"
    data["availability"]["maintenance"]["windows"][0]["calendar"] = "nights"
    assert set(_sp002(data)) == {
        "support.targets.P1.calendar",
        "support.channels[0].calendar",
        "support.after_hours.calendar",
        "availability.maintenance.windows[0].calendar",
    }


def test_an_uptime_item_on_an_unknown_service_is_sp002():
    data = english()
    data["availability"]["uptime"][0]["services"] = ["exchange"]
    assert _sp002(data) == ["availability.uptime[0].services[0]"]


def test_an_uptime_item_on_an_excluded_service_names_something_and_is_not_sp002():
    data = english()
    data["availability"]["uptime"][0]["services"] = ["hardware-repair"]
    assert _sp002(data) == []


def test_unknown_priorities_in_channels_and_after_hours_are_sp002():
    data = english()
    data["support"]["channels"][0]["priorities"] = ["P0"]
    data["support"]["after_hours"]["priorities"] = ["P1", "urgent"]
    assert set(_sp002(data)) == {"support.channels[0].priorities[0]", "support.after_hours.priorities[1]"}


def test_a_commitment_on_an_unknown_kpi_or_uptime_item_is_sp002():
    data = english()
    data["guarantees"]["commitments"][0]["metric"] = "uptime.mail"
    data["guarantees"]["commitments"][1]["metric"] = "kpi.first_response"
    assert set(_sp002(data)) == {"guarantees.commitments[0].metric", "guarantees.commitments[1].metric"}


def test_a_commitment_on_a_catalogue_metric_is_not_sp002():
    data = english()
    data["guarantees"]["commitments"][2]["metric"] = "backup_success_rate"
    assert _sp002(data) == []


def test_a_credit_tier_on_an_unknown_metric_is_sp002():
    data = english()
    data["performance"]["service_credits"]["tiers"][3]["metric"] = "kpi.nothing"
    assert "performance.service_credits.tiers[3].metric" in _sp002(data)


def test_a_kpi_metric_outside_the_catalogue_is_sp002():
    data = english()
    data["performance"]["kpis"][4]["metric"] = "tickets_closed_per_day"
    assert _sp002(data) == ["performance.kpis[4].metric"]


def test_a_kpi_on_an_existing_uptime_item_is_not_sp002():
    data = english()
    data["performance"]["kpis"][4]["metric"] = "uptime.file-server"
    data["performance"]["kpis"][4]["target"] = ">= 99.5%"
    assert "SP002" not in codes_of(data)


def test_a_kpi_on_an_unknown_uptime_item_is_sp002():
    data = english()
    data["performance"]["kpis"][4]["metric"] = "uptime.printer"
    assert _sp002(data) == ["performance.kpis[4].metric"]


def test_an_escalation_for_an_unknown_priority_is_sp002():
    data = english()
    data["support"]["escalations"][0]["priorities"] = ["P1", "Critical"]
    assert _sp002(data) == ["support.escalations[0].priorities[1]"]


def test_escalations_for_known_priorities_are_not_sp002():
    data = english()
    data["support"]["escalations"][0]["priorities"] = ["P1", "P2", "P3", "P4"]
    assert _sp002(data) == []


def test_a_display_name_for_an_id_the_agreement_does_not_use_is_sp002():
    data = english()
    data["names"]["fileserver"] = "File server (typo)"
    assert _sp002(data) == ["names.fileserver"]


def test_display_names_for_systems_backup_sets_uptime_items_and_services_are_not_sp002():
    data = english()
    data["names"].update({"servers": "Server backups", "email": "E-mail", "helpdesk": "Helpdesk"})
    assert _sp002(data) == []
