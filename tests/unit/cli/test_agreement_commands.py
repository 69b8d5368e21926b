import json
import re
from pathlib import Path

import pytest

from servicepact.entrypoints.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_accepts_both_examples(capsys, examples_dir: Path):
    code, out, _ = run(capsys, "validate", *map(str, sorted(examples_dir.glob("*.yaml"))))
    assert code == 0
    assert out.count(": valid") == 2


def test_validate_prints_every_problem_with_file_line_and_path_and_exits_1(
    capsys, tmp_path: Path, examples_dir
):
    text = (examples_dir / "northwind-acme.en.yaml").read_text()
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        text.replace("P2: {response: 1h,", "P2: {response: 1 hour,").replace("  months: 12", "  months: x")
    )
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2
    months_line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "  months: 12")
    assert any(
        f"{broken}:{months_line}:" in line and "SP005" in line and "(term.months)" in line for line in lines
    )
    assert any("SP003" in line and "(support.targets.P2.response)" in line for line in lines)


def test_validate_on_a_missing_file_is_a_message_not_a_traceback(capsys, tmp_path: Path):
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert "no such file" in err
    assert "Traceback" not in err


def test_validate_on_binary_garbage_is_a_located_message(capsys, tmp_path: Path):
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\xff\xfe\x00\x81" * 50)
    code, out, _ = run(capsys, "validate", str(garbage))
    assert code == 1
    assert out.startswith(f"{garbage}:1: SP000")


def test_schema_prints_a_json_schema_that_describes_durations(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "support" in schema["properties"]
    target = schema["$defs"]["Target"]["properties"]["response"]
    assert any("examples" in option and "30m" in option["examples"] for option in target["anyOf"])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_init_writes_a_starter_that_validates(capsys, tmp_path: Path, lang: str):
    path = tmp_path / f"agreement.{lang}.yaml"
    code, out, _ = run(capsys, "init", "--lang", lang, str(path))
    assert code == 0
    assert "wrote" in out
    assert run(capsys, "validate", str(path))[0] == 0
    assert f"language: {lang}" in path.read_text()


def test_init_does_not_overwrite_without_force(capsys, tmp_path: Path):
    path = tmp_path / "agreement.yaml"
    path.write_text("mine")
    code, _, err = run(capsys, "init", str(path))
    assert code == 1
    assert "--force" in err
    assert path.read_text() == "mine"


def test_an_unknown_command_is_a_usage_error_with_exit_2(capsys):
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert "No such command" in err


def test_every_command_has_help_with_an_example():
    from servicepact.entrypoints.cli.app import app

    for command in app.registered_commands:
        doc = command.callback.__doc__ or ""
        assert re.search(r"Example:\s+servicepact ", doc), (
            f"{command.callback.__name__} has no example in its help"
        )
