"""Problems found in input files, and the one error that carries them.

Problems carry the file name, the physical line (the header is line 1; for JSON the line where the
object starts, and its index ``[i]``), the column and the reason::

    tickets.csv:17: created_at: '2026-13-01 10:00' is not an ISO 8601 timestamp
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from servicepact.domain.errors import DataRowError, Location

MAX_KEPT_PROBLEMS = 10_000
"""Problems kept in full per read; beyond this only their number is counted."""
MAX_LISTED_PROBLEMS = 50
"""Problems an error message lists before "... and N more"."""


@dataclass(frozen=True)
class RowProblem:
    """A bad row (or header, or file): where it is, which column, and why."""

    source: str
    line: int | None
    field: str | None
    reason: str
    index: int | None = None  # the position of the object in a JSON list

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.index is not None:
            where += f" [{self.index}]"
        column = f"{self.field}: " if self.field else ""
        return f"{where}: {column}{self.reason}"


class DataFileError(DataRowError):
    """Rows (or the header, or the whole file) of an input file are bad; ``problems`` lists them.

    The message lists the first :data:`MAX_LISTED_PROBLEMS` problems and says how many more there are.
    """

    def __init__(self, problems: Sequence[RowProblem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = max(total or 0, len(self.problems))
        listed = [str(p) for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if self.total > len(listed):
            listed.append(f"... and {self.total - len(listed)} more")
        first = self.problems[0] if self.problems else RowProblem("<input>", None, None, "bad input")
        super().__init__("\n".join(listed), location=Location(source=first.source, line=first.line))

    def __str__(self) -> str:
        return self.message


@dataclass
class ProblemLog:
    """The problems of one read; :meth:`check` raises them unless bad rows are to be skipped."""

    problems: list[RowProblem] = field(default_factory=list)
    total: int = 0

    def add(self, problem: RowProblem) -> None:
        self.total += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(problem)

    def fatal(self, problem: RowProblem) -> DataFileError:
        """Record a problem that stops the read (header, encoding, syntax) and return the error to raise."""
        self.add(problem)
        return DataFileError(self.problems, self.total)

    def check(self, skip_bad_rows: bool) -> None:
        """Sort the problems by file and line; raise them unless ``skip_bad_rows``."""
        sources = {p.source: i for i, p in reversed(list(enumerate(self.problems)))}
        self.problems.sort(key=lambda p: (sources[p.source], p.line or 0))
        if self.total and not skip_bad_rows:
            raise DataFileError(self.problems, self.total)
