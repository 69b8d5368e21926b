"""Build the monthly SLA report of an evaluation in a language.

The first page answers three questions: which service levels were met or missed, which credits are due,
and what is billed on top of the fee. The sections after it give the details: attainment by priority,
times against targets, uptime with its outages, backups against the RPO, the breached tickets, the
non-compliant assets, the priority disputes, and every credit and billing line. Each section is built in
its own module of :mod:`servicepact.domain.reporting.sections`; this module puts them in order.

Long lists are cut at :data:`LIST_LIMIT` or :data:`SHORT_LIMIT` rows with "and N more"; the evaluation's
JSON carries them all.
Every number printed in the text and tables comes from the :class:`Evaluation`; the two charts that need
the period's records (times against targets, backup age) are drawn only when ``inputs`` are given.

The package's docstring (:mod:`servicepact.domain.reporting`) has an example that runs.
"""

from __future__ import annotations

from collections.abc import Callable

from servicepact.domain.agreement import Agreement
from servicepact.domain.contract import default_page_size
from servicepact.domain.evaluation import Evaluation, EvaluationInputs
from servicepact.domain.reporting.model import Labels, Report, Section
from servicepact.domain.reporting.sections.assets import assets_section
from servicepact.domain.reporting.sections.attainment import attainment_section
from servicepact.domain.reporting.sections.backups import backups_section
from servicepact.domain.reporting.sections.context import LIST_LIMIT, SHORT_LIMIT, ReportContext
from servicepact.domain.reporting.sections.money import money_section
from servicepact.domain.reporting.sections.summary import summary
from servicepact.domain.reporting.sections.tickets import (
    breached_section,
    disputes_section,
    outside_sla_section,
)
from servicepact.domain.reporting.sections.times import times_section
from servicepact.domain.reporting.sections.uptime import uptime_section

SECTIONS: tuple[Callable[[ReportContext], Section | None], ...] = (
    attainment_section,
    times_section,
    uptime_section,
    backups_section,
    breached_section,
    outside_sla_section,
    assets_section,
    disputes_section,
    money_section,
)
"""The sections after the first page, in the order the report prints them (None: nothing to show)."""


def build_report(
    evaluation: Evaluation,
    agreement: Agreement,
    language: str | None = None,
    inputs: EvaluationInputs | None = None,
) -> Report:
    """The report of ``evaluation`` in ``language`` (default: the agreement's language).

    ``inputs`` (the records the evaluation was made from) add the two charts that need them.
    """
    context = ReportContext(evaluation, agreement, language or agreement.language.value, inputs)
    words = context.words
    _ = words._
    period = words.period(evaluation.period)
    labels = Labels(
        summary=_("Summary"),
        details=_("Details"),
        contents=_("Contents"),
        levels=_("Service levels"),
        credits=_("Service credits due"),
        extras=_("Billed in addition to the fee"),
        page_of=_("Page {page} of {pages}"),
        header=f"{evaluation.client} · {period}",
        footer=_("Every figure of this report, and every listed item, is in its JSON export."),
    )
    meta = (
        _("Agreement {id}, version {version}").format(
            id=evaluation.agreement_id, version=evaluation.agreement_version
        ),
        _("Evaluated as of {instant}").format(instant=words.instant_with_year(evaluation.evaluated_at)),
        _("Times are {zone}").format(zone=words.wording.zone(evaluation.period.zone)),
    )
    return Report(
        language=words.language,
        page_size=default_page_size(words.language).value,
        title=_("Service level report"),
        provider=evaluation.provider,
        client=evaluation.client,
        period=period,
        subtitle=_("{client} · {period}").format(client=evaluation.client, period=period),
        meta=meta,
        summary=summary(context),
        sections=tuple(section for make in SECTIONS if (section := make(context)) is not None),
        labels=labels,
    )


__all__ = ["LIST_LIMIT", "SECTIONS", "SHORT_LIMIT", "build_report"]
