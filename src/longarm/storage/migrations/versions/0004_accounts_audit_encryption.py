"""accounts_audit_encryption: sessions, API tokens, the audit chain, sealed claim values

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_sessions_token_hash")),
    )
    op.create_index(op.f("ix_user_sessions_user_id"), "user_sessions", ["user_id"], unique=False)
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_prefix"), "api_tokens", ["prefix"], unique=False)
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target_type", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.String(length=100), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_events_seq")),
    )
    op.create_index(op.f("ix_audit_events_action"), "audit_events", ["action"], unique=False)
    op.create_index("ix_audit_events_target", "audit_events", ["target_type", "target_id"], unique=False)
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": ""}])
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.Text(), nullable=True))
    _seal_existing_restricted_claims()


_CLAIMS = sa.table(
    "claims",
    sa.column("id", sa.Integer),
    sa.column("field", sa.String),
    sa.column("restricted", sa.Boolean),
    sa.column("value", sa.JSON),
    sa.column("quote", sa.Text),
    sa.column("note", sa.Text),
    sa.column("item_key", sa.String),
    sa.column("sealed", sa.Text),
)


def _seal_existing_restricted_claims() -> None:
    # A database from before encryption may hold restricted values in clear: seal them now.
    claims = _CLAIMS
    connection = op.get_bind()
    rows = connection.execute(sa.select(claims).where(claims.c.restricted.is_(True))).mappings().all()
    if not rows:
        return
    from longarm.incidents.sealing import SEALED_FIELDS, context_for
    from longarm.security.keys import store_of

    keyring = store_of(connection).keyring(create=True)
    for row in rows:
        content = {name: row[name] for name in SEALED_FIELDS if row[name] is not None}
        connection.execute(
            claims.update()
            .where(claims.c.id == row["id"])
            .values(
                sealed=keyring.seal(content, context=context_for(SimpleNamespace(**row))),
                value=None,
                quote=None,
                note=None,
                item_key=None,
            )
        )


def _unseal_claims() -> None:
    # The old schema has no envelope: put sealed values back rather than lose them.
    connection = op.get_bind()
    rows = connection.execute(sa.select(_CLAIMS).where(_CLAIMS.c.sealed.is_not(None))).mappings().all()
    if not rows:
        return
    from longarm.incidents.sealing import context_for
    from longarm.security.keys import store_of

    keyring = store_of(connection).keyring()
    for row in rows:
        content = keyring.open(row["sealed"], context=context_for(SimpleNamespace(**row), row["sealed"]))
        connection.execute(_CLAIMS.update().where(_CLAIMS.c.id == row["id"]).values(sealed=None, **content))


def downgrade() -> None:
    _unseal_claims()
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    op.drop_table("audit_head")
    op.drop_index("ix_audit_events_target", table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_action"), table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_index(op.f("ix_api_tokens_prefix"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index(op.f("ix_user_sessions_user_id"), table_name="user_sessions")
    op.drop_table("user_sessions")
