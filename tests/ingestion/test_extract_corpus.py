"""Regression floor for `longarm extract` on the project's own annotated articles (corpus to corpus5).

Each set was written and annotated before the extractor was run on it. corpus2's failures have since guided recall
work, so corpus3 is now the one used only to measure: its score is the project's estimate of performance on unseen
articles, so keep tuning on corpus and corpus2 and check corpus3 moves too. corpus4 (eight articles) has since taken
corpus3's place as the set only measured, never tuned on; corpus5 (six articles) now takes that role in turn.

The texts are written for the project about cases across many origin states; gold/NAME.json follows the gold
conventions of the shared evaluation (keys, optional incidents, victim aliases). The scoring below is a small
re-implementation of slot F1: each predicted incident pairs with at most one gold incident, and every filled field
(tactic, status, date parts, country, place, origin, fatalities, each victim, each perpetrator, each outcome type)
is a slot that is right only when it agrees with its pair.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from pathlib import Path

import pytest

from longarm.ingestion.extract import extract_text, propose

CORPUS = Path(__file__).parent / "corpus"
# (slot F1 floor, incident F1 floor): each set's score with the learned decisions and slots, less 0.05.
# The rules alone scored 0.70/0.58/0.63/0.51/0.60 slot F1 here (corpus was the set they were written on);
# with the models trained on the annotated pool: 0.58/0.58/0.76/0.75/0.71.
FLOORS = {
    CORPUS: (0.50, 0.53),
    Path(__file__).parent / "corpus2": (0.52, 0.60),
    Path(__file__).parent / "corpus3": (0.70, 0.80),
    Path(__file__).parent / "corpus4": (0.67, 0.75),
    Path(__file__).parent / "corpus5": (0.65, 0.85),
}


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", " ", re.sub(r"[\u2018\u2019'`]", "", s)).strip()
    return re.sub(r"^the ", "", s)


def _close(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _name_match(a: str | None, b: str | None) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a == b or _close(a, b):
        return True
    ta, tb = a.split(), b.split()
    if _close(ta[-1], tb[-1]) and (len(ta) == 1 or len(tb) == 1 or ta[0][0] == tb[0][0]):
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(short) == 1 and any(_close(short[0], t) for t in long_)


def _names(v: dict) -> list[str]:
    return [n for n in [v.get("name"), *v.get("aliases", [])] if n]


def _slots(inc: dict) -> dict[str, list]:
    date, loc = inc.get("date") or {}, inc.get("location") or {}
    parts = [int(x) for x in (date.get("start") or "").split("-") if x]
    precision = date.get("precision")
    out: dict[str, list] = {k: [inc[k]] for k in ("tactic", "status", "origin_state") if inc.get(k)}
    for key, n, needs in (("year", 0, ()), ("month", 1, ("month", "day")), ("day", 2, ("day",))):
        if len(parts) > n and (not needs or precision in needs):
            out[key] = [parts[n]]
    for key, value in (
        ("country", loc.get("country")),
        ("place", loc.get("place")),
        ("fatalities", inc.get("fatalities")),
    ):
        if value is not None:
            out[key] = [value]
    out["victim"] = [v for v in inc.get("victims") or [] if v.get("name")]
    out["perpetrator"] = list(inc.get("perpetrators") or [])
    out["outcome"] = sorted({o["type"] for o in inc.get("outcomes") or []})
    return out


def _perp_match(p: dict, g: dict) -> bool:
    if p.get("id") and g.get("id"):
        return p["id"] == g["id"] or g["id"].startswith(p["id"] + ".") or p["id"].startswith(g["id"] + ".")
    return any(_name_match(a, b) for a in _names(p) for b in _names(g))


def _hits(pred: dict, gold: dict) -> int:
    ps, gs = _slots(pred), _slots(gold)
    hits = sum(
        bool(ps.get(k) and gs.get(k) and ps[k][0] == gs[k][0])
        for k in ("tactic", "status", "origin_state", "year", "month", "day", "country", "fatalities")
    )
    hits += bool(ps.get("place") and gs.get("place") and _close(_norm(ps["place"][0]), _norm(gs["place"][0])))
    for kind, match in (
        ("victim", lambda a, b: any(_name_match(x, y) for x in _names(a) for y in _names(b))),
        ("perpetrator", _perp_match),
    ):
        free = list(gs[kind])
        for p in ps[kind]:
            g = next((g for g in free if match(p, g)), None)
            if g is not None:
                free.remove(g)
                hits += 1
    return hits + len(set(ps["outcome"]) & set(gs["outcome"]))


def _similarity(p: dict, g: dict) -> int:
    pl, gl = p.get("location") or {}, g.get("location") or {}
    years = [(d or {}).get("start", "")[:4] for d in (p.get("date"), g.get("date"))]
    return (
        3 * any(_name_match(a, b) for pv in p["victims"] for gv in g["victims"] for a in _names(pv) for b in _names(gv))
        + 2 * bool(pl.get("country") and pl.get("country") == gl.get("country"))
        + 2 * bool(years[0] and years[0] == years[1])
        + (p["tactic"] == g["tactic"])
        + bool(pl.get("place") and gl.get("place") and _close(_norm(pl["place"]), _norm(gl["place"])))
    )


def _needed(g: dict) -> int:
    """Similarity a prediction needs to pair with g: 4, or all that g offers when less (at least 3)."""
    loc = g.get("location") or {}
    offers = (
        3 * any(v.get("name") for v in g["victims"])
        + 2 * bool(loc.get("country"))
        + 2 * bool((g.get("date") or {}).get("start"))
        + bool(g.get("tactic"))
        + bool(loc.get("place"))
    )
    return max(3, min(4, offers))


def _score(corpus: Path = CORPUS) -> tuple[float, float]:
    """Slot F1 and incident F1 over a whole corpus."""
    published = dict(line.split("\t")[:2] for line in (corpus / "manifest.tsv").read_text().splitlines()[1:])
    tp = n_pred = n_gold = inc_tp = inc_pred = inc_gold = 0
    for gold_file in sorted((corpus / "gold").glob("*.json")):
        golds = json.loads(gold_file.read_text())["incidents"]
        text = (corpus / f"{gold_file.stem}.txt").read_text()
        preds, _ = extract_text(text, published=published[f"{gold_file.stem}.txt"])
        pairs: dict[int, int] = {}
        cand = sorted(
            ((_similarity(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)), reverse=True
        )
        for s, i, j in cand:
            if s >= _needed(golds[j]) and i not in pairs and j not in pairs.values():
                pairs[i] = j
        for i, p in enumerate(preds):
            j = pairs.get(i)
            if j is not None and golds[j]["optional"]:
                continue
            n_pred += sum(len(v) for v in _slots(p).values())
            inc_pred += 1
            if j is not None:
                tp += _hits(p, golds[j])
                inc_tp += 1
        for g in golds:
            if not g["optional"]:
                n_gold += sum(len(v) for v in _slots(g).values())
                inc_gold += 1

    def f1(hit: int, n_p: int, n_g: int) -> float:
        p, r = hit / max(1, n_p), hit / max(1, n_g)
        return 2 * p * r / (p + r) if p + r else 0.0

    return f1(tp, n_pred, n_gold), f1(inc_tp, inc_pred, inc_gold)


@pytest.fixture(scope="module", params=list(FLOORS), ids=lambda p: p.name)
def scored(request) -> tuple[Path, tuple[float, float]]:
    """A corpus with its slot and incident F1, computed once."""
    return request.param, _score(request.param)


@pytest.mark.parametrize("corpus", list(FLOORS), ids=lambda p: p.name)
def test_corpus_is_well_formed(corpus: Path):
    names = [line.split("\t")[0] for line in (corpus / "manifest.tsv").read_text().splitlines()[1:]]
    assert len(names) >= 6
    for name in names:
        assert (corpus / name).exists()
        gold = json.loads((corpus / "gold" / name.replace(".txt", ".json")).read_text())
        assert gold["file"] == name and gold["incidents"]


def test_slot_f1_floor(scored):
    corpus, scores = scored
    assert scores[0] >= FLOORS[corpus][0]


def test_incident_f1_floor(scored):
    corpus, scores = scored
    assert scores[1] >= FLOORS[corpus][1]


def test_key_facts_of_single_incident_articles():
    """Spot checks that the rules read the victim, place and origin of a few one-incident stories: what the
    learned decisions start from (which values they keep is measured by `make eval` and `make cv`)."""
    published = dict(line.split("\t")[:2] for line in (CORPUS / "manifest.tsv").read_text().splitlines()[1:])
    for name, victim, place, origin in (
        ("11_rw_cape_town_rnc_shooting", "Seif Bamporiki", "Cape Town", "RW"),
        ("22_vn_berlin_kidnap_verdict", "Trinh Xuan Thanh", None, "VN"),
    ):
        proposed = propose((CORPUS / f"{name}.txt").read_text(), published=published[f"{name}.txt"])
        incidents = [p.incident for p in proposed.proposals]
        assert any(
            any(v["name"] == victim for v in i["victims"])
            and (place is None or (i["location"] or {}).get("place") == place)
            and i["origin_state"] == origin
            for i in incidents
        ), name
