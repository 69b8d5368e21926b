"""What every area of the contract shares: the contexts its clause and its diff are written in.

An area (``services``, ``support``...) is one module of this package holding both the clause the contract
prints for it and the sentences that say what changed in it between two versions.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from servicepact.domain.agreement.model import Agreement
from servicepact.domain.agreement.values import Duration
from servicepact.domain.contract.changes import Change
from servicepact.domain.contract.names import Names
from servicepact.domain.contract.numbering import Clause, ClauseNumbers
from servicepact.domain.contract.wording import Wording, capitalize, full_stop

T = TypeVar("T")
Part = TypeVar("Part")


def calendar_words(wording: Wording, agreement: Agreement, calendar_id: str | None) -> str | None:
    """A calendar named by id in words; one the agreement lacks is quoted by its id; no id, ``None``."""
    if calendar_id is None:
        return None
    spec = agreement.calendars.get(calendar_id)
    return wording.calendar(spec) if spec is not None else calendar_id


def is_business(agreement: Agreement, calendar_id: str) -> bool:
    """Whether times in the calendar are business time (any calendar that is not open around the clock)."""
    spec = agreement.calendars.get(calendar_id)
    return spec is None or not spec.always_open


class ClauseContext:
    """What a clause is written from: the agreement, the wording of its language, and the clause numbers."""

    def __init__(self, agreement: Agreement, wording: Wording, numbers: ClauseNumbers) -> None:
        self.a = agreement
        self.w = wording
        self.names = Names(wording, agreement)
        self._ = wording._
        self.numbers = numbers

    def calendar_words(self, calendar_id: str | None) -> str:
        """A calendar named by id in words; one the agreement lacks is quoted by its id."""
        return calendar_words(self.w, self.a, calendar_id) or ""

    def hours_label(self, calendar_id: str) -> str:
        """Short words for the hours a target or channel runs in."""
        spec = self.a.calendars.get(calendar_id)
        if self.a.support is not None and calendar_id == self.a.support.calendar:
            return self._("hours of service")
        if spec is not None and spec.always_open:
            return self._("around the clock")
        return self.calendar_words(calendar_id)

    def is_business(self, calendar_id: str) -> bool:
        return is_business(self.a, calendar_id)

    def refer(self, key: str, text: Callable[[str | None], str]) -> str:
        """``text`` of the number of the clause ``key``, filled in once the whole contract is built."""
        return self.numbers.refer(key, text)


class DiffContext:
    """What the changes between two versions are written from, and the changes found so far."""

    def __init__(self, old: Agreement, new: Agreement, wording: Wording) -> None:
        self.old, self.new, self.w = old, new, wording
        self._ = wording._
        self.old_names, self.names = Names(wording, old), Names(wording, new)
        self.changes: list[Change] = []

    def changed(self, area: str, what: str, old: str | None, new: str | None) -> None:
        if old == new:
            return
        unset = self._("not set")
        text = self._("{what} changes from {old} to {new}.").format(
            what=what, old=old or unset, new=new or unset
        )
        self.changes.append(Change(area, full_stop(capitalize(text))))

    def added(self, area: str, what: str, value: str) -> None:
        text = self._("{what} added: {value}.").format(what=what, value=value)
        self.changes.append(Change(area, full_stop(capitalize(text))))

    def removed(self, area: str, what: str, value: str) -> None:
        text = self._("{what} removed: {value}.").format(what=what, value=value)
        self.changes.append(Change(area, full_stop(capitalize(text))))

    def by_id(
        self,
        area: str,
        items: tuple[Sequence[T], Sequence[T]],
        key: Callable[[T], str],
        what: str,
        describe: Callable[[T], str],
        compare: Callable[[T, T], None],
    ) -> None:
        """The ``(old, new)`` items matched by ``key``: additions, removals, ``compare`` on those in both."""
        old, new = items
        old_by_key = {key(item): item for item in old}
        new_by_key = {key(item): item for item in new}
        for k, item in old_by_key.items():
            if k not in new_by_key:
                self.removed(area, what, describe(item))
        for k, item in new_by_key.items():
            if k not in old_by_key:
                self.added(area, what, describe(item))
            else:
                compare(old_by_key[k], item)

    def texts(self, area: str, old: Iterable[str], new: Iterable[str], what: str) -> None:
        """Free-text list items added or removed."""
        old_items, new_items = list(old), list(new)
        for item in old_items:
            if item not in new_items:
                self.removed(area, what, item)
        for item in new_items:
            if item not in old_items:
                self.added(area, what, item)

    def duration(self, value: Duration | None, *, business: bool = False) -> str | None:
        return self.w.duration(value, business=business) if value is not None else None

    def quote(self, text: str) -> str:
        return self._("“{text}”").format(text=text)

    def calendar_words(self, agreement: Agreement, calendar_id: str | None) -> str | None:
        return calendar_words(self.w, agreement, calendar_id)


class ContractArea(Protocol):
    """One numbered clause of the contract: how it is built and how its changes are told."""

    @property
    def key(self) -> str:
        """The area's key in the agreement and in :class:`~servicepact.domain.contract.changes.Change`."""
        ...

    def build(self, context: ClauseContext) -> Clause | None:
        """The clause, or ``None`` when the agreement has no such part."""
        ...

    def compare(self, context: DiffContext) -> None:
        """Add the changes of this clause between the two versions to ``context.changes``."""
        ...


class Area(ABC, Generic[Part]):
    """An area of the agreement (``services``...): a part that may be absent, a clause and its diff."""

    key: str

    @abstractmethod
    def part(self, agreement: Agreement) -> Part | None:
        """The area's part of ``agreement`` (``agreement.services``...)."""

    @abstractmethod
    def clause(self, context: ClauseContext, part: Part) -> Clause:
        """The clause that prints ``part``."""

    @abstractmethod
    def diff(self, context: DiffContext, old: Part, new: Part) -> None:
        """Add the changes from ``old`` to ``new`` (both present) to ``context.changes``."""

    def build(self, context: ClauseContext) -> Clause | None:
        part = self.part(context.a)
        return None if part is None else self.clause(context, part)

    def compare(self, context: DiffContext) -> None:
        old, new = self.part(context.old), self.part(context.new)
        title = context.quote(context.names.area(self.key))
        if old is None and new is not None:
            context.changes.append(
                Change(self.key, context._("The clause {clause} is added.").format(clause=title))
            )
        elif old is not None and new is None:
            context.changes.append(
                Change(self.key, context._("The clause {clause} is removed.").format(clause=title))
            )
        elif old is not None and new is not None:
            self.diff(context, old, new)
