"""uptime coverage: the spans each uptime item was watched in (spec 1.1 §3, "no data is not success").

An outages import covers ``--covers A..B`` (by default its earliest to its latest instant) for every
item (``uptime_id`` ``*``); a checks import covers each monitor's span. Uptime is measured over these
spans only; an item no span covers has no data.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 07:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uptime_coverage",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("uptime_id", sa.String(length=200), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_uptime_coverage_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uptime_coverage")),
        sa.UniqueConstraint(
            "client_id",
            "uptime_id",
            "start",
            "source",
            name=op.f("uq_uptime_coverage_client_id_uptime_id_start_source"),
        ),
    )


def downgrade() -> None:
    op.drop_table("uptime_coverage")
