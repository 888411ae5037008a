"""Realistic, deterministic demo journals: for ``netjournal --demo``, ``netjournal demo-data``,
screenshots and the benchmarks.

Everything comes from one ``random.Random(seed)`` and the ``today`` given, so the same seed and
day always give the same journal, ids and timestamps included (ids are UUID4s drawn from the
seeded generator, timestamps are derived from each record's date).

Two ways to write what :func:`build` makes:

- :func:`generate` saves through ``JournalStore`` in one ``transaction()`` (one file write). The
  store stamps ``created``/``updated`` with its clock. TinyDB rewrites a whole table per insert,
  so this path grows quadratically: fine for hundreds or a few thousand records.
- :func:`fill_journal` opens the journal with the store and saves every record in one save (one
  line in the change log), then folds the log into the document. It keeps the generated
  timestamps (so "logged 2 hours ago" reads naturally) and takes seconds for 500,000
  encounters. ``netjournal --demo`` and ``netjournal demo-data`` use it.

Pure Python: nothing here imports textual.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from journal.clock import Clock, timestamp
from journal.model import (
    OCCASIONS,
    SETTINGS_ID,
    DayNote,
    Encounter,
    LuckyPick,
    Person,
    Record,
    Settings,
)

__all__ = [
    "DemoData",
    "JournalNotEmpty",
    "build",
    "create_demo_journal",
    "fill_journal",
    "generate",
    "merge_into_document",
]

# How far back the history reaches.
# Data tables: one line per group reads better than one item per line.
# fmt: off
YEARS = 6
SPAN_DAYS = int(YEARS * 365.25)

# --------------------------------------------------------------------------------------------------
# Vocabulary. Names mix German (umlauts, ß) and international spellings on purpose: search must find
# "Müller" from "muller" and "mueller", "Łukasz" from "lukasz".

# A fixed cast opens every demo journal, so screenshots, docs and quick-add examples can name them.
CAST: tuple[tuple[str, str, str, str], ...] = (
    # name, company, role, kind
    ("Anna Müller", "Stripe", "Staff engineer", "work"),
    ("Bob Schulz", "Nordlicht Software GmbH", "CTO", "work"),
    ("Carla Rossi", "Freelance", "UX designer", "event"),
    ("Jürgen Weiß", "Ruderclub Wannsee", "Rowing coach", "club"),
    ("Zoë Martin", "Tagesspiegel", "Journalist", "event"),
    ("José García", "N26", "Product manager", "work"),
    ("Łukasz Kowalski", "Grünwerk Energie", "Data scientist", "hobby"),
    ("Özlem Yılmaz", "Steuerkanzlei Krüger", "Tax adviser", "everyday"),
    ("Søren Andersen", "Spotify", "Engineering manager", "travel"),
    ("Chloé Dubois", "Sciences Po", "Researcher", "friends"),
    ("Hans-Peter Groß", "Bäckerei Groß", "Baker", "neighbourhood"),
    ("Dr. Käthe Böhm", "Zahnarztpraxis Dr. Böhm", "Dentist", "everyday"),
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Jürgen", "Zoë", "José", "Łukasz", "Björn", "Sören", "Jörg", "Günther", "Käthe", "Özlem", "Ömer",
    "Aylin", "Dörte", "Bärbel", "Renée", "Chloé", "Agnieszka", "Małgorzata", "Jiří", "Tomáš", "Søren", "Åsa",
    "Ingrid", "João", "Inês", "Zoltán", "Ádám", "Réka", "Íñigo", "María", "Sofía", "Lucía", "Çağla", "Gökhan",
    "Ayşe", "Noémie", "François", "Hélène", "Jérôme", "Raphaël", "Siobhán", "Seán", "Niamh", "Aoife", "Priya",
    "Arjun", "Ananya", "Wei", "Mei", "Hiroshi", "Yuki", "Kenji", "Min-jun", "Ji-woo", "Oluwaseun", "Chidi",
    "Amara", "Kwame", "Fatima", "Youssef", "Leila", "Omar", "Ngọc", "Thảo", "Maximilian", "Lena", "Lukas",
    "Sophie", "Felix", "Hannah", "Paul", "Marie", "Jonas", "Emma", "Leon", "Mia", "Tim", "Laura", "Jan",
    "Julia", "Tobias", "Katharina", "Florian", "Franziska", "Matthias", "Stefanie", "Sebastian", "Sabine",
    "Andreas", "Ute", "Wolfgang", "Heike", "Klaus", "Birgit", "Uwe", "Gisela", "Hans-Peter", "Anne-Kathrin",
    "Karl-Heinz", "Marie-Luise", "Frauke", "Hauke", "Mareike", "Malte", "Wiebke", "Jannik", "Ole", "Finn",
    "Greta", "Ida", "Oskar", "Emil", "Mats", "Nele", "Carla", "Bob", "Alice", "Oliver", "Olivia", "James",
    "Charlotte", "Amelia", "George", "Noah", "Liam", "Ava", "Ethan", "Isabella", "Lucas", "Mateo", "Valentina",
    "Camila", "Santiago", "Diego", "Luca", "Giulia", "Alessandro", "Francesca", "Matteo", "Chiara", "Sven",
    "Nils", "Astrid", "Freya", "Eero", "Aino", "Mikko", "Katarzyna", "Piotr", "Paweł", "Grzegorz", "Dorota",
    "Ewa", "Nikola", "Milan", "Jelena", "Ivana", "Dimitris", "Eleni", "Giorgos", "Yusuf", "Elif", "Emre",
    "Zeynep", "Hakan", "Dana", "Tamar", "Noa", "Avi", "Ingeborg", "Ludwig", "Friedrich", "Gerd", "Rüdiger",
    "Hildegard", "Ursula", "Dieter", "Jens", "Henrike", "Lennart", "Thorsten", "Kerstin", "Dagmar", "Rainer",
)

LAST_NAMES: tuple[str, ...] = (
    "Müller", "Weiß", "Schäfer", "Schröder", "Köhler", "Böhm", "Krüger", "Günther", "Groß", "Strauß", "Preuß",
    "Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter",
    "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Schulze", "Maier", "Herrmann", "König", "Walter", "Mayer",
    "Huber", "Kaiser", "Fuchs", "Peters", "Scholz", "Möller", "Jung", "Hahn", "Vogel", "Keller", "Frank",
    "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon",
    "Ludwig", "Winter", "Kraus", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Seidel",
    "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler", "Kühn", "Pohl", "Engel",
    "Horn", "Busch", "Bergmann", "Voigt", "Sauer", "Arnold", "Pfeiffer", "Großmann", "Dünnebier", "Öztürk",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski",
    "Dvořák", "Novák", "Svoboda", "Horváth", "Nagy", "Kovács", "Szabó", "García", "Fernández", "González",
    "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Muñoz", "Peña", "Ibáñez", "Silva",
    "Santos", "Gonçalves", "Araújo", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
    "Ricci", "Dubois", "Lefèvre", "Girard", "Bonnet", "Lambert", "Fontaine", "Chevalier", "Rousseau",
    "Mercier", "Faure", "O'Brien", "O'Connor", "Murphy", "Kelly", "Smith", "Jones", "Taylor", "Brown",
    "Williams", "Wilson", "Johnson", "Davies", "Evans", "Thompson", "Andersen", "Nielsen", "Hansen",
    "Johansson", "Lindqvist", "Åberg", "Søgaard", "Ødegaard", "Virtanen", "Korhonen", "Nguyễn", "Trần", "Kim",
    "Park", "Lee", "Chen", "Wang", "Zhang", "Liu", "Tanaka", "Suzuki", "Sato", "Yamamoto", "Patel", "Sharma",
    "Gupta", "Singh", "Iyer", "Okafor", "Adeyemi", "Mensah", "Haddad", "Khalil", "Cohen", "Levi",
    "Papadopoulos", "Georgiou", "Petrović", "Jovanović", "Horvat", "Martin", "Weber", "Schulte", "Kuhn",
)

NICKNAMES: dict[str, str] = {
    "Maximilian": "Max", "Katharina": "Kathi", "Hans-Peter": "HP", "Karl-Heinz": "Kalle", "Alessandro": "Ale",
    "Franziska": "Franzi", "Sebastian": "Basti", "Stefanie": "Steffi", "Matthias": "Matze", "Tobias": "Tobi",
    "Florian": "Flo", "Alexander": "Alex", "Anne-Kathrin": "Anke", "Marie-Luise": "Malu", "Wolfgang": "Wolle",
    "Isabella": "Bella", "Valentina": "Vale", "Oluwaseun": "Seun", "Małgorzata": "Gosia", "Katarzyna": "Kasia",
    "Grzegorz": "Grzesiek", "Giorgos": "George", "Santiago": "Santi", "Charlotte": "Lotte", "Friedrich": "Fritz",
    "Ingeborg": "Inge", "Hildegard": "Hilde", "Łukasz": "Łuki", "Jürgen": "Jürgi", "Siobhán": "Shiv",
}

COMPANIES: tuple[str, ...] = (
    "Stripe", "SAP", "Siemens", "Deutsche Bahn", "Zalando", "N26", "Spotify", "Bosch", "Otto Group",
    "Nordlicht Software GmbH", "Grünwerk Energie", "Brückenbau Ingenieure", "Kaffeerösterei Weiß",
    "Fahrradwerkstatt Köhler", "Müller & Söhne Maschinenbau", "Datenfluss AG", "Hafenblick Studios",
    "Fraunhofer FOKUS", "Charité", "TU München", "Universität Hamburg", "Stadtwerke Köln", "Freelance",
    "Self-employed", "Tagesspiegel", "Mozilla", "GitLab", "Canonical", "Ecosia", "Sennder", "Helsing",
    "Personio", "Celonis", "Trade Republic", "Blinkist", "Komoot", "Babbel", "HelloFresh", "Delivery Hero",
    "Auto1", "Contentful", "Tado", "Flix", "Lilium", "Quantum Leap Labs", "Lichtblick", "Sciences Po",
    "Zeiss", "Infineon", "Allianz", "Commerzbank", "Volkswagen", "Signal Iduna", "Wikimedia Deutschland",
    "Chaos Computer Club", "Open Knowledge Foundation", "Kita Sonnenschein", "Volkshochschule Pankow",
    "Architekturbüro Strauß", "Agentur Morgenrot", "Atelier Lefèvre", "Kanzlei Schäfer & Partner",
)

# Employers worth naming in "both ex-…" or "a contact at …".
EMPLOYERS: tuple[str, ...] = tuple(c for c in COMPANIES if c not in ("Freelance", "Self-employed"))

ROLES: tuple[str, ...] = (
    "Software engineer", "Product manager", "UX designer", "Data scientist", "CTO", "Founder", "Recruiter",
    "Journalist", "Professor", "PhD student", "Consultant", "Sales lead", "Architect", "Photographer",
    "Teacher", "Lawyer", "Community manager", "DevOps engineer", "Venture capitalist", "Marketing lead",
    "Engineering manager", "Head of people", "Researcher", "Illustrator", "Site reliability engineer",
    "Security engineer", "Product designer", "Developer advocate", "Policy adviser", "Translator",
)

# Everyday contacts (rule 2: doctor, tax adviser, craftsman…): company, role.
EVERYDAY: tuple[tuple[str, str], ...] = (
    ("Zahnarztpraxis Dr. Böhm", "Dentist"), ("Steuerkanzlei Krüger", "Tax adviser"),
    ("Elektro Schäfer", "Electrician"), ("Tischlerei Jäger", "Carpenter"), ("Hausarztpraxis Weber", "GP"),
    ("Physiotherapie am Park", "Physiotherapist"), ("Friseursalon Peña", "Hairdresser"),
    ("Fahrradwerkstatt Köhler", "Bike mechanic"), ("Sanitär Horváth", "Plumber"),
    ("Buchhandlung Lehmann", "Bookseller"), ("Apotheke am Markt", "Pharmacist"),
)

CLUBS: tuple[str, ...] = (
    "Ruderclub Wannsee", "TSV Eintracht", "Chor der Nikolaikirche", "Schachverein Königsspringer",
    "Kleingartenverein Sonnenhang", "Freiwillige Feuerwehr Mitte", "Lauftreff Tiergarten",
)

# Work topics fill work, event, online and travel encounters; life topics the rest.
PRO_TOPICS: tuple[str, ...] = (
    "Rust", "Python", "Kubernetes", "UX research", "hiring engineers", "fundraising", "public speaking",
    "GDPR", "open source licensing", "machine learning", "product strategy", "accessibility",
    "conference talks", "remote teams", "startup law", "data engineering", "design systems", "B2B sales",
    "mentoring juniors", "salary negotiation", "writing a CV", "podcasting",
)
LIFE_TOPICS: tuple[str, ...] = (
    "German tax returns", "moving to Berlin", "climbing", "photography", "bike repair", "home renovation",
    "visa applications", "sourdough baking", "learning Spanish", "finding a flat", "parental leave",
)
TOPICS: tuple[str, ...] = PRO_TOPICS + LIFE_TOPICS
# The user's own skills (settings), chosen so that "who could I help?" finds people.
USER_SKILLS: tuple[str, ...] = (
    "Python", "Rust", "public speaking", "hiring engineers", "open source licensing", "bike repair",
)

PERSON_TAGS: tuple[str, ...] = (
    "python", "rust", "design", "climate", "cycling", "hiking", "founders", "hiring", "mentor", "alumni",
    "berlin", "hamburg", "munich", "opensource", "media", "investor", "client", "family-friend", "rowing",
    "choir", "chess", "running", "photography", "research", "community", "speaker", "remote", "fintech",
)

EVENTS: tuple[str, ...] = (
    "PyCon DE", "FOSDEM", "re:publica", "RustFest", "Web Summit", "Chaos Communication Congress",
    "Barcamp Hamburg", "Rust Berlin meetup", "TEDxMünchen", "Digital-Gipfel", "EuroPython", "Hacker News meetup",
    "Women in Tech Köln", "UX Camp Europe", "OOP Konferenz", "JSConf EU", "Product Hunt Berlin",
)
CITIES: tuple[str, ...] = (
    "Berlin", "Hamburg", "München", "Köln", "Leipzig", "Wien", "Zürich", "Lisbon", "Barcelona", "Kraków",
    "Amsterdam", "Kopenhagen", "Paris", "London", "Düsseldorf", "Göttingen", "Würzburg",
)
PLACES: dict[str, tuple[str, ...]] = {
    "work": ("office", "Café Einstein", "the canteen", "client office in {city}", "WeWork Sony Center",
             "project room 3.14"),
    "event": ("{event}, {city}", "{event}", "after-party of {event}", "{event} hallway track"),
    "travel": ("ICE to {city}", "{city} airport", "hotel bar in {city}", "night train to {city}",
               "ferry to Rügen"),
    "friends": ("{name}'s kitchen", "Biergarten am See", "birthday party in {city}", "Kneipe Zum Löwen"),
    "hobby": ("climbing gym", "photo walk along the Spree", "Boulderhalle Südbloc", "pottery class",
              "Repair Café"),
    "club": ("{club}", "clubhouse of {club}"),
    "neighbourhood": ("Kollwitzplatz market", "Bäckerei Groß", "the courtyard", "street party on Lindenstraße",
                      "Spätkauf around the corner"),
    "everyday": ("{company}", "{company}", "Bürgeramt", "pharmacy"),
    "online": ("", "", "Zoom", "Mastodon thread", "LinkedIn", "Signal"),
}
BOOKS: tuple[str, ...] = (
    "Thinking in Systems", "The Mom Test", "Range", "Never Split the Difference", "Die Känguru-Chroniken",
    "An Elegant Puzzle", "Working in Public", "Der Trafikant", "The Manager's Path", "Atomic Habits",
)

# "summary|place": a summary that implies its place carries it; otherwise the place comes from PLACES.
SUMMARIES: dict[str, tuple[str, ...]] = {
    "work": ("Sync about the {topic} roadmap", "Pair-programmed on the {topic} migration",
             "Lunch near the office, talked about {topic}|the canteen", "Prepared the quarterly review together",
             "Whiteboard session on {topic}|project room 3.14", "Coffee after the all-hands; they are changing teams"),
    "event": ("Chatted after the talk on {topic} at {event}|{event}, {city}", "Met at the {event} coffee break|{event}",
              "Shared a table at the {event} dinner|{event}, {city}", "Asked a great question in my {topic} talk",
              "Sat next to each other in the {topic} workshop"),
    "travel": ("Sat next to each other on the train to {city}|ICE to {city}",
               "Bumped into each other at {city} airport|{city} airport",
               "Shared a taxi in {city}; talked about {topic}|{city}", "Stuck together during a delay, great chat"),
    "friends": ("Dinner at {name}'s place|{name}'s kitchen", "Birthday party; long talk about {topic}",
                "Board game night", "Walk in the park and catching up", "Brunch; they're thinking about {topic}"),
    "hobby": ("Climbing session, then beers|Boulderhalle Südbloc",
              "Photo walk, swapped tips on {topic}|along the Spree",
              "Repair Café afternoon|Repair Café", "Long run together; talked about {topic}|Tiergarten"),
    "club": ("Training at {club}|{club}", "{club} general meeting|clubhouse of {club}",
             "Helped set up the {club} summer fête|{club}", "After training, talked about {topic}|{club}"),
    "neighbourhood": ("Chatted over the fence about the street party|the courtyard",
                      "Met at the farmers' market|Kollwitzplatz market", "Helped carry a sofa upstairs|our building",
                      "Talked about {topic} while waiting at the bakery|Bäckerei Groß"),
    "everyday": ("Check-up; ended up talking about {topic}", "Went through the annual tax return|tax adviser's office",
                 "Fixed the light switch; they know a lot about {topic}|at home",
                 "Quick chat while the bike got fixed|the bike shop"),
    "online": ("Video call about {topic}", "Replied to my post about {topic}", "Long thread on {topic}",
               "Call to compare notes on {topic}"),
}
OUTREACH: tuple[str, ...] = (
    "Sent a note about {topic}", "Asked how the new job is going", "Shared an article on {topic}",
    "Congratulated them on the launch", "Suggested a coffee next month", "Sent the slides from my {topic} talk",
    "Asked whether they'd like an intro to {other}",
)
INBOUND: tuple[str, ...] = (
    "Wrote to ask about {topic}", "Called to say thanks for the intro", "Sent me a job ad for a friend",
    "Asked me to review their {topic} proposal", "Invited me to their {event} talk",
)
GAVE: tuple[str, ...] = (
    "a tip on {topic}", "an introduction to {other}", "feedback on their talk", "a book recommendation: {book}",
    "reviewed their CV", "two hours of help with {topic}", "my notes on {topic}", "a contact at {employer}",
    "lent them my {topic} book", "a reference for their application",
)
RECEIVED: tuple[str, ...] = (
    "an invitation to speak at {event}", "a lead for a client", "a great restaurant tip in {city}",
    "introduced me to their team lead", "the book {book}", "a tip on {topic}", "a spare ticket for {event}",
    "help moving house", "feedback on my {topic} draft",
)
# Noun phrases: the app says "you share {common}" and "{common} made me think of you".
COMMON_GROUND: tuple[str, ...] = (
    "a childhood near {city}", "rowing", "kids at the same school", "years at {company}",
    "a soft spot for {topic}", "the same hometown", "a first career as teachers", "a love of old bikes",
    "learning Spanish", "moving to Berlin the same year", "vinyl records", "a physics degree",
)
EXPERIENCE: tuple[str, ...] = (
    "Compared notes on {topic}", "They shared how they run remote retros; I shared our on-call setup",
    "Swapped what worked when hiring for {topic}", "Their take on {topic} changed my mind",
    "Traded war stories about {topic} in production",
)
# Needs and offers are noun phrases, items separated by ";" ("a Rust mentor; feedback on a pitch deck").
OFFER_FORMS: tuple[str, ...] = (
    "{topic}", "mentoring on {topic}", "reviews of {topic} work", "{topic} know-how", "intros to people in {topic}",
)
NEED_FORMS: tuple[str, ...] = (
    "advice on {topic}", "a mentor for {topic}", "someone who knows {topic}", "a first contact in {topic}",
    "feedback on their {topic} plans",
)
HOW_WE_MET: dict[str, tuple[str, ...]] = {
    "work": ("worked together at {company}", "colleagues on the {topic} project"),
    "event": ("at {event} {year}", "next to each other at {event} {year}"),
    "travel": ("on a train to {city} in {year}", "at a hostel in {city}"),
    "friends": ("through {other}", "at {other}'s wedding"),
    "hobby": ("at the climbing gym", "in the photo walk group"),
    "club": ("at {club}",),
    "neighbourhood": ("neighbours across the street", "lives two doors down"),
    "everyday": ("our {role_lower} since {year}",),
    "online": ("a {topic} thread on Mastodon", "on LinkedIn in {year}"),
}
NOTES: tuple[str, ...] = (
    "Prefers e-mail over calls.", "Vegetarian — remember for dinners.", "Two kids, both at primary school.",
    "Always late, always worth it.", "Speaks German, Polish and English.", "Moves to Lisbon next spring.",
    "Ask about the marathon.", "Don't call before 10.", "Writes a great newsletter on {topic}.",
)
DAY_NOTES: tuple[str, ...] = (
    "Good day. Three real conversations, no small talk.", "Tired, but the chat with {name} made it worth it.",
    "Remember: ask {name} how the {topic} project went.", "Gave more than I got today, and that's fine.",
    "Too many meetings; next week keep Friday free for people.", "Rule 7 worked: {name} out of nowhere.",
    "Follow up on the intro between {name} and {other}.", "Quiet day. Wrote two notes I'd been putting off.",
    "Felt awkward at first at {event}, then easy.", "Should share my {topic} notes more widely.",
)

CADENCES: tuple[int, ...] = (14, 21, 30, 42, 60, 90, 180)
ONLINE_CHANNELS: tuple[str, ...] = ("video", "message", "email", "platform", "call")
OFFLINE_CHANNELS: tuple[str, ...] = ("in_person",) * 14 + ("call", "video", "message", "email", "platform")
REMOTE_CHANNELS: tuple[str, ...] = ("message", "email", "platform", "call")
KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("work", 30), ("event", 20), ("online", 10), ("friends", 10), ("travel", 5), ("hobby", 7), ("club", 6),
    ("neighbourhood", 5), ("everyday", 7),
)

# fmt: on


class JournalNotEmpty(Exception):
    """``demo-data`` was asked to write into a journal that already has people (and no --force)."""

    def __init__(self, people: int) -> None:
        super().__init__(people)
        self.people = people


@dataclass
class DemoData:
    people: list[Person] = field(default_factory=list)
    encounters: list[Encounter] = field(default_factory=list)
    days: list[DayNote] = field(default_factory=list)
    lucky: list[LuckyPick] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    active_platforms: list[str] = field(default_factory=list)

    def records(self) -> list[Record]:
        return [*self.people, *self.encounters, *self.days, *self.lucky]


# --------------------------------------------------------------------------------------------------
# Helpers


def _ascii_slug(text: str, sep: str = ".") -> str:
    value = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    value = value.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ł", "l").replace("Ł", "L")
    value = value.replace("ø", "o").replace("Ø", "O").replace("ı", "i")
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    words = [w for w in "".join(c if c.isalnum() else " " for c in value.lower()).split() if w != "dr"]
    return sep.join(words)


def _first_name(name: str) -> str:
    return name.removeprefix("Dr. ").split()[0]


class _Gen:
    """One generation run; all randomness flows from ``self.rng``."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.id_rng = random.Random(f"netjournal-demo-ids-{seed}")
        self.today = today
        self.year_now = today.year

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def fill(self, template: str, **extra: str) -> str:
        """Fill only the placeholders a template uses (cheap for 500,000 encounters)."""
        if "{" not in template:
            return template
        values: dict[str, str] = {}
        for key in ("topic", "city", "event", "company", "employer", "book", "club"):
            if "{" + key + "}" in template and key not in extra:
                pool = {
                    "topic": TOPICS,
                    "city": CITIES,
                    "event": EVENTS,
                    "company": EMPLOYERS,
                    "employer": EMPLOYERS,
                    "book": BOOKS,
                    "club": CLUBS,
                }[key]
                values[key] = self.pick(pool)
        values.update(extra)
        return template.format_map(_Default(values))


class _Default(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "a friend" if key in ("name", "other") else key


# --------------------------------------------------------------------------------------------------
# Building


def build(*, people: int, encounters: int, seed: int, today: date, now: datetime | None = None) -> DemoData:
    """Make a whole journal in memory (normalised and validated), deterministic for seed and today.

    ``now`` (UTC) bounds the ``created`` times of today's encounters; it defaults to 18:00 today.
    """
    if people < 1 and encounters > 0:
        raise ValueError("encounters need at least one person")
    if people < 0 or encounters < 0:
        raise ValueError("counts cannot be negative")
    now = now or datetime.combine(today, time(18, 0), tzinfo=UTC)
    gen = _Gen(seed, today)
    data = DemoData(skills=list(USER_SKILLS), active_platforms=["LinkedIn", "e-mail", "Mastodon"])
    contexts = _make_people(gen, data, people)
    _make_encounters(gen, data, contexts, encounters, now)
    _finish_people(gen, data, contexts, now)
    _make_day_notes(gen, data, now)
    for record in data.records():
        record.normalise()  # type: ignore[attr-defined]
        record.validate()
    return data


def _make_people(gen: _Gen, data: DemoData, count: int) -> list[tuple[str, str]]:
    """The people, and for each the context you know them from: (kind, their club)."""
    rng = gen.rng
    taken: dict[str, None] = {}
    contexts: list[tuple[str, str]] = []
    kind_names = [k for k, _w in KIND_WEIGHTS]
    kind_cum = list(accumulate(w for _k, w in KIND_WEIGHTS))
    for i in range(count):
        if i < len(CAST):
            name, company, role, kind = CAST[i]
        else:
            kind = kind_names[bisect_right(kind_cum, rng.random() * kind_cum[-1])]
            name = _unique_name(gen, taken)
            if kind == "everyday":
                company, role = gen.pick(EVERYDAY)
            elif kind == "club":
                company, role = (
                    (gen.pick(CLUBS), "Club member") if gen.chance(0.5) else (gen.pick(COMPANIES), gen.pick(ROLES))
                )
            elif kind == "neighbourhood":
                company, role = ("", "Neighbour") if gen.chance(0.5) else (gen.pick(COMPANIES), gen.pick(ROLES))
            else:
                company, role = gen.pick(COMPANIES), gen.pick(ROLES)
        taken[name] = None
        first = _first_name(name)
        person = Person(id=gen.new_id(), name=name, company=company, role=role)
        if first in NICKNAMES and gen.chance(0.5):
            person.aliases = [NICKNAMES[first]]
        if name.startswith("Dr. "):
            person.aliases.append(name.removeprefix("Dr. "))
        person.tags = _sample(gen, PERSON_TAGS, rng.choice((0, 1, 1, 2, 2, 3)))
        if kind in ("club", "hobby", "neighbourhood", "everyday", "friends"):
            person.tags.append(
                {
                    "club": "club",
                    "hobby": "hobby",
                    "neighbourhood": "neighbour",
                    "everyday": "everyday",
                    "friends": "friend",
                }[kind]
            )
        person.platforms = _platforms(gen, name, company, kind)
        topics = _sample(gen, TOPICS, 3)
        if gen.chance(0.55):
            person.offers = "; ".join(gen.fill(gen.pick(OFFER_FORMS), topic=t) for t in topics[: rng.choice((1, 1, 2))])
        if gen.chance(0.45):
            person.needs = gen.fill(gen.pick(NEED_FORMS), topic=topics[2])
        if gen.chance(0.6):
            person.common_ground = gen.fill(gen.pick(COMMON_GROUND))
        if gen.chance(0.3):
            person.notes = gen.fill(gen.pick(NOTES))
        data.people.append(person)
        contexts.append((kind, company if company in CLUBS else gen.pick(CLUBS)))
    return contexts


def _unique_name(gen: _Gen, taken: dict[str, None]) -> str:
    for _attempt in range(8):
        name = f"{gen.pick(FIRST_NAMES)} {gen.pick(LAST_NAMES)}"
        if name not in taken:
            return name
    while True:  # big journals: a middle initial keeps names distinct, as people do
        name = f"{gen.pick(FIRST_NAMES)} {chr(65 + gen.rng.randrange(26))}. {gen.pick(LAST_NAMES)}"
        if name not in taken:
            return name


def _sample(gen: _Gen, pool: Sequence[str], k: int) -> list[str]:
    return gen.rng.sample(pool, k) if k else []


def _platforms(gen: _Gen, name: str, company: str, kind: str) -> dict[str, str]:
    slug = _ascii_slug(name)
    dashed = _ascii_slug(name, "-")
    platforms: dict[str, str] = {}
    if gen.chance(0.7):
        domain = (
            (_ascii_slug(company, "") + ".example")
            if company and company not in ("Freelance", "Self-employed") and gen.chance(0.6)
            else gen.pick(("posteo.de", "mailbox.org", "gmail.com", "web.de", "fastmail.com", "proton.me"))
        )
        platforms["e-mail"] = f"{slug}@{domain}"
    if kind not in ("everyday", "neighbourhood") and gen.chance(0.6):
        platforms["LinkedIn"] = f"linkedin.com/in/{dashed}"
    if gen.chance(0.2):
        platforms["XING"] = "_".join(w.capitalize() for w in dashed.split("-"))
    if gen.chance(0.15):
        server = gen.pick(("chaos.social", "mastodon.social", "hachyderm.io", "norden.social", "fosstodon.org"))
        platforms["Mastodon"] = f"@{dashed.split('-')[0]}@{server}"
    if kind in ("everyday", "neighbourhood", "friends", "club") or gen.chance(0.3):
        platforms["phone"] = f"+49 {gen.rng.choice((30, 40, 89, 221, 341, 69))} {gen.rng.randrange(1000000, 9999999)}"
    return platforms


def _day_offsets(gen: _Gen, count: int) -> list[int]:
    """Days before today: denser the more recent (10% in the last 4 weeks, 30% in the last year,
    the rest falling off linearly over the whole span)."""
    rng = gen.rng
    out = []
    for _i in range(count):
        u = rng.random()
        if u < 0.10:
            out.append(rng.randrange(28))
        elif u < 0.40:
            out.append(rng.randrange(365))
        else:
            out.append(int(SPAN_DAYS * (1.0 - (1.0 - rng.random()) ** 0.5)))
    return out


def _make_encounters(gen: _Gen, data: DemoData, contexts: list[tuple[str, str]], count: int, now: datetime) -> None:
    rng = gen.rng
    n_people = len(data.people)
    if count == 0 or n_people == 0:
        return
    today = gen.today
    # Lucky picks of the last weeks; one in three led to an outreach, logged as a lucky encounter.
    lucky_days = min(42, max(1, count // 20))
    lucky_outreach: list[tuple[int, int]] = []  # (days ago, person index)
    for ago in range(lucky_days, 0, -1):
        if not gen.chance(0.7):
            continue
        pi = rng.randrange(n_people)
        outcome = "reached_out" if gen.chance(0.35) else ("not_now" if gen.chance(0.4) else "shown")
        if outcome == "reached_out" and len(lucky_outreach) < count // 10:
            lucky_outreach.append((ago, pi))
        elif outcome == "reached_out":
            outcome = "shown"
        data.lucky.append(
            LuckyPick(id=gen.new_id(), date=today - timedelta(days=ago), person_id=data.people[pi].id, outcome=outcome)
        )
    regular = count - len(lucky_outreach)
    offsets = _day_offsets(gen, regular)
    # Today always has a few encounters, so the Today screen is alive.
    want_today = min(regular, 3 if count >= 20 else 1)
    have_today = sum(1 for o in offsets if o == 0)
    for i in range(len(offsets)):
        if have_today >= want_today:
            break
        if offsets[i] != 0:
            offsets[i] = 0
            have_today += 1
    # Who: most people get one encounter first, the rest go to a heavy-tailed few (like real life);
    # the cast (Anna Müller & co.) are among the people seen most.
    weights = [min(rng.paretovariate(1.1), 60.0) for _p in range(n_people)]
    for i in range(min(len(CAST), n_people)):
        weights[i] = max(weights[i], 25.0 + 5 * rng.random())
    cum = list(accumulate(weights))
    total = cum[-1]
    order = list(range(n_people))
    rng.shuffle(order)
    first_round = min(int(n_people * 0.95), regular // 2 if regular < 2 * n_people else n_people)
    assigned = order[:first_round] + [bisect_right(cum, rng.random() * total) for _i in range(regular - first_round)]
    assigned = [min(a, n_people - 1) for a in assigned]
    plans: list[tuple[int, list[int], bool]] = []  # (days ago, person indexes, lucky)
    for ago, pi in zip(offsets, assigned, strict=True):
        group = [pi]
        if gen.chance(0.08) and n_people > 2:
            for _extra in range(rng.choice((1, 1, 2))):
                other = min(bisect_right(cum, rng.random() * total), n_people - 1)
                if other not in group:
                    group.append(other)
        plans.append((ago, group, False))
    plans.extend((ago, [pi], True) for ago, pi in lucky_outreach)
    plans.sort(key=lambda p: p[0], reverse=True)  # oldest first
    seen: set[int] = set()
    for ago, group, lucky in plans:
        first = group[0] not in seen
        seen.update(group)
        data.encounters.append(_encounter(gen, data, contexts, today - timedelta(days=ago), group, lucky, first, now))
    _unanswered_endings(gen, data)


def _encounter(
    gen: _Gen,
    data: DemoData,
    contexts: list[tuple[str, str]],
    day: date,
    group: list[int],
    lucky: bool,
    first: bool,
    now: datetime,
) -> Encounter:
    rng = gen.rng
    main = data.people[group[0]]
    kind, club = contexts[group[0]]
    # The first encounter happens where you know them from (how_we_met is derived from it).
    occasion = kind if first or gen.chance(0.75) else gen.pick(OCCASIONS)
    other = data.people[rng.randrange(len(data.people))].name
    topic = gen.pick(PRO_TOPICS if occasion in ("work", "event", "online", "travel") else TOPICS)
    fill: dict[str, str] = {
        "topic": topic,
        "other": other,
        "name": _first_name(main.name),
        "club": club,
        "company": main.company or gen.pick(EMPLOYERS),
        "city": gen.pick(CITIES),
        "event": gen.pick(EVENTS),
    }
    if lucky:
        channel = gen.pick(REMOTE_CHANNELS)
    elif occasion == "online":
        channel = gen.pick(ONLINE_CHANNELS)
    else:
        channel = gen.pick(OFFLINE_CHANNELS)
    if lucky:
        direction = "outreach"
    elif channel == "in_person":
        direction = "met"
    else:
        direction = gen.pick(("outreach", "outreach", "inbound", "inbound", "met"))
    if direction == "outreach":
        template = gen.pick(OUTREACH)
    elif direction == "inbound":
        template = gen.pick(INBOUND)
    else:
        template = gen.pick(SUMMARIES[occasion])
    template, _sep, place_template = template.partition("|")
    summary = gen.fill(template, **fill)
    place = ""
    if channel == "in_person":
        place = gen.fill(place_template or gen.pick(PLACES[occasion]), **fill)
    enc = Encounter(
        id=gen.new_id(),
        date=day,
        person_ids=[data.people[i].id for i in group],
        occasion=occasion,
        place=place,
        channel=channel,
        direction=direction,
        summary=summary,
        lucky=lucky,
    )
    if channel == "in_person" and gen.chance(0.55):
        latest = max(9, now.hour) if day == gen.today else 22  # nothing later today than now
        enc.time = f"{rng.randrange(8, latest):02d}:{rng.choice((0, 15, 30, 45)):02d}"
    if gen.chance(0.3):
        enc.common_ground = gen.fill(gen.pick(COMMON_GROUND))
    if direction != "outreach" and gen.chance(0.25):
        enc.experience = gen.fill(gen.pick(EXPERIENCE), topic=topic)
    if gen.chance(0.4):
        enc.gave = gen.fill(gen.pick(GAVE), topic=topic, other=other, employer=gen.pick(EMPLOYERS))
    if direction != "outreach" and gen.chance(0.22):
        enc.received = gen.fill(gen.pick(RECEIVED))
    chance_p = {"travel": 0.45, "neighbourhood": 0.35, "everyday": 0.2, "event": 0.15}.get(occasion, 0.04)
    enc.by_chance = direction == "met" and gen.chance(chance_p)
    if gen.chance(0.1):
        enc.follow_up = day + timedelta(days=rng.randrange(3, 31))
    enc.tags = _encounter_tags(gen, topic if "{topic}" in template else None, occasion)
    # Logged the same evening (or, today, a little while ago).
    if day == gen.today:
        logged = now - timedelta(minutes=rng.randrange(3, 240))
    else:
        logged = datetime.combine(day, time(rng.randrange(17, 23), rng.randrange(60), rng.randrange(60)), tzinfo=UTC)
    enc.created = enc.updated = timestamp(logged)
    return enc


def _encounter_tags(gen: _Gen, topic: str | None, occasion: str) -> list[str]:
    tags = []
    if topic and gen.chance(0.5):
        tags.append(_ascii_slug(topic, "-"))
    if gen.chance(0.2):
        tags.append(gen.pick(("coffee", "lunch", "conference", "intro", "follow-up", "idea", "hiring", occasion)))
    return tags


def _unanswered_endings(gen: _Gen, data: DemoData) -> None:
    """Some people's history ends with an outreach still waiting for a reply (rule 6)."""
    last: dict[str, int] = {}
    for i, enc in enumerate(data.encounters):
        if len(enc.person_ids) == 1:
            last[enc.person_ids[0]] = i
        else:
            for pid in enc.person_ids:
                last.pop(pid, None)
    for i in last.values():
        enc = data.encounters[i]
        if enc.direction == "outreach" or not gen.chance(0.09):
            continue
        enc.direction = "outreach"
        enc.channel = gen.pick(REMOTE_CHANNELS)
        enc.place = ""
        enc.time = None
        enc.by_chance = False
        enc.received = enc.experience = ""
        enc.summary = gen.fill(gen.pick(OUTREACH))


def _finish_people(gen: _Gen, data: DemoData, contexts: list[tuple[str, str]], now: datetime) -> None:
    """how_we_met (where you know them from, the year of the first encounter), created timestamps,
    archived and snoozed people."""
    rng = gen.rng
    first: dict[str, Encounter] = {}
    last: dict[str, date] = {}
    for enc in data.encounters:
        for pid in enc.person_ids:
            first.setdefault(pid, enc)
            last[pid] = enc.date
    names = [p.name for p in data.people]
    for person, (kind, club) in zip(data.people, contexts, strict=True):
        enc = first.get(person.id)
        if enc is not None:
            met_year = str(enc.date.year)
            created = datetime.fromisoformat(enc.created.replace("Z", "+00:00")) - timedelta(minutes=1)
        else:
            met_year = str(gen.today.year - rng.randrange(YEARS))
            created = datetime.combine(gen.today - timedelta(days=rng.randrange(1, SPAN_DAYS)), time(20, 0), tzinfo=UTC)
        if gen.chance(0.8):
            other = gen.pick(names)
            if other == person.name and len(names) > 1:
                other = names[(names.index(other) + 1) % len(names)]
            person.how_we_met = gen.fill(
                gen.pick(HOW_WE_MET[kind]),
                year=met_year,
                topic=gen.pick(PRO_TOPICS),
                other=other,
                role_lower=(person.role or "contact").lower(),
                club=club,
                company=person.company or gen.pick(EMPLOYERS),
            )
        person.created = person.updated = timestamp(min(created, now))
        # A check-in rhythm is set by hand for people you are actively in touch with.
        seen = last.get(person.id)
        if seen is not None and (gen.today - seen).days <= 180 and gen.chance(0.35):
            person.cadence_days = gen.pick(CADENCES)
    # A few people archived (chosen among the longest unseen) and a few snoozed for a while.
    if len(data.people) >= 10:
        by_age = sorted(range(len(data.people)), key=lambda i: (last.get(data.people[i].id, date.min), i))
        stale = by_age[: max(1, len(by_age) // 4)]
        for i in rng.sample(stale, max(1, len(data.people) * 3 // 100)):
            data.people[i].archived = True
        active = [i for i in by_age[len(stale) :] if i >= len(CAST)]
        for i in rng.sample(active, min(len(active), max(1, len(data.people) * 2 // 100))):
            data.people[i].snoozed_until = gen.today + timedelta(days=rng.randrange(3, 45))
    for pick in data.lucky:
        pick.created = pick.updated = timestamp(datetime.combine(pick.date, time(8, 30), tzinfo=UTC))


def _make_day_notes(gen: _Gen, data: DemoData, now: datetime) -> None:
    if not data.people:
        return
    days: dict[date, None] = {}
    for enc in data.encounters:
        if (gen.today - enc.date).days <= 365:
            days[enc.date] = None
    names = [_first_name(p.name) for p in data.people[:200]]
    for day in days:
        if day != gen.today and not gen.chance(0.25):
            continue
        text = gen.fill(gen.pick(DAY_NOTES), name=gen.pick(names), other=gen.pick(names))
        note = DayNote(date=day, text=text)
        stamp = now if day == gen.today else datetime.combine(day, time(22, 15), tzinfo=UTC)
        note.created = note.updated = timestamp(stamp)
        data.days.append(note)
    data.days.sort(key=lambda n: n.date)


# --------------------------------------------------------------------------------------------------
# Writing


def generate(store: Any, *, people: int, encounters: int, seed: int, today: date) -> None:
    """Add a generated journal to an open ``JournalStore`` in one transaction (one file write).

    The store stamps ``created``/``updated`` with its clock. Quadratic in TinyDB: meant for small
    journals; see :func:`fill_journal` for big ones.
    """
    data = build(people=people, encounters=encounters, seed=seed, today=today, now=store.clock.now())
    with store.transaction():
        settings = store.settings
        if not settings.skills:
            store.save_settings(
                replace(settings, skills=list(data.skills), active_platforms=list(data.active_platforms))
            )
        for record in data.records():
            store.save(record)


def merge_into_document(document: dict[str, Any], data: DemoData) -> dict[str, Any]:
    """The stored document ``{table: {doc_id: record}}`` with the generated records added.

    Records whose id is already in a table replace it (same seed twice: same records). The
    settings get the demo's skills and platforms only if the user has no skills yet. The input
    is not mutated (tables that change are copied).
    """
    out = dict(document)
    by_table: dict[str, list[Record]] = {}
    for record in data.records():
        by_table.setdefault(record.TABLE, []).append(record)
    settings_table = dict(out.get(Settings.TABLE) or {})
    for doc_id, raw in settings_table.items():
        if isinstance(raw, dict) and raw.get("id") == SETTINGS_ID and not raw.get("skills"):
            settings_table[doc_id] = {
                **raw,
                "skills": list(data.skills),
                "active_platforms": list(data.active_platforms),
            }
    out[Settings.TABLE] = settings_table
    for table, records in by_table.items():
        existing = dict(out.get(table) or {})
        where = {raw.get("id"): doc_id for doc_id, raw in existing.items() if isinstance(raw, dict)}
        next_id = max((int(k) for k in existing if k.isdigit()), default=0) + 1
        for record in records:
            doc_id = where.get(record.id)
            if doc_id is None:
                doc_id = str(next_id)
                next_id += 1
                where[record.id] = doc_id
            existing[doc_id] = record.to_dict()
        out[table] = existing
    return out


@dataclass(frozen=True)
class FillSummary:
    path: Path
    people: int
    encounters: int
    day_notes: int
    lucky_picks: int
    total_people: int
    total_encounters: int
    bytes: int


def fill_journal(
    path: Path, clock: Clock, *, people: int, encounters: int, seed: int, force: bool = False, today: date | None = None
) -> FillSummary:
    """Generate a journal and write it into ``path`` in one atomic file replacement.

    Opens the journal with ``JournalStore`` (which takes the lock, checks and migrates an existing
    file, or creates a new one with its meta and settings records), refuses with
    :class:`JournalNotEmpty` if it already has people (unless ``force``), merges the records into
    the stored document and replaces the file while the lock is held. Then it reopens the result
    to count what it holds, which also proves the store reads it.
    """
    from journal.store import JournalStore

    day = today or clock.today()
    store = JournalStore.open(path, clock)
    try:
        if store.people_count() and not force:
            raise JournalNotEmpty(store.people_count())
        data = build(people=people, encounters=encounters, seed=seed, today=day, now=clock.now())
        records: list[Record] = list(data.records())
        settings = store.settings
        if not settings.skills:
            records.append(replace(settings, skills=list(data.skills), active_platforms=list(data.active_platforms)))
        # One save: one line in the change log, folded into the document when the store closes.
        store.save(*records, keep_stamps=True)
        store.compact()
    finally:
        store.close()
    payload_size = path.stat().st_size
    with JournalStore.open(path, clock, readonly=True) as check:
        total_people, total_encounters = check.people_count(), check.encounter_count()
    return FillSummary(
        Path(path),
        len(data.people),
        len(data.encounters),
        len(data.days),
        len(data.lucky),
        total_people,
        total_encounters,
        payload_size,
    )


def create_demo_journal(path: Path, clock: Clock, *, people: int = 120, encounters: int = 900, seed: int = 7) -> None:
    """A fresh demo journal for ``netjournal --demo``: lively on ``clock.today()``."""
    fill_journal(path, clock, people=people, encounters=encounters, seed=seed, force=True)


def records_by_table(records: Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    """Records as plain dicts grouped by table (for comparisons in tests and tools)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        out.setdefault(record.TABLE, []).append(record.to_dict())
    return out
