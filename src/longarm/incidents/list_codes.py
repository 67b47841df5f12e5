"""The CSV export's codes for list items, and back: `Name [a, b]`, `type [years=N, date=START..END/precision]`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_BRACKETED = re.compile(r"^(?P<name>.*?)\s*\[(?P<details>[^\]]*)\]$")
_DATE_CODE = re.compile(r"^(?P<start>[^.]+)\.\.(?P<end>[^/]+)/(?P<precision>\w+)$")


def _date_code(date: Mapping[str, str] | None) -> str:
    return f"{date['start']}..{date['end']}/{date['precision']}" if date else ""


def outcome_code(outcome: Mapping[str, Any]) -> str:
    """`sentence [years=25, date=2013-05-30..2013-05-30/day]`."""
    details = []
    if outcome.get("years") is not None:
        details.append(f"years={outcome['years']:g}")
    if outcome.get("date"):
        details.append(f"date={_date_code(outcome['date'])}")
    return str(outcome["type"]) + (f" [{', '.join(details)}]" if details else "")


def bracketed(item: str, column: str) -> tuple[str, list[str]]:
    """`Name [a, b]` as its name and details; a ValueError naming the column when it is not in that form."""
    match = _BRACKETED.match(item)
    if match is None:
        raise ValueError(f"field {column}: {item!r} is not in the form 'Name [details]'")
    details = [d.strip() for d in match["details"].split(",")] if match["details"].strip() else []
    return match["name"].strip(), details


def date_from_code(code: str, column: str) -> dict[str, str]:
    """`START..END/precision` as a date value; a ValueError naming the column when it is not in that form."""
    match = _DATE_CODE.match(code)
    if match is None:
        raise ValueError(f"field {column}: {code!r} is not a date range 'START..END/precision'")
    return match.groupdict()


def outcome_item(item: str) -> dict[str, Any]:
    """An outcome from its code: `type [years=N, date=START..END/precision]`."""
    kind, details = bracketed(item, "outcomes") if "[" in item else (item.strip(), [])
    outcome: dict[str, Any] = {"type": kind}
    for detail in details:
        key, _, value = detail.partition("=")
        if key == "years":
            outcome["years"] = value
        elif key == "date":
            outcome["date"] = date_from_code(value, "outcomes")
        else:
            raise ValueError(f"field outcomes: unknown detail {key!r} in {item!r}")
    return outcome


def victim_item(item: str) -> dict[str, Any]:
    """A victim from its code: `Name [affiliation, affiliation]`."""
    name, details = bracketed(item, "victims")
    return {"name": name or None, "affiliations": details}


def perpetrator_item(item: str) -> dict[str, Any]:
    """A perpetrator from its code: `Name [actor id, kind]`."""
    name, details = bracketed(item, "perpetrators")
    return {"name": name or None, "id": (details + [""])[0] or None, "kind": (details + ["", "unknown"])[1]}
