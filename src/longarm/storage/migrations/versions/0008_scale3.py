"""scale3: PostgreSQL's search triggers step aside for one transaction that asks (a bulk load), without a lock

Revision ID: 0008_scale3
Revises: 0007_scale2

The search index's row triggers (0003) rebuild an incident's document on every claim written:
an import of 100,000 incidents ran 1.6 million rebuilds, an hour. Disabling the triggers takes
a lock that keeps every reader out until the import commits; instead the trigger functions now
return at once when the transaction has set `longarm.search_held` to `on`
(`longarm.incidents.search_index.suspended`), which then indexes each incident once. Other
transactions, and every write that does not ask, keep the triggers as they were.
"""

from __future__ import annotations

from alembic import op

revision = "0008_scale3"
down_revision = "0007_scale2"
branch_labels = None
depends_on = None

_HELD = "IF current_setting('longarm.search_held', true) = 'on' THEN RETURN NULL; END IF;"


def _functions(held: str) -> list[str]:
    return [
        f"""
        CREATE OR REPLACE FUNCTION incident_search_on_incident() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {held}
            PERFORM incident_search_refresh(NEW.id);
            RETURN NULL;
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION incident_search_on_child() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {held}
            IF TG_OP <> 'INSERT' THEN
                IF OLD.incident_id IS NOT NULL THEN PERFORM incident_search_refresh(OLD.incident_id); END IF;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                IF NEW.incident_id IS NOT NULL THEN PERFORM incident_search_refresh(NEW.incident_id); END IF;
            END IF;
            RETURN NULL;
        END $$
        """,
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _functions(_HELD):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _functions(""):
            op.execute(statement)
