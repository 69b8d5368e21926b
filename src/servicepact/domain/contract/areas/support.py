"""Clause 2, response times and hours of service: hours, channels, targets per priority, after hours."""

from __future__ import annotations

from collections.abc import Sequence

from servicepact.domain.agreement.model import Agreement, Support
from servicepact.domain.agreement.values import Duration
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext, is_business
from servicepact.domain.contract.document import Block, BulletList, Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause
from servicepact.domain.contract.wording import capitalize


class SupportArea(Area[Support]):
    key = "support"

    def part(self, agreement: Agreement) -> Support | None:
        return agreement.support

    def clause(self, context: ClauseContext, support: Support) -> Clause:
        _ = context._
        hours_blocks: list[Block] = [
            Paragraph(
                _("The Provider’s hours of service are: {calendar}.").format(
                    calendar=context.calendar_words(support.calendar)
                )
            )
        ]
        spec = context.a.calendars.get(support.calendar)
        if spec is not None:
            exceptions = context.w.calendar_exceptions(spec)
            if exceptions:
                hours_blocks.append(Paragraph(" ".join(exceptions)))
        channel_items = []
        for channel in support.channels:
            text = context.names.channel(channel.type)
            if channel.address:
                text += f" ({channel.address})"
            when = context.hours_label(channel.calendar or support.calendar)
            item = _("{channel}: {hours}").format(channel=text, hours=when)
            if channel.priorities:
                item = _("{channel}; for tickets of priority {priorities} only").format(
                    channel=item, priorities=context.w.join(channel.priorities)
                )
            channel_items.append(item)
        if channel_items:
            hours_blocks.append(Paragraph(_("The Client reports tickets through these channels:")))
            hours_blocks.append(BulletList(tuple(channel_items)))
        subs = [Section(_("Hours of service"), blocks=tuple(hours_blocks))]
        subs.append(
            Section(_("Response and resolution times"), blocks=tuple(_targets_blocks(context, support)))
        )
        subs.append(Section(_("How the times are counted"), blocks=tuple(_clock_blocks(context, support))))
        subs.append(Section(_("After-hours service"), blocks=tuple(_after_hours_blocks(context, support))))
        # Billing cites the after-hours sub-clause for the surcharge.
        return Clause(context.names.area(self.key), tuple(subs), keys={"after_hours": len(subs) - 1})

    def diff(self, context: DiffContext, old: Support, new: Support) -> None:
        _ = context._
        area = self.key
        context.changed(
            area,
            _("the hours of service"),
            context.calendar_words(context.old, old.calendar),
            context.calendar_words(context.new, new.calendar),
        )
        old_spec, new_spec = context.old.calendars.get(old.calendar), context.new.calendars.get(new.calendar)
        context.changed(
            area,
            _("the special dates of the hours of service"),
            " ".join(context.w.calendar_exceptions(old_spec)) if old_spec else None,
            " ".join(context.w.calendar_exceptions(new_spec)) if new_spec else None,
        )

        def channels(agreement: Agreement, support: Support) -> str:
            items = []
            for channel in support.channels:
                text = context.names.channel(channel.type)
                if channel.priorities:
                    text += f" ({', '.join(channel.priorities)})"
                items.append(text)
            return context.w.join(items)

        context.changed(
            area,
            _("the contact channels"),
            channels(context.old, old) or None,
            channels(context.new, new) or None,
        )
        context.changed(
            area,
            _("what counts as a response"),
            _response_counts(context, old.response_counts.value),
            _response_counts(context, new.response_counts.value),
        )
        context.changed(
            area,
            _("the states that stop the resolution time"),
            context.w.join(context.names.state(s) for s in old.pause_on) or None,
            context.w.join(context.names.state(s) for s in new.pause_on) or None,
        )
        for priority in dict.fromkeys([*old.targets, *new.targets]):
            a, b = old.targets.get(priority), new.targets.get(priority)
            old_business = is_business(context.old, old.target_calendar(priority))
            new_business = is_business(context.new, new.target_calendar(priority))
            if a is None and b is not None:
                context.added(
                    area,
                    _("the times for {priority}").format(priority=priority),
                    _target_text(context, b.response, b.resolution, new_business),
                )
            elif a is not None and b is None:
                context.removed(
                    area,
                    _("the times for {priority}").format(priority=priority),
                    _target_text(context, a.response, a.resolution, old_business),
                )
            elif a is not None and b is not None:
                context.changed(
                    area,
                    _("the response time for {priority}").format(priority=priority),
                    context.duration(a.response, business=old_business),
                    context.duration(b.response, business=new_business),
                )
                context.changed(
                    area,
                    _("the resolution time for {priority}").format(priority=priority),
                    context.duration(a.resolution, business=old_business),
                    context.duration(b.resolution, business=new_business),
                )
                context.changed(
                    area,
                    _("the hours in which the times for {priority} are counted").format(priority=priority),
                    context.calendar_words(context.old, old.target_calendar(priority)),
                    context.calendar_words(context.new, new.target_calendar(priority)),
                )
        _after_hours(context, old, new)


def _priority_order(context: ClauseContext, keys: Sequence[str]) -> list[str]:
    known = context.a.priority_ids()
    return [p for p in known if p in keys] + [p for p in keys if p not in known]


def _targets_blocks(context: ClauseContext, support: Support) -> list[Block]:
    _ = context._
    rows = []
    for priority in _priority_order(context, list(support.targets)):
        target = support.targets[priority]
        calendar_id = support.target_calendar(priority)
        business = context.is_business(calendar_id)
        rows.append(
            (
                context.names.priority(priority),
                context.w.duration(target.response, business=business) if target.response else "—",
                context.w.duration(target.resolution, business=business) if target.resolution else "—",
                capitalize(context.hours_label(calendar_id)),
            )
        )
    return [
        Paragraph(_("The Provider meets these response and resolution times for each priority:")),
        Table(
            (_("Priority"), _("Response time"), _("Resolution time"), _("Counted in")),
            tuple(rows),
            widths=(3, 3, 3, 3),
        ),
        Paragraph(
            _(
                "Business hours and business days are those of the hours of service; hours and minutes "
                "“around the clock” are counted on the wall clock."
            )
        ),
    ]


def _clock_blocks(context: ClauseContext, support: Support) -> list[Block]:
    _ = context._
    sentences = []
    if support.response_counts.value == "any":
        sentences.append(
            _(
                "The response time runs from the registration of a ticket until the first response; "
                "automatic acknowledgements count as a response."
            )
        )
    else:
        sentences.append(
            _(
                "The response time runs from the registration of a ticket until the first response by "
                "a person; automatic acknowledgements do not count."
            )
        )
    sentences.append(_("The resolution time runs from the registration of a ticket until it is resolved."))
    blocks: list[Block] = [Paragraph(" ".join(sentences))]
    if support.pause_on:
        blocks.append(
            Paragraph(
                _(
                    "The resolution time stops while the ticket is in one of these states: {states}; and "
                    "between a resolution and a reopening of the ticket."
                ).format(states=context.w.join_or(context.names.state(s) for s in support.pause_on))
            )
        )
    else:
        blocks.append(
            Paragraph(_("The resolution time stops between a resolution and a reopening of the ticket."))
        )
    blocks.append(
        Paragraph(
            _(
                "When the priority of a ticket changes, the times of the new priority apply, counted "
                "from the registration of the ticket."
            )
        )
    )
    return blocks


def _after_hours_blocks(context: ClauseContext, support: Support) -> list[Block]:
    _ = context._
    after = support.after_hours
    if after is None or not after.available:
        return [Paragraph(_("The Provider does not provide service outside the hours of service."))]
    when = context.calendar_words(after.calendar) if after.calendar else context._("on request")
    if after.priorities:
        text = _(
            "Outside the hours of service, the Provider handles tickets of priority {priorities} {when}."
        )
        blocks: list[Block] = [Paragraph(text.format(priorities=context.w.join(after.priorities), when=when))]
    else:
        blocks = [
            Paragraph(
                _("Outside the hours of service, the Provider handles tickets {when}.").format(when=when)
            )
        ]
    if after.surcharge is not None:
        sentence = _(
            "Work outside the hours of service is billed at the hourly rate multiplied by the "
            "after-hours multiplier of {multiplier}."
        ).format(multiplier=context.w.number(after.surcharge))
        if after.minimum is not None:
            sentence += " " + _("The minimum billed for one after-hours call-out is {minimum}.").format(
                minimum=context.w.duration(after.minimum)
            )
        blocks.append(Paragraph(sentence))
    return blocks


def _response_counts(context: DiffContext, value: str) -> str:
    if value == "any":
        return context._("any response, automatic acknowledgements included")
    return context._("a response by a person")


def _target_text(
    context: DiffContext, response: Duration | None, resolution: Duration | None, business: bool
) -> str:
    return context._("response {response}, resolution {resolution}").format(
        response=context.duration(response, business=business) or "—",
        resolution=context.duration(resolution, business=business) or "—",
    )


def _after_hours(context: DiffContext, old: Support, new: Support) -> None:
    _ = context._
    area = SupportArea.key
    a, b = old.after_hours, new.after_hours
    available_a, available_b = bool(a and a.available), bool(b and b.available)
    context.changed(
        area,
        _("after-hours service"),
        _("available") if available_a else _("not available"),
        _("available") if available_b else _("not available"),
    )
    if not (a and b and available_a and available_b):
        return
    context.changed(
        area,
        _("the priorities served after hours"),
        context.w.join(a.priorities or []) or None,
        context.w.join(b.priorities or []) or None,
    )
    context.changed(
        area,
        _("the after-hours multiplier"),
        context.w.number(a.surcharge) if a.surcharge is not None else None,
        context.w.number(b.surcharge) if b.surcharge is not None else None,
    )
    context.changed(
        area,
        _("the minimum billed per after-hours call-out"),
        context.duration(a.minimum),
        context.duration(b.minimum),
    )
    context.changed(
        area,
        _("the hours of after-hours service"),
        context.calendar_words(context.old, a.calendar),
        context.calendar_words(context.new, b.calendar),
    )


SUPPORT = SupportArea()
