from datetime import date

from tests.unit.lint.helpers import codes_of, english, findings_of, russian


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


def _weekly(data, max_per_month, *windows):
    data["availability"]["maintenance"]["max_per_month"] = max_per_month
    if windows:
        data["availability"]["maintenance"]["windows"] = list(windows)
    return data


SUNDAY_AT_2 = {"id": "weekly", "schedule": "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2;BYMINUTE=0", "calendar": "always"}
SUNDAY_AT_3 = {**SUNDAY_AT_2, "id": "patching", "schedule": "FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0"}


def test_five_sunday_windows_of_january_2027_beyond_the_monthly_limit_are_sp408():
    # America/New_York; January 2027 starts on a Friday: five Sundays x 2h = 10h > 9h.
    data = _weekly(english(), "9h", {**SUNDAY_AT_2, "duration": "2h"})
    findings = [f for f in findings_of(data) if f.code == "SP408"]
    assert [f.path for f in findings] == ["availability.maintenance.max_per_month"]
    assert "10h in 2027-01" in findings[0].message
    assert "9h" in findings[0].message


def test_five_sunday_windows_exactly_at_the_monthly_limit_are_not_sp408():
    # The English example: weekly Sunday 2h against max_per_month 10h sits exactly on the limit.
    data = _weekly(english(), "10h", {**SUNDAY_AT_2, "duration": "2h"})
    assert "SP408" not in codes_of(data)


def test_a_window_at_the_spring_forward_hour_still_counts_its_whole_duration_and_is_sp408():
    # America/New_York; March 2024 (the only such month of 2024) starts on a Friday. On Sunday 10 March
    # 02:00 does not exist (DST starts); that window still lasts 2h: 5 x 2h = 10h > 9h.
    data = _weekly(english(), "9h", {**SUNDAY_AT_2, "duration": "2h"})
    data["term"]["start"] = "2024-01-01"
    findings = [f for f in findings_of(data) if f.code == "SP408"]
    assert len(findings) == 1
    assert "10h in 2024-03" in findings[0].message


def test_saturday_night_windows_of_may_2026_beyond_the_monthly_limit_are_sp408_in_russian():
    # Europe/Moscow; May 2026 starts on a Friday: five Saturdays 22:00 + 3h (past midnight) = 15h > 14h59m.
    data = russian()
    data["availability"]["maintenance"]["max_per_month"] = "14h59m"
    findings = [f for f in findings_of(data) if f.code == "SP408"]
    assert [f.path for f in findings] == ["availability.maintenance.max_per_month"]
    assert findings[0].message.startswith("окна плановых работ занимают 15h в месяце 2026-05")


def test_saturday_night_windows_exactly_at_the_monthly_limit_of_the_russian_example_are_not_sp408():
    data = russian()
    data["availability"]["maintenance"]["max_per_month"] = "15h"
    assert "SP408" not in codes_of(data)


def test_overlapping_windows_count_once_and_are_not_sp408():
    data = _weekly(
        english(),
        "10h",
        {**SUNDAY_AT_2, "duration": "2h"},
        {**SUNDAY_AT_3, "duration": "1h"},
    )
    assert "SP408" not in codes_of(data)


def test_windows_that_overlap_only_in_part_add_their_union_and_are_sp408():
    data = _weekly(
        english(),
        "10h",
        {**SUNDAY_AT_2, "duration": "2h"},
        {**SUNDAY_AT_3, "duration": "2h"},
    )
    findings = [f for f in findings_of(data) if f.code == "SP408"]
    assert len(findings) == 1
    assert "15h in 2027-01" in findings[0].message


def test_a_wednesday_window_is_counted_in_a_month_with_five_weekends_and_is_not_sp408():
    # A month with five Saturdays and Sundays has four Wednesdays (8h), though March 2027 has five (10h).
    wednesday = {**SUNDAY_AT_2, "schedule": "FREQ=WEEKLY;BYDAY=WE;BYHOUR=22;BYMINUTE=0", "duration": "2h"}
    assert "SP408" not in codes_of(_weekly(english(), "8h", wednesday))


def test_maintenance_windows_without_a_monthly_limit_are_not_sp408():
    data = english()
    del data["availability"]["maintenance"]["max_per_month"]
    assert "SP408" not in codes_of(data)


def test_the_months_with_five_weekends_of_a_term_starting_mid_month_are_those_after_its_start():
    from servicepact.domain.agreement import validate_document
    from servicepact.domain.lint.timing import months_with_five_weekends

    data = english()
    data["term"]["start"] = "2027-01-15"
    agreement = validate_document(data).agreement
    assert months_with_five_weekends(agreement) == [date(2027, 5, 1), date(2027, 10, 1), date(2028, 1, 1)]


def test_an_rto_shorter_than_the_top_priority_resolution_target_is_sp409():
    data = english()
    data["support"]["targets"]["P1"]["resolution"] = "4h"  # round the clock
    data["availability"]["recovery"][0]["rto"] = "3h"
    findings = [f for f in findings_of(data) if f.code == "SP409"]
    assert [f.path for f in findings] == ["availability.recovery[0].rto"]
    assert findings[0].message == "tier 'critical': rto 3h is shorter than the P1 resolution target 4h"


def test_an_rto_equal_to_the_top_priority_resolution_target_is_not_sp409():
    # The examples: rto 3h and P1 resolution 3h round the clock.
    data = english()
    data["support"]["targets"]["P1"]["resolution"] = "3h"
    data["availability"]["recovery"][0]["rto"] = "3h"
    assert "SP409" not in codes_of(data)


def test_a_longer_resolution_target_of_a_lower_priority_is_not_sp409():
    data = english()
    data["support"]["targets"]["P1"]["resolution"] = "3h"
    data["support"]["targets"]["P2"]["resolution"] = "8h"
    data["availability"]["recovery"][0]["rto"] = "3h"
    assert "SP409" not in codes_of(data)


def test_a_top_priority_resolution_on_office_hours_is_compared_on_the_wall_clock_and_is_sp409():
    # America/New_York office hours: 3h from Friday 17:00 ends on Monday (or later after a holiday).
    data = english()
    data["support"]["targets"]["P1"] = {"response": "30m", "resolution": "3h", "calendar": "business"}
    data["availability"]["recovery"][0]["rto"] = "3h"
    data["availability"]["recovery"][1]["rto"] = "48h"
    findings = [f for f in findings_of(data) if f.code == "SP409"]
    assert [f.path for f in findings] == ["availability.recovery[0].rto", "availability.recovery[1].rto"]
    assert "on the wall clock in its calendar" in findings[1].message


def test_an_rpo_equal_to_the_backup_frequency_is_sp410():
    data = english()
    data["availability"]["recovery"][0]["rpo"] = "1h"  # servers are backed up every 1h
    findings = [f for f in findings_of(data) if f.code == "SP410"]
    assert [f.path for f in findings] == ["availability.recovery[0].rpo"] * 2
    assert findings[0].message.startswith("tier 'critical': rpo 1h for 'file-server' equals its backup")


def test_an_rpo_longer_than_the_backup_frequency_is_not_sp410():
    data = english()
    data["availability"]["recovery"][0]["rpo"] = "2h"
    data["availability"]["recovery"][1]["rpo"] = "36h"
    assert "SP410" not in codes_of(data)


def test_an_rpo_shorter_than_the_backup_frequency_is_sp403_and_not_sp410():
    data = english()
    data["availability"]["recovery"][0]["rpo"] = "30m"
    codes = codes_of(data)
    assert "SP403" in codes
    assert "SP410" not in codes


def test_a_system_in_two_backup_sets_judged_by_the_more_frequent_one_is_not_sp410():
    data = english()
    data["availability"]["backups"][1]["systems"].append("erp")  # workstations: every 24h
    data["availability"]["recovery"][0]["rpo"] = "24h"
    assert "SP410" not in codes_of(data)
