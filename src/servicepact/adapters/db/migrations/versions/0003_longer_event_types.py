"""longer ticket event types (spec 1.1's ``after_hours_approved`` has 20 characters), and events by time.

A period reads the tickets with an event in it (``period_tickets``): ``ix_ticket_events_at`` finds them
without scanning every event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 06:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot ALTER a column's type in place, so Alembic copies the table there.
    with op.batch_alter_table("ticket_events") as table:
        table.alter_column("type", existing_type=sa.String(16), type_=sa.String(32), existing_nullable=False)
    op.create_index("ix_ticket_events_at", "ticket_events", ["at"])


def downgrade() -> None:
    op.drop_index("ix_ticket_events_at", table_name="ticket_events")
    with op.batch_alter_table("ticket_events") as table:
        table.alter_column("type", existing_type=sa.String(32), type_=sa.String(16), existing_nullable=False)
