"""What the web UI keeps per app, made once by ``create_app`` (see :class:`WebState`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from servicepact.adapters.agreement_files import read_agreement
from servicepact.entrypoints.http.web.auth import SessionCodec, SignInThrottle
from servicepact.entrypoints.http.web.uploads import PendingUploads
from servicepact.services.ports import AgreementParser
from servicepact.services.reports import StoredPeriod, StoredPeriods
from servicepact.services.revision_cache import RevisionCache

REPORT_FILES = 32  # rendered reports (HTML, PDF) kept per app
CONTRACT_FILES = 32  # rendered contracts kept per app
STORED_PERIODS = 64  # periods read from the store, kept per app


@dataclass(frozen=True)
class WebState:
    """The web UI's part of the app context. Every cache here is thread-safe (pages run in a thread
    pool); ``timings`` is appended to on the event loop only."""

    codec: SessionCodec
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    reports: RevisionCache[bytes] = field(default_factory=lambda: RevisionCache[bytes](REPORT_FILES))
    """Rendered report files, by a key that names their evaluation (which names the data revision)."""
    contracts: RevisionCache[bytes] = field(default_factory=lambda: RevisionCache[bytes](CONTRACT_FILES))
    """Rendered contracts, by the version text's SHA-256, language and format (a text never changes)."""
    periods: StoredPeriods = field(default_factory=lambda: RevisionCache[StoredPeriod](STORED_PERIODS))
    parser: AgreementParser = read_agreement
    uploads: PendingUploads = field(default_factory=PendingUploads)
    timings: list[tuple[str, float]] = field(default_factory=list)
    """Each page's path and render time in seconds (the first 10,000), for benchmarks."""
