"""The lint rules, one module per area; importing this package registers them all in ``RULES``."""

from servicepact.domain.lint.rules import (  # noqa: F401  (imported to register their rules)
    availability,
    guarantees,
    language,
    maintenance,
    performance,
    priorities,
    references,
    requirements,
    responsibilities,
    services,
    structure,
    support,
    support_calendars,
)
