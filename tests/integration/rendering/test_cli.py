"""The render and diff commands, through the CLI's entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from servicepact.entrypoints.cli import main

ROOT = Path(__file__).resolve().parents[3]
NORTHWIND = ROOT / "examples" / "northwind-acme.en.yaml"
ROMASHKA = ROOT / "examples" / "severny-veter-romashka.ru.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_render_writes_markdown_to_standard_output_in_the_agreements_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "render", str(ROMASHKA))
    assert (code, err) == (0, "")
    assert out.startswith("# Договор на ИТ-обслуживание")
    assert "## 1. Услуги" in out


def test_render_writes_a_docx_file_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "contract.docx"
    code, _out, err = run(
        capsys, "render", str(NORTHWIND), "--lang", "ru", "--format", "docx", "-o", str(target)
    )
    assert code == 0
    assert " SP804 warning language: " in err  # the free text stays English (spec 1.1 §4)
    assert target.read_bytes()[:2] == b"PK"


def test_render_refuses_a_binary_format_without_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", str(NORTHWIND), "--format", "pdf")
    assert code == 1
    assert out == ""
    assert "name the file to write with -o FILE" in err


def test_render_of_a_missing_file_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "render", "no-such-agreement.yaml")
    assert code == 1
    assert err.startswith("no-such-agreement.yaml: SP000")
    assert "Traceback" not in err


def test_render_with_changes_from_adds_the_annex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        NORTHWIND.read_text(encoding="utf-8")
        .replace("version: 1.0.0", "version: 0.9.0")
        .replace("cap: 30%", "cap: 20%"),
        encoding="utf-8",
    )
    code, out, _err = run(capsys, "render", str(NORTHWIND), "--changes-from", str(old), "--format", "html")
    assert code == 0
    assert "Annex A. Changes from version 0.9.0" in out
    assert "The service credit cap changes from 20% to 30%." in out


def test_diff_says_in_words_what_changed_under_each_clause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(
        ROMASHKA.read_text(encoding="utf-8").replace("P2: {response: 1h,", "P2: {response: 2h,"),
        encoding="utf-8",
    )
    code, out, _err = run(capsys, "diff", str(ROMASHKA), str(new))
    assert code == 0
    assert out.splitlines() == [
        "Время реакции и часы обслуживания",
        "  - Время реакции для P2: было 1 рабочий час, стало 2 рабочих часа.",
    ]


def test_diff_of_identical_versions_says_nothing_changed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "diff", str(NORTHWIND), str(NORTHWIND), "--lang", "en")
    assert (code, out) == (0, "Nothing has changed.\n")


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("render", "diff"):
        code, out, _err = run(capsys, command, "--help")
        assert code == 0
        assert "Example: servicepact " + command in out
