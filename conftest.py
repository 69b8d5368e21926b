"""What the doctests of ``src/servicepact`` get (the tests' own fixtures are in ``tests/conftest.py``).

``EXAMPLES`` is the folder of the shipped example agreements; ``TMP`` a fresh folder of the doctest's own,
for the small files an example reads. The migrations are left out of collection: alembic imports them with
its context set up, and they hold no doctests.
"""

from __future__ import annotations

from typing import Any

import pytest
from _pytest.doctest import DoctestItem

from servicepact.adapters.example_files import EXAMPLES

collect_ignore = ["src/servicepact/adapters/db/migrations"]


@pytest.fixture(autouse=True)
def _doctest_names(request: pytest.FixtureRequest, doctest_namespace: dict[str, Any]) -> None:
    if isinstance(request.node, DoctestItem):
        doctest_namespace["EXAMPLES"] = EXAMPLES
        doctest_namespace["TMP"] = request.getfixturevalue("tmp_path")
