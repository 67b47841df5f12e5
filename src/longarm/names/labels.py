"""The vocabularies' codes as people read them: in lists and pages, and in the titles longarm writes."""

from __future__ import annotations

from typing import Any

# Codes spelled out here; any other code reads as itself with spaces and a capital.
LABELS = {
    "coercion_by_proxy": "Coercion by proxy",
    "digital_attack": "Digital attack",
    "legal_harassment": "Legal harassment",
    "court_ruling": "Court ruling",
    "official": "Official statement",
    "court_record": "Court record",
    "official_statement": "Official statement",
    "news_report": "News report",
    "interested_party": "Interested party",
    "state_agency": "State agency",
    "state_official": "State official",
    "carried_out": "Carried out",
}

# A tactic as the head of a written title (`Killing of …`, `Foiled plot: killing of …`).
TACTIC_TITLES = {
    "killing": "Killing",
    "assault": "Assault",
    "abduction": "Abduction",
    "detention": "Detention",
    "deportation": "Deportation",
    "surveillance": "Surveillance",
    "threat": "Threats",
    "coercion_by_proxy": "Coercion of relatives",
    "digital_attack": "Digital attack",
    "legal_harassment": "Legal harassment",
    "other": "Incident",
}
STATUS_TITLES = {"foiled": "Foiled plot: ", "attempted": "Attempted ", "alleged": "Alleged "}


def label(code: Any) -> str:
    """A code as people read it: `coercion_by_proxy` → `Coercion by proxy`, `—` for none."""
    if code is None or code == "":
        return "—"
    text = str(code)
    return LABELS.get(text, text.replace("_", " ").capitalize())
