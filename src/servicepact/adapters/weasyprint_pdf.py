"""One way to print HTML to PDF with WeasyPrint, for the contract and the report alike.

Two guarantees a user's request needs from a library that is not ours:
- A warning WeasyPrint (or a library under it) gives, such as its DeprecationWarning about a missing
  ``libharfbuzz-subset0``, is logged and never becomes an error: where warnings are errors (our test suite,
  ``python -W error``) it used to turn a PDF download into a 500.
- Nothing is fetched from the network or the disk while printing: the documents embed everything they show
  (charts are inline SVG), so a URL that slipped into user text (``url(http://…)`` in a title) is refused
  rather than fetched from the server (no server-side requests).
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any

from servicepact.domain.errors import ExternalServiceError

log = logging.getLogger(__name__)

# Only ``data:`` URLs (decoded in memory) are read; WeasyPrint refuses every other scheme and logs it.
ALLOWED_PROTOCOLS = ("data",)


def url_fetcher() -> Any:
    """WeasyPrint's own fetcher, limited to :data:`ALLOWED_PROTOCOLS`."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS, allow_redirects=False, timeout=1)


# warnings.catch_warnings swaps the process-wide filter list (before Python 3.14): two threads printing at
# once could restore each other's filters. One print at a time per process keeps the filters whole.
_PRINTING = threading.Lock()


def html_to_pdf(html: str) -> bytes:
    """Print an HTML page (A4 or Letter, as its stylesheet says) to PDF bytes."""
    with _PRINTING, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Imported here: WeasyPrint is slow to import and only PDF needs it.
        from weasyprint import HTML

        try:
            pdf = bytes(HTML(string=html, base_url=None, url_fetcher=url_fetcher()).write_pdf())
        except (OSError, ValueError) as error:
            raise ExternalServiceError(f"the PDF renderer failed: {error}") from error
    for warning in caught:
        log.warning("while printing a PDF: %s", warning.message)
    return pdf
