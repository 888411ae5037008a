"""Benchmark PeopleIndex: build time and per-keystroke search latency at several sizes.

    python bench/bench_search.py [--people 5000 50000] [--repeat 3] [--seed 7]

Generates N synthetic people deterministically (seeded random: varied first and last names incl. German
umlauts and ß, made-up surnames so the vocabulary keeps growing, companies, roles, tags, some aliases and
archived people), builds the index, runs a fixed set of ~200 realistic queries (1–10 characters: single
letters, prefixes, full names, umlaut spellings, typos, initials, company letters, tags) and prints a
Markdown table. Targets: median ≤ 5 ms and p95 ≤ 16 ms at 5,000 people, p95 ≤ 50 ms at 50,000.

Depends only on journal.model and journal.search.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journal.folding import fold, fold_variants
from journal.model import Person
from journal.search import PeopleIndex

FIRST = [
    "Anna",
    "Andreas",
    "Amelie",
    "Annika",
    "Anton",
    "Alexander",
    "Aylin",
    "Ahmet",
    "Bärbel",
    "Ben",
    "Benedikt",
    "Bernd",
    "Birgit",
    "Björn",
    "Bob",
    "Carla",
    "Carsten",
    "Charlotte",
    "Christian",
    "Claudia",
    "Daniel",
    "Dana",
    "Dirk",
    "Doris",
    "Elena",
    "Elias",
    "Emil",
    "Emma",
    "Erik",
    "Eva",
    "Fabian",
    "Felix",
    "Frauke",
    "Friederike",
    "Georg",
    "Gerda",
    "Gisela",
    "Gregor",
    "Günther",
    "Hanna",
    "Hannes",
    "Hans",
    "Heike",
    "Helmut",
    "Ines",
    "Ingo",
    "Jana",
    "Jannik",
    "Jörg",
    "Jonas",
    "José",
    "Julia",
    "Jürgen",
    "Karin",
    "Katja",
    "Klaus",
    "Kübra",
    "Lars",
    "Lea",
    "Lena",
    "Leon",
    "Lukas",
    "Luise",
    "Maja",
    "Malte",
    "Maria",
    "Mark",
    "Marta",
    "Matthias",
    "Mia",
    "Michael",
    "Nadine",
    "Niklas",
    "Nils",
    "Noah",
    "Ömer",
    "Ole",
    "Oliver",
    "Paul",
    "Petra",
    "Priya",
    "Rainer",
    "Renate",
    "Sabine",
    "Sandra",
    "Sebastian",
    "Simon",
    "Sören",
    "Sophie",
    "Stefan",
    "Susanne",
    "Thomas",
    "Tim",
    "Tobias",
    "Ulrike",
    "Uwe",
    "Valentina",
    "Wolfgang",
    "Yasmin",
    "Yusuf",
    "Zoë",
    "Zeynep",
    "François",
    "Núria",
    "Łukasz",
    "Ágnes",
    "Søren",
    "Maëlle",
    "Chloé",
]
LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Schulte",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Kühn",
    "Pohl",
    "Engel",
    "Horn",
    "Busch",
    "Bergmann",
    "Thomas",
    "Voigt",
    "Sauer",
    "Arnold",
    "Wolff",
    "Pfeiffer",
    "Strauß",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Nowak",
    "Kowalski",
    "Dubois",
    "Núñez",
    "García",
    "Rossi",
    "Novák",
    "Nguyen",
    "Popescu",
    "Andersen",
    "O'Brien",
    "Weiß-Schmidt",
    "Müller-Lüdenscheidt",
    "von",
    "Bülow",
]
ONSET = [
    "b",
    "br",
    "d",
    "dr",
    "f",
    "fr",
    "g",
    "gr",
    "h",
    "k",
    "kl",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pf",
    "r",
    "s",
    "sch",
    "st",
    "t",
    "tr",
    "w",
    "z",
]
NUCLEUS = ["a", "e", "i", "o", "u", "ä", "ö", "ü", "au", "ei", "ie"]
CODA = [
    "ck",
    "ch",
    "l",
    "ll",
    "n",
    "nn",
    "r",
    "rt",
    "s",
    "ss",
    "ß",
    "t",
    "tz",
    "ng",
    "ber",
    "ger",
    "mann",
    "rich",
    "hof",
]
COMPANIES = [
    "Stripe",
    "Siemens",
    "Deutsche Bahn",
    "Zalando",
    "SAP",
    "Bosch",
    "Telefónica",
    "Mistral AI",
    "Spotify",
    "Google",
    "Allianz",
    "BASF",
    "Bayer",
    "Lufthansa",
    "Commerzbank",
    "Deutsche Telekom",
    "Volkswagen",
    "BMW",
    "Porsche",
    "Adidas",
    "Puma",
    "Henkel",
    "Beiersdorf",
    "Müller & Söhne",
    "Straßenbau Huber",
    "Bäckerei Köhler",
    "Steuerbüro Weiß",
    "Praxis Dr. Jäger",
    "Tischlerei Krämer",
    "N26",
    "Delivery Hero",
    "HelloFresh",
    "Celonis",
    "Personio",
    "Trade Republic",
    "GetYourGuide",
    "Contentful",
    "Auto1",
    "Otto Group",
    "Rewe",
    "Edeka",
    "dm-drogerie markt",
    "Fraunhofer",
    "Max-Planck-Institut",
    "TU München",
    "Universität Köln",
    "Charité",
    "Stadtwerke Düsseldorf",
    "Freelance",
    "Open Knowledge Foundation",
    "Python Software Verband",
    "Chaos Computer Club",
]
ROLES = [
    "Software Engineer",
    "Head of Sales",
    "Product Manager",
    "CTO",
    "CEO",
    "Designer",
    "Researcher",
    "Steuerberaterin",
    "Tischler",
    "Data Scientist",
    "Recruiter",
    "Ärztin",
    "Hausarzt",
    "Lehrerin",
    "Professor",
    "Consultant",
    "Journalist",
    "Architektin",
    "Marketing Lead",
    "Gründerin",
    "Projektleiter",
    "Bauleiter",
    "Student",
    "Entwicklerin",
    "DevRel",
    "Community Manager",
]
TAGS = [
    "python",
    "rust",
    "go",
    "javascript",
    "climbing",
    "running",
    "cycling",
    "music",
    "photography",
    "berlin",
    "hamburg",
    "münchen",
    "köln",
    "pycon",
    "rustfest",
    "meetup",
    "open-source",
    "ml",
    "ai",
    "startup",
    "investor",
    "mentor",
    "neighbourhood",
    "verein",
    "fußball",
    "tennis",
    "schach",
    "chor",
    "yoga",
    "design",
    "ux",
    "security",
    "cloud",
    "devops",
    "podcast",
    "book-club",
    "family",
    "school",
    "university",
    "alumni",
    "conference",
    "hiring",
    "freelance",
]


def made_up_surname(rng: random.Random) -> str:
    parts = [rng.choice(ONSET) + rng.choice(NUCLEUS) for _ in range(rng.randint(1, 2))]
    return ("".join(parts) + rng.choice(CODA)).capitalize()


def generate(n: int, seed: int) -> tuple[list[Person], dict[str, date | None]]:
    rng = random.Random(seed)
    today = date(2026, 11, 29)
    people: list[Person] = []
    last_seen: dict[str, date | None] = {}
    for i in range(n):
        first = rng.choice(FIRST)
        last = made_up_surname(rng) if rng.random() < 0.35 else rng.choice(LAST)
        if rng.random() < 0.05:
            last = f"{last}-{rng.choice(LAST)}"
        aliases = []
        if rng.random() < 0.12:
            aliases.append(rng.choice([first[:3], first[:2] + "i", first + "y", f"{first[0]}. {last}"]))
        person = Person(
            id=f"p{i:06d}",
            name=f"{first} {last}",
            aliases=aliases,
            company=rng.choice(COMPANIES) if rng.random() < 0.85 else "",
            role=rng.choice(ROLES) if rng.random() < 0.6 else "",
            tags=rng.sample(TAGS, rng.randint(0, 3)),
            archived=rng.random() < 0.05,
        )
        people.append(person)
        last_seen[person.id] = None if rng.random() < 0.2 else today - timedelta(days=rng.randint(0, 900))
    return people, last_seen


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap
    if kind == 1:
        return word[:i] + word[i + 1 :]  # drop
    return word[:i] + rng.choice("aeinrstlmu") + word[i + 1 :]  # substitute


def queries(people: list[Person], seed: int) -> list[str]:
    """~200 queries a person would type, drawn from ``people`` (same people and seed → same queries).

    Also used by bench/run.py (via bench/_probe.py) on generated journals: keep the signature.
    """
    rng = random.Random(seed + 1)
    out: list[str] = list("amsjkbtlwhzeü") + [rng.choice("abcdefghijklmnoprstuvwz") for _ in range(7)]  # 20
    named = [p for p in people if len(p.name.split()) >= 2] or [p for p in people if p.name.split()]
    if not named:
        return out

    def someone() -> Person:
        return rng.choice(named)

    def first_last(person: Person) -> tuple[str, str]:
        words = person.name.split()
        return words[0], words[-1]

    for _ in range(30):  # two letters, from first or last names
        out.append(rng.choice(someone().name.split())[:2].lower())
    for _ in range(40):  # prefixes of 3–6 letters, as typed (with umlauts or not)
        word = rng.choice(someone().name.split())
        text = word[: rng.randint(3, 6)]
        out.append(text if rng.random() < 0.6 else fold(text))
    for _ in range(25):  # whole names, sometimes folded the other way
        name = someone().name
        out.append(name.lower() if rng.random() < 0.5 else fold(name))
    for _ in range(30):  # typos in a surname or a whole name
        first, last = first_last(someone())
        out.append(typo(rng, last) if rng.random() < 0.6 else f"{first} {typo(rng, last)}".lower())
    for _ in range(15):  # initials: "am", "amü", "jgr"
        first, last = first_last(someone())
        out.append((first[0] + last[: rng.randint(1, 3)]).lower())
    for _ in range(15):  # company letters in order, vowels dropped: "strpe", "zlndo"
        company = rng.choice(COMPANIES).split()[0]
        out.append(company[0] + "".join(c for c in company[1:] if c.lower() not in "aeiou")[:5])
    for _ in range(15):  # tags and roles, whole or started
        out.append(rng.choice(TAGS)[: rng.randint(3, 10)])
    for _ in range(10):  # ten characters of a name
        out.append(someone().name[:10])
    return out


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(n: int, repeat: int, seed: int) -> dict[str, float]:
    people, last_seen = generate(n, seed)
    qs = queries(people, seed)
    index = PeopleIndex()
    gc.collect()
    start = time.perf_counter()
    index.rebuild(people, last_seen)
    build_ms = (time.perf_counter() - start) * 1000
    for q in qs:  # warm the lazy caches, as the first keystrokes would
        index.search(q)
    times: list[float] = []
    cpu: list[float] = []  # this thread's CPU time: what the wall time would be on an idle machine
    short: list[float] = []
    for _ in range(repeat):
        for q in qs:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            index.search(q)
            elapsed = (time.perf_counter() - t0) * 1000
            cpu.append((time.thread_time() - c0) * 1000)
            times.append(elapsed)
            if len(q.replace(" ", "")) <= 2:
                short.append(elapsed)
    # Writes from the worker thread: add a new person (new words: vocabulary caches are redone) or replace
    # one, then the next keystroke's search.
    rng = random.Random(seed + 2)
    upserts: list[float] = []
    after: list[float] = []
    for i in range(60):
        if i % 2:
            person = rng.choice(people)
        else:
            person = Person(id=f"new{i}", name=f"{rng.choice(FIRST)} {made_up_surname(rng)}z", tags=["neu"])
        t0 = time.perf_counter()
        index.upsert(person, last_seen.get(person.id))
        upserts.append((time.perf_counter() - t0) * 1000)
        q = qs[i * 3 % len(qs)]
        t0 = time.perf_counter()
        index.search(q)
        after.append((time.perf_counter() - t0) * 1000)
    words = {
        w
        for p in people
        for v in [p.name, p.company, p.role, *p.aliases, *p.tags]
        for spelling in fold_variants(v)
        for w in spelling.split()
    }
    return {
        "people": n,
        "queries": len(qs),
        "vocab": len(words),
        "build": build_ms,
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 0.95),
        "short_p95": percentile(short, 0.95) if short else 0.0,
        "upsert": statistics.median(upserts),
        "after_p95": percentile(after, 0.95),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the query set (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rows = [run(n, args.repeat, args.seed) for n in args.people]
    print(
        "| people | words | build ms | queries × passes | median ms | p95 ms | max ms | CPU median / p95 ms "
        "| p95 ms (1–2 chars) | upsert ms (median) | p95 ms right after an upsert |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['people']:,} | {r['vocab']:,} | {r['build']:.0f} | {r['queries']} × {args.repeat} "
            f"| {r['median']:.2f} | {r['p95']:.2f} | {r['max']:.2f} | {r['cpu_median']:.2f} / {r['cpu_p95']:.2f} "
            f"| {r['short_p95']:.2f} | {r['upsert']:.2f} | {r['after_p95']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
