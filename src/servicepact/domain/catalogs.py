"""gettext catalogs shipped as ``.po`` files in ``servicepact/locale/<lang>/LC_MESSAGES/<domain>.po``.

Each catalog is compiled in memory (through Babel) the first time it is needed, so neither a build step
nor a ``.mo`` file is needed. Message ids are English: English needs no catalog. The contract
(``messages``), the report (``reports``) and the web UI (``web``) each keep their own catalog, so that
each catalog's test can check it holds exactly the messages its code uses.

Reading a data file that ships inside the package is no more I/O than Babel reading its locale data, so
this stays in the domain.

>>> translations("messages", "ru").gettext("Services")
'Услуги'
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


def catalog_path(domain: str, language: str) -> resources.abc.Traversable:
    """Where the ``.po`` catalog of ``domain`` in ``language`` lives inside the installed package."""
    return resources.files(CATALOG_PACKAGE).joinpath(language, "LC_MESSAGES", f"{domain}.po")


@cache
def translations(domain: str, language: str) -> gettext.NullTranslations:
    """The translations of ``domain`` for ``language``; English and unknown languages get the ids back."""
    path = catalog_path(domain, language)
    if language == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=domain)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=domain)
