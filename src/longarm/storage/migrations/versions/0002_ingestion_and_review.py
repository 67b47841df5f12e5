"""ingestion and review: snapshot hash on sources, blocking keys on candidates

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("snapshot_sha256", sa.String(length=64), nullable=True))
        batch.create_index("ix_sources_snapshot_sha256", ["snapshot_sha256"])
    with op.batch_alter_table("candidates") as batch:
        batch.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("country", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("name_keys", sa.Text(), nullable=False, server_default=""))
        batch.create_index("ix_candidates_year", ["year"])
        batch.create_index("ix_candidates_country", ["country"])


def downgrade() -> None:
    with op.batch_alter_table("candidates") as batch:
        batch.drop_index("ix_candidates_country")
        batch.drop_index("ix_candidates_year")
        batch.drop_column("name_keys")
        batch.drop_column("country")
        batch.drop_column("year")
    with op.batch_alter_table("sources") as batch:
        batch.drop_index("ix_sources_snapshot_sha256")
        batch.drop_column("snapshot_sha256")
