"""The billing clause, after the areas: the fee, the hourly rate, the increment, the after-hours surcharge."""

from __future__ import annotations

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.contract.areas.base import ClauseContext, DiffContext
from servicepact.domain.contract.document import Paragraph
from servicepact.domain.contract.numbering import Clause


class BillingClause:
    """Billing is numbered like an area but has no "clause added/removed" sentence: its figures say it."""

    key = "billing"

    def build(self, context: ClauseContext) -> Clause | None:
        _ = context._
        billing = context.a.billing
        if billing is None:
            return None
        sentences = []
        if billing.monthly_fee is not None:
            sentences.append(
                _("The monthly fee is {fee}.").format(
                    fee=context.w.money(billing.monthly_fee, context.a.currency)
                )
            )
        if billing.hourly_rate is not None:
            sentences.append(
                _("Billable work is charged at {rate} per hour.").format(
                    rate=context.w.money(billing.hourly_rate, context.a.currency)
                )
            )
        if billing.increment is not None:
            sentences.append(
                _("Billable time is rounded up to whole increments of {increment}.").format(
                    increment=context.w.duration(billing.increment)
                )
            )
        after = context.a.support.after_hours if context.a.support else None
        if after is not None and after.available and after.surcharge is not None:
            sentences.append(
                context.refer(
                    "after_hours",
                    lambda clause: _(
                        "Work outside the hours of service is charged at the hourly rate multiplied by the "
                        "after-hours multiplier (clause {clause})."
                    ).format(clause=clause),
                )
            )
        return Clause(context.names.area(self.key), blocks=(Paragraph(" ".join(sentences)),))

    def compare(self, context: DiffContext) -> None:
        _ = context._
        old, new = context.old.billing, context.new.billing

        def money(agreement: Agreement, field: str) -> str | None:
            billing = agreement.billing
            value = getattr(billing, field) if billing else None
            return context.w.money(value, agreement.currency) if value is not None else None

        context.changed(
            "billing",
            _("the monthly fee"),
            money(context.old, "monthly_fee"),
            money(context.new, "monthly_fee"),
        )
        context.changed(
            "billing",
            _("the hourly rate"),
            money(context.old, "hourly_rate"),
            money(context.new, "hourly_rate"),
        )
        context.changed(
            "billing",
            _("the billing increment"),
            context.duration(old.increment if old else None),
            context.duration(new.increment if new else None),
        )


BILLING = BillingClause()
