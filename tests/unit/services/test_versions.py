"""Spec 1.1 §6: which agreement version judges a ticket and a period (one rule for every surface)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from servicepact import load_agreement
from servicepact.domain.errors import InputError
from servicepact.services.model import AgreementVersion, VersionStatus
from servicepact.services.versions import VersionRule, period_instant, term_start

JAN = datetime(2027, 1, 1, 5, 0, tzinfo=UTC)
MAR = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)


def version(
    number: int,
    effective_from: datetime | None,
    activated_at: datetime,
    status: VersionStatus = VersionStatus.RETIRED,
    key: str = "acme",
) -> AgreementVersion:
    return AgreementVersion(
        id=number,
        client_id=1,
        agreement_key=key,
        number=number,
        status=status,
        text="",
        sha256=f"{number}",
        title="t",
        uploaded_at=activated_at,
        uploaded_by="x",
        activated_at=activated_at,
        effective_from=effective_from,
    )


def test_a_ticket_is_judged_by_the_version_in_force_at_its_creation():
    rule = VersionRule.of([version(2, MAR, JAN + timedelta(days=50)), version(1, JAN, JAN)])
    assert rule.at(JAN - timedelta(seconds=1)) is None
    assert rule.at(JAN).number == 1
    assert rule.at(MAR - timedelta(seconds=1)).number == 1
    assert rule.at(MAR).number == 2


def test_with_the_same_effective_from_the_version_activated_later_wins_whatever_its_number():
    first = version(3, JAN, JAN + timedelta(days=1))
    later = version(2, JAN, JAN + timedelta(days=2))
    assert VersionRule.of([first, later]).at(JAN).number == 2
    assert VersionRule.of([later, first]).at(JAN).number == 2


def test_drafts_and_versions_never_activated_judge_nothing():
    draft = version(1, None, JAN, VersionStatus.DRAFT)
    assert VersionRule.of([draft]).at(MAR) is None


def test_versions_of_two_agreements_cannot_be_mixed():
    with pytest.raises(InputError, match="2 agreements"):
        VersionRule.of([version(1, JAN, JAN), version(1, JAN, JAN, key="other")])


def test_a_period_is_judged_at_its_last_second_or_now_when_that_is_earlier():
    end = datetime(2027, 4, 1, 4, 0, tzinfo=UTC)
    assert period_instant(end, end + timedelta(days=9)) == end - timedelta(seconds=1)
    assert period_instant(end, MAR) == MAR
    rule = VersionRule.of([version(1, JAN, JAN), version(2, MAR, MAR)])
    assert rule.for_period(end, end + timedelta(days=9)).number == 2
    assert rule.for_period(MAR, end).number == 1  # February ends before version 2 takes effect


def test_the_index_of_many_instants_matches_the_rule_one_by_one():
    rule = VersionRule.of([version(1, JAN, JAN), version(2, MAR, MAR)])
    instants = [JAN - timedelta(seconds=1), JAN, MAR - timedelta(seconds=1), MAR, MAR + timedelta(days=90)]
    indexes = rule.indexes(np.array([int(i.timestamp()) for i in instants], dtype="datetime64[s]"))
    expected = [-1 if rule.at(i) is None else rule.versions.index(rule.at(i)) for i in instants]
    assert indexes.tolist() == expected == [-1, 0, 0, 1, 1]


def test_the_default_effective_from_is_local_midnight_of_the_term_start(examples_dir):
    english = load_agreement(examples_dir / "northwind-acme.en.yaml")
    russian = load_agreement(examples_dir / "severny-veter-romashka.ru.yaml")
    assert term_start(english) == datetime(2027, 1, 1, 5, 0, tzinfo=UTC)  # New York, EST
    assert term_start(russian) == datetime.combine(russian.term.start, datetime.min.time(), UTC) - timedelta(
        hours=3
    )  # Moscow, UTC+3


def test_a_version_without_support_reads_its_term_in_utc(examples_dir):
    english = load_agreement(examples_dir / "northwind-acme.en.yaml")
    bare = english.model_copy(update={"support": None})
    assert term_start(bare) == datetime(2027, 1, 1, tzinfo=UTC)
