"""What linking compares of a candidate or an incident: its profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from longarm.incidents.schemas import ExtractedIncident
from longarm.names.folding import fold
from longarm.names.people import COMMON_NAME_TOKENS, name_tokens

_STOPWORDS = frozenset(
    """the a an of in on at to and or for by with from as is was were be been has had have his her their its it
    that this who which after over into than he she they said says say not no are but also new after before""".split()
)


@dataclass
class Profile:
    """What linking compares of an incident or a candidate."""

    ref: str
    tactic: str | None = None
    date: dict[str, str] | None = None
    country: str | None = None
    place: str | None = None
    origin: str | None = None
    victims: list[tuple[str, ...]] = field(default_factory=list)  # name_tokens of each name and alias
    perpetrators: list[tuple[str, ...]] = field(default_factory=list)  # named people only
    agencies: frozenset[str] = frozenset()  # registry ids of known perpetrators (IR.MOIS)
    words: frozenset[str] = frozenset()
    in_passing: bool = False  # an act its report tells only in passing: it may join an incident, never found one

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The distinctive last word of each victim's name (two men called Omid share nothing that identifies)."""
        return frozenset(
            name[-1] for name in self.victims if name and name[-1] not in COMMON_NAME_TOKENS and len(name[-1]) > 2
        )

    @property
    def years(self) -> range:
        """The calendar years the date range covers (empty without a date)."""
        if not self.date:
            return range(0)
        return range(int(self.date["start"][:4]), int(self.date["end"][:4]) + 1)


def wording(*texts: str | None) -> frozenset[str]:
    """The content words of headlines, titles and quotes, for the wording comparison."""
    return frozenset(w for w in fold(" ".join(filter(None, texts))).split() if w not in _STOPWORDS and len(w) > 2)


def profile_from_extracted(ref: str, extracted: ExtractedIncident, *, headline: str | None = None) -> Profile:
    """The profile of an extracted (candidate) incident in the `longarm extract` shape, with its document's headline."""
    incident = extracted.payload()
    location = incident.get("location") or {}
    victims = [
        name_tokens(n) for v in incident.get("victims") or [] for n in [v.get("name"), *v.get("aliases", [])] if n
    ]
    perpetrators = incident.get("perpetrators") or []
    quotes = [e.get("quote") for e in incident.get("evidence") or []]
    return Profile(
        ref=ref,
        tactic=incident.get("tactic"),
        date=incident.get("date"),
        country=location.get("country"),
        place=location.get("place"),
        origin=incident.get("origin_state"),
        victims=victims,
        perpetrators=[name_tokens(p["name"]) for p in perpetrators if p.get("name") and not p.get("id")],
        agencies=frozenset(p["id"] for p in perpetrators if p.get("id")),
        words=wording(headline, incident.get("title"), *quotes),
        in_passing=bool(incident.get("in_passing")),
    )
