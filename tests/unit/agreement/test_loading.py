from pathlib import Path

import pytest

from servicepact import AgreementError, load_agreement, read_agreement
from servicepact.domain.agreement.values import Duration, Percentage

from .helpers import example_text, line_of


def test_the_spec_examples_load_without_problems(spec_examples: list[Path]):
    assert len(spec_examples) == 2
    for path in spec_examples:
        agreement = load_agreement(path)
        assert agreement.support is not None
        assert agreement.support.targets["P1"].response == Duration.parse("30m")


def test_a_loaded_agreement_has_real_types_not_strings(examples_dir: Path):
    agreement = load_agreement(examples_dir / "northwind-acme.en.yaml")
    assert agreement.availability is not None
    assert agreement.availability.uptime[0].target == Percentage.parse("99.9%")
    assert str(agreement.calendars["business"].timezone) == "America/New_York"
    assert agreement.billing is not None
    assert str(agreement.billing.monthly_fee) == "4500.0"
    assert agreement.term.start.isoformat() == "2027-01-01"


def test_text_with_commas_in_a_flow_mapping_is_kept_as_one_sentence(examples_dir: Path):
    # The spec 1.1 example quotes this text; users often don't, and still mean one sentence.
    text = (examples_dir / "severny-veter-romashka.ru.yaml").read_text(encoding="utf-8")
    quoted = '"Поддержка пользователей через личный кабинет, а при критических сбоях — по телефону."'
    assert quoted in text
    agreement = load_agreement(text.replace(quoted, quoted.strip('"')))
    assert agreement.services is not None
    assert agreement.services.included[0].description == quoted.strip('"')


def test_an_explicit_key_in_a_flow_mapping_is_still_an_unknown_key():
    text = example_text().replace(
        "- {activity: Monitoring backups, provider: R, client: I}",
        "- {activity: Monitoring backups, provider: R, client: I, vendor: C}",
    )
    result = read_agreement(text)
    assert [(p.code, p.location.path) for p in result.problems] == [
        ("SP004", "responsibilities.raci[3].vendor")
    ]


def test_load_agreement_accepts_text_as_well_as_a_path():
    agreement = load_agreement(example_text())
    assert agreement.id == "northwind-acme-2027"


def test_every_problem_is_reported_with_line_and_key_path_not_just_the_first():
    text = (
        example_text()
        .replace("P2: {response: 1h,", "P2: {respons: 1h,")
        .replace("target: 99.9%", "target: 99.9 percent")
        .replace("timezone: America/New_York    #", "timezone: Mars/Olympus   #")
        .replace("  months: 12", "  months: twelve")
    )
    with pytest.raises(AgreementError) as raised:
        load_agreement(text, source="acme.yaml")
    found = {(p.code, p.location.path, p.location.line) for p in raised.value.problems}
    assert found == {
        ("SP004", "support.targets.P2.respons", line_of(text, "respons: 1h")),
        ("SP003", "availability.uptime[0].target", line_of(text, "99.9 percent")),
        ("SP003", "calendars.business.timezone", line_of(text, "Mars/Olympus")),
        ("SP005", "term.months", line_of(text, "months: twelve")),
    }
    assert all(p.location.source == "acme.yaml" for p in raised.value.problems)


def test_an_unknown_key_suggests_the_nearest_known_key():
    result = read_agreement(example_text().replace("  auto_renew: true", "  auto_renw: true"))
    assert "did you mean 'auto_renew'" in result.problems[0].message


def test_a_missing_required_key_is_named_at_its_parent():
    text = example_text().replace("      name: Remote helpdesk\n", "")
    result = read_agreement(text)
    problem = result.problems[0]
    assert (problem.code, problem.location.path) == ("SP005", "services.included[0].name")
    assert problem.location.line == line_of(text, "- id: helpdesk")


def test_the_valid_parts_of_a_broken_file_are_still_built():
    text = example_text().replace(
        "P3: {response: 4h, resolution: 3bd}", "P3: {response: soon, resolution: 3bd}"
    )
    result = read_agreement(text)
    assert [p.code for p in result.problems] == ["SP003"]
    assert result.agreement is not None
    assert result.agreement.support is not None
    assert result.agreement.support.targets["P3"].response is None
    assert result.agreement.support.targets["P2"].response == Duration.parse("1h")


def test_a_broken_top_level_key_does_not_stop_the_areas_from_being_built():
    text = (
        example_text().replace("currency: USD", "currency: dollars").replace("format: servicepact/v1\n", "")
    )
    result = read_agreement(text)
    assert {p.code for p in result.problems} == {"SP005"}
    assert result.agreement is not None
    assert result.agreement.priorities is not None


def test_duplicate_keys_are_refused_with_their_line():
    text = example_text().replace("currency: USD", "currency: USD\ncurrency: EUR")
    result = read_agreement(text)
    assert [p.code for p in result.problems] == ["SP000"]
    assert result.problems[0].location.line == line_of(text, "currency: EUR")
    assert "twice" in result.problems[0].message


def test_an_alias_bomb_is_refused_without_expanding_it():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    result = read_agreement("\n".join(lines) + "\n")
    assert result.agreement is None
    assert "alias bomb" in result.problems[0].message


def test_files_over_five_megabytes_are_refused(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text("title: " + "x" * (5 * 1024 * 1024) + "\n")
    result = read_agreement(big)
    assert result.problems[0].code == "SP000"
    assert "5 MB" in result.problems[0].message
    assert result.problems[0].location.source == str(big)


def test_a_yaml_syntax_error_names_its_line():
    result = read_agreement("format: servicepact/v1\nid: [unclosed\ntitle: x\n")
    assert result.problems[0].code == "SP000"
    assert result.problems[0].location.line is not None


def test_a_document_that_is_not_a_mapping_is_a_type_problem():
    result = read_agreement("- just\n- a list\n")
    assert [p.code for p in result.problems] == ["SP005"]


def test_a_yaml_path_that_does_not_exist_is_no_such_file_not_text():
    result = read_agreement("agreements/missing.yaml")
    assert [(p.code, p.message, p.location.source) for p in result.problems] == [
        ("SP000", "no such file", "agreements/missing.yaml")
    ]
