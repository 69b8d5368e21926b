"""Translation catalogs (gettext ``.po`` files) of the contract text; see docs/rendering.md."""
