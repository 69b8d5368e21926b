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
from importlib import resources

from servicepact.domain import catalogs

DOMAIN = "reports"


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where the ``.po`` catalog of ``language`` lives inside the installed package."""
    return catalogs.catalog_path(DOMAIN, language)


def translations(language: str) -> gettext.NullTranslations:
    """The report's translations for ``language``; English gets the message ids back."""
    return catalogs.translations(DOMAIN, language)
