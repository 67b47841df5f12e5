"""Turn an annotator's draft (quotes) into a project annotation (character offsets only), validated.

    python -m training.annotate DRAFT.json [DRAFT.json ...] [--corpus DIR] [--out DIR]

A draft is the gold format of ../shared/tools/GOLD.md in which every evidence item and
every mention gives `quote` (an exact substring of the article) and optionally
`occurrence` (1 = first, the default) instead of `start`/`end`. The article texts are
third-party, so the project keeps only offsets and values: the quotes stay in the draft,
outside the repository. Exit 2 with one line per problem when a draft does not validate.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "pool"
OUT = ROOT / "annotations" / "pool"

TACTICS = {
    "killing",
    "assault",
    "abduction",
    "detention",
    "deportation",
    "surveillance",
    "threat",
    "coercion_by_proxy",
    "digital_attack",
    "legal_harassment",
    "other",
}
STATUSES = {"completed", "attempted", "foiled", "alleged"}
OUTCOMES = {
    "investigation",
    "arrest",
    "charge",
    "conviction",
    "acquittal",
    "sentence",
    "expulsion",
    "recall",
    "sanction",
    "extradition",
    "release",
    "execution",
}
KINDS = {"state_agency", "state_official", "proxy", "criminal", "individual", "unknown"}
BASES = {"court_ruling", "official", "indictment", "reporting", "allegation", "none"}
FIELDS = {
    "tactic",
    "status",
    "date",
    "place",
    "country",
    "origin_state",
    "fatalities",
    "victim",
    "perpetrator",
    "outcome",
    "attribution",
}
EXTRA_COUNTRIES = {"XK", "YU", "SU", "CS"}


def _countries() -> set[str]:
    return {c.alpha_2 for c in pycountry.countries} | EXTRA_COUNTRIES


def _actor_ids() -> set[str]:
    actors = json.loads((ROOT / "src" / "longarm" / "data" / "actors.json").read_text())
    return {a["id"] for a in actors}


def _span(text: str, item: dict[str, Any], where: str, problems: list[str]) -> dict[str, int] | None:
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote:
        problems.append(f"{where}: no quote")
        return None
    nth = int(item.get("occurrence", 1))
    start = -1
    for _ in range(nth):
        start = text.find(quote, start + 1)
        if start < 0:
            problems.append(f"{where}: quote not found (occurrence {nth}): {quote[:60]!r}")
            return None
    return {"start": start, "end": start + len(quote)}


def _check_date(date: Any, where: str, problems: list[str]) -> None:
    if date is None:
        return
    if not isinstance(date, dict) or date.get("precision") not in {"day", "month", "year"}:
        problems.append(f"{where}: date needs start, end and precision day|month|year")
        return
    for key in ("start", "end"):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date.get(key))):
            problems.append(f"{where}: date {key} must be YYYY-MM-DD")


def convert(draft: dict[str, Any], text: str, name: str) -> tuple[dict[str, Any], list[str]]:
    """Validate one draft against its article and return the offsets-only annotation and the problems."""
    problems: list[str] = []
    countries, actor_ids = _countries(), _actor_ids()
    relevant = draft.get("relevant")
    if relevant not in {"yes", "mixed", "no"}:
        problems.append(f"{name}: relevant must be yes, mixed or no")
    incidents = []
    for n, inc in enumerate(draft.get("incidents") or [], 1):
        where = f"{name} incident {n}"
        if not inc.get("key"):
            problems.append(f"{where}: no key")
        if inc.get("tactic") not in TACTICS:
            problems.append(f"{where}: tactic {inc.get('tactic')!r} not in the vocabulary")
        if inc.get("status") not in STATUSES:
            problems.append(f"{where}: status {inc.get('status')!r} not in the vocabulary")
        _check_date(inc.get("date"), where, problems)
        location = inc.get("location") or {}
        if location.get("country") and location["country"] not in countries:
            problems.append(f"{where}: country {location['country']!r} is not ISO 3166-1 alpha-2")
        if inc.get("origin_state") and inc["origin_state"] not in countries:
            problems.append(f"{where}: origin_state {inc['origin_state']!r} is not ISO 3166-1 alpha-2")
        for p in inc.get("perpetrators") or []:
            pid = p.get("id")
            if pid and pid not in actor_ids and not re.fullmatch(r"[A-Z]{2}\.GOV", pid):
                problems.append(f"{where}: perpetrator id {pid!r} is neither a registry id nor XX.GOV")
            if p.get("kind") not in KINDS:
                problems.append(f"{where}: perpetrator kind {p.get('kind')!r} not in the vocabulary")
        for o in inc.get("outcomes") or []:
            if o.get("type") not in OUTCOMES:
                problems.append(f"{where}: outcome {o.get('type')!r} not in the vocabulary")
            _check_date(o.get("date"), where, problems)
        basis = (inc.get("attribution") or {}).get("basis")
        if basis is not None and basis not in BASES:
            problems.append(f"{where}: attribution basis {basis!r} not in the vocabulary")
        evidence = []
        for e in inc.get("evidence") or []:
            if e.get("field") not in FIELDS:
                problems.append(f"{where}: evidence field {e.get('field')!r} unknown")
            span = _span(text, e, f"{where} evidence {e.get('field')}", problems)
            if span:
                evidence.append({"field": e.get("field"), **({"value": e["value"]} if "value" in e else {}), **span})
        mentions = [s for m in inc.get("mentions") or [] if (s := _span(text, m, f"{where} mention", problems))]
        if not mentions:
            problems.append(f"{where}: no mention of the act")
        kept = {k: v for k, v in inc.items() if k not in {"evidence", "mentions"}}
        incidents.append({**kept, "mentions": mentions, "evidence": evidence})
    annotation = {"file": f"{name}.txt", "relevant": relevant, "incidents": incidents}
    if draft.get("note"):
        annotation["note"] = draft["note"]
    return annotation, problems


def main(argv: list[str] | None = None) -> int:
    """Convert each draft; write nothing for a draft with problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in args.drafts:
        name = path.name.removesuffix(".json")
        try:
            draft = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            print(f"{path}: cannot read the draft: {error}", file=sys.stderr)
            failed += 1
            continue
        text = (args.corpus / f"{name}.txt").read_text(encoding="utf-8")
        annotation, problems = convert(draft, text, name)
        if problems:
            failed += 1
            print("\n".join(problems), file=sys.stderr)
            continue
        target = args.out / f"{name}.json"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(annotation, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(target)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
