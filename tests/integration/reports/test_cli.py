"""``servicepact evaluate -o report.html|.pdf|.json`` and ``servicepact report`` end to end."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from servicepact.entrypoints.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    tickets = write(
        tmp_path,
        "tickets.csv",
        """
id,created_at,priority,client_priority,service,asset
T1,2027-03-02T09:00,P2,P1,helpdesk,
T2,2027-03-02T09:00,P2,,helpdesk,ws-old
T3,2027-03-03T10:00,P1,,m365,
""",
    )
    events = write(
        tmp_path,
        "events.csv",
        """
ticket_id,at,type,value
T1,2027-03-02T09:30,responded,
T1,2027-03-02T19:00,work,30
T1,2027-03-02T11:00,resolved,
T3,2027-03-03T11:30,responded,
T3,2027-03-03T12:00,resolved,
""",
    )
    outages = write(
        tmp_path,
        "outages.csv",
        """
uptime_id,start,end,kind,announced_at
email,2027-03-10T10:00,2027-03-10T13:00,unplanned,
""",
    )
    backups = write(
        tmp_path,
        "backups.csv",
        """
backup_id,started_at,finished_at,status
servers,2027-03-01T00:00,2027-03-01T00:10,success
servers,2027-03-15T00:00,2027-03-15T00:10,success
""",
    )
    assets = write(
        tmp_path,
        "assets.csv",
        """
id,type,os_end_of_support,antivirus
ws-old,workstation,2026-01-01,true
""",
    )
    return [
        "--tickets", str(tickets), "--events", str(events), "--outages", str(outages),
        "--backups", str(backups), "--assets", str(assets), "--now", "2027-04-05T12:00",
    ]  # fmt: skip


def evaluate(capsys: pytest.CaptureFixture[str], output: Path, *more: str) -> tuple[int, str]:
    code = main(
        [
            "evaluate",
            str(EXAMPLES / "northwind-acme.en.yaml"),
            "--period",
            "2027-03",
            "-o",
            str(output),
            *more,
        ]
    )
    return code, capsys.readouterr().err


@pytest.mark.slow  # WeasyPrint: a few seconds, tens of seconds on a busy machine
def test_evaluate_writes_a_pdf_report_in_the_agreements_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: list[str]
) -> None:
    code, err = evaluate(capsys, tmp_path / "march.pdf", *files)
    assert code == 0, err
    reader = PdfReader(BytesIO((tmp_path / "march.pdf").read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Service level report" in text
    assert "Acme Manufacturing Inc. · March 2027" in text
    assert "T3" in text  # breached: a P1 answered after 90 minutes
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter


def test_evaluate_writes_an_html_report_in_the_language_asked_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: list[str]
) -> None:
    code, err = evaluate(capsys, tmp_path / "march.html", *files, "--lang", "ru")
    assert code == 0, err
    html = (tmp_path / "march.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in html
    assert "Отчёт об уровне обслуживания" in html
    assert html.count("<svg") == 4
    assert "size: A4" in html


def test_the_json_of_the_same_command_carries_every_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: list[str]
) -> None:
    code, err = evaluate(capsys, tmp_path / "march.json", *files)
    assert code == 0, err
    data = json.loads((tmp_path / "march.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["tickets"]["breached"]] == ["T3"]
    assert data["credits"]["total"] == "450.00"


def test_the_report_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Example: servicepact report acme --period 2027-03" in out
