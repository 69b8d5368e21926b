"""The parts around the numbered clauses: parties and term first, signatures last, and their changes.

The diff of the document's own fields (title, version, currency), the parties and the term comes first,
before the clauses'.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable
from datetime import date, timedelta

from servicepact.domain.agreement.model import Party
from servicepact.domain.contract.areas.base import ClauseContext, DiffContext
from servicepact.domain.contract.document import Block, Paragraph, Section, SignatureParty, Signatures, Table


def term_end(start: date, months: int) -> date:
    """The last day of a term of ``months`` months starting on ``start`` (inclusive)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, month_calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def parties_and_term(context: ClauseContext) -> Section:
    """The unnumbered first section: who the parties are, their contacts, and the term."""
    _ = context._
    provider, client = context.a.parties.provider, context.a.parties.client
    blocks: list[Block] = [
        Paragraph(
            _(
                "This agreement is made between {provider} (the “Provider”) and {client} (the “Client”)."
            ).format(provider=provider.name, client=client.name)
        )
    ]
    rows = _party_rows(context, provider, client)
    if rows:
        blocks.append(Table(("", _("Provider"), _("Client")), tuple(rows), widths=(2, 4, 4)))
    blocks.extend(_term_paragraphs(context))
    return Section(title=context.names.area("parties"), blocks=tuple(blocks), anchor="parties")


def _party_rows(context: ClauseContext, provider: Party, client: Party) -> list[tuple[str, str, str]]:
    _ = context._
    fields: list[tuple[str, Callable[[Party], str | None]]] = [
        (_("Contact person"), lambda p: p.contact.name if p.contact else None),
        (_("E-mail"), lambda p: p.contact.email if p.contact else None),
        (_("Phone"), lambda p: p.contact.phone if p.contact else None),
        (_("Address"), lambda p: p.address),
        (_("Signatory"), lambda p: p.signatory),
    ]
    return [
        (label, get(provider) or "—", get(client) or "—")
        for label, get in fields
        if get(provider) or get(client)
    ]


def _term_paragraphs(context: ClauseContext) -> list[Block]:
    _ = context._
    term = context.a.term
    start = context.w.date(term.start)
    end = term.end or (term_end(term.start, term.months) if term.months else None)
    if term.months and end:
        text = _(
            "This agreement takes effect on {start} and runs for {months}, until {end} inclusive."
        ).format(start=start, months=context.w.months(term.months), end=context.w.date(end))
    elif end:
        text = _("This agreement takes effect on {start} and runs until {end} inclusive.").format(
            start=start, end=context.w.date(end)
        )
    else:
        text = _("This agreement takes effect on {start} and runs for an indefinite term.").format(
            start=start
        )
    sentences = [text]
    if term.auto_renew and term.notice_days is not None:
        sentences.append(
            _(
                "At the end of the term it renews automatically for the same period unless either party "
                "gives notice of termination at least {notice} before the term ends."
            ).format(notice=context.w.days(term.notice_days))
        )
    elif term.auto_renew:
        sentences.append(
            _(
                "At the end of the term it renews automatically for the same period unless either party "
                "gives notice of termination before the term ends."
            )
        )
    elif end:
        sentences.append(_("The agreement does not renew automatically."))
    return [Paragraph(" ".join(sentences), lead=_("Term."))]


def signatures(context: ClauseContext) -> Section:
    """The unnumbered signature blocks after the last clause."""
    _ = context._
    parties = context.a.parties
    block = Signatures(
        parties=(
            SignatureParty(_("Provider"), parties.provider.name, parties.provider.signatory),
            SignatureParty(_("Client"), parties.client.name, parties.client.signatory),
        ),
        signature_label=_("Signature"),
        name_label=_("Name"),
        date_label=_("Date"),
    )
    return Section(_("Signatures"), blocks=(block,), anchor="signatures")


def compare_document(context: DiffContext) -> None:
    """Add the changes of the title, version, currency, parties and term to ``context.changes``."""
    _ = context._
    old, new = context.old, context.new
    context.changed("document", _("the title"), old.title, new.title)
    context.changed("document", _("the version"), old.version, new.version)
    context.changed("document", _("the currency"), old.currency, new.currency)
    for party in ("provider", "client"):
        old_party, new_party = getattr(old.parties, party), getattr(new.parties, party)
        role = context.names.role(party)
        context.changed(
            "parties", _("the name of the {role}").format(role=role), old_party.name, new_party.name
        )

        def contact(p: Party) -> str | None:
            c = p.contact
            parts = [c.name, c.email, c.phone] if c else []
            return ", ".join(x for x in parts if x) or None

        context.changed(
            "parties",
            _("the contact details of the {role}").format(role=role),
            contact(old_party),
            contact(new_party),
        )
    term_old, term_new = old.term, new.term
    context.changed(
        "term", _("the start date"), context.w.date(term_old.start), context.w.date(term_new.start)
    )
    context.changed(
        "term",
        _("the term"),
        context.w.months(term_old.months) if term_old.months else None,
        context.w.months(term_new.months) if term_new.months else None,
    )
    context.changed(
        "term",
        _("the end date"),
        context.w.date(term_old.end) if term_old.end else None,
        context.w.date(term_new.end) if term_new.end else None,
    )
    context.changed(
        "term",
        _("automatic renewal"),
        context.w.yes_no(term_old.auto_renew),
        context.w.yes_no(term_new.auto_renew),
    )
    context.changed(
        "term",
        _("the notice period"),
        context.w.days(term_old.notice_days) if term_old.notice_days is not None else None,
        context.w.days(term_new.notice_days) if term_new.notice_days is not None else None,
    )
