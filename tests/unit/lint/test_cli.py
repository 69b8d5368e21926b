import json

import pytest
from typer.testing import CliRunner

from servicepact.entrypoints.cli import app, main
from tests.unit.lint.helpers import ENGLISH, RUSSIAN

runner = CliRunner()


def _broken(tmp_path):
    text = ENGLISH.read_text(encoding="utf-8")
    text = text.replace("P2: {response: 1h, resolution: 8h}", "P2: {response: 1 hour, resolution: 8h}")
    text = text.replace("  unlisted: billable ", "  colour: red\n  unlisted: billable ")
    text = text.replace("response_counts: human", "response_counts: any")
    start = text.index("# 8. Priorities")
    end = text.index("billing:")
    path = tmp_path / "broken.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_lint_strict_passes_on_both_examples():
    result = runner.invoke(app, ["lint", "--strict", str(ENGLISH), str(RUSSIAN)])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_lint_reports_structural_and_semantic_findings_of_a_broken_file_and_exits_1(tmp_path):
    path = _broken(tmp_path)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.startswith(f"{path}:") and " SP003 error support.targets.P2.response: " in line for line in lines
    )
    assert any(" SP004 error services.colour: " in line for line in lines)
    assert any(" SP001 error priorities: " in line for line in lines)
    assert lines[-1].startswith(("3 errors", "4 errors", "5 errors", "6 errors"))


def test_lint_json_is_a_list_of_findings_with_the_required_keys(tmp_path):
    path = _broken(tmp_path)
    result = runner.invoke(app, ["lint", "--format", "json", str(path), str(ENGLISH)])
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert {"SP001", "SP003", "SP004", "SP207"} <= {row["code"] for row in rows}
    for row in rows:
        assert {"code", "severity", "path", "line", "message"} <= set(row)
        assert row["severity"] in {"error", "warning", "info"}
        assert row["file"] == str(path)
    sp003 = next(row for row in rows if row["code"] == "SP003")
    assert isinstance(sp003["line"], int)


def test_warnings_alone_exit_0_without_strict_and_1_with_it(tmp_path):
    path = tmp_path / "warn.yaml"
    path.write_text(
        ENGLISH.read_text(encoding="utf-8").replace("response_counts: human", "response_counts: any")
    )
    assert runner.invoke(app, ["lint", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["lint", "--strict", str(path)])
    assert strict.exit_code == 1
    assert "0 errors, 1 warning" in strict.output


def test_messages_follow_the_lang_option(tmp_path):
    path = tmp_path / "warn.yaml"
    path.write_text(
        ENGLISH.read_text(encoding="utf-8").replace("response_counts: human", "response_counts: any")
    )
    result = runner.invoke(app, ["lint", "--lang", "ru", str(path)])
    assert "автоматические уведомления" in result.output


def test_a_missing_file_is_a_finding_with_its_name_not_a_traceback(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["lint", "--format", "json", str(missing)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [row] = json.loads(result.output)
    assert (row["code"], row["file"]) == ("SP000", str(missing))


def test_an_unknown_format_is_a_usage_error_with_exit_2():
    assert runner.invoke(app, ["lint", "--format", "xml", str(ENGLISH)]).exit_code == 2


def test_lint_without_files_is_a_usage_error_with_exit_2():
    assert runner.invoke(app, ["lint"]).exit_code == 2


def test_main_returns_the_exit_code(capsys):
    assert main(["lint", "--strict", str(ENGLISH)]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_explain_prints_the_rule_with_a_bad_and_a_good_example():
    result = runner.invoke(app, ["explain", "SP601"])
    assert result.exit_code == 0
    assert result.output.startswith("SP601 (warning, guarantees): Over-promising wording")
    assert "Bad:" in result.output
    assert "Good:" in result.output


def test_explain_speaks_russian_and_accepts_lower_case_codes():
    result = runner.invoke(app, ["explain", "sp703", "--lang", "ru"])
    assert result.exit_code == 0
    assert "Плохо:" in result.output
    assert "Хорошо:" in result.output


def test_explain_of_an_unknown_code_is_a_clean_error():
    result = runner.invoke(app, ["explain", "SP999"])
    assert result.exit_code == 2
    assert "unknown rule" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", ["lint", "explain"])
def test_every_lint_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"servicepact {command}" in result.output


@pytest.mark.parametrize("code", ["SP408", "SP409", "SP410", "SP804"])
def test_explain_knows_the_rules_of_version_1_1(code):
    result = runner.invoke(app, ["explain", code, "--lang", "ru"])
    assert result.exit_code == 0
    assert result.output.startswith(f"{code} (warning, ")
    assert "Плохо:" in result.output


def test_render_in_a_language_the_text_is_not_in_warns_with_sp804_on_stderr_and_still_renders(capsys):
    assert main(["render", str(ENGLISH), "--lang", "ru"]) == 0
    captured = capsys.readouterr()
    [warning] = captured.err.splitlines()
    assert warning.startswith(f"{ENGLISH}:")
    assert " SP804 warning language: договор выводится на языке 'ru'" in warning
    assert captured.out.startswith("# ")


def test_render_in_the_language_of_the_text_prints_no_sp804(capsys):
    assert main(["render", str(RUSSIAN)]) == 0
    assert capsys.readouterr().err == ""
