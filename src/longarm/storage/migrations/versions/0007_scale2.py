"""scale2: each incident's linking profile and blocking keys, so linking reads only the incidents near a candidate

Revision ID: 0007_scale2
Revises: 0006_scale

`incident_profiles` holds each incident's linking profile (JSON) and `incident_blocks` the keys
it is found under (`longarm.review.profile_store`); the write path keeps them in step. The
upgrade builds them for the incidents already stored.
"""

from __future__ import annotations

from alembic import op

revision = "0007_scale2"
down_revision = "0006_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from longarm.review import profile_store

    bind = op.get_bind()
    for table in (profile_store.profiles_table, profile_store.blocks_table):
        table.create(bind)
    profile_store.refresh_all(bind)


def downgrade() -> None:
    op.drop_table("incident_blocks")
    op.drop_table("incident_profiles")
