"""Backups: each system against its RPO, the restore tests, and the age of the last good backup."""

from __future__ import annotations

from servicepact.domain.reporting.formatting import HOUR
from servicepact.domain.reporting.model import Cell, Chart, Section, StepChart, StepPanel, Table, Tone
from servicepact.domain.reporting.sections.context import ReportContext
from servicepact.domain.reporting.series import backup_ages


def backups_section(context: ReportContext) -> Section | None:
    """Backups by system and restore tests; with the records, the backup age chart. None without backups."""
    words = context.words
    _ = words._
    backups = context.evaluation.backups
    if not backups.systems and not backups.restore_tests:
        return None
    rows = tuple(
        (
            Cell(system.system),
            Cell(words.duration(system.rpo_seconds)),
            Cell(words.number(system.successful_runs)),
            Cell(words.instant_with_year(system.last_success_at)),
            Cell(
                words.percent_or_no_data(system.compliance.value),
                Tone.MUTED
                if system.compliance.value is None
                else Tone.GOOD
                if system.compliance.value == 100
                else Tone.BAD,
            ),
        )
        for system in backups.systems
    )
    systems = Table(
        header=(
            _("System"),
            _("RPO"),
            _("Successful backups"),
            _("Last successful backup"),
            _("Time within the RPO"),
        ),
        rows=rows,
        numeric=(False, True, True, False, True),
        widths=(24, 12, 18, 26, 20),
    )
    tests = Table(
        header=(
            _("Backup set"),
            _("Test restore at least every"),
            _("Last successful test"),
            _("Status"),
        ),
        rows=tuple(
            (
                Cell(test.backup_id),
                Cell(words.duration(test.interval_seconds)),
                Cell(words.instant_with_year(test.last_success_at)),
                Cell(
                    _("in time") if test.complies else _("overdue"),
                    Tone.GOOD if test.complies else Tone.BAD,
                ),
            )
            for test in backups.restore_tests
        ),
        widths=(24, 26, 30, 20),
        caption=_("Restore tests"),
        empty=_("No backup set requires restore tests."),
    )
    paragraphs = [
        _("Successful backups: {rate} of the runs started in the period; time within the RPO: {rpo}.").format(
            rate=words.percent_or_no_data(backups.success_rate.value),
            rpo=words.percent_or_no_data(backups.rpo_compliance.value),
        ),
    ]
    charts: tuple[Chart, ...] = ()
    if context.inputs is not None:
        ages = backup_ages(context.agreement, context.evaluation, context.inputs)
        if ages:
            charts = (
                StepChart(
                    key="backups",
                    title=_("Age of the last successful backup against the RPO"),
                    panels=tuple(
                        StepPanel(
                            label=age.system,
                            x=age.starts,
                            hours=tuple(None if seconds is None else seconds / HOUR for seconds in age.ages),
                            limit_hours=age.rpo_seconds / HOUR,
                        )
                        for age in ages
                    ),
                    start=context.evaluation.period.start_seconds,
                    end=context.evaluation.period.end_seconds,
                    ticks=words.ticks(context.evaluation.period),
                    y_label=_("hours"),
                    line_label=_("backup age"),
                    limit_label=_("RPO"),
                    empty=_("no successful backup"),
                ),
            )
    return Section("backups", _("Backups"), tuple(paragraphs), charts, (systems, tests))
