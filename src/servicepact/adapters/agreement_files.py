"""Load agreements from files or text: YAML reading (here) plus validation (in the domain)."""

from __future__ import annotations

import os
from pathlib import Path

from servicepact.adapters.yaml_documents import YamlReadError, decode, read_yaml
from servicepact.domain.agreement import Agreement, ValidationResult, validate_document
from servicepact.domain.errors import AgreementError, Location, Problem

MAX_BYTES = 5 * 1024 * 1024


def read_agreement(path_or_text: str | os.PathLike[str], *, source: str | None = None) -> ValidationResult:
    """Read and validate an agreement, returning the best agreement that could be built and every problem.

    ``path_or_text`` is a path (``Path``, or a one-line string naming an existing file) or the YAML text.
    """
    try:
        text, name = _text_of(path_or_text, source)
        document = read_yaml(text, name)
    except YamlReadError as error:
        return ValidationResult(None, [error.problem])
    return validate_document(document.data, document.positions)


def load_agreement(path_or_text: str | os.PathLike[str], *, source: str | None = None) -> Agreement:
    """Load an agreement, or raise :class:`AgreementError` listing every problem with its location.

    >>> agreement = load_agreement(EXAMPLES / "northwind-acme.en.yaml")  # EXAMPLES: servicepact/examples
    >>> agreement.support.targets["P1"].response
    Duration(days=0, business_days=0, seconds=1800, text='30m')
    """
    result = read_agreement(path_or_text, source=source)
    if result.problems or result.agreement is None:
        raise AgreementError(result.problems)
    return result.agreement


def _looks_like_a_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).suffix.lower() in {".yaml", ".yml"}


def _text_of(path_or_text: str | os.PathLike[str], source: str | None) -> tuple[str, str]:
    if isinstance(path_or_text, os.PathLike) or (
        isinstance(path_or_text, str)
        and (_looks_like_a_path(path_or_text) or ("\n" not in path_or_text and Path(path_or_text).is_file()))
    ):
        path = Path(path_or_text)
        name = source or str(path)
        if not path.is_file():
            raise YamlReadError(Problem("SP000", "no such file", Location(name)))
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise YamlReadError(
                    Problem(
                        "SP000", f"the file is {size:,} bytes; agreements are limited to 5 MB", Location(name)
                    )
                )
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise YamlReadError(
                Problem("SP000", f"cannot read the file: {error.strerror}", Location(name))
            ) from None
        return decode(raw, name), name
    if isinstance(path_or_text, str):
        return path_or_text, source or "<text>"
    raise YamlReadError(
        Problem("SP000", f"expected a path or YAML text, got {type(path_or_text).__name__}", Location(source))
    )
