"""The ticket lists: breached tickets, tickets outside the SLA, and priority disputes."""

from __future__ import annotations

from collections.abc import Sequence

from servicepact.domain.evaluation import TicketEntry
from servicepact.domain.reporting.formatting import DASH
from servicepact.domain.reporting.model import Cell, Section, Table, Tone
from servicepact.domain.reporting.sections.context import LIST_LIMIT, SHORT_LIMIT, ReportContext


def breached_section(context: ReportContext) -> Section:
    """The tickets that missed a target, late times in red."""
    words = context.words
    _ = words._
    breached = context.evaluation.tickets.breached
    table = Table(
        header=ticket_header(context),
        rows=ticket_rows(context, breached),
        widths=(15, 9, 15, 15, 15, 16, 15),
        more=words.more(len(breached), LIST_LIMIT),
        empty=_("No ticket missed its target."),
    )
    paragraphs = (
        words.ngettext(
            "{n} ticket missed its response or resolution target. Late times are in red.",
            "{n} tickets missed their response or resolution target. Late times are in red.",
            len(breached),
        ),
    )
    return Section("breached", _("Breached tickets"), paragraphs if breached else (), (), (table,))


def outside_sla_section(context: ReportContext) -> Section | None:
    """Best-effort and out-of-scope tickets, with why; None when there are none."""
    words = context.words
    _ = words._
    tickets = context.evaluation.tickets
    listed = [*tickets.best_effort, *tickets.out_of_scope]
    if not listed:
        return None
    rows = tuple(
        (
            Cell(entry.id),
            Cell(words.instant(entry.created_at)),
            Cell(entry.service or DASH),
            Cell(entry.asset or DASH),
            Cell(_("best effort") if entry in tickets.best_effort else _("out of scope")),
            Cell(reason(context, entry)),
        )
        for entry in listed[:SHORT_LIMIT]
    )
    table = Table(
        header=(_("Ticket"), _("Created"), _("Service"), _("Asset"), _("Handled as"), _("Why")),
        rows=rows,
        widths=(14, 15, 17, 13, 14, 27),
        more=words.more(len(listed), SHORT_LIMIT),
    )
    paragraph = _(
        "{best_effort} best-effort and {out} out-of-scope tickets are not counted in the targets above."
    ).format(best_effort=words.number(len(tickets.best_effort)), out=words.number(len(tickets.out_of_scope)))
    return Section("outside", _("Tickets outside the SLA"), (paragraph,), (), (table,))


def disputes_section(context: ReportContext) -> Section:
    """The tickets whose client asked for another priority, and how often the two agreed."""
    words = context.words
    _ = words._
    disputes = context.evaluation.tickets.disputes
    table = Table(
        header=(_("Ticket"), _("Created"), _("Priority asked by the client"), _("Priority assigned")),
        rows=tuple(
            (
                Cell(dispute.ticket_id),
                Cell(words.instant(dispute.created_at)),
                Cell(context.priority_label(dispute.client_priority)),
                Cell(
                    context.priority_label(dispute.assigned_priority) if dispute.assigned_priority else DASH
                ),
            )
            for dispute in disputes[:SHORT_LIMIT]
        ),
        widths=(20, 20, 30, 30),
        more=words.more(len(disputes), SHORT_LIMIT),
        empty=_("No priority disputes in the period."),
    )
    agreement_rate = context.evaluation.tickets.priority_agreement
    paragraphs = (
        (
            _(
                "The client's priority matched the assigned one for {rate} of the tickets with a claim."
            ).format(rate=words.percent(agreement_rate.value)),
        )
        if agreement_rate.value is not None
        else ()
    )
    return Section("disputes", _("Priority disputes"), paragraphs, (), (table,))


def ticket_header(context: ReportContext) -> tuple[str, ...]:
    """The columns of a ticket list: ticket, priority, created, and both clocks' due and done times."""
    _ = context.words._
    return (
        _("Ticket"),
        _("Priority"),
        _("Created"),
        _("Response due"),
        _("Responded"),
        _("Resolution due"),
        _("Resolved"),
    )


def ticket_rows(context: ReportContext, entries: Sequence[TicketEntry]) -> tuple[tuple[Cell, ...], ...]:
    """The first :data:`LIST_LIMIT` tickets as rows; a clock's times in red when it was breached."""
    words = context.words

    def clock(status: str, text: str) -> Cell:
        return Cell(text, Tone.BAD if status == "breached" else Tone.PLAIN)

    return tuple(
        (
            Cell(entry.id),
            Cell(entry.priority or DASH),
            Cell(words.instant(entry.created_at)),
            clock(entry.response_status, words.instant(entry.response_due)),
            clock(entry.response_status, words.instant(entry.responded_at)),
            clock(entry.resolution_status, words.instant(entry.resolution_due)),
            clock(entry.resolution_status, words.instant(entry.resolved_at)),
        )
        for entry in entries[:LIST_LIMIT]
    )


def reason(context: ReportContext, entry: TicketEntry) -> str:
    """Why a ticket is outside the SLA: its asset fails a requirement, or its service is excluded."""
    _ = context.words._
    if entry.asset is not None and context.evaluation.requirements.failed_rules_of(entry.asset):
        return _("the asset fails a client requirement")
    if entry.service:
        return _("service {service} is not included").format(service=entry.service)
    return DASH
