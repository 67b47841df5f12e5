"""search_index

Revision ID: 0003
Revises: 0002

The full-text index of incidents: SQLite FTS5 (`incident_search`, keyed through
`incident_search_keys`) or PostgreSQL (`incident_search` with a `tsvector` and a GIN index).

Each incident's document is its title, place, country and codes, the names of the actors
involved (and the registry aliases of known ones: "VAJA" finds the Ministry of Intelligence)
and the quotes of its *public* claims. Restricted claims never enter it, so neither a search
hit nor a snippet can reveal them.

Triggers keep it in step rather than a service hook: every path that writes incidents,
claims or involvements (imports, review merges, edits, the CLI, a later migration's SQL)
updates the index in the same transaction without having to remember to, and the index
cannot drift from the data. Note for later SQLite migrations: a batch (copy-and-rename)
alteration of `incidents` drops the triggers on that table; such a migration must run this
module's `_sqlite_incident_triggers()` statements again.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _body(dialect: str) -> str:
    """The SQL expression of the searchable text of incident `i`."""
    if dialect == "postgresql":
        agg, affiliations = "string_agg({}, ' ')", "v.affiliations::text"
    else:
        agg, affiliations = "group_concat({}, ' ')", "v.affiliations"
    parts = [
        "i.title",
        "i.place",
        "i.country",
        "i.origin_state",
        "i.tactic",
        "i.status",
        f"(SELECT {agg.format('a.name')} FROM involvements v JOIN actors a ON a.id = v.actor_id"
        " WHERE v.incident_id = i.id)",
        f"(SELECT {agg.format(affiliations)} FROM involvements v WHERE v.incident_id = i.id)",
        # Registry aliases only: a person's alias list could hold a spelling a restricted claim gave.
        f"(SELECT {agg.format('al.alias')} FROM involvements v JOIN actors a ON a.id = v.actor_id"
        " JOIN actor_aliases al ON al.actor_id = a.id WHERE v.incident_id = i.id AND a.known)",
        f"(SELECT {agg.format('c.quote')} FROM claims c"
        " WHERE c.incident_id = i.id AND NOT c.restricted AND c.quote IS NOT NULL)",
    ]
    return " || ' ' || ".join(f"coalesce({part}, '')" for part in parts)


def _sqlite_refresh(target: str) -> str:
    """Statements (for a trigger body) that rebuild the entry of the incident whose id is `target`."""
    return f"""
        INSERT OR IGNORE INTO incident_search_keys (incident_id)
            SELECT id FROM incidents WHERE id = {target};
        DELETE FROM incident_search
            WHERE rowid = (SELECT key FROM incident_search_keys WHERE incident_id = {target});
        INSERT INTO incident_search (rowid, body)
            SELECT k.key, {_body("sqlite")}
            FROM incidents i JOIN incident_search_keys k ON k.incident_id = i.id WHERE i.id = {target};
    """


def _sqlite_incident_triggers() -> list[str]:
    """The triggers on `incidents` itself (a batch alteration of that table drops them)."""
    return [
        f"CREATE TRIGGER incident_search_incident_insert AFTER INSERT ON incidents BEGIN"
        f" {_sqlite_refresh('NEW.id')} END",
        f"CREATE TRIGGER incident_search_incident_update AFTER UPDATE ON incidents BEGIN"
        f" {_sqlite_refresh('NEW.id')} END",
        "CREATE TRIGGER incident_search_incident_delete AFTER DELETE ON incidents BEGIN"
        " DELETE FROM incident_search WHERE rowid ="
        " (SELECT key FROM incident_search_keys WHERE incident_id = OLD.id);"
        " DELETE FROM incident_search_keys WHERE incident_id = OLD.id; END",
    ]


def _sqlite_upgrade() -> None:
    # A rowid table maps text incident ids to the integer rowids FTS5 needs, so an update
    # finds its row by index instead of scanning the FTS table.
    op.execute("CREATE TABLE incident_search_keys (key INTEGER PRIMARY KEY, incident_id VARCHAR(32) NOT NULL UNIQUE)")
    op.execute("CREATE VIRTUAL TABLE incident_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    for statement in _sqlite_incident_triggers():
        op.execute(statement)
    for table in ("claims", "involvements"):
        op.execute(
            f"CREATE TRIGGER incident_search_{table}_insert AFTER INSERT ON {table}"
            f" WHEN NEW.incident_id IS NOT NULL BEGIN {_sqlite_refresh('NEW.incident_id')} END"
        )
        op.execute(
            f"CREATE TRIGGER incident_search_{table}_delete AFTER DELETE ON {table}"
            f" WHEN OLD.incident_id IS NOT NULL BEGIN {_sqlite_refresh('OLD.incident_id')} END"
        )
        op.execute(
            f"CREATE TRIGGER incident_search_{table}_update AFTER UPDATE ON {table} BEGIN"
            f" {_sqlite_refresh('OLD.incident_id')} {_sqlite_refresh('NEW.incident_id')} END"
        )
    op.execute("INSERT INTO incident_search_keys (incident_id) SELECT id FROM incidents")
    op.execute(
        f"INSERT INTO incident_search (rowid, body) SELECT k.key, {_body('sqlite')}"
        " FROM incidents i JOIN incident_search_keys k ON k.incident_id = i.id"
    )


def _postgresql_upgrade() -> None:
    op.execute(
        "CREATE TABLE incident_search (incident_id VARCHAR(32) PRIMARY KEY"
        " REFERENCES incidents (id) ON DELETE CASCADE, body TEXT NOT NULL, document TSVECTOR NOT NULL)"
    )
    op.execute("CREATE INDEX ix_incident_search_document ON incident_search USING GIN (document)")
    # 'simple': names in many languages and transliterations must not be stemmed as English.
    op.execute(f"""
        CREATE FUNCTION incident_search_refresh(target VARCHAR) RETURNS void LANGUAGE sql AS $$
            INSERT INTO incident_search (incident_id, body, document)
            SELECT i.id, b.body, to_tsvector('simple', b.body)
            FROM incidents i, LATERAL (SELECT {_body("postgresql")} AS body) b
            WHERE i.id = target
            ON CONFLICT (incident_id) DO UPDATE SET body = EXCLUDED.body, document = EXCLUDED.document
        $$
    """)
    op.execute("""
        CREATE FUNCTION incident_search_on_incident() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM incident_search_refresh(NEW.id);
            RETURN NULL;
        END $$
    """)
    op.execute("""
        CREATE FUNCTION incident_search_on_child() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                IF OLD.incident_id IS NOT NULL THEN PERFORM incident_search_refresh(OLD.incident_id); END IF;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                IF NEW.incident_id IS NOT NULL THEN PERFORM incident_search_refresh(NEW.incident_id); END IF;
            END IF;
            RETURN NULL;
        END $$
    """)
    op.execute(
        "CREATE TRIGGER incident_search_incident AFTER INSERT OR UPDATE ON incidents"
        " FOR EACH ROW EXECUTE FUNCTION incident_search_on_incident()"
    )
    for table in ("claims", "involvements"):
        op.execute(
            f"CREATE TRIGGER incident_search_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}"
            " FOR EACH ROW EXECUTE FUNCTION incident_search_on_child()"
        )
    op.execute("SELECT incident_search_refresh(id) FROM incidents")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS incident_search_incident ON incidents")
        for table in ("claims", "involvements"):
            op.execute(f"DROP TRIGGER IF EXISTS incident_search_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS incident_search_on_child()")
        op.execute("DROP FUNCTION IF EXISTS incident_search_on_incident()")
        op.execute("DROP FUNCTION IF EXISTS incident_search_refresh(VARCHAR)")
        op.execute("DROP TABLE IF EXISTS incident_search")
        return
    for name in ("incident_insert", "incident_update", "incident_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS incident_search_{name}")
    for table in ("claims", "involvements"):
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS incident_search_{table}_{event}")
    op.execute("DROP TABLE IF EXISTS incident_search")
    op.execute("DROP TABLE IF EXISTS incident_search_keys")
