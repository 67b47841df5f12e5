"""A test build of longarm with one more claim field, declared the way a contributor would add it.

Run as `python -m tests.support.added_field HOME`: it declares `motive` in longarm.incidents.fields
(and its column, as a migration would add it) before anything else is imported, loads one
incident that states a motive, and prints what the JSON export, the CSV export, the API schema
and the edit form show of it, as one JSON object.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import warnings
from pathlib import Path

from sqlalchemy import String
from sqlalchemy.orm import mapped_column

from longarm.incidents import fields
from longarm.incidents.values import scalar_value

MOTIVE = fields.ClaimField(
    "motive",
    "Motive",
    "Why the target was chosen, in the sources' words.",
    str,
    scalar_value(str),
    cells=(fields.Cell(None, "motive", "motive", "motive", "Motive", "Why the target was chosen."),),
    group="what",
)
fields.FIELDS.append(MOTIVE)

from longarm.incidents.models import Incident  # noqa: E402  (after the declaration, as a build would be)

Incident.motive = mapped_column(String(200), nullable=True)  # type: ignore[attr-defined]

from longarm.auth import service as users  # noqa: E402
from longarm.auth import tokens  # noqa: E402
from longarm.config import Settings  # noqa: E402
from longarm.exports.importing import import_path  # noqa: E402
from longarm.exports.service import export_text  # noqa: E402
from longarm.storage.database import initialise, open_engine  # noqa: E402
from longarm.storage.engine import transaction  # noqa: E402
from longarm.web.app import create_app  # noqa: E402
from tests.security.helpers import sign_in  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

INCIDENT = {
    "id": "INC-MOTIVE",
    "title": "Threats against a journalist",
    "tactic": "threat",
    "motive": "her reporting on the protests",
    "sources": [{"id": "SRC-MOTIVE", "title": "A report written for this test"}],
}


def main(home: Path) -> None:
    """Build, load, and print what each door shows of the new field."""
    settings = Settings(home=home)
    engine = open_engine(settings)
    app = create_app(settings, engine=engine)
    initialise(engine, sample=False)
    with sqlite3.connect(home / "longarm.db") as connection:  # the field's migration
        connection.execute("ALTER TABLE incidents ADD COLUMN motive VARCHAR(200)")
    (home / "motive.json").write_text(json.dumps({"incidents": [INCIDENT]}), encoding="utf-8")
    with transaction(engine) as session:
        import_path(session=session, path=home / "motive.json", made_by="test")
    with transaction(engine) as session:
        exported = json.loads(export_text(session=session, format_name="json"))["incidents"][0]
        csv_text = export_text(session=session, format_name="csv")
        user = users.create(session=session, name="editor", role="editor", password="a long enough password")
        secret, _row = tokens.create(session=session, user=user, name="test", scopes=["read_public", "edit"], days=1)
    with TestClient(app, headers={"Authorization": f"Bearer {secret}"}) as client:
        schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["IncidentRecord"]
        edited = client.post(
            "/api/v1/incidents/INC-MOTIVE/edits",
            json={"values": {"motive": "his exile"}, "note": "a second report", "judgement": True, "override": True},
        ).json()
    with TestClient(app) as browser:
        sign_in(browser, "editor", "a long enough password")
        form = browser.get("/incidents/INC-MOTIVE/edit").text
    header, row = csv_text.splitlines()[:2]
    print(
        json.dumps(
            {
                "json": exported.get("motive"),
                "claims": [c["field"] for c in exported["claims"]],
                "csv": dict(zip(header.split(","), row.split(","), strict=True)).get("motive"),
                "schema": schema["properties"].get("motive"),
                "form": [line.strip() for line in form.splitlines() if "f-motive" in line],
                "edited": edited["incident"]["motive"],
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
