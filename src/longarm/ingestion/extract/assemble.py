"""Gather the mentions of acts in a text into incidents and fill each incident's fields."""

from __future__ import annotations

import re

from longarm.ingestion.extract.attribution import state_official_country
from longarm.ingestion.extract.dates import DateMention
from longarm.ingestion.extract.estimates import dead_count
from longarm.ingestion.extract.incidents import NEARBY_SENTENCES, Incident, Mention, Perpetrator
from longarm.ingestion.extract.keep import keep
from longarm.ingestion.extract.ledes import PERP_CUE, bare_incident, names_victim, opens
from longarm.ingestion.extract.mentions import PRONOUN, find_mentions
from longarm.ingestion.extract.outcome_context import outcome_of
from longarm.ingestion.extract.outcomes import OutcomeMention
from longarm.ingestion.extract.reading import Facts, Reading

_CRIMINAL = re.compile(r"\b(?:broker|criminal|gang|hitman|hired|drug|smuggler|mafia|biker)\b", re.I)
_OFFICIAL = re.compile(r"\b(?:diplomat|official|agent|officer|operative|envoy|spy|intelligence)\b", re.I)
_PLURAL_REF = re.compile(
    r"\b(?:both|two|the|these|those)\s+(?:\w+\s+){0,2}(?:murders|killings|assassinations|attacks|"
    r"cases|plots|abductions|kidnappings)\b|\bboth\s+(?:men|victims|cases)\b",
    re.I,
)
# "Among them were X and Y": the people of an act reported for a group just before
_AMONG = re.compile(
    r"^\W*(?:among\s+(?:them|those|the\s+\w+(?:\s+\w+)?)\s+(?:were|was|are|is)|they\s+include[ds]?|"
    r"the\s+(?:victims|targets)\s+(?:were|are|include[ds]?))\b",
    re.I,
)
# "President X personally ordered", "approved by Crown Prince X": rulers are perpetrators by their orders
_ORDERED_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:ordered|approved|authori[sz]ed|directed|sanctioned)\b")
_ORDERED_BEFORE = re.compile(r"\b(?:ordered|approved|authori[sz]ed|directed)\s+by\s+(?:[\w-]+\s+){0,3}$")
# "The victim, X, 43, ...", "The victim was named as X": the person of the act just reported


def assemble(reading: Reading) -> list[Incident]:
    """Incidents of the text, in the order the text first reports them.

    Two passes: the first gathers the mentions of acts into incidents, the second reads every sentence again
    for what it says of them, so that a caption before the story ("Zam was hanged") still finds its incident.
    """
    incidents: list[Incident] = []
    bare: list[Incident] = []  # the featureless acts a lede opened, few: looked through for each new act
    touched: list[list[Incident]] = []
    focus: Incident | None = None
    for index in range(len(reading.facts)):
        here: list[Incident] = []
        item = reading.facts[index]
        if focus is not None and not focus.victims and names_victim(item.sentence.text):
            named_here = [m.person for m in item.people if m.person >= 0 and not reading.people[m.person].official]
            focus.victims += named_here[:1]
        mentions = find_mentions(reading, index)
        # a loose act ("arrested", "deported") opens the text's first incident only; beside or after another act
        # it is what followed that act (the suspects' arrest, the killer's extradition), read as an outcome
        if incidents or any(not m.trigger.loose for m in mentions if m.tactic):
            mentions = [m for m in mentions if not m.trigger.loose]
        for mention in mentions:
            if mention.other and (mention.tactic is None or not mention.has_features):
                continue  # "another attack" with nothing to tell it by is neither a new incident nor the last one
            target = None if mention.other else _merge_target(incidents, mention, focus, reading)
            if target is None and (mention.tactic is None or not mention.has_features or mention.collective):
                # a bare "the attack" or "the murders" refers back; it adds a place or date only where none is known
                referent = focus
                if focus is not None and mention.tactic not in (None, focus.tactic) and not mention.collective:
                    # "blamed ... for the killing" after a word on threats: the latest killing, not the threats
                    referent = next((i for i in reversed(incidents) if i.tactic == mention.tactic), None)
                if referent is None and opens(mention, incidents):
                    # a lede's bare "plotting to kidnap a journalist" is still an act; later sentences name it
                    target = Incident(mention.tactic or "", bare=True)
                    incidents.append(target)
                    bare.append(target)
                elif referent is None or mention.tactic not in (None, referent.tactic) or mention.collective:
                    continue
                else:
                    target = referent
                mention.place = mention.place if target.place is None else None
                mention.date = mention.date if target.date is None else None
            elif target is None:
                assert mention.tactic is not None  # a mention without a tactic only refers back (above)
                target = bare_incident(bare, mention.tactic)
                if target is None:
                    target = Incident(mention.tactic)
                    incidents.append(target)
            target.mentions.append(mention)
            for victim in mention.victims:
                if victim not in target.victims:
                    target.victims.append(victim)
            here.append(target)
        touched.append(here)
        named = _named(reading.facts[index], index, incidents)
        # a bare act opened in passing does not take the focus from the act the sentence goes on with
        told = [i for i in here if not (i.bare and len(i.mentions) == 1)]
        focus = (told or here)[-1] if here else named[-1] if named else focus
    focus = None
    for index, item in enumerate(reading.facts):
        if item.leading_date is not None and (
            index == 0 or reading.facts[index - 1].leading_date is not item.leading_date
        ):
            focus = None  # a new dated entry of a timeline speaks of a new incident
        here = list(dict.fromkeys(touched[index]))
        here += [i for i in _referred(reading, item, index, incidents, focus, bool(here)) if i not in here]
        for incident in here:
            _apply_sentence(reading, item, incident)
        if here:
            focus = here[-1] if len(here) == 1 or focus not in here else focus
    # the rules' verdict travels with each incident: the learned decisions weigh it, they do not obey it
    for incident in incidents:
        incident.rule_kept = keep(incident, reading)
    return incidents


def _merge_target(
    incidents: list[Incident], mention: Mention, focus: Incident | None, reading: Reading
) -> Incident | None:
    """The known incident a mention reports again, if any."""
    best, best_score = None, 0
    for incident in _recent(incidents, mention.sentence):
        if mention.tactic and mention.tactic != incident.tactic:
            continue
        score = _affinity(incident, mention)
        if score is not None and score > best_score:
            best, best_score = incident, score
    if best is not None:
        return best
    if (
        focus
        and mention.tactic == focus.tactic
        and not mention.victims
        and focus.victims
        and focus.place is None
        and focus.date is None
    ):
        return focus  # "X and Y were poisoned." then "...in Salisbury on March 4": the same act, now placed
    if (
        focus
        and focus.date is None
        and mention.tactic == focus.tactic
        and mention.date
        and not (mention.victims or mention.place)
    ):
        return focus  # "shot dead in Lille." then "He was found dead on Wednesday": the same act, now dated
    if (
        focus
        and mention.victims
        and not focus.victims
        and mention.tactic in (None, focus.tactic)
        and _agrees(focus, mention)
    ):
        return focus  # the lede's unnamed act, now with its victim (and perhaps its date)
    return None


def _agrees(incident: Incident, mention: Mention) -> bool:
    """Whether a mention's place and date leave room for it to be the incident: nothing new, or nothing against."""
    if mention.place and (incident.place is None or incident.place.place.country != mention.place.place.country):
        return False
    return not (mention.date and incident.date and incident.date.year != mention.date.year)


def _affinity(incident: Incident, mention: Mention) -> int | None:
    """How surely a mention reports an incident; None when something contradicts it."""
    score = 0
    shared = bool(mention.victims and incident.victims)
    if shared:
        if not set(mention.victims) & set(incident.victims):
            return None
        score += 3
    place = incident.place
    if mention.place and place:
        a, b = mention.place.place, place.place
        if a.country != b.country or (
            a.precision == "city" == b.precision and not mention.place.near and not place.near and a.name != b.name
        ):
            # the same person's act told again elsewhere: a rendition's later step ("flown to Ankara"), the town
            # they lived in; two places part two acts only when their victims, or their years, differ too
            if not shared or (mention.date and incident.date and mention.date.year != incident.date.year):
                return None
        elif a.precision == "city" == b.precision and not mention.place.near and not place.near:
            score += 2
        else:
            score += 1
    date = incident.date
    if mention.date and date:
        if mention.date.year != date.year and score < 3:
            return None  # one victim's one act keeps its first date; a stray "this year" does not split it
        score += mention.date.year == date.year
    features = bool(mention.victims) + bool(mention.place) + bool(mention.date)
    one_side_unnamed = not (mention.victims and incident.victims)
    return score if score >= 2 or (score >= 1 and (features == 1 or one_side_unnamed)) else None


def _recent(incidents: list[Incident], sentence: int) -> list[Incident]:
    """The incidents told within NEARBY_SENTENCES of this sentence (all of them in a lede)."""
    # incidents are opened in the text's order: the recent ones are at the end of the list
    return [i for i in incidents[-NEARBY_SENTENCES:] if abs(i.mentions[-1].sentence - sentence) <= NEARBY_SENTENCES]


def _named(item: Facts, index: int, incidents: list[Incident]) -> list[Incident]:
    """Incidents whose victims or perpetrators the sentence names."""
    people = {m.person for m in item.people if m.person >= 0}
    if not people:
        return []  # most sentences name nobody: no need to look at every incident found so far
    return [
        i
        for i in _recent(incidents, index)
        if people & set(i.victims) or people & {p.person for p in i.perpetrators if p.person is not None}
    ]


def _referred(
    reading: Reading, item: Facts, index: int, incidents: list[Incident], focus: Incident | None, has_mention: bool
) -> list[Incident]:
    """Incidents a sentence speaks of without reporting the act: by their people, "both murders", or the focus."""
    found = _named(item, index, incidents)
    if _PLURAL_REF.search(item.sentence.text) and len(incidents) > 1:
        tactic = next((t.tactic for t in item.triggers if t.tactic), None)
        # "both murders" speaks of the acts just told; in a long text, every act before is another story's
        found += [i for i in _recent(incidents, index) if i not in found and (tactic is None or i.tactic == tactic)]
    if (
        not found
        and not has_mention
        and focus is not None
        and (
            _AMONG.search(item.sentence.text)
            or item.outcomes
            or item.blame
            or any(not t.strong for t in item.triggers)
            or PRONOUN.search(item.sentence.text)
            or (PERP_CUE.search(item.sentence.text) and item.people)
        )
    ):
        found.append(_outcome_referent(item, incidents, focus))
    return found


_SOFT = {"threat", "surveillance", "coercion_by_proxy", "digital_attack", "legal_harassment"}
_CRIMINAL_OUTCOMES = {"arrest", "investigation", "charge", "conviction", "sentence", "acquittal", "extradition"}


def _outcome_referent(item: Facts, incidents: list[Incident], focus: Incident) -> Incident:
    """The incident an unnamed arrest or inquiry follows: a killing told before a word on threats, not the threats."""
    types = {o.type for o in item.outcomes}
    if focus.tactic not in _SOFT or item.triggers or not types or not types <= _CRIMINAL_OUTCOMES:
        return focus
    before = incidents[: incidents.index(focus)]
    return next((i for i in reversed(before) if i.tactic not in _SOFT), focus)


def _apply_sentence(reading: Reading, item: Facts, incident: Incident) -> None:
    """Take a sentence's outcomes, perpetrators, blame, affiliations and counts into an incident it speaks of."""
    text = item.sentence.text
    triggers_here = [m.trigger for m in incident.mentions if reading.facts[m.sentence] is item]
    if not triggers_here and _AMONG.search(text):
        for mention in item.people:
            person = mention.person
            if person >= 0 and not reading.people[person].official and person not in incident.victims:
                incident.victims.append(person)
    for outcome in item.outcomes:
        if not outcome_of(reading, item, outcome, incident, triggers_here):
            continue
        if (
            incident.tactic == "abduction"
            and outcome.type == "arrest"
            and ({m.person for m in item.people} & set(incident.victims) or PRONOUN.search(text))
        ):
            continue  # the origin state "arresting" the exile it abducted is the act itself
        incident.add_outcome(outcome, _outcome_date(item, outcome))
        if outcome.type == "sentence":
            incident.add_outcome(OutcomeMention(outcome.start, outcome.end, "conviction"), None)
    country = state_official_country(text)
    if country:
        incident.origins.append(country)
    _perpetrators(reading, item, incident)
    for blame in item.blame:
        incident.origins.append(blame.ref.country)
        if blame.firm:
            incident.bases.add(blame.basis)
            incident.add_perpetrator(
                _agency(blame.ref.actor_id, blame.ref.country, blame.ref.surface, blame.ref.start, blame.ref.end)
            )
    if incident.tactic in ("threat", "surveillance") and triggers_here:
        for ref in item.refs:
            if ref.actor_id:
                incident.origins.append(ref.country)
                incident.add_perpetrator(_agency(ref.actor_id, ref.country, ref.surface, ref.start, ref.end))
    for victim in incident.victims:
        if any(m.person == victim for m in item.people) or (triggers_here and PRONOUN.search(text)):
            movements = [a.actor.id for a in item.actors if a.actor.kind == "movement"]
            incident.affiliations.setdefault(victim, [])
            incident.affiliations[victim] += [a for a in movements if a not in incident.affiliations[victim]]
    count = dead_count(text) if triggers_here and incident.tactic == "killing" else None
    if count is not None:
        incident.fatalities = count


def _outcome_date(item: Facts, outcome) -> DateMention | None:
    """A date right beside an outcome word ("arrested in June 2018")."""
    near = [d for d in item.dates if not d.since and 0 <= d.start - outcome.end <= 40]
    return near[0] if near else None


def _agency(actor_id: str | None, country: str, surface: str, start: int, end: int) -> Perpetrator:
    """A perpetrator from a state reference: the agency named, or the state itself."""
    from longarm.ingestion.extract.actors import registry

    actor = registry().get(actor_id or f"{country}.GOV")
    if actor is None:
        return Perpetrator(surface, "state_agency", None, None, start, end)
    return Perpetrator(actor.name, actor.kind if actor.kind != "movement" else "unknown", actor.id, None, start, end)


def _perpetrators(reading: Reading, item: Facts, incident: Incident) -> None:
    """Named people the sentence says were charged, convicted or took part, and state officials among them."""
    text = item.sentence.text
    _subjects(reading, item, incident)
    if not PERP_CUE.search(text):
        return
    for mention in item.people:
        person = mention.person
        if person < 0 or person in incident.victims:
            continue
        local_start, local_end = mention.start - item.sentence.start, mention.end - item.sentence.start
        if reading.people[person].official:
            if _ORDERED_AFTER.match(text, local_end) or _ORDERED_BEFORE.search(text[:local_start]):
                incident.add_perpetrator(
                    Perpetrator(reading.people[person].name, "state_official", None, person, mention.start, mention.end)
                )
            continue
        if mention.title in (
            "by",
            "wife",
            "husband",
            "daughter",
            "son",
            "father",
            "mother",
            "cousin",
            "friend",
            "colleague",
        ):
            continue
        local_end = mention.end - item.sentence.start
        if re.match(r"[\s,]*(?:\d+,\s*)?(?:said|says|told|added|wrote)\b", text[local_end:]):
            continue  # the speaker of a quote, not a suspect
        window = text[max(0, mention.start - item.sentence.start - 60) : local_end + 60]
        kind = (
            "state_official"
            if _OFFICIAL.search(window) or mention.title == "diplomat"
            else "criminal"
            if _CRIMINAL.search(text)
            else "individual"
        )
        incident.add_perpetrator(
            Perpetrator(reading.people[person].name, kind, None, person, mention.start, mention.end)
        )


def _subjects(reading: Reading, item: Facts, incident: Incident) -> None:
    """The named doer of an act in the active voice: "X, who used a false name, shot Y"."""
    text, offset = item.sentence.text, item.sentence.start
    for mention in incident.mentions:
        trigger = mention.trigger
        if reading.facts[mention.sentence] is not item or not re.search(r"(?:ed|shot)$", trigger.surface):
            continue
        if re.match(r"(?:was|were|been|is|are)\b", trigger.surface):
            continue
        for person in item.people:
            gap = text[person.end - offset : trigger.start - offset] if person.end <= trigger.start else None
            if (
                gap is not None
                and person.person >= 0
                and person.person not in incident.victims
                and not reading.people[person.person].official
                and re.fullmatch(r"(?:,[^;]{0,120}?,)?\s+(?:\w+ly\s+)?", gap)
            ):
                window = text[max(0, person.start - offset - 60) : person.end - offset + 60]
                kind = "state_official" if _OFFICIAL.search(window) else "individual"
                name = reading.people[person.person].name
                incident.add_perpetrator(Perpetrator(name, kind, None, person.person, person.start, person.end))
