"""link: a candidate a reviewer split off its cluster stays on its own

Revision ID: 0005_link
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_link"
down_revision = "0005_sec"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("candidates", sa.Column("separate", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("candidates") as batch:
        batch.drop_column("separate")
