"""The translations of the report's fixed text (gettext through Babel), beside the contract's.

Message ids are English; ``servicepact/locale/<lang>/LC_MESSAGES/reports.po`` holds the translations and
is compiled in memory when first needed, as :mod:`servicepact.domain.contract.i18n` does for the
contract's ``messages.po``. The report has its own catalog so that each catalog's test can check that it
holds exactly the messages its code uses.

>>> translations("ru").gettext("Service level report")
'Отчёт об уровне обслуживания'
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
DOMAIN = "reports"


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where the report catalog of ``language`` lives inside the installed package."""
    return resources.files(CATALOG_PACKAGE).joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The report's translations for ``language``; English gets the message ids back."""
    path = catalog_path(language)
    if language == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
