"""The series the charts draw from the records: clock bands per priority and the backup age."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from servicepact.domain.reporting import backup_ages, largest_ages, time_bands
from tests.unit.reporting.helpers import Month


def test_the_bands_within_target_are_exactly_the_clocks_the_evaluation_counted_as_met(
    northwind: Month,
) -> None:
    bands = time_bands(northwind.agreement, northwind.evaluation, northwind.inputs)
    stats = {s.priority: s for s in northwind.evaluation.tickets.by_priority}
    assert [b.priority for b in bands] == list(stats)
    for band in bands:
        response, resolution = (
            stats[band.priority].response_within_target,
            stats[band.priority].resolution_within_target,
        )
        assert sum(band.response[:2]) == response.numerator
        assert sum(band.response) == response.denominator
        assert sum(band.resolution[:2]) == resolution.numerator
        assert sum(band.resolution) == resolution.denominator


def test_the_backup_age_rises_past_the_rpo_in_the_gap_and_nowhere_else(northwind: Month) -> None:
    ages = {
        age.system: age for age in backup_ages(northwind.agreement, northwind.evaluation, northwind.inputs)
    }
    servers = ages["file-server"]
    assert len(servers.starts) == 400
    over = [age for age in servers.ages if age is not None and age > servers.rpo_seconds + 600]
    assert over  # the five-hour gap on the 12th
    assert max(a for a in servers.ages if a is not None) == 6 * 3600  # gap of 5 runs: 6 h between backups


def test_slices_before_the_first_backup_have_no_age() -> None:
    assert largest_ages(np.array([50]), np.array([0, 20, 40, 60])).tolist() == [-1, -1, 10]


@settings(deadline=None)
@given(
    st.lists(st.integers(0, 1_000), min_size=1, max_size=40, unique=True),
    st.integers(2, 30),
)
def test_the_largest_age_of_a_slice_is_the_largest_age_at_any_second_of_it(
    finished: list[int], slices: int
) -> None:
    done = np.array(sorted(finished), dtype=np.int64)
    edges = np.linspace(0, 1_000, slices + 1).astype(np.int64)
    found = largest_ages(done, edges).tolist()
    for index in range(slices):
        low, high = int(edges[index]), int(edges[index + 1])
        ages = [t - int(done[done < t].max()) for t in range(low + 1, high + 1) if (done < t).any()]
        assert found[index] == (max(ages) if ages else -1)
