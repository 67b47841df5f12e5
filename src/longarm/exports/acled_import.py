"""`longarm import --format acled`: the rows of an ACLED export that fit become candidates in the review queue.

A row fits when it is an attack, an abduction, an arrest or a disrupted weapons use (ACLED's
sub-event types) and something in it says the target was reached across a border: the
perpetrator is the forces of another state than the one it happened in, or the notes name the
target an exile, dissident, refugee or the like. Rows a longarm export wrote (tagged in `notes`)
fit by construction. Every other row is skipped with its reason; reviewers decide the rest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from longarm.audit.actions import AuditAction
from longarm.audit.service import record_event
from longarm.auth.permissions import Principal
from longarm.errors import BadInput
from longarm.exports.acled_format import GEO_PRECISION, TAG
from longarm.exports.importing import split_cell
from longarm.incidents import fields
from longarm.incidents.list_codes import bracketed, date_from_code
from longarm.incidents.schemas import Evidence, ExtractedIncident
from longarm.names.countries import country_code
from longarm.review import service as review
from longarm.sources import service as sources
from longarm.sources.evidence import EvidenceStore
from longarm.sources.models import Source, SourceKind

NEEDED = ("event_date", "sub_event_type", "actor1", "country", "notes")
FITTING = {"Attack", "Abduction/forced disappearance", "Arrests", "Disrupted weapons use"}
_STATE_FORCES = re.compile(
    r"^(?:Military|Police|Government|Intelligence|Security|Prison|Naval|Air) Forces of (?:the )?(?P<state>.+?)\s*\("
)
_ABROAD = re.compile(
    r"\b(?:dissidents?|exiles?|exiled|refugees?|asylum[- ]seekers?|diaspora|[ée]migr[ée]s?|expatriates?|"
    r"opposition (?:figure|activist|leader)s? (?:living )?abroad|living abroad|critics? of the)\b",
    re.IGNORECASE,
)
_TAGGED = re.compile(rf"\s*\[{TAG}: (?P<fields>[^\]]*)\]\s*$")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d/%m/%Y")
PRECISION = {code: name for name, code in GEO_PRECISION.items()}


@dataclass
class AcledImport:
    """What an ACLED import did: candidates queued, and each skipped row with its reason."""

    source_id: str | None = None
    candidates: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, event id, reason) for every row left out."""

    def reasons(self) -> dict[str, int]:
        """How many rows were skipped for each reason, most common first."""
        counts: dict[str, int] = {}
        for _line, _event, reason in self.skipped:
            counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _country_code(row: dict[str, str]) -> str | None:
    iso = (row.get("iso") or "").strip()
    named = (iso.zfill(3) if iso.isdigit() else "", row.get("iso3") or "", row.get("country") or "")
    return next((code for text in named if (code := country_code(text))), None)


def _day(text: str) -> date:
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date ACLED writes (2020-05-09, 09 May 2020 or 9-May-20)")


def _date(row: dict[str, str]) -> dict[str, str]:
    """The row's date as a range at a precision (ACLED's own rows always have one; a longarm row may not)."""
    day = _day(row["event_date"])
    precision = (row.get("time_precision") or "1").strip()
    if precision == "3":  # only the month is known
        last = monthrange(day.year, day.month)[1]
        return {"start": f"{day:%Y-%m}-01", "end": f"{day:%Y-%m}-{last:02d}", "precision": "month"}
    if precision == "2":  # within a week of the date given
        return {"start": str(day - timedelta(days=3)), "end": str(day + timedelta(days=3)), "precision": "day"}
    return {"start": str(day), "end": str(day), "precision": "day"}


def _tagged(notes: str) -> tuple[str, dict[str, str]]:
    """The notes without longarm's tag, and the tag's fields (none for ACLED's own rows)."""
    match = _TAGGED.search(notes)
    if match is None:
        return notes, {}
    pairs = (part.partition("=") for part in match["fields"].split("; "))
    return notes[: match.start()], {key: value for key, _, value in pairs}


def fits(row: dict[str, str]) -> str | None:
    """None when the row is transnational repression to review; otherwise why it is skipped."""
    if _tagged(row.get("notes") or "")[1]:
        return None
    kind = (row.get("sub_event_type") or "").strip()
    if kind not in FITTING:
        kinds = f"{row.get('event_type') or 'no event type'} / {kind or 'no sub-event type'}"
        return f"{kinds}: not an attack, abduction, arrest or disrupted weapons use"
    state = _STATE_FORCES.match(row.get("actor1") or "")
    if state and state["state"] != (row.get("country") or "").strip():
        return None
    if _ABROAD.search(row.get("notes") or ""):
        return None
    return "no sign the target lives abroad (no foreign state's forces, no exile, dissident or refugee named)"


def _people(row: dict[str, str], column: str) -> list[tuple[str, list[str]]]:
    """The `Name [details]` items a longarm export wrote into an actor column."""
    return [bracketed(item, column) for item in split_cell(row.get(column))]


def _location(row: dict[str, str]) -> dict[str, Any] | None:
    """Where the row places the event: only what it gives, None when it gives nothing."""
    lat, lon = (row.get("latitude") or "").strip(), (row.get("longitude") or "").strip()
    geo = (row.get("geo_precision") or "").strip()
    found = {
        "place": (row.get("location") or "").strip() or None,
        "country": _country_code(row),
        "lat": float(lat) if lat else None,
        "lon": float(lon) if lon else None,
        "precision": PRECISION.get(int(geo)) if geo.isdigit() else None,
    }
    return {key: value for key, value in found.items() if value is not None} or None


def incident_of(row: dict[str, str], text: str) -> ExtractedIncident:
    """The row as an extracted incident, its notes quoted where they are in the file's `text`, ready to queue."""
    notes, tag = _tagged(row.get("notes") or "")
    kind = (row.get("sub_event_type") or "").strip()
    fatalities = int(float(row["fatalities"])) if (row.get("fatalities") or "").strip() else None
    state = _STATE_FORCES.match(row.get("actor1") or "")
    tactic = {"Abduction/forced disappearance": "abduction", "Arrests": "detention"}.get(
        kind, "killing" if fatalities else "assault" if kind == "Attack" else "other"
    )
    # What a candidate keeps: the incident in the shape `longarm extract` writes, before it is checked.
    written: dict[str, Any] = {
        "tactic": tag.get("tactic", tactic),
        "status": tag.get("status", "foiled" if kind == "Disrupted weapons use" else "completed"),
        "date": date_from_code(tag["date"], "notes")
        if "date" in tag
        else _date(row)
        if row.get("event_date")
        else None,
        "location": _location(row),
        "origin_state": tag.get("origin_state") or (country_code(state["state"]) if state else None),
        "fatalities": None if tag.get("fatalities") == "unknown" else fatalities,
        # ACLED's own rows name groups, not people: the actor is the perpetrator, the victims stay unnamed.
        "victims": [{"name": name or None, "affiliations": details} for name, details in _people(row, "assoc_actor_2")]
        if tag
        else [],
        "perpetrators": [
            {"name": name or None, "id": (details + [""])[0] or None, "kind": (details + ["", "unknown"])[1]}
            for name, details in _people(row, "assoc_actor_1")
        ]
        if tag
        else [{"name": row["actor1"].strip(), "kind": "state_agency" if state else "unknown"}],
        "acled": {key: row.get(key) or "" for key in ("event_id_cnty", "event_type", "sub_event_type", "source")}
        | {"notes": notes.strip()},
    }
    if tag.get("attribution"):
        written["attribution"] = {"basis": tag["attribution"]}
    written["evidence"] = [quote.model_dump() for quote in evidence(text, row)]
    return ExtractedIncident.model_validate(written)


QUOTED = tuple(f.key for f in fields.FIELDS if f.name not in ("title", "outcome"))
"""The values a row's notes are quoted for: ACLED's own words are the evidence a reviewer reads."""


def evidence(text: str, row: dict[str, str]) -> list[Evidence]:
    """The row's notes as the quote for each value, placed in the file (where CSV doubles its quotes)."""
    notes = (row.get("notes") or "").strip()
    start = text.find(notes) if notes else -1
    if start < 0 and notes:
        start = text.find(notes.replace('"', '""'))
    if start < 0:
        return []
    end = start + len(notes if text.startswith(notes, start) else notes.replace('"', '""'))
    return [Evidence(field=name, quote=notes, start=start, end=end) for name in QUOTED]


def _rows(data: bytes, *, name: str) -> tuple[str, list[dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{name}: not UTF-8 text (byte {error.start}); save it as UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in NEEDED if column not in header]
    if missing:
        raise BadInput(f"{name}: no {', '.join(missing)} column(s); is this an ACLED export?")
    return text, list(reader)


def import_acled(*, session: Session, store: EvidenceStore, path: Path, principal: Principal) -> AcledImport:
    """Store the file as a source, queue a candidate per fitting row, and say why each other row was skipped."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"{path}: cannot be read ({error.strerror}).") from None
    text, rows = _rows(data, name=str(path))
    digest = hashlib.sha256(data).hexdigest()
    result = AcledImport()
    if (known := sources.by_sha256(session=session, sha256=digest)) is not None:
        raise BadInput(f"{path}: already imported (source {known.id}); nothing to do.")
    chosen: list[tuple[int, ExtractedIncident]] = []
    for line, row in enumerate(rows, 2):
        event = (row.get("event_id_cnty") or "").strip() or f"line {line}"
        reason = fits(row)
        if reason is None:
            try:
                chosen.append((line, incident_of(row, text)))
                continue
            except ValueError as error:
                reason = str(error)
        result.skipped.append((line, event, reason))
    source = Source(
        title=f"ACLED export {path.name}",
        publisher="ACLED (Armed Conflict Location & Event Data)",
        sha256=digest,
        snapshot_sha256=store.put(data),
        media_type="text/csv",
        kind=SourceKind.other.value,
        ingested_by=principal.label,
        note="An ACLED export; each candidate names its row by event_id_cnty and ACLED's own sources.",
    )
    session.add(source)
    session.flush()
    for line, incident in chosen:
        review.queue(session=session, source=source, incident=incident, index=line, made_by="acled import")
    result.source_id, result.candidates = source.id, len(chosen)
    record_event(
        session=session,
        actor=principal.label,
        action=AuditAction.source_import_acled,
        target_type="source",
        target_id=source.id,
        after={"sha256": digest, "candidates": result.candidates, "skipped": len(result.skipped)},
    )
    review.link(session=session, principal=principal, auto_merge=False)  # rank their matches for the queue
    return result


def skip_report(result: AcledImport) -> str:
    """Every skipped row as CSV: line, event_id_cnty, reason."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["line", "event_id_cnty", "reason"])
    writer.writerows(result.skipped)
    return buffer.getvalue()
