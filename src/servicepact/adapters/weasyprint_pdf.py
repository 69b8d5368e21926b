"""One way to print HTML to PDF with WeasyPrint, for the contract and the report alike.

Two guarantees a user's request needs from a library that is not ours:
- A warning WeasyPrint (or a library under it) gives, such as its DeprecationWarning about a missing
  ``libharfbuzz-subset0``, is logged and never becomes an error: where warnings are errors (our test suite,
  ``python -W error``) it used to turn a PDF download into a 500.
- Nothing is fetched from the network or from the disk outside the package's own document assets while
  printing: the documents embed everything they show (charts are inline SVG), so a URL that slipped into a
  page (``url(http://…)``, ``file:///etc/…``) is refused and logged rather than fetched by the server (no
  server-side requests). Agreement text never reaches the stylesheets in the first place (the running
  header is read from HTML attributes through ``string-set``); this fetcher is the second wall.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from servicepact.domain.errors import ExternalServiceError

log = logging.getLogger(__name__)

# ``data:`` URLs are decoded in memory; ``file:`` URLs are read only inside ASSET_FOLDERS; nothing else.
ALLOWED_PROTOCOLS = ("data", "file")
_ADAPTERS = Path(__file__).resolve().parent
# The package's own document assets: the folders of the contract's and the report's templates.
ASSET_FOLDERS: tuple[Path, ...] = (_ADAPTERS / "rendering" / "templates", _ADAPTERS / "reports" / "templates")


def asset_path(url: str, asset_folders: Sequence[Path] = ASSET_FOLDERS) -> Path | None:
    """The file a ``file:`` URL names when it lies inside one of ``asset_folders`` (after following
    ``..`` and symbolic links); None for any other URL, which is then not to be fetched."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not any(path.is_relative_to(folder.resolve()) for folder in asset_folders):
        return None
    return path if path.is_file() else None


@functools.cache
def _fetcher_class() -> Any:
    # Built on first use: WeasyPrint is slow to import and only PDF needs it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """WeasyPrint's fetcher that reads ``data:`` URLs and the package's own asset files, and refuses
        (and logs) every other URL: no network, no file elsewhere on the disk, no redirects."""

        def __init__(self, asset_folders: Sequence[Path]) -> None:
            super().__init__(allowed_protocols=ALLOWED_PROTOCOLS, allow_redirects=False, timeout=1)
            self._asset_folders = tuple(asset_folders)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if urlsplit(url).scheme.lower() == "data":
                return super().fetch(url, headers)
            path = asset_path(url, self._asset_folders)
            if path is None:
                # %r: the URL may come from user text and hold line breaks (no forged log lines).
                log.warning(
                    "refused to fetch %r while printing a PDF (only the package's own assets)", url[:200]
                )
                raise ValueError(f"servicepact fetches no URL outside its own assets: {url[:200]!r}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            # Read here rather than through urllib, so the file checked is the file read.
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    return AssetsOnlyFetcher


def url_fetcher(asset_folders: Sequence[Path] = ASSET_FOLDERS) -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and files under ``asset_folders`` only."""
    return _fetcher_class()(asset_folders)


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
