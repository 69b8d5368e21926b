"""Starter agreements for ``servicepact init``: commented YAML shipped with the package."""

from __future__ import annotations

from importlib import resources

from servicepact.domain.errors import InputError

LANGUAGES = ("en", "ru")


def starter_agreement(lang: str) -> str:
    """The commented starter agreement in ``lang`` (en or ru) as YAML text."""
    if lang not in LANGUAGES:
        raise InputError(f"no starter agreement in {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return (
        resources.files("servicepact.adapters.starters").joinpath(f"starter.{lang}.yaml").read_text("utf-8")
    )
