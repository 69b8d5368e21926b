"""Alembic environment: runs against the engine servicepact passes in (see ``adapters/db/migrate.py``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from servicepact.adapters.db.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("servicepact migrations run online only: `servicepact db upgrade`")
run_migrations_online()
