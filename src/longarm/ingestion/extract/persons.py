"""Find people's names without a statistical model, and group the spellings of one person in a text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from longarm.ingestion.extract.dates import MONTHS, WEEKDAYS
from longarm.ingestion.extract.gazetteer import demonyms, place_index
from longarm.names.countries import country_names
from longarm.names.people import SIMILAR_SPELLING, similar_words, spelled_alike, spelling_tokens, words_within

_LETTERS = r"[a-z\u00c0-\u024f'\u2019]+"
_TOKEN = rf"(?:(?:al|el|Al|El|bin|ibn|Bin|Ibn|Abu)[-\s])?(?:Mc|Mac|O['\u2019])?[A-Z]{_LETTERS}(?:-[A-Za-z]{_LETTERS})*"
# a nickname in quotes inside a name ("Ivan \u201cVanya\u201d Petrov") is read with it and left out of its spelling
_NICKNAME = re.compile(r"\s+[\u201c\"][A-Z][^\u201c\u201d\"\s]*[\u201d\"]")
_SPACE = r"[^\S\n]+"  # a name never runs over a line's end ("... Killed by Bomb" above "Orlando Vega")
_RUN = re.compile(
    rf"(?<![\w'\u2019-]){_TOKEN}(?:(?:{_SPACE}[\u201c\"]{_TOKEN}[\u201d\"])?{_SPACE}"
    rf"(?:(?:de|van|von|der|den|da|du|le|la|bin|ibn|al){_SPACE})?{_TOKEN})*(?:{_SPACE}[A-Z]\.(?!\w))?"
)

# Words that open sentences or name things, never people: a run loses them at its edges or is dropped.
_STOP = set(
    """Reporter Reporters Blogger Bloggers Writer Poet Author Student Businessman Businesswoman Scholar Academic
Commentator Singer Artist Cleric Preacher Researcher Refugee Defector Lawyer Doctor Engineer Exiled Veteran
The A An In On At Of For From To By With As But And Or If When While After Before Since During
Despite Although Though Because According Both Two Three Four Five Several Some Many Most All Other
Another This That These Those Their His Her Its Our My Your We He She They It I You There Here Then
Now Also Yet Still Even Only Last Next Earlier Later Meanwhile However Moreover Furthermore Instead
Thank Thanks Tags Copyright Search Home News Breaking Photo File Read More Update Updated Share Mr
Mrs Ms Miss Dr Prof Sir Lord Lady Sheikh Ayatollah Imam Mullah Chief Justice Judge Lawyer Attorney
Prime Minister Ministers Foreign Interior Home Affairs Secretary State Deputy President Vice
Chancellor King Queen Prince Princess Crown Supreme Leader General Gen Colonel Col Major Captain
Officer Agent Detective Inspector Prosecutor Police Commissioner Ambassador Consul Senator
Representative Congressman Governor Mayor Spokesman Spokeswoman Director Head Commander Editor
Professor Reverend Father Brother Sister Saint St Europe European Western Eastern Middle East West
North South Islamic Islam Muslim Shi'ite Shiite Sunni Arab Arabic Kurdish Persian Christian Jewish
Revolution Regime Republic Yes No Not Why What Who Whom How Where Which Whether Such Each Every Any
None Once Twice Today Yesterday Tomorrow Journalist Journalists Activist Activists Dissident
Dissidents Blogger Critic Opposition Former Exiled Exile Accessibility Links Skip Menu Subscribe
Sign Login Advertisement Crime Security Terrorism World Politics Opinion Analysis Premier Brigadier Brig
Lieutenant Lt Sergeant Sgt Corporal Cpl Admiral Marshal Magistrate Emir Sheriff Without Against Between Under Over
Into Through Within Behind Beyond Did Does Do Is Are Was Were Has Have Had Vs Asian African American Latin
Caribbean Balkan Scandinavian Nordic Southeast Northeast Southwest Northwest""".split()
)
# Words of an act that a title-case headline puts beside a name ("Plot to Kill Henry Liu", "Premier Killed"):
# never part of a person's name.
_ACT_WORDS = set(
    """Kill Kills Killed Killing Killings Killer Killers Slain Slay Slays Slayer Slayers Murder Murders Murdered
Murderer Murderers Assassinated Assassination Assassin Assassins Shot Shoots Dead Dies Died Death Plot Plots
Plotted Abducted Abduction Kidnap Kidnaps Kidnapped Kidnapping Poisoned Poisoning Attack Attacks Attacked
Arrested Arrests Jailed Charged Convicted Accused Confess Confesses Confessed Sentenced Guilty Missing Spy Spies
Spying Deported Extradited Detained Stabbed Executed Hunted Targeted Threatened Harassed Vanished Foiled Thwarted
Seized Lured Freed Released Hanged""".split()
)
_NOT_PERSON_WORDS = set(
    """Court Courts Ministry Party Council Movement Organization Organisation News Service Services
Department Police Embassy Union Guards Guard Force Forces University Times Agency Office Army Bureau
Committee Front Government State States Kingdom Nations Hall Street Square Airport Hotel Restaurant
Hut Airlines Airways Group Network Center Centre Institute Foundation Association Commission
Parliament Assembly Congress Senate House Prison Tribunal Prosecutors Prosecutor's Station Channel
Television Radio Post Press Herald Tribune Journal Daily Review Watch Rights International Amnesty
Human Unit Corps Intelligence Security Justice Affairs Minister Ministers Revolutionary Resistance
Mujahideen Mojahedin Mujahedin Liberation Struggle Democratic National Federal Public Central
Supreme Islamic Republican Republic Reuters Facebook Twitter Telegram Instagram YouTube WhatsApp
Google Apple Week Month Year Day Sitemap Media Leader Bay Gulf River Sea Ocean Mountains Province
Region District County Party's Holland Protestant Catholic Church Mosque Temple Bank Company Ltd Inc
Corporation Club Hospital School College Museum Library Team Squad Brigade Battalion Directorate Studies Policy
Defense Defence Attaché Attache Counterintelligence Olympic Olympics Defenders Lab Labs Initiative Project Alliance
Coalition Campaign Fund Trust Society Federation Syndicate Cartel Emirate Caliphate Procedures Secretariat Avenue
Boulevard Highway Road Lake Mount Cape Tower Towers Mall Plaza Building Complex Compound Palace Stadium Arena
Market Island Islands Peninsula Valley Coast Desert Oblast Krai Vilayet Governorate Prefecture Canton Municipality
Pictures Studios Entertainment Films Weapons Holdings Technologies Magazine Gazette""".split()
)
# Articles of other languages opening a run name a paper or a body ("La Stampa", "Guardia Civil" aside)
_ARTICLES = frozenset("La Le Les Los Las Il Die Der Het".split())
_NOT_PERSON_WORDS |= {m.capitalize() for m in MONTHS} | {d.capitalize() for d in WEEKDAYS}
# A lower-case word just before a run that says the run names a thing, not a person.
_THING_BEFORE = re.compile(
    r"\b(?:the|a|an|daily|newspaper|paper|weekly|magazine|broadcaster|channel|agency|website|"
    r"outlet|station|network|site|group|company|firm|brand|operation|program|programme|app|"
    r"hashtag|movement|party|organisation|organization)\s+$"
)
# A named organisation follows these nouns ("the rights group Free Voice", "the airline Blue Sky"), whatever its length.
_NAMED_THING_BEFORE = re.compile(
    r"\b(?:daily|newspaper|paper|weekly|broadcaster|channel|website|outlet|agency|organi[sz]ation|group|watchdog|"
    r"ngo|firm|company|airline|charity|syndicate|gang|network|movement|platform|campaign)\s*,?\s+$"
)
# "... Stand for Justice": a name with "for" after it names a body; so does one a thing's noun follows ("the Red
# Shirt movement"), or one set beside such a noun ("Blue Sky, a private airline")
_THINGS = (
    r"(?:movement|party|group|airline|airlines|gang|syndicate|network|hotel|mall|district|province|airport|camp|"
    r"newspaper|agency|company|firm|organi[sz]ation|foundation|brand|township|complex|charity|website|magazine)\b"
)
_THING_AFTER = re.compile(rf"\s+for\s+(?:the\s+)?[A-Z]|[^\S\n]+{_THINGS}|,\s+an?\s+(?:[\w-]+\s+){{0,2}}{_THINGS}")
# "Riga-based", "Soviet-born": an adjective of place; what it qualifies follows it
_MODIFIER = re.compile(r"-(?:based|born|backed|led|linked|run|funded|owned|era|style|bound|registered)$")
# a sentence-opening adverb ("Clearly", "Reportedly") is no first name
_ADVERB = re.compile(r"[A-Z][a-z]{2,}(?:al|ed|ent|ant|ous|ive|ar|ate|ic|ful|ibl|abl|ual)ly")
# Given names that are also the names of large cities or regions: as the first word of a name they are the name's.
_GIVEN_PLACES = frozenset(
    """Orlando Sofia Victoria Florence Austin Regina Lincoln Jackson Charlotte Madison Adelaide Alexandria Eugene
Sydney Houston Santiago Valencia Aurora Salvador Lorenzo Dallas Denver Hamilton Nelson Elizabeth Marina Kingston
Chester Savannah""".split()
)
_GIVEN_NAME_AFTER = re.compile(r"[^\S\n]+[A-Z][a-z]")
_TITLE_BEFORE = re.compile(
    r"\b(?P<title>lawyer|attorney|prosecutor|judge|minister|spokesman|spokeswoman|spokesperson|"
    r"president|ambassador|secretary|mp|senator|official|officials|analyst|reporter|journalist|"
    r"correspondent|editor|writer|author|researcher|professor|expert|chief|director|commissioner|"
    r"mayor|governor|diplomat|poet|activist|dissident|cleric|leader|founder|member|father|mother|"
    r"son|daughter|wife|husband|brother|sister|cousin|uncle|colleague|friend|by)\s*,?\s*$",
    re.I,
)
_OFFICIAL_TITLES = {
    "lawyer",
    "attorney",
    "prosecutor",
    "judge",
    "minister",
    "ministers",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "ambassador",
    "secretary",
    "mp",
    "senator",
    "analyst",
    "commissioner",
    "mayor",
    "governor",
    "by",
    "chancellor",
    # rulers and their heirs are named as those who ordered an act, hardly ever as its target
    "prince",
    "king",
    "queen",
}
_TITLE_WORDS = {
    "Minister",
    "Ministers",
    "Secretary",
    "President",
    "Prosecutor",
    "Judge",
    "Lawyer",
    "Attorney",
    "Ambassador",
    "Senator",
    "Chancellor",
    "Mayor",
    "Governor",
    "Spokesman",
    "Spokeswoman",
    "Commissioner",
    "Director",
    "Chief",
    "Professor",
    "Prof",
    "Editor",
    "Reporter",
    "Leader",
    "Premier",
    "Brigadier",
    "Brig",
    "Lieutenant",
    "Admiral",
    "Marshal",
    "Magistrate",
    "Emir",
    "Attaché",
    "Attache",
    "King",
    "Queen",
    "Prince",
}


_KIN_TITLES = {"father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "cousin", "uncle"}


@dataclass
class PersonMention:
    """One naming of a person in the text; `title` is a role word said of them there ("lawyer", "Minister")."""

    start: int
    end: int
    surface: str
    title: str | None
    person: int = -1
    headline: bool = False  # in a title-case line, where a capital does not make a name


@dataclass(eq=False)  # a person is itself: two people may share a spelling
class Person:
    """One person of the text with every spelling it is named by."""

    names: list[str] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)
    official: bool = False

    @property
    def name(self) -> str:
        """The fullest spelling, the one most often used among equally long ones."""
        full = [n for n in self.names if len(n.split()) > 1] or self.names
        return max(full, key=lambda n: (len(n.split()), self.names.count(n), -self.names.index(n)))

    @property
    def aliases(self) -> list[str]:
        """The other spellings of two words or more."""
        main = self.name
        seen: list[str] = []
        for n in self.names:
            if n != main and n not in seen and (len(n.split()) > 1 or "'" in n or n[:1].isupper()):
                seen.append(n)
        return [n for n in seen if not words_within(n, main)]


def _is_noise(token: str) -> bool:
    bare = token.removesuffix("'s").removesuffix("\u2019s")
    return (
        bare in _STOP
        or bare in _NOT_PERSON_WORDS
        or bare in _ACT_WORDS
        or any(part in _STOP or _is_country_like(part) for part in bare.split("-"))
    )


def _inner_name(tokens: list[re.Match[str]], token: re.Match[str] | None = None) -> bool:
    """An initial, or a town or demonym word inside a three-word name ("Duong Van Thai") after a plain first word."""
    word = (token or tokens[-1]).group()
    if re.fullmatch(r"[A-Z]\.", word):
        return True
    bare = word.removesuffix("'s").removesuffix("\u2019s")
    return (
        len(tokens) >= 3
        and word != tokens[0].group()
        and not _is_noise(tokens[0].group())
        and bare not in _STOP
        and bare not in _NOT_PERSON_WORDS
        and bare not in _ACT_WORDS
        and bare.lower() not in country_names()
    )


def _is_country_like(word: str) -> bool:
    """A country, a demonym or a large town: never part of a person's name (small towns often are)."""
    low = word.lower()
    if low in demonyms() or (low.endswith("s") and low[:-1] in demonyms()):  # "Croats Josip Perkovic"
        return True
    return any(p.precision != "city" or p.population >= 300_000 for p in place_index().get(low, ()))


def _masked(text: str, offset: int, blocked: list[tuple[int, int]]) -> str:
    """`text` with the spans of dates, places and actors blotted out (same length), so that a name right beside
    one ("on Saturday Kazakh President Nursultan Nazarbayev") is still read, and never joined across one."""
    chars = list(text)
    for a, b in blocked:
        low, high = max(0, a - offset), min(len(text), b - offset)
        if text[low:high] in _GIVEN_PLACES and (_GIVEN_NAME_AFTER.match(text, high) or _kin_before(text[:low])):
            continue  # "Sofia Ruiz", "his wife, Sofia": read as a place, it is a name
        chars[low:high] = "\x00" * max(0, high - low)
    return "".join(chars)


def find_people(text: str, offset: int, blocked: list[tuple[int, int]]) -> list[PersonMention]:
    """Names of people in `text` (a sentence): capitalised runs cleaned of titles, places and known actors."""
    found: list[PersonMention] = []
    for run in _RUN.finditer(_masked(text, offset, blocked)):
        tokens = _name_part(
            list(re.finditer(r"\S+(?:\s+(?:de|van|von|der|den|da|du|le|la|bin|ibn|al)(?=\s))?", run.group()))
        )
        title = None
        # a run that opens or ends with a thing's word names that thing ("Radio Free Asia", "Phnom Penh Municipal
        # Court"), unless a title says a person follows or a possessive says a person owns it
        thing = bool(tokens) and (tokens[0].group() in _NOT_PERSON_WORDS or tokens[0].group() in _ARTICLES)
        titled = False  # an act's word capitalised beside the name: a title-case headline ("Rebel Envoy Killed")
        while tokens and (_is_noise(tokens[0].group()) or _ADVERB.fullmatch(tokens[0].group())):
            if _given_place(tokens, text[max(0, run.start() - 40) : run.start()]):
                break
            word = tokens[0].group()
            title = word if word in _TITLE_WORDS else title
            titled = titled or (_act_word(word) and not _opens_sentence(text, run.start()))
            tokens.pop(0)
        given = int(bool(tokens) and tokens[0].group() in _GIVEN_PLACES)  # kept by `_given_place` above
        while tokens[given:] and _is_noise(tokens[-1].group()) and not _inner_name(tokens):
            word = tokens.pop().group()
            thing = word in _NOT_PERSON_WORDS or thing
            titled = titled or _act_word(word)
        if thing and not title and tokens and not tokens[-1].group().endswith(("'s", "\u2019s")):
            continue
        if not tokens or any(_is_noise(t.group()) and not _inner_name(tokens, t) for t in tokens[1:]):
            continue
        if re.fullmatch(r"[A-Z]\.", tokens[0].group()):
            continue
        s = run.start() + tokens[0].start()
        e = run.start() + tokens[-1].end()
        surface = _NICKNAME.sub("", text[s:e])
        if surface.endswith(("'s", "\u2019s")):
            surface, e = surface[:-2], e - 2
        if (surface.lower() in place_index() and surface not in _GIVEN_PLACES) or _demonym(surface.lower()):
            continue
        before = text[max(0, s - 40) : s]
        if not title and _THING_BEFORE.search(before) and len(tokens) < 2:
            continue
        if _NAMED_THING_BEFORE.search(before) or _THING_AFTER.match(text, e):
            continue
        if re.search(r"\b(?:the|a|an)\s+$", before) and len(tokens) < 3:
            continue
        title_match = _TITLE_BEFORE.search(before)
        if title_match and not title:
            title = title_match.group("title").lower()
        found.append(PersonMention(offset + s, offset + e, surface, title, headline=titled or _title_case(text, s)))
    return found


def _opens_sentence(text: str, start: int) -> bool:
    """Whether nothing but quotes and brackets stands before `start` in its sentence: a capital there is prose's."""
    return not text[:start].strip(" \t\"'\u201c\u2018([")


def _act_word(token: str) -> bool:
    """An act's word as a title-case headline writes it ("Killed", "Slain"), never part of a name."""
    return token.removesuffix("'s").removesuffix("\u2019s").rstrip(",:;") in _ACT_WORDS


def _demonym(words: str) -> bool:
    """A people's name, also of a country of several words ("Costa Rican", "New Zealander")."""
    return words in demonyms() or (" " in words and (words[:-1] in country_names() or words[:-2] in country_names()))


def _name_part(tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    """The tokens of a run that can name a person: those after a "-based" word ("Riga-based Latvian ..."), up to an
    owner's possessive ("Ivan Petrov's Popular Front": Ivan Petrov)."""
    for i in range(len(tokens) - 1, -1, -1):
        if _MODIFIER.search(tokens[i].group()):
            tokens = tokens[i + 1 :]
            break
    for i, token in enumerate(tokens[:-1]):
        if token.group().endswith(("'s", "\u2019s")):
            return tokens[: i + 1]
    return tokens


def _kin_before(before: str) -> bool:
    """Whether a kinship word ends `before` ("his wife, ")."""
    match = _TITLE_BEFORE.search(before[-40:])
    return match is not None and match.group("title").lower() in _KIN_TITLES


def _given_place(tokens: list[re.Match[str]], before: str) -> bool:
    """A given name that is also a city's ("Sofia", "Orlando") opening a name, or alone after a kinship word."""
    if tokens[0].group() not in _GIVEN_PLACES:
        return False
    if len(tokens) == 1:
        return _kin_before(before)
    return not _is_noise(tokens[1].group()) and tokens[1].group().lower() not in place_index()


def _title_case(text: str, at: int) -> bool:
    """Whether the line around `at` is a title-case headline: there, capitals do not mark names."""
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1].rstrip()
    if line.endswith(".") or len(line) > 200:  # a sentence's or a paragraph's line, never a headline
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


class _Owners:
    """The people each name token belongs to, kept as names are added, and the known tokens similar to a token.

    Grouping asks, for each mention, which people have a token like one of its own; walking every person's
    every name for that is quadratic in a long text's people, so the tokens are indexed and each token's
    similar ones are looked up once (by rapidfuzz over the tokens added since it was last asked).
    """

    def __init__(self, *, last_only: bool) -> None:
        self.last_only = last_only
        self.owners: dict[str, list[int]] = {}
        self.known: list[str] = []
        self.similar: dict[str, tuple[list[str], int]] = {}  # token → similar known tokens, how many were seen

    def add(self, name: str, person: int) -> None:
        """Record that `person` (an index) is named `name`."""
        tokens = spelling_tokens(name)
        for token in tokens[-1:] if self.last_only else tokens:
            owners = self.owners.setdefault(token, [])
            if not owners:
                self.known.append(token)
            if person not in owners:
                owners.append(person)

    def people(self, tokens: tuple[str, ...]) -> list[int]:
        """The people, in order, named with a token similar to one of `tokens`."""
        found: set[int] = set()
        for token in tokens:
            similar, seen = self.similar.get(token, ([], 0))
            # a score just below the bar as a first sieve; `similar_words` itself decides
            close = process.extract(
                token, self.known[seen:], scorer=fuzz.ratio, score_cutoff=SIMILAR_SPELLING - 1, limit=None
            )
            similar = similar + [t for t, _, _ in close if similar_words(token, t)]
            self.similar[token] = similar, len(self.known)
            found.update(p for t in similar for p in self.owners[t])
        return sorted(found)


def group_people(mentions: list[PersonMention]) -> list[Person]:
    """Group mentions into people: full names by spelling, then single names by the person they most likely mean."""
    people: list[Person] = []
    mentions = _confirmed(mentions)
    spelled: dict[str, Person] = {}  # a full name seen before is that person again, without comparing it anew
    last, every = _Owners(last_only=True), _Owners(last_only=False)

    def attach(person: Person, mention: PersonMention) -> None:
        _attach(person, mention, people)
        last.add(mention.surface, mention.person)
        every.add(mention.surface, mention.person)

    for mention in mentions:
        if len(mention.surface.split()) < 2:
            continue
        # only people sharing a similar word can be the same person (`spelled_alike` needs one at least)
        person = spelled.get(mention.surface) or next(
            (
                people[p]
                for p in every.people(spelling_tokens(mention.surface))
                if any(spelled_alike(mention.surface, n) for n in dict.fromkeys(people[p].names) if " " in n)
            ),
            None,
        )
        if person is None:
            person = Person()
            people.append(person)
        spelled[mention.surface] = person
        attach(person, mention)
    for mention in mentions:
        if mention.person >= 0:
            continue
        token = spelling_tokens(mention.surface)
        if not token:
            continue
        candidates = last.people(token[:1]) or every.people(token[:1])
        if candidates:
            best = max(candidates, key=lambda p: (len(people[p].mentions), -p))
            attach(people[best], mention)
        elif mention.title in _KIN_TITLES:
            # "Sergei Skripal and his daughter Yulia": a relative named by a first name alone is a person too
            person = Person()
            people.append(person)
            attach(person, mention)
    for person in people:
        person.official = any((m.title or "").lower() in _OFFICIAL_TITLES for m in person.mentions)
    return people


def _confirmed(mentions: list[PersonMention]) -> list[PersonMention]:
    """The mentions with those of a title-case headline cut to the words the text also gives as a name elsewhere:
    "Serbia Hands Ivan Petrov Over" keeps "Ivan Petrov" when the body names him, "Did Riga Hire" is dropped."""
    told = {token for m in mentions if not m.headline for token in spelling_tokens(m.surface)}
    kept = []
    for mention in mentions:
        if mention.headline and len(mention.surface) == mention.end - mention.start:
            words = list(re.finditer(r"\S+", mention.surface))
            known = [bool(set(spelling_tokens(w.group())) & told) for w in words]
            best = max(
                ((i, j) for i in range(len(words)) for j in range(i, len(words)) if all(known[i : j + 1])),
                key=lambda span: span[1] - span[0],
                default=None,
            )
            if best is None:
                continue
            i, j = best
            start = mention.start + words[i].start()
            mention.surface = mention.surface[words[i].start() : words[j].end()]
            mention.start, mention.end = start, start + len(mention.surface)
        kept.append(mention)
    return kept


def _attach(person: Person, mention: PersonMention, people: list[Person]) -> None:
    person.names.append(mention.surface)
    person.mentions.append(mention)
    mention.person = people.index(person)


def merge_people(people: list[Person], keep: int, other: int) -> None:
    """Make `other` a spelling of `keep` (an alias found in the text)."""
    if keep == other:
        return
    for mention in people[other].mentions:
        mention.person = keep
    people[keep].names.extend(people[other].names)
    people[keep].mentions.extend(people[other].mentions)
    people[keep].official = people[keep].official or people[other].official
    people[other].names, people[other].mentions = [], []
