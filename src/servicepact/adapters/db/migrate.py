"""Alembic, run from code: the migration scripts ship inside the package (``adapters/db/migrations``)."""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

SCRIPT_LOCATION = "servicepact.adapters.db:migrations"


def alembic_config(engine: Engine) -> Config:
    """An Alembic config whose ``env.py`` uses ``engine`` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    # ConfigParser reads "%" as interpolation: a URL with %-escapes (passwords, options) needs "%%".
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@cache
def head_revision() -> str | None:
    """The newest revision of the shipped migration scripts, the same for every database (read once per
    process: the scripts are package files and do not change while it runs)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return ScriptDirectory.from_config(config).get_current_head()


def is_empty(engine: Engine) -> bool:
    """Whether the database has no tables at all (``serve`` then upgrades it itself)."""
    return not inspect(engine).get_table_names()
