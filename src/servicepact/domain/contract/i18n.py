"""The translation catalogs of the contract's fixed text (gettext through Babel).

Message ids are English; ``servicepact/locale/<lang>/LC_MESSAGES/messages.po`` holds the translations. The
``.po`` file is compiled in memory when first needed, so neither a build step nor a ``.mo`` file is needed.
English needs no catalog: its text is the message ids themselves.

Reading a data file that ships inside the package is no more I/O than Babel reading its locale data, so
this stays in the domain.
"""

from __future__ import annotations

import gettext
from importlib import resources

from servicepact.domain import catalogs

DOMAIN = "messages"


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where the ``.po`` catalog of ``language`` lives inside the installed package."""
    return catalogs.catalog_path(DOMAIN, language)


def translations(language: str) -> gettext.NullTranslations:
    """The gettext translations for ``language``; English and unknown languages get the message ids back.

    >>> translations("ru").gettext("Services")
    'Услуги'
    """
    return catalogs.translations(DOMAIN, language)
