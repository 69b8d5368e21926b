"""The example agreements shipped inside the package (``servicepact/examples``).

They are package data, so that ``servicepact demo`` and ``servicepact demo --check`` work from a wheel
installed anywhere; in a checkout the top-level ``examples/`` is a link to the same folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["EXAMPLES", "example_agreements"]

# A wheel is installed as files on disk (never imported from a zip), so the folder is a real path.
EXAMPLES = Path(str(resources.files("servicepact").joinpath("examples")))
"""The folder of the shipped example agreements."""


def example_agreements() -> list[Path]:
    """The shipped example agreements (``*.yaml`` directly in the folder), sorted by name."""
    return sorted(EXAMPLES.glob("*.yaml"))
