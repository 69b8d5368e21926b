"""What input rows are checked against beyond their own shape (spec 1.1 §5): the user's value maps,
the priority levels of the agreement version that judges each row, and ``now``.

- :class:`ValueMap` turns an export's values into the agreement's (``priority:Critical=P1``); a value
  is matched ignoring case and surrounding spaces, and a value without a mapping stays as it is.
- :class:`PriorityLevels` holds the levels of each agreement version from its ``effective_from``: a
  row is checked against the version in force at its ``created_at`` (spec §6); a row no version
  covers is not checked (it is stored and judged as "no agreement" until a version covers it).
- :class:`InputRules` bundles them with ``now``: an instant after ``now`` is a bad row.

>>> values = ValueMap.of({"priority": {"Critical": "P1"}})
>>> values.map("priority", " critical "), values.map("priority", "P2")
('P1', 'P2')
>>> PriorityLevels.always(["P1", "P2"]).unknown("P5", 0)
True
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from servicepact.domain.agreement import Agreement

__all__ = ["InputRules", "PriorityLevels", "ValueMap", "parse_value_map"]

_MIN_SECONDS = -(2**62)


def _key(value: str) -> str:
    return value.strip().casefold()


@dataclass(frozen=True)
class ValueMap:
    """Per field (lower-case name), the values to replace: ``{field: {from (casefolded): to}}``."""

    fields: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, fields: Mapping[str, Mapping[str, str]] | None) -> ValueMap:
        """A map from ``{field: {from: to}}`` as the user wrote it."""
        return cls(
            {
                name.strip().lower(): {_key(k): v.strip() for k, v in values.items()}
                for name, values in (fields or {}).items()
                if values
            }
        )

    def __bool__(self) -> bool:
        return bool(self.fields)

    def has(self, name: str) -> bool:
        return name in self.fields

    def map(self, name: str, value: str | None) -> str | None:
        """``value`` of field ``name`` after the mapping (unchanged when none applies)."""
        values = self.fields.get(name)
        if not values or value is None:
            return value
        return values.get(_key(value), value)

    def as_dict(self) -> dict[str, dict[str, str]]:
        return {name: dict(values) for name, values in self.fields.items()}


def parse_value_map(items: Iterable[str], option: str = "--map-value") -> ValueMap:
    """``["priority:Critical=P1", "priority:High=P2"]`` as a :class:`ValueMap`.

    Raises ``ValueError`` naming the item when one is not ``field:from=to``.

    >>> parse_value_map(["priority:1 - High=P1"]).map("priority", "1 - high")
    'P1'
    """
    fields: dict[str, dict[str, str]] = {}
    for item in items:
        name, colon, rest = item.partition(":")
        source, equals, target = rest.rpartition("=")
        if not colon or not equals or not name.strip() or not source.strip() or not target.strip():
            raise ValueError(f"{option} {item!r}: write field:from=to (e.g. priority:Critical=P1)")
        values = fields.setdefault(name.strip().lower(), {})
        key = _key(source)
        if key in values and values[key] != target.strip():
            raise ValueError(f"{option} {item!r}: {source.strip()!r} is already mapped to {values[key]!r}")
        values[key] = target.strip()
    return ValueMap(fields)


@dataclass(frozen=True)
class PriorityLevels:
    """The priority levels of each agreement version from its ``effective_from`` (epoch seconds).

    ``starts`` ascend; ``levels[i]`` holds from ``starts[i]`` until ``starts[i + 1]``. Where several
    agreements are in force at once, a level of any of them is known.
    """

    starts: tuple[int, ...]
    levels: tuple[frozenset[str], ...]

    @classmethod
    def always(cls, levels: Collection[str]) -> PriorityLevels:
        """One set of levels for every instant (one agreement judges everything: ``sla``, ``evaluate``)."""
        return cls((_MIN_SECONDS,), (frozenset(levels),))

    @classmethod
    def of_versions(cls, versions: Sequence[tuple[str, int, Collection[str]]]) -> PriorityLevels:
        """From ``(agreement key, effective_from seconds, levels)`` per activated version (later
        versions of a key replace earlier ones at their ``effective_from``)."""
        ordered = sorted(versions, key=lambda v: v[1])
        current: dict[str, frozenset[str]] = {}
        starts: list[int] = []
        levels: list[frozenset[str]] = []
        for key, start, names in ordered:
            current[key] = frozenset(names)
            union = frozenset().union(*current.values())
            if starts and starts[-1] == start:
                levels[-1] = union
            else:
                starts.append(start)
                levels.append(union)
        return cls(tuple(starts), tuple(levels))

    def at(self, seconds: int) -> frozenset[str] | None:
        """The levels in force at ``seconds`` (None: no version covers that instant)."""
        index = bisect.bisect_right(self.starts, seconds) - 1
        return None if index < 0 else self.levels[index]

    def unknown(self, priority: str, seconds: int) -> bool:
        """Whether ``priority`` is not a level of the version in force at ``seconds`` (False when none is)."""
        levels = self.at(seconds)
        return levels is not None and priority not in levels

    def describe(self, seconds: int) -> str:
        levels = self.at(seconds) or frozenset()
        return ", ".join(sorted(levels)) or "none"


@dataclass(frozen=True)
class InputRules:
    """The checks of spec 1.1 §5 on every row read: ``now`` (epoch seconds; None: not checked),
    ``values`` (the user's value maps) and ``priorities`` (None: not checked)."""

    now: int | None = None
    values: ValueMap = field(default_factory=ValueMap)
    priorities: PriorityLevels | None = None

    @classmethod
    def for_agreement(cls, agreement: Agreement, now: datetime, values: ValueMap | None = None) -> InputRules:
        """The rules of files judged by one agreement (``sla``, ``evaluate``): its levels at every
        instant (none checked when it lists no levels), and ``now`` (aware)."""
        levels = agreement.priorities.ids if agreement.priorities is not None else []
        return cls(
            now=int(now.timestamp()),
            values=values or ValueMap(),
            priorities=PriorityLevels.always(levels) if levels else None,
        )
