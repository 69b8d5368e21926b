"""What the doctests of ``src/servicepact`` get: ``EXAMPLES``, the folder of the shipped example agreements.

(The tests' own fixtures are in ``tests/conftest.py``.) The migrations are left out of collection: alembic
imports them with its context set up, and they hold no doctests.
"""

from __future__ import annotations

from typing import Any

import pytest

from servicepact.adapters.example_files import EXAMPLES

collect_ignore = ["src/servicepact/adapters/db/migrations"]


@pytest.fixture(autouse=True)
def _doctest_examples(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["EXAMPLES"] = EXAMPLES
