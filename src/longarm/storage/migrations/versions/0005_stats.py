"""estimate_scope: the tactic and years an estimate covers, so the database can count the same scope

Revision ID: 0005_stats
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_stats"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("estimates") as batch:
        batch.add_column(sa.Column("tactic", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("year_from", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("year_to", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("estimates") as batch:
        batch.drop_column("year_to")
        batch.drop_column("year_from")
        batch.drop_column("tactic")
