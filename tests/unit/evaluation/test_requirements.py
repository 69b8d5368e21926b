from datetime import date

import pytest

from servicepact.domain.agreement.model import Check, CheckOperator
from servicepact.domain.clocks import ClockStatus
from servicepact.domain.evaluation import evaluate
from servicepact.domain.evaluation.requirements import check_passes, evaluate_requirements
from servicepact.domain.records import Asset

from .helpers import local, march, northwind_with, ticket_inputs

TODAY = date(2027, 3, 31)


@pytest.mark.parametrize(
    ("op", "value", "actual", "passes"),
    [
        ("eq", True, True, True),
        ("eq", True, "yes", True),
        ("eq", "Windows 11", "windows 11", True),
        ("ne", "Windows 7", "Windows 11", True),
        ("ne", "Windows 7", "Windows 7", False),
        ("lt", 8, 4, True),
        ("lt", 8, 8, False),
        ("le", 8, 8, True),
        ("gt", 8, 8, False),
        ("gt", 8, 16.0, True),
        ("ge", 8, 8, True),
        ("ge", 8, "x", False),
        ("before", "today", date(2027, 3, 30), True),
        ("before", "today", date(2027, 3, 31), False),
        ("after", "today", date(2027, 4, 1), True),
        ("after", "today", date(2027, 3, 31), False),  # the evaluation date itself is not after it
        ("after", date(2027, 1, 1), "2027-02-01", True),
        ("in", ["win11", "macos14"], "win11", True),
        ("in", ["win11", "macos14"], "win10", False),
        ("not_in", ["win7", "win8"], "win10", True),
        ("not_in", ["win7", "win8"], "win7", False),
        ("exists", None, "SN-1", True),
        ("exists", None, None, False),
        ("exists", False, None, True),
    ],
)
def test_each_operator_compares_the_asset_field_with_the_rule_value(op, value, actual, passes):
    check = Check(field="f", op=CheckOperator(op), value=value)
    assert check_passes(check, {"f": actual}, TODAY) is passes


def test_a_missing_field_fails_every_operator_but_exists_false():
    for op in ("eq", "ne", "lt", "after", "in", "not_in"):
        assert check_passes(Check(field="f", op=CheckOperator(op), value=1), {}, TODAY) is False


ASSETS = [
    Asset("ws-1", "workstation", {"os_end_of_support": date(2030, 1, 1), "antivirus": True}),
    Asset("ws-2", "workstation", {"os_end_of_support": date(2026, 1, 1), "antivirus": True}),
    Asset("srv-1", "server", {"os_end_of_support": date(2030, 1, 1), "antivirus": True}),  # no warranty
    Asset("fw-1", "firewall", {"business_grade": True}),
    Asset("printer", "printer", {}),  # no rule applies to printers: it passes
]


def test_compliance_is_assets_passing_every_rule_that_applies_over_all_assets():
    result = evaluate_requirements(northwind_with(), ASSETS, TODAY)
    # ws-2 (supported-os) and srv-1 (server-warranty) fail → 3 / 5.
    assert (result.compliance.numerator, result.compliance.denominator) == (3, 5)
    failing = {asset.asset_id: [rule.rule_id for rule in asset.failed] for asset in result.failing}
    assert failing == {"ws-2": ["supported-os"], "srv-1": ["server-warranty"]}
    assert result.assets[1].failed[0].expected == TODAY
    assert result.assets[3].rules_applied == ("business-firewall",)


def test_tickets_on_failing_assets_become_best_effort_or_out_of_scope_by_consequence():
    tickets = [
        {"id": "A", "created": "2027-03-01T09:00", "priority": "P2", "asset": "ws-1"},
        {"id": "B", "created": "2027-03-01T09:00", "priority": "P2", "asset": "ws-2"},
    ]
    events = [("A", "2027-03-01T09:10", "responded"), ("B", "2027-03-01T15:00", "responded")]
    inputs = ticket_inputs(tickets, events, assets=ASSETS)
    now = local("2027-04-05T12:00")
    best = evaluate(northwind_with(), march(), inputs, now).tickets
    assert [(e.id, e.response_status) for e in best.best_effort] == [("B", ClockStatus.BEST_EFFORT)]
    # B's late response does not count: A alone, met.
    assert (best.response_within_target.numerator, best.response_within_target.denominator) == (1, 1)
    excluded = northwind_with(("consequence: best_effort ", "consequence: excluded "))
    out = evaluate(excluded, march(), inputs, now).tickets
    assert [(e.id, e.response_status) for e in out.out_of_scope] == [("B", ClockStatus.OUT_OF_SCOPE)]
    assert out.best_effort == ()
