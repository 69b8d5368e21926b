"""Uptime of Northwind's e-mail (target 99.9%, maintenance excluded) in March 2027, New York.

March 2027 lasts 743 h = 2,674,800 s (DST begins on 14 March). Maintenance window: Sundays 02:00 for
2 h (local); notice 48 h; at most 8 h of maintenance a month.
"""

from datetime import timedelta
from decimal import Decimal

from servicepact.domain.evaluation import Coverage, OutageTreatment, UptimeConvention, upptime_figures
from servicepact.domain.evaluation.uptime import evaluate_uptime
from servicepact.domain.records import Outage, OutageKind

from .helpers import MARCH_SECONDS, local, march, northwind_with, seconds

AGREEMENT = northwind_with()
NOW = int(local("2027-04-05T12:00").timestamp())


def outage(start, end, kind=OutageKind.UNPLANNED, announced=None, uptime_id="email", service=None):
    return Outage(
        start=local(start),
        end=local(end) if end else None,
        kind=kind,
        uptime_id=uptime_id,
        service=service,
        announced_at=local(announced) if announced else None,
    )


def email(outages, agreement=AGREEMENT, now=NOW, **options):
    """E-mail's uptime; monitored over the whole period unless ``coverage`` says otherwise."""
    options.setdefault("coverage", Coverage.everything())
    return evaluate_uptime(agreement, march(), outages, now, **options)[0]


def test_an_hour_down_in_march_is_its_share_of_the_wall_clock_month():
    result = email([outage("2027-03-10T10:00", "2027-03-10T11:00")])
    assert result.downtime_seconds == 3600
    assert result.value.value == Decimal(MARCH_SECONDS - 3600) * 100 / Decimal(MARCH_SECONDS)
    # Budget: 0.1% of 2,674,800 s = 2,674.8 s allowed; 3,600 s used → 925.2 s over.
    assert result.allowed_downtime_seconds == Decimal("2674.8")
    assert result.budget_left_seconds == Decimal("-925.2")
    assert result.met is False


def test_overlapping_outages_count_once():
    result = email(
        [
            outage("2027-03-10T10:00", "2027-03-10T11:00"),
            outage("2027-03-10T10:30", "2027-03-10T12:00", uptime_id=None, service="m365"),
        ]
    )
    assert result.downtime_seconds == 2 * 3600  # 10:00-12:00
    assert len(result.outages) == 2


def test_maintenance_in_a_window_is_excluded_and_counted_when_the_item_says_so():
    sunday = outage("2027-03-07T02:00", "2027-03-07T03:00", OutageKind.MAINTENANCE)
    excluded = email([sunday])
    assert (excluded.downtime_seconds, excluded.scheduled_maintenance_seconds) == (0, 3600)
    assert excluded.outages[0].treatment is OutageTreatment.SCHEDULED
    counted = email(
        [sunday],
        northwind_with(("maintenance: excluded       # excluded", "maintenance: counted       # excluded")),
    )
    assert counted.downtime_seconds == 3600


def test_maintenance_partly_outside_the_window_is_downtime_for_the_part_outside():
    result = email([outage("2027-03-07T03:30", "2027-03-07T04:30", OutageKind.MAINTENANCE)])
    # The window is 02:00-04:00: 30 min scheduled, 30 min down.
    assert (result.scheduled_maintenance_seconds, result.downtime_seconds) == (1800, 1800)
    assert result.outages[0].treatment is OutageTreatment.PARTLY_SCHEDULED


def test_the_window_in_the_dst_gap_starts_at_the_first_real_instant():
    # 14 March 2027 02:00 does not exist in New York; the window begins at 03:00 EDT and lasts 2 h.
    result = email([outage("2027-03-14T03:00", "2027-03-14T06:00", OutageKind.MAINTENANCE)])
    assert (result.scheduled_maintenance_seconds, result.downtime_seconds) == (7200, 3600)


def test_maintenance_outside_the_windows_needs_the_notice_to_be_excluded():
    tuesday = ("2027-03-09T10:00", "2027-03-09T11:00", OutageKind.MAINTENANCE)
    assert email([outage(*tuesday, announced="2027-03-07T10:00")]).downtime_seconds == 0  # exactly 48 h
    assert email([outage(*tuesday, announced="2027-03-07T10:00:01")]).downtime_seconds == 3600  # short
    assert email([outage(*tuesday)]).downtime_seconds == 3600  # never announced


def test_scheduled_maintenance_beyond_the_monthly_maximum_is_downtime():
    long = outage(
        "2027-03-09T08:00", "2027-03-09T20:00", OutageKind.MAINTENANCE, announced="2027-03-01T08:00"
    )
    result = email([long])
    # 12 h announced in time, but at most 10 h a month: the last 2 h are downtime.
    assert (result.scheduled_maintenance_seconds, result.downtime_seconds) == (12 * 3600, 2 * 3600)


def test_unplanned_outages_inside_a_window_are_downtime():
    result = email([outage("2027-03-07T02:00", "2027-03-07T03:00")])
    assert result.downtime_seconds == 3600


def test_an_outage_without_end_lasts_until_now_and_a_running_period_is_measured_to_now():
    now = seconds("2027-03-11T00:00")
    result = email([outage("2027-03-10T23:00", None)], now=now)
    assert result.downtime_seconds == 3600
    # Measured from 1 March 00:00 to 11 March 00:00 (EST): 10 days.
    assert result.value.denominator == 10 * 86400


def test_outages_outside_the_period_are_clipped_to_it():
    result = email(
        [outage("2027-02-28T23:00", "2027-03-01T01:00"), outage("2027-04-10T00:00", "2027-04-10T01:00")]
    )
    assert result.downtime_seconds == 3600
    assert len(result.outages) == 1


def test_upptime_figures_use_its_windows_and_denominators():
    now = seconds("2027-03-31T20:00")  # 1 April 00:00 UTC
    start = now - 400 * 86400
    down = [(now - 3600, now), (now - 40 * 86400, now - 40 * 86400 + 26_283)]
    figures = upptime_figures(down, start, now)
    # Day: 3,600 / 86,400 → 95.83; week: 3,600 / 604,800 → 99.40; month (back to 1 March 00:00 UTC):
    # 3,600 / 2,628,288 → 99.86; year: (3,600 + 26,283) / 31,536,000 → 99.91;
    # all-time: 29,883 / (400 × 86,400) → 99.91.
    assert (figures.day, figures.week, figures.month, figures.year, figures.uptime) == tuple(
        map(Decimal, ("95.83", "99.40", "99.86", "99.91", "99.91"))
    )


def test_upptime_figures_never_go_below_zero_and_cap_the_window_at_the_start_time():
    now = 10 * 86400
    figures = upptime_figures([(now - 3 * 86400, now)], now - 2 * 86400, now)
    assert figures.week == Decimal("0.00")  # 3 days down in a window of 2 days of monitoring
    half = upptime_figures([(now - 43_200, now)], now - 86_400 * 30, now)
    assert half.day == Decimal("50.00")


def test_the_upptime_convention_reports_upptimes_month_figure_as_the_value():
    result = email([outage("2027-03-10T10:00", "2027-03-10T11:00")], convention=UptimeConvention.UPPTIME)
    # Window: 1 April 04:00Z back one month to 1 March 04:00Z, denominator 2,628,288 s:
    # 100 - 3,600 / 2,628,288 × 100 = 99.863 → 99.86.
    assert result.value.value == Decimal("99.86")
    assert result.upptime is not None
    assert timedelta(seconds=result.measured_to - result.measured_from) == timedelta(hours=743)
