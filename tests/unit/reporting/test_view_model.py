"""The report's view model: what the first page says, and the sections after it."""

from dataclasses import replace

from servicepact.domain.reporting import LIST_LIMIT, Status, build_report
from tests.unit.reporting.helpers import Month

NBSP = "\u00a0"


def test_the_first_page_says_which_kpis_were_met_and_which_missed(northwind: Month) -> None:
    summary = build_report(northwind.evaluation, northwind.agreement).summary
    statuses = {level.name: level.status for level in summary.levels}
    assert statuses["First responses within target"] is Status.MISSED
    assert statuses["Recovery point objective met"] is Status.MISSED
    assert statuses["Resolutions within target"] is Status.MET
    assert statuses["Successful backups"] is Status.MET
    assert statuses["E-mail service uptime"] is Status.MISSED
    assert statuses["File server uptime"] is Status.MET
    assert summary.verdict == (
        "4 of 7 service levels met; missed: First responses within target, Recovery point objective met, "
        "and E-mail service uptime."
    )
    assert [cell.text for cell in summary.levels_table.rows[0]] == [
        "First responses within target",
        "at least 95%",
        "80%",
        "Missed",
    ]


def test_the_first_page_says_which_credits_are_due_and_what_is_billed_on_top(northwind: Month) -> None:
    summary = build_report(northwind.evaluation, northwind.agreement).summary
    cards = {card.label: card.value for card in summary.cards}
    assert cards["Service credits due"] == "$450"
    assert cards["Billed in addition"] == "$360"
    assert summary.credits_table is not None
    credited = [row[0].text for row in summary.credits_table.rows]
    assert credited == ["E-mail service uptime", "First responses within target", "Total due"]
    assert summary.credits_note == "$450 is due as service credits for March 2027."
    assert summary.extras_table is not None
    assert [row[0].text for row in summary.extras_table.rows] == [
        "After-hours call-outs",
        "Work outside the scope (per ticket and day)",
        "Total billed",
    ]
    assert summary.extras_table.rows[-1][-1].text == "$360"


def test_the_russian_report_speaks_russian_with_russian_numbers(romashka: Month) -> None:
    report = build_report(romashka.evaluation, romashka.agreement)
    assert report.language == "ru"
    assert report.page_size == "A4"
    assert report.title == "Отчёт об уровне обслуживания"
    assert report.period == "Март 2026"
    cards = {card.label: card.value for card in report.summary.cards}
    assert cards["Компенсации к выплате"] == f"9{NBSP}000{NBSP}₽"
    missed = report.summary.missed()
    assert [(level.name, level.status_text) for level in missed] == [("Первый ответ в срок", "Не выполнен")]
    assert report.summary.credits_note == f"К выплате компенсаций за март 2026: 9{NBSP}000{NBSP}₽."


def test_the_language_can_be_chosen_against_the_agreements_own(northwind: Month) -> None:
    report = build_report(northwind.evaluation, northwind.agreement, "ru")
    assert report.page_size == "A4"
    assert report.summary.levels_table.header == ("Показатель", "Цель", "Результат", "Статус")
    assert build_report(northwind.evaluation, northwind.agreement).page_size == "Letter"


def test_the_details_come_in_the_order_of_the_issue(northwind: Month) -> None:
    report = build_report(northwind.evaluation, northwind.agreement, inputs=northwind.inputs)
    assert [section.anchor for section in report.sections] == [
        "attainment",
        "times",
        "uptime",
        "backups",
        "breached",
        "outside",
        "assets",
        "disputes",
        "money",
    ]
    assert [chart.key for chart in report.chart_specs()] == ["attainment", "times", "uptime", "backups"]


def test_without_the_records_the_charts_that_need_them_are_left_out(northwind: Month) -> None:
    report = build_report(northwind.evaluation, northwind.agreement)
    assert [chart.key for chart in report.chart_specs()] == ["attainment", "uptime"]


def test_breached_tickets_are_listed_with_their_late_clock_marked(northwind: Month) -> None:
    report = build_report(northwind.evaluation, northwind.agreement)
    breached = next(section for section in report.sections if section.anchor == "breached")
    rows = breached.tables[0].rows
    assert [row[0].text for row in rows] == ["SR-1002", "SR-1004", "SR-1007"]
    assert rows[0][3].tone.value == "bad"  # SR-1002's response was late
    assert breached.tables[0].more is None


def test_a_long_list_stops_at_its_limit_and_says_how_many_more_the_json_has(northwind: Month) -> None:
    entry = northwind.evaluation.tickets.breached[0]
    many = tuple(replace(entry, id=f"SR-{n}") for n in range(LIST_LIMIT + 57))
    evaluation = replace(northwind.evaluation, tickets=replace(northwind.evaluation.tickets, breached=many))
    breached = next(
        s for s in build_report(evaluation, northwind.agreement).sections if s.anchor == "breached"
    )
    assert len(breached.tables[0].rows) == LIST_LIMIT
    assert breached.tables[0].more == "… and 57 more (all of them are in the JSON export)"


def test_non_compliant_assets_show_the_rule_and_what_was_found(northwind: Month) -> None:
    report = build_report(northwind.evaluation, northwind.agreement)
    assets = next(section for section in report.sections if section.anchor == "assets")
    row = assets.tables[0].rows[0]
    assert [cell.text for cell in row] == [
        "ws-old",
        "workstation",
        "Every device runs an operating system that its vendor still supports.",
        "os_end_of_support: after Mar 31, 2027",
        "2025-10-14",
    ]


def test_priority_disputes_name_both_priorities(romashka: Month) -> None:
    report = build_report(romashka.evaluation, romashka.agreement)
    disputes = next(section for section in report.sections if section.anchor == "disputes")
    assert [(row[0].text, row[2].text, row[3].text) for row in disputes.tables[0].rows] == [
        ("SR-1005", "P1 · Критический", "P3 · Средний"),
        ("SR-1010", "P3 · Средний", "P4 · Низкий"),
    ]


def test_times_are_shown_against_the_targets_in_business_hours(northwind: Month) -> None:
    report = build_report(northwind.evaluation, northwind.agreement)
    times = next(section for section in report.sections if section.anchor == "times")
    targets = {row[0].text: (row[1].text, row[3].text) for row in times.tables[0].rows}
    assert targets["P1 · Critical"] == ("30 min", "3 h")
    assert targets["P3 · Normal"] == ("4 h", "27 h (3 bd)")
