from tests.unit.lint.helpers import codes_of, english, findings_of


def _paths(data, code):
    return [f.path for f in findings_of(data) if f.code == code]


def test_an_uptime_target_of_100_percent_is_sp401():
    data = english()
    data["availability"]["uptime"][0]["target"] = "100%"
    assert _paths(data, "SP401") == ["availability.uptime[0].target"]


def test_an_uptime_target_just_below_100_percent_is_not_sp401():
    data = english()
    data["availability"]["uptime"][0]["target"] = "99.95%"
    assert "SP401" not in codes_of(data)


def test_an_uptime_target_above_99_99_percent_is_sp402():
    data = english()
    data["availability"]["uptime"][0]["target"] = "99.995%"
    data["performance"]["service_credits"]["tiers"][0]["below"] = "99.995%"
    assert _paths(data, "SP402") == ["availability.uptime[0].target"]


def test_an_uptime_target_of_exactly_99_99_percent_is_not_sp402():
    data = english()
    data["availability"]["uptime"][0]["target"] = "99.99%"
    assert "SP402" not in codes_of(data)


def test_an_rpo_shorter_than_the_backup_frequency_is_sp403():
    data = english()
    data["availability"]["recovery"][0]["rpo"] = "30m"
    assert _paths(data, "SP403") == ["availability.recovery[0].rpo", "availability.recovery[0].rpo"]


def test_a_system_with_an_rpo_and_no_backup_set_is_sp403():
    data = english()
    data["availability"]["recovery"][0]["systems"].append("crm")
    assert _paths(data, "SP403") == ["availability.recovery[0].systems[2]"]


def test_an_rpo_equal_to_the_backup_frequency_is_not_sp403():
    data = english()
    data["availability"]["recovery"][1]["rpo"] = "24h"
    assert "SP403" not in codes_of(data)


def test_counted_maintenance_windows_beyond_the_downtime_budget_are_sp404():
    data = english()
    data["availability"]["uptime"][0]["maintenance"] = "counted"
    findings = [f for f in findings_of(data) if f.code == "SP404"]
    assert [f.path for f in findings] == ["availability.uptime[0].maintenance"]
    assert "10h" in findings[0].message


def test_counted_maintenance_windows_within_the_downtime_budget_are_not_sp404():
    data = english()
    data["availability"]["uptime"][1]["maintenance"] = "counted"
    data["availability"]["uptime"][1]["target"] = "98.5%"
    data["availability"]["recovery"][0]["systems"] = ["erp"]
    assert "SP404" not in codes_of(data)


def test_excluded_maintenance_windows_are_not_sp404():
    data = english()
    data["availability"]["uptime"][0]["target"] = "99.99%"
    assert "SP404" not in codes_of(data)


def _monthly_counted(duration):
    data = english()
    data["availability"]["uptime"][1]["maintenance"] = "counted"
    data["availability"]["uptime"][1]["target"] = "99%"  # 7h12m in 30 days
    data["availability"]["maintenance"]["windows"] = [
        {
            "id": "monthly",
            "schedule": "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=1",
            "calendar": "always",
            "duration": duration,
        }
    ]
    data["availability"]["recovery"][0]["systems"] = ["erp"]
    return data


def test_a_monthly_window_falls_twice_in_the_30_days_after_1_february_and_is_sp404():
    # 1 February and 1 March 2027 are 28 days apart: 2 x 4h = 8h > 7h12m.
    assert "SP404" in codes_of(_monthly_counted("4h"))


def test_a_monthly_window_that_fits_twice_in_the_budget_is_not_sp404():
    assert "SP404" not in codes_of(_monthly_counted("3h"))


def test_excluded_maintenance_without_notice_is_sp405():
    data = english()
    del data["availability"]["maintenance"]["notice"]
    assert _paths(data, "SP405") == ["availability.maintenance.notice"]


def test_excluded_maintenance_without_a_monthly_limit_is_sp405():
    data = english()
    del data["availability"]["maintenance"]["max_per_month"]
    assert _paths(data, "SP405") == ["availability.maintenance.max_per_month"]


def test_counted_maintenance_needs_no_notice_and_is_not_sp405():
    data = english()
    for item in data["availability"]["uptime"]:
        item["maintenance"] = "counted"
        item["target"] = "98%"
    data["performance"]["service_credits"]["tiers"] = [
        {"metric": "kpi.first-response", "below": "95%", "credit": "5%"}
    ]
    data["guarantees"]["commitments"][0]["remedy"] = "root_cause_report"
    data["availability"]["maintenance"] = {"windows": data["availability"]["maintenance"]["windows"]}
    assert "SP405" not in codes_of(data)


def test_an_rto_beyond_the_28_day_downtime_budget_is_sp406():
    data = english()
    data["availability"]["recovery"][0]["rto"] = "4h"  # file-server 99.5%: 3h21m36s in 28 days
    findings = [f for f in findings_of(data) if f.code == "SP406"]
    assert [f.path for f in findings] == ["availability.recovery[0].rto"]
    assert "3h21m36s" in findings[0].message


def test_an_rto_within_the_28_day_downtime_budget_is_not_sp406():
    data = english()
    data["availability"]["recovery"][0]["rto"] = "3h20m"
    assert "SP406" not in codes_of(data)


def test_an_rto_for_a_system_that_is_not_an_uptime_item_is_not_sp406():
    data = english()
    data["availability"]["recovery"][1]["rto"] = "240h"
    assert "SP406" not in codes_of(data)


def test_a_backup_set_without_restore_tests_is_sp407():
    data = english()
    del data["availability"]["backups"][1]["restore_test"]
    assert _paths(data, "SP407") == ["availability.backups[1]"]


def test_backup_sets_with_restore_tests_are_not_sp407():
    assert "SP407" not in codes_of(english())
