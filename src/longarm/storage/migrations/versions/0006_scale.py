"""scale: a data version the write path bumps, and indexes the list's sorts and filters use

Revision ID: 0006_scale
Revises: 0005_link

`data_version` holds one number that every write to incidents, claims or involvements
increases (triggers, like the search index, so no write path can forget it). Counts, facets
and search hits are cached under it: a reader pays for them once per change, not per page.
Note for later SQLite migrations: a batch (copy-and-rename) alteration of one of these tables
drops its triggers; such a migration must create them again (`_sqlite_triggers`).
"""

from __future__ import annotations

from alembic import op

revision = "0006_scale"
down_revision = "0005_link"
branch_labels = None
depends_on = None

TABLES = ("incidents", "claims", "involvements")
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
# (name, columns): the default order (newest first, id to break ties; with the audience's columns, so a
# page's ids are read from the index alone) and the facets' filters with it.
INDEXES = (
    ("ix_incidents_date_start_id", "date_start, id, publication_state, sensitivity"),
    ("ix_incidents_tactic_date", "tactic, date_start, id"),
    ("ix_incidents_country_date", "country, date_start, id"),
    ("ix_incidents_origin_state_date", "origin_state, date_start, id"),
    ("ix_incidents_title_id", "title, id"),
)


def _sqlite_triggers() -> list[str]:
    """One trigger per table and operation (SQLite has no statement-level triggers)."""
    return [
        f"CREATE TRIGGER data_version_{table}_{operation.lower()} AFTER {operation} ON {table} BEGIN {BUMP}; END"
        for table in TABLES
        for operation in ("INSERT", "UPDATE", "DELETE")
    ]


def upgrade() -> None:
    op.execute("CREATE TABLE data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)")
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")
    for name, columns in INDEXES:
        op.execute(f"CREATE INDEX {name} ON incidents ({columns})")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {BUMP};
                RETURN NULL;
            END $$
        """)
        for table in TABLES:
            # Once per statement: a bulk insert of a million claims bumps it once.
            op.execute(
                f"CREATE TRIGGER data_version_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}"
                " FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()"
            )
    else:
        for statement in _sqlite_triggers():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER data_version_{table} ON {table}")
        op.execute("DROP FUNCTION data_version_bump()")
    else:
        for table in TABLES:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER data_version_{table}_{operation}")
    for name, _columns in INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("DROP TABLE data_version")
