"""The translation catalogs of the contract's fixed text (gettext through Babel).

Message ids are English; ``servicepact/locale/<lang>/LC_MESSAGES/messages.po`` holds the translations. The
``.po`` file is compiled in memory when first needed, so neither a build step nor a ``.mo`` file is needed.
English needs no catalog: its text is the message ids themselves.

Reading a data file that ships inside the package is no more I/O than Babel reading its locale data, so
this stays in the domain.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

CATALOG_PACKAGE = "servicepact.locale"
DOMAIN = "messages"


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where the ``.po`` catalog of ``language`` lives inside the installed package."""
    return resources.files(CATALOG_PACKAGE).joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The gettext translations for ``language``; English and unknown languages get the message ids back.

    >>> translations("ru").gettext("Services")
    'Услуги'
    """
    path = catalog_path(language)
    if language == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
