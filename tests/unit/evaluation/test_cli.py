import json
from pathlib import Path

import pytest

from servicepact.entrypoints.cli import main

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "northwind-acme.en.yaml"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    return {
        "tickets": write(
            tmp_path,
            "tickets.csv",
            """
id,created_at,priority,client_priority,service,asset
T1,2027-03-01T09:00,P2,P1,helpdesk,
T2,2027-03-01T09:00,P2,,helpdesk,ws-old
""",
        ),
        "events": write(
            tmp_path,
            "events.csv",
            """
ticket_id,at,type,value
T1,2027-03-01T09:30,responded,
T1,2027-03-01T19:00,work,30
""",
        ),
        "outages": write(
            tmp_path,
            "outages.csv",
            """
uptime_id,start,end,kind,announced_at
email,2027-03-10T10:00,2027-03-10T11:00,unplanned,
""",
        ),
        "assets": write(
            tmp_path,
            "assets.csv",
            """
id,type,os_end_of_support,antivirus
ws-old,workstation,2026-01-01,true
""",
        ),
    }


def run(capsys, *args):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_evaluate_writes_every_figure_of_the_period_as_json(capsys, tmp_path, files):
    out = tmp_path / "march.json"
    options = [item for name, path in files.items() for item in (f"--{name}", path)]
    code, _, err = run(
        capsys, "evaluate", EXAMPLE, "--period", "2027-03", *options, "--now", "2027-04-05T12:00", "-o", out
    )
    assert code == 0, err
    data = json.loads(out.read_text())
    assert data["period"]["label"] == "2027-03"
    assert data["metrics"]["response_within_target"]["value"] == "100"  # T2 is best effort (ws-old)
    assert [t["id"] for t in data["tickets"]["best_effort"]] == ["T2"]
    assert data["billing"]["lines"][0]["amount"] == "180.00"  # 30 min after hours → 1 h minimum
    assert data["credits"]["total"] == "225.00"  # e-mail 99.87% < 99.9%
    assert "2027-03" in err


def test_a_bad_row_is_reported_with_its_file_and_line_not_a_traceback(capsys, tmp_path, files):
    bad = write(tmp_path, "bad.csv", "id,created_at,priority\nT1,2027-13-01T09:00,P2\n")
    code, _, err = run(
        capsys, "evaluate", EXAMPLE, "--period", "2027-03", "--tickets", bad, "-o", tmp_path / "x.json"
    )
    assert code == 1
    assert "bad.csv:2" in err
    assert "created_at" in err
    assert "Traceback" not in err


def test_a_bad_period_or_output_kind_is_an_error_message(capsys, tmp_path, files):
    code, _, err = run(
        capsys,
        "evaluate",
        EXAMPLE,
        "--period",
        "March",
        "--tickets",
        files["tickets"],
        "-o",
        tmp_path / "x.json",
    )
    assert (code, "'March'" in err) == (1, True)
    code, _, err = run(capsys, "evaluate", EXAMPLE, "--period", "2027-03", "-o", tmp_path / "x.xlsx")
    assert (code, ".json" in err) == (1, True)


def test_the_evaluate_command_has_help_with_an_example(capsys):
    code, out, _ = run(capsys, "evaluate", "--help")
    assert code == 0
    assert "Example: servicepact evaluate" in out


def evaluate_march(capsys, tmp_path, *options):
    out = tmp_path / "march.json"
    code, _, err = run(
        capsys, "evaluate", EXAMPLE, "--period", "2027-03", *options, "--now", "2027-04-05T12:00", "-o", out
    )
    return code, (json.loads(out.read_text()) if code == 0 else None), err


def test_without_outages_uptime_is_no_data_and_the_summary_says_so(capsys, tmp_path, files):
    code, data, err = evaluate_march(capsys, tmp_path, "--tickets", files["tickets"])
    assert code == 0, err
    assert data["metrics"]["uptime.email"]["status"] == "no_data"
    assert data["metrics"]["uptime.email"]["value"] is None
    assert data["uptime"][0]["met"] is None
    assert data["metrics"]["backup_success_rate"]["status"] == "no_data"
    line = next(line for line in data["credits"]["lines"] if line["metric"] == "uptime.email")
    assert (line["status"], line["amount"]) == ("no_data", "0.00")
    assert "uptime no data (email" in err
    assert "service levels met" in err
    assert "with no data" in err


def test_an_empty_outages_file_means_no_outages_so_a_full_month_up(capsys, tmp_path, files):
    empty = write(tmp_path, "none.csv", "uptime_id,start,end,kind,announced_at")
    code, data, err = evaluate_march(capsys, tmp_path, "--outages", empty)
    assert code == 0, err
    assert data["metrics"]["uptime.email"]["value"] == "100"
    assert data["uptime"][0]["met"] is True
    assert "uptime no data" not in err


def test_coverage_of_one_day_of_a_month_is_no_data_not_a_figure(capsys, tmp_path, files):
    # One covered day measured as the month would read 100% (or 0% after a single outage) and owe credits.
    covered = write(tmp_path, "coverage.csv", "uptime_id,start,end\nemail,2027-03-10T00:00,2027-03-11T00:00")
    code, data, err = evaluate_march(capsys, tmp_path, "--coverage", covered)
    assert code == 0, err
    item = data["uptime"][0]
    assert (item["status"], item["covered_seconds"], item["uptime"]["value"]) == ("no_data", 86400, None)
    assert data["metrics"]["uptime.email"]["denominator"] == 86400


def test_coverage_of_the_whole_month_but_its_last_minutes_measures_uptime(capsys, tmp_path, files):
    covered = write(tmp_path, "coverage.csv", "uptime_id,start,end\nemail,2027-03-01T00:00,2027-03-31T23:50")
    code, data, err = evaluate_march(capsys, tmp_path, "--coverage", covered)
    assert code == 0, err
    item = data["uptime"][0]
    assert (item["status"], item["uptime"]["value"]) == ("measured", "100")


def test_a_bad_coverage_row_names_its_file_line_and_field(capsys, tmp_path, files):
    bad = write(tmp_path, "coverage.csv", "uptime_id,start,end\nemail,2027-03-10T00:00,2027-03-09T00:00")
    code, _, err = evaluate_march(capsys, tmp_path, "--coverage", bad)
    assert code == 1
    assert "coverage.csv:2" in err
    assert "end" in err
    assert "Traceback" not in err


def test_with_a_coverage_file_the_outages_file_covers_only_what_the_coverage_says(capsys, tmp_path, files):
    # An export writes both: the stored coverage decides, as in the stored evaluation.
    empty = write(tmp_path, "none.csv", "uptime_id,start,end,kind,announced_at")
    covered = write(tmp_path, "coverage.csv", "uptime_id,start,end\nemail,2027-03-10T00:00,2027-03-11T00:00")
    code, data, err = evaluate_march(capsys, tmp_path, "--outages", empty, "--coverage", covered)
    assert code == 0, err
    email = next(item for item in data["uptime"] if item["id"] == "email")
    assert email["covered_seconds"] == 86400
    others = [item for item in data["uptime"] if item["id"] != "email"]
    assert others
    assert all(item["status"] == "no_data" for item in others)


def test_a_bad_versions_file_names_its_line(capsys, tmp_path, files):
    bad = write(tmp_path, "versions.csv", f"file,effective_from\n{EXAMPLE},2027-01-01T05:00\n")
    code, _, err = evaluate_march(capsys, tmp_path, "--tickets", files["tickets"], "--versions", bad)
    assert code == 1
    assert "versions.csv:2: effective_from '2027-01-01T05:00' needs an offset" in err
    unordered = write(
        tmp_path,
        "versions.csv",
        f"file,effective_from\n{EXAMPLE},2027-02-01T05:00Z\n{EXAMPLE},2027-01-01T05:00Z\n",
    )
    code, _, err = evaluate_march(capsys, tmp_path, "--tickets", files["tickets"], "--versions", unordered)
    assert code == 1
    assert "versions.csv:3: versions are listed in the order they take effect" in err


def test_tickets_created_before_the_first_version_count_in_no_ratio(capsys, tmp_path, files):
    later = write(tmp_path, "versions.csv", f"file,effective_from\n{EXAMPLE},2027-03-20T04:00Z\n")
    code, data, err = evaluate_march(capsys, tmp_path, "--tickets", files["tickets"], "--versions", later)
    assert code == 0, err
    code, every, err = evaluate_march(capsys, tmp_path, "--tickets", files["tickets"])
    assert code == 0, err
    assert (
        data["metrics"]["response_within_target"]["denominator"]
        < every["metrics"]["response_within_target"]["denominator"]
    )
