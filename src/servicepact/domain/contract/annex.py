"""Annex A of a contract: the changes from an earlier version, grouped by the clause they belong to."""

from __future__ import annotations

from collections.abc import Sequence

from servicepact.domain.contract.areas import CHANGE_ORDER
from servicepact.domain.contract.areas.base import ClauseContext
from servicepact.domain.contract.changes import Change
from servicepact.domain.contract.document import Block, BulletList, Paragraph, Section


def group_changes(changes: Sequence[Change]) -> dict[str, list[str]]:
    """The changes' sentences by area, in the order of the contract's clauses."""
    order = CHANGE_ORDER
    grouped: dict[str, list[str]] = {}
    for change in sorted(changes, key=lambda c: order.index(c.area) if c.area in order else len(order)):
        grouped.setdefault(change.area, []).append(change.text)
    return grouped


def annex(context: ClauseContext, changes: Sequence[Change], previous_version: str | None) -> Section:
    """The annex listing ``changes``, counted from ``previous_version`` when it is named."""
    _ = context._
    if previous_version:
        title = _("Annex A. Changes from version {version}").format(version=previous_version)
    else:
        title = _("Annex A. Changes from the previous version")
    if not changes:
        return Section(title, blocks=(Paragraph(_("Nothing has changed.")),), anchor="annex")
    blocks: list[Block] = []
    for area, items in group_changes(changes).items():
        blocks.append(Paragraph("", lead=context.names.area(area) + "."))
        blocks.append(BulletList(tuple(items)))
    return Section(title, blocks=tuple(blocks), anchor="annex")
