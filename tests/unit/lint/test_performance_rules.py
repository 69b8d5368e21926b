from tests.unit.lint.helpers import codes_of, english, findings_of


def _sp703(data):
    return [(f.path, f.message) for f in findings_of(data) if f.code == "SP703"]


def _email_tiers(*bands):
    return [{"metric": "uptime.email", "below": below, "credit": credit} for below, credit in bands]


def test_a_kpi_without_a_target_is_sp701():
    data = english()
    del data["performance"]["kpis"][3]["target"]
    assert [f.path for f in findings_of(data) if f.code == "SP701"] == ["performance.kpis[3]"]


def test_kpis_with_targets_are_not_sp701():
    assert "SP701" not in codes_of(english())


def test_service_credits_without_a_cap_are_sp702():
    data = english()
    del data["performance"]["service_credits"]["cap"]
    assert [f.path for f in findings_of(data) if f.code == "SP702"] == ["performance.service_credits.cap"]


def test_a_cap_over_100_percent_is_sp702():
    data = english()
    data["performance"]["service_credits"]["cap"] = "120%"
    assert "SP702" in codes_of(data)


def test_a_cap_of_exactly_100_percent_is_not_sp702():
    data = english()
    data["performance"]["service_credits"]["cap"] = "100%"
    assert "SP702" not in codes_of(data)


def test_a_highest_band_below_the_target_leaves_a_gap_and_is_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"][0]["below"] = "99.89%"
    findings = _sp703(data)
    assert [path for path, _ in findings] == ["performance.service_credits.tiers[0].below"]
    assert "99.89%" in findings[0][1]
    assert "99.9%" in findings[0][1]


def test_a_highest_band_above_the_target_is_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"][0]["below"] = "99.95%"
    assert len(_sp703(data)) == 1


def test_contiguous_bands_starting_at_the_target_are_not_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"] = _email_tiers(
        ("99.0%", "25%"), ("99.9%", "5%"), ("99.5%", "10%")
    )
    assert _sp703(data) == []


def test_two_bands_with_the_same_below_overlap_and_are_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"] = _email_tiers(
        ("99.9%", "5%"), ("99.5%", "10%"), ("99.5%", "15%")
    )
    assert len(_sp703(data)) == 1


def test_a_lower_band_with_a_smaller_credit_is_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"] = _email_tiers(("99.9%", "10%"), ("99.5%", "5%"))
    assert [path for path, _ in _sp703(data)] == ["performance.service_credits.tiers[1].credit"]


def test_a_lower_band_with_an_equal_credit_is_not_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"] = _email_tiers(("99.9%", "10%"), ("99.5%", "10%"))
    assert _sp703(data) == []


def test_a_kpi_band_not_at_the_kpi_target_is_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"][3]["below"] = "90%"
    assert [path for path, _ in _sp703(data)] == ["performance.service_credits.tiers[3].below"]


def test_bands_on_an_at_most_kpi_have_no_target_to_match_and_are_not_sp703():
    data = english()
    data["performance"]["service_credits"]["tiers"].append(
        {"metric": "kpi.reopened", "below": "50%", "credit": "1%"}
    )
    assert _sp703(data) == []


def test_a_response_ratio_kpi_at_100_percent_is_sp704():
    data = english()
    data["performance"]["kpis"][0]["target"] = ">= 100%"
    data["performance"]["service_credits"]["tiers"][3]["below"] = "100%"
    assert [f.path for f in findings_of(data) if f.code == "SP704"] == ["performance.kpis[0].target"]


def test_a_non_ratio_kpi_at_100_percent_is_not_sp704():
    data = english()
    data["performance"]["kpis"][2]["target"] = ">= 100%"
    assert "SP704" not in codes_of(data)


def test_a_ratio_kpi_at_99_percent_is_not_sp704():
    data = english()
    data["performance"]["kpis"][1]["target"] = ">= 99%"
    assert "SP704" not in codes_of(data)


def test_no_reporting_frequency_is_sp705():
    data = english()
    del data["performance"]["reporting"]["frequency"]
    assert [f.path for f in findings_of(data) if f.code == "SP705"] == ["performance.reporting.frequency"]


def test_no_reporting_section_is_sp705():
    data = english()
    del data["performance"]["reporting"]
    assert "SP705" in codes_of(data)


def test_a_quarterly_reporting_frequency_is_not_sp705():
    data = english()
    data["performance"]["reporting"]["frequency"] = "quarterly"
    assert "SP705" not in codes_of(data)
