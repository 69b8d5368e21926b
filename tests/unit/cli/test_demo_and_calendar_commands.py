from pathlib import Path

from servicepact.entrypoints.cli import main


def test_demo_check_validates_lints_and_summarises_each_example(capsys, examples_dir: Path):
    code = main(["demo", "--check", *map(str, sorted(examples_dir.glob("*.yaml")))])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("validated and linted: 0 errors, 0 warnings") == 2
    assert "about 43 minutes of downtime" in out  # 99.9% of a 30-day month
    assert "2 agreements checked; 0 with errors" in out


def test_demo_check_reports_errors_of_a_broken_agreement_and_still_exits_0(
    capsys, tmp_path: Path, examples_dir: Path
):
    text = (examples_dir / "northwind-acme.en.yaml").read_text().replace("target: 99.9%", "target: 100%")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)
    code = main(["demo", "--check", str(broken)])
    out = capsys.readouterr().out
    assert "SP401" in out
    assert "1 with errors" in out
    assert code == 0  # the demo explains; `lint` is the gate


def test_demo_without_serving_builds_the_database_and_prints_every_user_with_a_password(
    capsys, tmp_path: Path, examples_dir: Path, monkeypatch
):
    monkeypatch.chdir(examples_dir.parent)
    database = tmp_path / "demo.db"
    code = main(["demo", "--no-serve", "--months", "1", "--db", str(database)])
    out = capsys.readouterr().out
    assert code == 0
    assert database.is_file()
    for email in ("admin@northwind.example", "engineer@northwind.example", "it@acme.example"):
        line = next(line for line in out.splitlines() if email in line)
        assert len(line.split()[2]) == 19  # the password, in four groups of four
    assert "acme:" in out
    assert "romashka:" in out


def test_calendar_add_answers_in_utc_and_in_the_calendars_zone(capsys, examples_dir: Path):
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(["calendar", agreement, "business", "add", "2027-03-01T17:00", "4h"])
    out = capsys.readouterr().out
    assert code == 0
    # 1h on Monday (17:00-18:00), 3h on Tuesday (08:00-11:00).
    assert "due:   2027-03-02T16:00:00Z (2027-03-02 11:00:00 EST, America/New_York)" in out


def test_calendar_between_counts_business_time_across_the_lunch_break(capsys, examples_dir: Path):
    agreement = str(examples_dir / "northwind-acme.en.yaml")
    code = main(["calendar", agreement, "business", "between", "2027-03-01T11:00", "2027-03-01T14:30-05:00"])
    assert code == 0
    assert "business time: 2h30m (9000 s)" in capsys.readouterr().out


def test_calendar_with_an_unknown_calendar_names_the_known_ones(capsys, examples_dir: Path):
    code = main(
        ["calendar", str(examples_dir / "northwind-acme.en.yaml"), "office", "add", "2027-03-01", "1h"]
    )
    assert code == 1
    assert "calendars: always, business" in capsys.readouterr().err


def test_calendar_with_a_bad_duration_is_a_clean_error(capsys, examples_dir: Path):
    code = main(
        ["calendar", str(examples_dir / "northwind-acme.en.yaml"), "business", "add", "2027-03-01", "4x"]
    )
    assert code == 1
    assert "DURATION:" in capsys.readouterr().err
