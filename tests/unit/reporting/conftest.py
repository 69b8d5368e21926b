import pytest

from tests.unit.reporting.helpers import Month, month


@pytest.fixture(scope="session")
def northwind() -> Month:
    return month("northwind")


@pytest.fixture(scope="session")
def romashka() -> Month:
    return month("romashka")
