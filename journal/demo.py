"""Realistic, deterministic demo journals: for ``netjournal --demo``, ``netjournal demo-data``,
screenshots and the benchmarks.

Everything comes from one ``random.Random(seed)`` and the ``today`` given, so the same seed and
day always give the same journal, ids and timestamps included (ids are UUID4s drawn from the
seeded generator, timestamps are derived from each record's date).

:func:`generate` adds what :func:`build` makes to an open ``JournalStore`` in one save (one line in
the change log), keeping the generated timestamps (so "logged 2 hours ago" reads naturally); it takes
seconds for 500,000 encounters. :func:`fill_journal` opens a journal file, refuses one that already has
people, generates into it and folds the change log into the document; ``netjournal --demo`` and
``netjournal demo-data`` use it. The vocabulary is in :mod:`journal.demo_data`.

Pure Python: nothing here imports textual.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from journal import demo_data
from journal.clock import Clock, timestamp
from journal.demo_data import (
    CADENCES,
    CLUBS,
    FIRST_NAMES,
    KIND_WEIGHTS,
    LAST_NAMES,
    NICKNAMES,
    OFFLINE_CHANNELS,
    ONLINE_CHANNELS,
    REMOTE_CHANNELS,
    SPAN_DAYS,
    YEARS,
)
from journal.model import (
    MAX_CADENCE,
    OCCASIONS,
    DayNote,
    Encounter,
    LuckyPick,
    Person,
    Record,
    Settings,
)
from journal.store import JournalStore

__all__ = [
    "DemoData",
    "JournalNotEmpty",
    "build",
    "create_demo_journal",
    "fill_journal",
    "generate",
]


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


def _words(language: str) -> Any:
    """The vocabulary tables for a language (English unless it is German)."""
    if language == "de":
        from journal import demo_data_de

        return demo_data_de
    return demo_data


def _first_name(name: str) -> str:
    return name.removeprefix("Dr. ").split()[0]


class _Gen:
    """One generation run; all randomness flows from ``self.rng``."""

    def __init__(self, seed: int, today: date, local_now: datetime, language: str = "en") -> None:
        self.rng = random.Random(seed)
        self.local_now = local_now
        # The vocabulary the journal is written with: demo_data (English) or demo_data_de.
        self.w: Any = _words(language)
        self.event_names: tuple[str, ...] = tuple(self.w.EVENTS)
        self.employers: tuple[str, ...] = tuple(c for c in self.w.COMPANIES if c not in self.w.NOT_EMPLOYERS)
        self.away_cities: tuple[str, ...] = tuple(c for c in self.w.CITIES if c != self.w.HOME_CITY)
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
                    "topic": self.w.TOPICS,
                    "city": self.w.CITIES,
                    "event": self.event_names,
                    "company": self.employers,
                    "employer": self.employers,
                    "book": self.w.BOOKS,
                    "club": CLUBS,
                }[key]
                values[key] = self.pick(pool)
        values.update(extra)
        return template.format_map(_Default(values, self.w.SOMEONE))


class _Default(dict[str, str]):
    def __init__(self, values: dict[str, str], someone: str) -> None:
        super().__init__(values)
        self.someone = someone

    def __missing__(self, key: str) -> str:
        return self.someone if key in ("name", "other") else key


# --------------------------------------------------------------------------------------------------
# Building


def build(
    *,
    people: int,
    encounters: int,
    seed: int,
    today: date,
    now: datetime | None = None,
    local_now: datetime | None = None,
    language: str = "en",
) -> DemoData:
    """Make a whole journal in memory (normalised and validated), deterministic for seed and today.

    ``now`` (UTC) bounds the ``created`` times of today's encounters; it defaults to 18:00 today.
    ``local_now`` is the user's wall clock (default: ``now``): today's encounters have times before
    it. ``language`` ("en" or "de") is the language the journal is written in.
    """
    if people < 1 and encounters > 0:
        raise ValueError("encounters need at least one person")
    if people < 0 or encounters < 0:
        raise ValueError("counts cannot be negative")
    now = now or datetime.combine(today, time(18, 0), tzinfo=UTC)
    gen = _Gen(seed, today, local_now or now, language)
    data = DemoData(skills=list(gen.w.USER_SKILLS), active_platforms=["LinkedIn", "e-mail", "Mastodon"])
    contexts = _make_people(gen, data, people)
    _make_encounters(gen, data, contexts, encounters, now)
    _finish_people(gen, data, contexts, now)
    _settle_rhythms(gen, data)
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
        if i < len(gen.w.CAST):
            name, company, role, kind = gen.w.CAST[i]
        else:
            kind = kind_names[bisect_right(kind_cum, rng.random() * kind_cum[-1])]
            name = _unique_name(gen, taken)
            if kind == "everyday":
                company, role = gen.pick(gen.w.EVERYDAY)
            elif kind == "club":
                company, role = (
                    (gen.pick(CLUBS), gen.w.CLUB_MEMBER)
                    if gen.chance(0.5)
                    else (gen.pick(gen.w.COMPANIES), gen.pick(gen.w.ROLES))
                )
            elif kind == "neighbourhood":
                company, role = (
                    ("", gen.w.NEIGHBOUR) if gen.chance(0.5) else (gen.pick(gen.w.COMPANIES), gen.pick(gen.w.ROLES))
                )
            else:
                company, role = gen.pick(gen.w.COMPANIES), gen.pick(gen.w.ROLES)
        taken[name] = None
        first = _first_name(name)
        person = Person(id=gen.new_id(), name=name, company=company, role=role)
        if first in NICKNAMES and gen.chance(0.5):
            person.aliases = [NICKNAMES[first]]
        if name.startswith("Dr. "):
            person.aliases.append(name.removeprefix("Dr. "))
        person.tags = _sample(gen, gen.w.PERSON_TAGS, rng.choice((0, 1, 1, 2, 2, 3)))
        if kind in ("club", "hobby", "neighbourhood", "everyday", "friends"):
            person.tags.append(gen.w.KIND_TAGS[kind])
        person.platforms = _platforms(gen, name, company, kind)
        topics = _sample(gen, gen.w.TOPICS, 3)
        if gen.chance(0.55):
            person.offers = "; ".join(
                gen.fill(gen.pick(gen.w.OFFER_FORMS), topic=t) for t in topics[: rng.choice((1, 1, 2))]
            )
        if gen.chance(0.45):
            person.needs = gen.fill(gen.pick(gen.w.NEED_FORMS), topic=topics[2])
        if gen.chance(0.6):
            person.common_ground = gen.fill(gen.pick(gen.w.COMMON_GROUND))
        if gen.chance(0.3):
            person.notes = gen.fill(gen.pick(gen.w.NOTES))
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
            if company and company not in gen.w.NOT_EMPLOYERS and gen.chance(0.6)
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
    for i in range(min(len(gen.w.CAST), n_people)):
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
    topic = gen.pick(gen.w.PRO_TOPICS if occasion in ("work", "event", "online", "travel") else gen.w.TOPICS)
    event = gen.pick(gen.event_names)
    if occasion == "event":
        city = gen.w.EVENTS[event]  # where the event is held
    else:
        city = gen.pick(gen.away_cities if occasion == "travel" else gen.w.CITIES)
    fill: dict[str, str] = {
        "topic": topic,
        "other": other,
        "name": _first_name(main.name),
        "club": club,
        "company": main.company or gen.pick(gen.employers),
        "city": city,
        "train_city": gen.pick(gen.w.TRAIN_CITIES),
        "air_city": gen.pick(gen.w.AIRPORT_CITIES),
        "event": event,
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
        template = gen.pick(gen.w.OUTREACH)
    elif direction == "inbound":
        template = gen.pick(gen.w.INBOUND)
    else:
        template = gen.pick(gen.w.SUMMARIES[occasion])
    template, _sep, place_template = template.partition("|")
    summary = gen.fill(template, **fill)
    place = ""
    if channel == "in_person":
        place = gen.fill(place_template or gen.pick(gen.w.PLACES[occasion]), **fill)
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
    minutes_ago = 0  # today: how long before now the encounter began
    if channel == "in_person" and gen.chance(0.55):
        if day != gen.today:
            enc.time = f"{rng.randrange(8, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        else:
            # Today: a quarter hour between 7:00 and half an hour ago, on the user's own clock.
            local = gen.local_now
            latest = (local.hour * 60 + local.minute - 30) // 15
            if latest >= 7 * 4:
                start = rng.randrange(7 * 4, latest + 1) * 15
                enc.time = f"{start // 60:02d}:{start % 60:02d}"
                minutes_ago = local.hour * 60 + local.minute - start
    if gen.chance(0.3):
        enc.common_ground = gen.fill(gen.pick(gen.w.COMMON_GROUND))
    if direction != "outreach" and gen.chance(0.25):
        enc.experience = gen.fill(gen.pick(gen.w.EXPERIENCE), topic=topic)
    if gen.chance(0.4):
        enc.gave = gen.fill(gen.pick(gen.w.GAVE), topic=topic, other=other, employer=gen.pick(gen.employers))
    if direction != "outreach" and gen.chance(0.22):
        enc.received = gen.fill(gen.pick(gen.w.RECEIVED))
    chance_p = {"travel": 0.45, "neighbourhood": 0.35, "everyday": 0.2, "event": 0.15}.get(occasion, 0.04)
    enc.by_chance = direction == "met" and gen.chance(chance_p)
    if gen.chance(0.1):
        enc.follow_up = day + timedelta(days=rng.randrange(3, 31))
    enc.tags = _encounter_tags(gen, topic if "{topic}" in template else None, occasion)
    # Logged the same evening (or, today, a little while ago).
    if day == gen.today:
        # After it happened: at least a quarter hour after it began, if it has a time.
        earliest = minutes_ago - 15 if enc.time else 240
        logged = now - timedelta(minutes=rng.randrange(3, max(4, min(240, earliest))))
    else:
        logged = datetime.combine(day, time(rng.randrange(17, 23), rng.randrange(60), rng.randrange(60)), tzinfo=UTC)
    enc.created = enc.updated = timestamp(logged)
    return enc


def _encounter_tags(gen: _Gen, topic: str | None, occasion: str) -> list[str]:
    tags = []
    if topic and gen.chance(0.5):
        tags.append(_ascii_slug(topic, "-"))
    if gen.chance(0.2):
        tags.append(gen.pick((*gen.w.ENCOUNTER_TAGS, occasion)))
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
        enc.summary = gen.fill(gen.pick(gen.w.OUTREACH))


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
        first_met = first.get(person.id)
        if first_met is not None:
            met_year = str(first_met.date.year)
            created = datetime.fromisoformat(first_met.created.replace("Z", "+00:00")) - timedelta(minutes=1)
        else:
            met_year = str(gen.today.year - rng.randrange(YEARS))
            created = datetime.combine(gen.today - timedelta(days=rng.randrange(1, SPAN_DAYS)), time(20, 0), tzinfo=UTC)
        if gen.chance(0.8):
            other = gen.pick(names)
            if other == person.name and len(names) > 1:
                other = names[(names.index(other) + 1) % len(names)]
            person.how_we_met = gen.fill(
                gen.pick(gen.w.HOW_WE_MET[kind]),
                year=met_year,
                topic=gen.pick(gen.w.PRO_TOPICS),
                other=other,
                role_lower=(person.role or gen.w.CONTACT).lower(),
                train_city=gen.pick(gen.w.TRAIN_CITIES),
                club=club,
                company=person.company or gen.pick(gen.employers),
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
        active = [i for i in by_age[len(stale) :] if i >= len(gen.w.CAST)]
        for i in rng.sample(active, min(len(active), max(1, len(data.people) * 2 // 100))):
            data.people[i].snoozed_until = gen.today + timedelta(days=rng.randrange(3, 45))
    for pick in data.lucky:
        pick.created = pick.updated = timestamp(datetime.combine(pick.date, time(8, 30), tzinfo=UTC))


# A due entry late by more than this many times its rhythm reads as nonsense ("last seen 5 years
# ago · every 6 weeks"): nobody keeps a six-week rhythm with someone they let go for years.
MAX_OVERDUE = 2.5
# Not seen for longer than this: a real user would have archived them by now.
DRIFTED_APART_DAYS = 2 * 365
LONG_CADENCES: tuple[int, ...] = (60, 90, 120, 180, 365)


def _settle_rhythms(gen: _Gen, data: DemoData) -> None:
    """Make the due list look like a real user's: people drifted apart for years are archived,
    loose ties get a rhythm that fits how often you actually see them, and only a handful (about
    one in ten) are due at once."""
    from journal import pacing  # pure domain; imported here as only this step needs it

    settings = Settings()
    by_person: dict[str, list[Encounter]] = {}
    for enc in data.encounters:  # oldest first
        for pid in enc.person_ids:
            by_person.setdefault(pid, []).append(enc)
    cast = {p.id for p in data.people[: len(gen.w.CAST)]}
    due_budget = max(3, len(data.people) // 10)
    due: list[Person] = []
    for person in data.people:
        if person.archived:
            continue
        state = pacing.status(person, by_person.get(person.id, ()), settings, gen.today)
        if state.days_since is None or state.snoozed:
            continue
        if state.days_since > DRIFTED_APART_DAYS and person.id not in cast:
            person.archived = True
            continue
        if state.overdue_ratio > MAX_OVERDUE:
            stretch = state.wait // state.cadence  # unanswered outreach doubles the wait
            fitting = [c for c in LONG_CADENCES if state.days_since <= MAX_OVERDUE * c * stretch]
            person.cadence_days = gen.pick(fitting) if fitting else MAX_CADENCE
            state = pacing.status(person, by_person.get(person.id, ()), settings, gen.today)
        if state.due:
            due.append(person)
    # Beyond the budget, the rest are given a rhythm they are still within.
    gen.rng.shuffle(due)
    for person in due[due_budget:]:
        state = pacing.status(person, by_person.get(person.id, ()), settings, gen.today)
        stretch = state.wait // state.cadence
        days = state.days_since or 0
        person.cadence_days = min(MAX_CADENCE, next((c for c in LONG_CADENCES if c * stretch > days), 2 * days + 1))


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
        text = gen.fill(gen.pick(gen.w.DAY_NOTES), name=gen.pick(names), other=gen.pick(names))
        note = DayNote(date=day, text=text)
        stamp = now if day == gen.today else datetime.combine(day, time(22, 15), tzinfo=UTC)
        note.created = note.updated = timestamp(stamp)
        data.days.append(note)
    data.days.sort(key=lambda n: n.date)


# --------------------------------------------------------------------------------------------------
# Writing


def generate(
    store: JournalStore, *, people: int, encounters: int, seed: int, today: date, language: str = "en"
) -> DemoData:
    """Add a generated journal to an open ``JournalStore`` in one save (one line in the change log).

    The records keep their generated timestamps. The settings get the demo's skills and platforms
    only if the user has no skills yet.
    """
    data = build(
        people=people,
        encounters=encounters,
        seed=seed,
        today=today,
        now=store.clock.now(),
        local_now=store.clock.local_now(),
        language=language,
    )
    records: list[Record] = list(data.records())
    settings = store.settings
    if not settings.skills:
        records.append(replace(settings, skills=list(data.skills), active_platforms=list(data.active_platforms)))
    store.save(*records, keep_stamps=True)
    return data


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
    path: Path,
    clock: Clock,
    *,
    people: int,
    encounters: int,
    seed: int,
    force: bool = False,
    today: date | None = None,
    language: str = "en",
) -> FillSummary:
    """Generate a journal and write it into ``path`` in one atomic file replacement.

    Opens the journal with ``JournalStore`` (which takes the lock, checks and migrates an existing
    file, or creates a new one with its meta and settings records), refuses with
    :class:`JournalNotEmpty` if it already has people (unless ``force``), merges the records into
    the stored document and replaces the file while the lock is held. Then it reopens the result
    to count what it holds, which also proves the store reads it.
    """
    day = today or clock.today()
    store = JournalStore.open(path, clock)
    try:
        if store.people_count() and not force:
            raise JournalNotEmpty(store.people_count())
        data = generate(store, people=people, encounters=encounters, seed=seed, today=day, language=language)
        store.compact()  # the change log folded into the document
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


def create_demo_journal(
    path: Path, clock: Clock, *, people: int = 120, encounters: int = 900, seed: int = 7, language: str = "en"
) -> None:
    """A fresh demo journal for ``netjournal --demo``: lively on ``clock.today()``, written in ``language``."""
    fill_journal(path, clock, people=people, encounters=encounters, seed=seed, force=True, language=language)
