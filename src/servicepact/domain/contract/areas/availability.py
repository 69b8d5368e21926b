"""Clause 4, availability: uptime targets, maintenance windows, recovery and backups."""

from __future__ import annotations

from servicepact.domain.agreement.model import (
    Agreement,
    Availability,
    BackupSet,
    MaintenanceWindow,
    RecoveryTier,
    UptimeItem,
)
from servicepact.domain.contract.areas.base import Area, ClauseContext, DiffContext
from servicepact.domain.contract.document import Block, BulletList, Paragraph, Section, Table
from servicepact.domain.contract.numbering import Clause
from servicepact.domain.contract.wording import capitalize


class AvailabilityArea(Area[Availability]):
    key = "availability"

    def part(self, agreement: Agreement) -> Availability | None:
        return agreement.availability

    def clause(self, context: ClauseContext, availability: Availability) -> Clause:
        _ = context._
        maintenance = availability.maintenance
        subs: list[Section] = []
        rows: tuple[tuple[str, ...], ...]
        if availability.uptime:
            rows = tuple(
                (
                    item.name or item.id,
                    context.w.percent(item.target),
                    capitalize(context.names.uptime_window(item.window)),
                    capitalize(
                        _("not counted as downtime")
                        if item.maintenance.value == "excluded"
                        else _("counted as downtime")
                    ),
                )
                for item in availability.uptime
            )
            blocks: list[Block] = [
                Table(
                    (_("Service"), _("Availability target"), _("Measured over"), _("Scheduled maintenance")),
                    rows,
                    widths=(4, 2, 3, 3),
                ),
                Paragraph(
                    _(
                        "Availability is measured on the wall clock as (minutes in the period − minutes "
                        "of downtime) ÷ minutes in the period. Downtime is the time during which a service "
                        "of the item is unavailable; overlapping outages count once."
                    )
                ),
            ]
            if any(item.maintenance.value == "excluded" for item in availability.uptime):
                if maintenance is not None and maintenance.notice is not None:
                    text = _(
                        "Maintenance is scheduled when it lies in a maintenance window or was announced at "
                        "least {notice} in advance."
                    ).format(notice=context.w.duration(maintenance.notice))
                else:
                    text = _("Maintenance is scheduled when it lies in a maintenance window.")
                blocks.append(Paragraph(text))
            subs.append(Section(_("Availability targets"), blocks=tuple(blocks)))
        if maintenance is not None and (
            maintenance.windows or maintenance.notice or maintenance.max_per_month
        ):
            blocks = []
            if maintenance.windows:
                items = []
                for window in maintenance.windows:
                    schedule = context.w.recurrence(window.schedule, window.duration)
                    spec = context.a.calendars.get(window.calendar)
                    if spec is not None:
                        schedule = _("{schedule}, {zone}").format(
                            schedule=schedule, zone=context.w.zone(spec.timezone)
                        )
                    items.append(schedule)
                blocks.append(Paragraph(_("The maintenance windows are:")))
                blocks.append(BulletList(tuple(items)))
            if maintenance.notice is not None:
                blocks.append(
                    Paragraph(
                        _(
                            "Maintenance outside the maintenance windows is announced at least {notice} in "
                            "advance; otherwise it counts as downtime."
                        ).format(notice=context.w.duration(maintenance.notice))
                    )
                )
            if maintenance.max_per_month is not None:
                blocks.append(
                    Paragraph(
                        _("Scheduled maintenance takes at most {duration} per month.").format(
                            duration=context.w.duration(maintenance.max_per_month)
                        )
                    )
                )
            subs.append(Section(_("Maintenance windows"), blocks=tuple(blocks)))
        if availability.recovery:
            rows = tuple(
                (
                    context.names.tier(tier.tier),
                    context.w.join(context.names.system(s) for s in tier.systems),
                    context.w.duration(tier.rto) if tier.rto else "—",
                    context.w.duration(tier.rpo) if tier.rpo else "—",
                )
                for tier in availability.recovery
            )
            subs.append(
                Section(
                    _("Recovery"),
                    blocks=(
                        Paragraph(
                            _(
                                "The recovery time objective (RTO) is the longest time from a failure "
                                "until the systems of the tier work again. The recovery point objective "
                                "(RPO) is the longest period before a failure whose data may be lost. Both "
                                "are wall-clock times."
                            )
                        ),
                        Table(
                            (
                                _("Tier"),
                                _("Systems"),
                                _("Recovery time objective (RTO)"),
                                _("Recovery point objective (RPO)"),
                            ),
                            rows,
                            widths=(2, 4, 3, 3),
                        ),
                    ),
                )
            )
        if availability.backups:
            rows = tuple(
                (
                    backup.id,
                    context.w.join(context.names.system(s) for s in backup.systems),
                    context.w.duration(backup.frequency),
                    context.w.duration(backup.retention) if backup.retention else "—",
                    context.w.yes_no(backup.offsite),
                    context.w.duration(backup.restore_test) if backup.restore_test else "—",
                )
                for backup in availability.backups
            )
            subs.append(
                Section(
                    _("Backups"),
                    blocks=(
                        Table(
                            (
                                _("Backup set"),
                                _("Systems"),
                                _("Backup at least every"),
                                _("Retention"),
                                _("Off-site copy"),
                                _("Test restore at least every"),
                            ),
                            rows,
                            widths=(2, 3, 2, 2, 2, 2),
                        ),
                    ),
                )
            )
        return Clause(context.names.area(self.key), tuple(subs))

    def diff(self, context: DiffContext, old: Availability, new: Availability) -> None:
        _ = context._
        area = self.key

        def uptime_text(item: UptimeItem) -> str:
            name = item.name or item.id
            return f"{name}: {context.w.percent(item.target)}"

        def compare_uptime(a: UptimeItem, b: UptimeItem) -> None:
            name = context.quote(b.name or b.id)
            context.changed(
                area,
                _("the availability target of {name}").format(name=name),
                context.w.percent(a.target),
                context.w.percent(b.target),
            )
            context.changed(
                area,
                _("the measurement period of {name}").format(name=name),
                context.names.uptime_window(a.window),
                context.names.uptime_window(b.window),
            )
            context.changed(
                area,
                _("the treatment of scheduled maintenance for {name}").format(name=name),
                _maintenance_treatment(context, a.maintenance.value),
                _maintenance_treatment(context, b.maintenance.value),
            )

        context.by_id(
            area,
            (old.uptime, new.uptime),
            lambda u: u.id,
            _("availability target"),
            uptime_text,
            compare_uptime,
        )
        old_m, new_m = old.maintenance, new.maintenance

        def window_text(agreement: Agreement, window: MaintenanceWindow) -> str:
            text = context.w.recurrence(window.schedule, window.duration)
            spec = agreement.calendars.get(window.calendar)
            return (
                _("{schedule}, {zone}").format(schedule=text, zone=context.w.zone(spec.timezone))
                if spec
                else text
            )

        context.by_id(
            area,
            (old_m.windows if old_m else [], new_m.windows if new_m else []),
            lambda m: m.id,
            _("maintenance window"),
            lambda m: window_text(context.new, m),
            lambda a, b: context.changed(
                area,
                _("the maintenance window {name}").format(name=context.quote(b.id)),
                window_text(context.old, a),
                window_text(context.new, b),
            ),
        )
        context.changed(
            area,
            _("the notice period for maintenance"),
            context.duration(old_m.notice if old_m else None),
            context.duration(new_m.notice if new_m else None),
        )
        context.changed(
            area,
            _("the monthly maximum of scheduled maintenance"),
            context.duration(old_m.max_per_month if old_m else None),
            context.duration(new_m.max_per_month if new_m else None),
        )

        def tier_text(tier: RecoveryTier) -> str:
            return _("{tier}: RTO {rto}, RPO {rpo}").format(
                tier=context.names.tier(tier.tier),
                rto=context.duration(tier.rto) or "—",
                rpo=context.duration(tier.rpo) or "—",
            )

        def compare_tier(a: RecoveryTier, b: RecoveryTier) -> None:
            name = context.quote(context.names.tier(b.tier))
            context.changed(
                area,
                _("the recovery time objective (RTO) of tier {tier}").format(tier=name),
                context.duration(a.rto),
                context.duration(b.rto),
            )
            context.changed(
                area,
                _("the recovery point objective (RPO) of tier {tier}").format(tier=name),
                context.duration(a.rpo),
                context.duration(b.rpo),
            )
            context.changed(
                area,
                _("the systems of tier {tier}").format(tier=name),
                context.w.join(a.systems),
                context.w.join(b.systems),
            )

        context.by_id(
            area, (old.recovery, new.recovery), lambda t: t.tier, _("recovery tier"), tier_text, compare_tier
        )

        def compare_backup(a: BackupSet, b: BackupSet) -> None:
            name = context.quote(b.id)
            for label, field in (
                (_("the backup interval of {name}"), "frequency"),
                (_("the retention of {name}"), "retention"),
                (_("the test restore interval of {name}"), "restore_test"),
            ):
                context.changed(
                    area,
                    label.format(name=name),
                    context.duration(getattr(a, field)),
                    context.duration(getattr(b, field)),
                )
            context.changed(
                area,
                _("the off-site copy of {name}").format(name=name),
                context.w.yes_no(a.offsite),
                context.w.yes_no(b.offsite),
            )
            context.changed(
                area,
                _("the systems of {name}").format(name=name),
                context.w.join(a.systems),
                context.w.join(b.systems),
            )

        context.by_id(
            area, (old.backups, new.backups), lambda s: s.id, _("backup set"), lambda s: s.id, compare_backup
        )


def _maintenance_treatment(context: DiffContext, value: str) -> str:
    return context._("not counted as downtime") if value == "excluded" else context._("counted as downtime")


AVAILABILITY = AvailabilityArea()
