"""Priorities: a complete matrix (SP801), defined levels (SP802), every level reachable (SP803)."""

from __future__ import annotations

from collections.abc import Iterator

from servicepact.domain.lint.findings import Severity
from servicepact.domain.lint.registry import Context, Hit, Rule, checks, hit

W = Severity.WARNING


@checks(
    Rule(
        code="SP801",
        severity=Severity.ERROR,
        area="priorities",
        title={
            "en": "The priority matrix has a missing or unknown cell",
            "ru": "В матрице приоритетов пропущена или неверна ячейка",
        },
        explanation={
            "en": "`priorities.matrix` maps every impact to every urgency to a priority level. Each pair of "
            "an impact (from `priorities.impact` and the matrix rows) and an urgency (from "
            "`priorities.urgency` and the matrix columns) needs a cell, and each cell must name a level of "
            "`priorities.levels`. An agreement with levels and no matrix at all gets one finding.",
            "ru": "`priorities.matrix` сопоставляет каждому влиянию и каждой срочности уровень приоритета. "
            "Для каждой пары влияния (из `priorities.impact` и строк матрицы) и срочности (из "
            "`priorities.urgency` и столбцов матрицы) нужна ячейка, и каждая ячейка должна называть уровень "
            "из `priorities.levels`. Если матрицы нет вовсе, выдаётся одно замечание.",
        },
        bad_example="matrix:\n  high: {high: P1, medium: P2}\n  low:  {high: P3, medium: P9}",
        good_example="matrix:\n  high: {high: P1, medium: P2}\n  low:  {high: P3, medium: P4}",
        messages={
            "default": {
                "en": "the priority matrix has no cell for impact '{impact}' and urgency '{urgency}'",
                "ru": "в матрице приоритетов нет ячейки для влияния «{impact}» и срочности «{urgency}»",
            },
            "unknown": {
                "en": "matrix cell {impact}/{urgency} names unknown priority '{priority}' (levels: {known})",
                "ru": "ячейка матрицы {impact}/{urgency} называет неизвестный приоритет «{priority}» "
                "(уровни: {known})",
            },
            "no_matrix": {
                "en": "there is no priority matrix: map impact and urgency to the priority levels",
                "ru": "нет матрицы приоритетов: сопоставьте влияние и срочность уровням приоритета",
            },
        },
    )
)
def matrix_complete(context: Context) -> Iterator[Hit]:
    priorities = context.agreement.priorities
    if priorities is None or context.broken("priorities", "matrix"):
        return
    impacts = list(dict.fromkeys([*priorities.impact, *priorities.matrix]))
    urgencies = list(
        dict.fromkeys([*priorities.urgency, *(u for row in priorities.matrix.values() for u in row)])
    )
    if not priorities.matrix and not (impacts and urgencies):
        if priorities.levels:
            yield hit(("priorities", "matrix"), "no_matrix")
        return
    levels = priorities.ids
    for impact in impacts:
        row = priorities.matrix.get(impact, {})
        for urgency in urgencies:
            cell = row.get(urgency)
            path = ("priorities", "matrix", impact, urgency)
            if cell is None:
                yield hit(path if impact in priorities.matrix else path[:-1], impact=impact, urgency=urgency)
            elif cell not in levels:
                yield hit(path, "unknown", impact=impact, urgency=urgency, priority=cell, known=levels or "-")


@checks(
    Rule(
        code="SP802",
        severity=W,
        area="priorities",
        title={"en": "A priority level without a definition", "ru": "Уровень приоритета без определения"},
        explanation={
            "en": "Each priority level needs a `definition` that says which situations it covers; otherwise "
            "provider and client will disagree about the priority of every ticket.",
            "ru": "Для каждого уровня приоритета нужно `definition`: какие ситуации он охватывает; иначе "
            "исполнитель и заказчик будут спорить о приоритете каждой заявки.",
        },
        bad_example="levels:\n  - {id: P1, name: Critical}",
        good_example="levels:\n  - {id: P1, name: Critical, definition: The whole business is down and "
        "there is "
        "no workaround.}",
        messages={
            "default": {
                "en": "priority level {priority} has no definition; say which situations it covers",
                "ru": "у уровня приоритета {priority} нет определения; опишите, какие ситуации он охватывает",
            },
        },
    )
)
def levels_defined(context: Context) -> Iterator[Hit]:
    priorities = context.agreement.priorities
    for i, level in enumerate(priorities.levels if priorities else []):
        if not (level.definition or "").strip() and not context.broken(
            "priorities", "levels", i, "definition"
        ):
            yield hit(("priorities", "levels", i), priority=level.id)


@checks(
    Rule(
        code="SP803",
        severity=W,
        area="priorities",
        title={
            "en": "A priority level the matrix never gives",
            "ru": "Уровень приоритета, недостижимый по матрице",
        },
        explanation={
            "en": "A level that no cell of `priorities.matrix` names can never be assigned from impact and "
            "urgency; either the matrix or the list of levels is wrong.",
            "ru": "Уровень, который не назван ни в одной ячейке `priorities.matrix`, нельзя присвоить по "
            "влиянию и срочности; ошибка либо в матрице, либо в списке уровней.",
        },
        bad_example="levels: [{id: P1}, {id: P2}, {id: P3}]\nmatrix:\n  high: {high: P1, low: P2}\n"
        "  low:  {high: P2, low: P2}",
        good_example="levels: [{id: P1}, {id: P2}, {id: P3}]\nmatrix:\n  high: {high: P1, low: P2}\n"
        "  low:  {high: P2, low: P3}",
        messages={
            "default": {
                "en": "priority level {priority} cannot be reached from the matrix: no cell names it",
                "ru": "уровень приоритета {priority} недостижим по матрице: ни одна ячейка его не называет",
            },
        },
    )
)
def levels_reachable(context: Context) -> Iterator[Hit]:
    priorities = context.agreement.priorities
    if priorities is None or not priorities.matrix or context.broken("priorities", "matrix"):
        return  # no matrix at all is SP801
    named = {cell for row in priorities.matrix.values() for cell in row.values()}
    for i, level in enumerate(priorities.levels):
        if level.id not in named:
            yield hit(("priorities", "levels", i), priority=level.id)
