"""Broken input of every kind gives problems with a location, never an escaping exception."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicepact import read_agreement
from servicepact.domain.agreement.positions import parse_path
from tests.hypothesis_budget import examples

from .helpers import example_text

STRUCTURAL_CODES = {"SP000", "SP003", "SP004", "SP005"}
EXAMPLE = example_text()
EXAMPLE_LINES = EXAMPLE.splitlines(keepends=True)

fast = settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_clean(result, *, need_line: bool) -> None:
    for problem in result.problems:
        assert problem.code in STRUCTURAL_CODES
        assert problem.message
        assert problem.location.source
        if need_line and problem.code != "SP000":
            assert problem.location.line is not None, problem
    if result.agreement is None:
        assert result.problems


@fast
@given(st.binary(max_size=2000))
def test_random_bytes_give_problems_not_exceptions(tmp_path_factory, raw):
    path: Path = tmp_path_factory.mktemp("bytes") / "random.yaml"
    path.write_bytes(raw)
    result = read_agreement(path)
    assert_clean(result, need_line=False)
    assert result.problems


@fast
@given(st.text(alphabet=string.printable + "ёЖ–{}[]&*!|>%@`", max_size=400))
def test_random_text_gives_problems_not_exceptions(text):
    assert_clean(read_agreement("\n" + text), need_line=False)


@fast
@given(st.integers(min_value=0, max_value=len(EXAMPLE)))
def test_a_truncated_file_gives_problems_with_lines_or_loads(cut):
    assert_clean(read_agreement(EXAMPLE[:cut] + "\n"), need_line=True)


@fast
@given(st.integers(min_value=0, max_value=len(EXAMPLE_LINES) - 1))
def test_a_file_with_a_line_missing_gives_problems_with_lines_or_loads(index):
    text = "".join(EXAMPLE_LINES[:index] + EXAMPLE_LINES[index + 1 :])
    assert_clean(read_agreement(text), need_line=True)


garbage = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.just("null"),
    st.just("[1, 2]"),
    st.just("{a: 1}"),
    st.just("-1h"),
    st.just("99.9 percent"),
    st.just("25:00-26:00"),
    st.just("Mars/Olympus"),
    st.just("FREQ=SOMETIMES"),
    st.just("2027-02-30"),
    st.text(alphabet=string.ascii_letters + "%:-. ", min_size=1, max_size=12),
)


@settings(max_examples=examples(50), deadline=None)
@given(st.integers(min_value=0, max_value=len(EXAMPLE_LINES) - 1), garbage)
def test_a_value_replaced_by_garbage_is_reported_where_it_stands(index, value):
    line = EXAMPLE_LINES[index]
    if ": " not in line or line.lstrip().startswith("#"):
        return
    key, _ = line.split(": ", 1)
    if "{" in key or "[" in key:
        return
    lines = list(EXAMPLE_LINES)
    lines[index] = f"{key}: {value!s}\n"
    result = read_agreement("".join(lines))
    assert_clean(result, need_line=True)
    for problem in result.problems:
        if problem.code != "SP000":
            assert parse_path(problem.location.path or "") is not None


@settings(max_examples=examples(25), deadline=None)
@given(
    st.integers(min_value=0, max_value=len(EXAMPLE_LINES) - 1),
    st.text(alphabet=string.ascii_lowercase + "_", min_size=3, max_size=10),
)
def test_an_unknown_key_is_reported_as_sp004_with_its_line(index, name):
    line = EXAMPLE_LINES[index]
    stripped = line.lstrip()
    if not stripped or stripped.startswith(("#", "-")) or ": " not in line or line.rstrip().endswith(":"):
        return
    indent = line[: len(line) - len(stripped)]
    lines = [*EXAMPLE_LINES[: index + 1], f"{indent}zz_{name}: 1\n", *EXAMPLE_LINES[index + 1 :]]
    result = read_agreement("".join(lines))
    assert_clean(result, need_line=True)
    unknown = [p for p in result.problems if p.code == "SP004"]
    if unknown:
        assert unknown[0].location.line == index + 2
