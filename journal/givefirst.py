"""Rules 3 and 4, give first and keep no score: who could I help, whom could I introduce.

Needs and offers are free text ("a Rust mentor; feedback on a pitch deck"). They are split into
items, folded (case, umlauts, accents), reduced to content words (no "a", "help", "suche" …), and
compared word by word: two words match when equal, nearly equal (typos: "kubernets"), or when
they share a beginning of at least five letters that is all of the shorter word but at most one
letter ("mentor" ↔ "mentoring", "steuern" ↔ "steuererklaerung"; compounds and endings). An
item's score is the share of the shorter side's words that found a partner, 0..100.

There is no ledger: what you gave and what came back are listed and counted, never netted.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from rapidfuzz import fuzz, process

from journal.folding import fold
from journal.model import Encounter, Person

if TYPE_CHECKING:
    from journal.store import JournalStore

# More than half the shorter side's words must match: one shared word out of two ("learning
# Spanish" / "machine learning") is usually incidental.
MIN_SCORE = 60.0
# fuzz.ratio at or above this: the same word with a typo ("kubernets").
TYPO_RATIO = 85.0
# Shorter shared beginnings match too much ("java" in "javascript", "art" in "artificial").
MIN_PREFIX = 5

# Words that say nothing about *what* is needed or offered, in English and German (folded forms).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
        "by",
        "from",
        "about",
        "into",
        "my",
        "your",
        "their",
        "his",
        "her",
        "our",
        "its",
        "me",
        "i",
        "is",
        "are",
        "be",
        "been",
        "some",
        "any",
        "someone",
        "somebody",
        "something",
        "looking",
        "look",
        "need",
        "needs",
        "needed",
        "want",
        "wants",
        "help",
        "helping",
        "advice",
        "tip",
        "tips",
        "idea",
        "ideas",
        "contact",
        "contacts",
        "good",
        "new",
        "more",
        "better",
        "find",
        "finding",
        "get",
        "getting",
        "how",
        "what",
        "who",
        "where",
        "when",
        "which",
        "this",
        "that",
        "these",
        "those",
        "it",
        "as",
        "via",
        "re",
        "up",
        "out",
        "also",
        "just",
        "very",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "und",
        "oder",
        "mit",
        "fuer",
        "von",
        "zu",
        "zum",
        "zur",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "bei",
        "aus",
        "ueber",
        "nach",
        "fur",
        "uber",
        "jemand",
        "jemanden",
        "jemandem",
        "etwas",
        "suche",
        "sucht",
        "suchen",
        "brauche",
        "braucht",
        "brauchen",
        "hilfe",
        "rat",
        "tipp",
        "tipps",
        "idee",
        "ideen",
        "kontakt",
        "kontakte",
        "gute",
        "guten",
        "neue",
        "neuen",
        "neuer",
        "mehr",
        "wie",
        "was",
        "wer",
        "wo",
        "ist",
        "sind",
        "sein",
        "mein",
        "meine",
        "meinen",
        "dein",
        "deine",
        "ihr",
        "ihre",
        "sein",
        "seine",
        "auch",
        "noch",
        "nur",
        "sehr",
        "know",
        "knows",
        "knowing",
        "known",
        "knowledge",
        "knowhow",
        "expertise",
        "experience",
        "experienced",
        "expert",
        "skills",
        "skill",
        "work",
        "works",
        "plan",
        "plans",
        "first",
        "people",
        "person",
        "thing",
        "things",
        "review",
        "reviews",
        "intro",
        "intros",
        "introduction",
        "introductions",
        "someone",
        "who",
        "whom",
        "whose",
        "anyone",
        "anybody",
        "other",
        "others",
        "lot",
        "lots",
        "bit",
        "wissen",
        "kenntnisse",
        "erfahrung",
        "erfahrungen",
        "experte",
        "expertin",
        "kennt",
        "kennen",
        "kenne",
        "leute",
        "menschen",
        "person",
        "erste",
        "ersten",
        "ersten",
        "jemanden",
        "anderen",
        "andere",
        "arbeit",
        "plaene",
        "plan",
        "etwas",
        "paar",
        "bisschen",
    ]
)

_ITEM_SPLIT = re.compile(r"[\n;,]+|\s+[/•·]\s+")
_WORD = re.compile(r"\w+")

P = TypeVar("P", bound=Hashable)


def items(text: str) -> list[str]:
    """Free text split into its items: lines, ';' or ',' separated, bullets stripped."""
    out = []
    for part in _ITEM_SPLIT.split(text or ""):
        part = part.strip().lstrip("-*•·").strip()
        if part:
            out.append(part)
    return out


@lru_cache(maxsize=20_000)
def content_words(text: str) -> frozenset[str]:
    """Folded words that carry meaning (no stopwords, no lone letters or numbers)."""
    words = _WORD.findall(fold(text))
    return frozenset(w for w in words if len(w) >= 2 and not w.isdigit() and w not in STOPWORDS)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def words_match(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter = min(len(a), len(b))
    common = _common_prefix(a, b)
    if common >= MIN_PREFIX and shorter - common <= 1:
        return True
    return shorter >= 4 and fuzz.ratio(a, b) >= TYPO_RATIO


def overlap_score(need: frozenset[str], offer: frozenset[str]) -> tuple[float, frozenset[str]]:
    """(score 0..100, the need's words that found a partner in the offer)."""
    if not need or not offer:
        return 0.0, frozenset()
    matched_need = frozenset(w for w in need if any(words_match(w, o) for o in offer))
    matched_offer = sum(1 for o in offer if any(words_match(o, w) for w in need))
    if not matched_need:
        return 0.0, frozenset()
    # Count from the shorter side so "Rust" (a skill) fully matches "a Rust mentor" (a need).
    matched = min(len(matched_need), matched_offer)
    return 100.0 * matched / min(len(need), len(offer)), matched_need


@dataclass(frozen=True, slots=True)
class _Offer(Generic[P]):
    text: str
    words: frozenset[str]
    owner: P


class OfferIndex(Generic[P]):
    """Offer items indexed by word, so a need is compared only with offers sharing a (similar) word.

    A journal may hold thousands of gave texts; comparing every need with every one would be slow.
    """

    def __init__(self, offers: Iterable[tuple[str, P]]) -> None:
        self._offers: list[_Offer[P]] = []
        # Offer items with the same content words score alike against any need, so each distinct
        # word set (a "group") is scored once; many people offer "Python" or "intros".
        self._groups: list[frozenset[str]] = []
        self._members: list[list[int]] = []
        group_of: dict[frozenset[str], int] = {}
        # word -> the groups containing it
        self._by_word: dict[str, list[int]] = {}
        for text, owner in offers:
            for item in items(text):
                words = content_words(item)
                if not words:
                    continue
                index = len(self._offers)
                self._offers.append(_Offer(item, words, owner))
                group = group_of.get(words)
                if group is None:
                    group = group_of[words] = len(self._groups)
                    self._groups.append(words)
                    self._members.append([])
                    for word in words:
                        self._by_word.setdefault(word, []).append(group)
                self._members[group].append(index)
        self._vocabulary = list(self._by_word)
        # Words sharing a stem also share their first MIN_PREFIX letters: only that bucket is checked.
        self._by_start: dict[str, list[str]] = {}
        # Words of very different lengths can never reach TYPO_RATIO: fuzzy search only nearby lengths.
        self._by_length: dict[int, list[str]] = {}
        for word in self._vocabulary:
            if len(word) >= MIN_PREFIX:
                self._by_start.setdefault(word[:MIN_PREFIX], []).append(word)
            self._by_length.setdefault(len(word), []).append(word)
        self._similar_cache: dict[str, list[str]] = {}

    def _similar(self, word: str) -> list[str]:
        cached = self._similar_cache.get(word)
        if cached is not None:
            return cached
        found = {word} if word in self._by_word else set()
        if len(word) >= 4:
            # ratio = 2·common / (len a + len b), so reaching TYPO_RATIO bounds the other length.
            share = TYPO_RATIO / 100
            low = math.ceil(len(word) * share / (2 - share) - 1e-9)  # epsilon: float error at the bound
            high = math.floor(len(word) * (2 - share) / share + 1e-9)
            nearby = [w for n in range(low, high + 1) for w in self._by_length.get(n, ())]
            for candidate, _score, _i in process.extract(
                word, nearby, scorer=fuzz.ratio, score_cutoff=TYPO_RATIO, limit=None
            ):
                found.add(candidate)
        if len(word) >= MIN_PREFIX:
            found.update(self._by_start.get(word[:MIN_PREFIX], ()))
        result = [w for w in found if words_match(word, w)]
        self._similar_cache[word] = result
        return result

    def matches(
        self, need_text: str, *, skip: Callable[[P], bool] | None = None, min_score: float = MIN_SCORE
    ) -> list[tuple[float, str, _Offer[P]]]:
        """(score, need item, offer) for every offer item that meets a need item, best first."""
        needs = items(need_text)
        # (score, the need's position, the offer's index): sorted, best first, then in the order
        # the needs and offers were written.
        found: list[tuple[float, int, int]] = []
        for position, need in enumerate(needs):
            need_words = content_words(need)
            # Each need word's partners in the vocabulary, found once; scoring is then set algebra
            # (the same result as overlap_score, without comparing words pair by pair).
            partners = {word: frozenset(self._similar(word)) for word in need_words}
            reachable = frozenset().union(*partners.values())
            for group in {g for word in reachable for g in self._by_word[word]}:
                words = self._groups[group]
                matched_need = sum(1 for word in need_words if partners[word] & words)
                matched_offer = len(words & reachable)
                score = 100.0 * min(matched_need, matched_offer) / min(len(need_words), len(words))
                if score < min_score:
                    continue
                for index in self._members[group]:
                    if skip is None or not skip(self._offers[index].owner):
                        found.append((score, position, index))
        found.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [(score, needs[position], self._offers[index]) for score, position, index in found]


# ----------------------------------------------------------------------------- who could I help


Source = Literal["skill", "gave"]


@dataclass(frozen=True, slots=True)
class HelpMatch:
    """Someone whose need meets something you know (a skill) or have given before."""

    person: Person
    need: str
    offer: str
    source: Source
    score: float


def gave_texts(encounters: Iterable[Encounter]) -> list[str]:
    """What you have given, each distinct text once, newest first (encounters newest first)."""
    seen: set[str] = set()
    out: list[str] = []
    for encounter in encounters:
        text = encounter.gave.strip()
        key = fold(text)
        if text and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def who_could_i_help(
    people: Iterable[Person], skills: Sequence[str], gave: Sequence[str], *, min_score: float = MIN_SCORE
) -> list[HelpMatch]:
    """One best match per person (not archived) whose needs meet your skills or past gifts.

    Best first; at equal score a skill beats a past gift (it is what you know, not a one-off).
    """
    index: OfferIndex[Source] = OfferIndex([*((s, "skill") for s in skills), *((g, "gave") for g in gave)])
    found: list[HelpMatch] = []
    for person in people:
        if person.archived or not person.needs.strip():
            continue
        hits = index.matches(person.needs, min_score=min_score)
        if not hits:
            continue
        score, need, offer = min(hits, key=lambda h: (-h[0], h[2].owner != "skill"))
        found.append(HelpMatch(person, need, offer.text, offer.owner, score))
    found.sort(key=lambda m: (-m.score, m.source != "skill", m.person.name.casefold()))
    return found


def who_could_i_help_for(store: JournalStore) -> list[HelpMatch]:
    return who_could_i_help(store.people(), store.settings.skills, gave_texts(store.encounters()))


# ----------------------------------------------------------------------------- introductions


@dataclass(frozen=True, slots=True)
class Introduction:
    """Two people worth introducing: ``seeker`` needs what ``helper`` offers."""

    seeker: Person
    helper: Person
    need: str
    offer: str
    score: float
    # The other way round fits too: each could help the other.
    mutual: bool = False


def introductions(
    people: Iterable[Person], *, min_score: float = MIN_SCORE, limit: int | None = None
) -> list[Introduction]:
    """Pairs where one's needs meet the other's offers, best first, each pair once."""
    return introductions_counted(people, min_score=min_score, limit=limit)[0]


def introductions_counted(
    people: Iterable[Person], *, min_score: float = MIN_SCORE, limit: int | None = None
) -> tuple[list[Introduction], int]:
    """:func:`introductions`, and how many pairs there are in all (to say how many ``limit`` left out)."""
    active = [p for p in people if not p.archived]
    by_id = {p.id: p for p in active}
    index: OfferIndex[str] = OfferIndex((p.offers, p.id) for p in active if p.offers.strip())
    # Per pair (either order): the first best (score, seeker, helper, need, offer), and who of the
    # two needs what the other offers. Plain tuples: a big journal has hundreds of thousands.
    best: dict[tuple[str, str], tuple[float, str, str, str, str]] = {}
    seekers: dict[tuple[str, str], set[str]] = {}
    for seeker in active:
        if not seeker.needs.strip():
            continue
        sid = seeker.id
        helped: set[str] = {sid}
        for score, need, offer in index.matches(seeker.needs, min_score=min_score):
            hid = offer.owner
            if hid in helped:
                continue  # themselves, or a weaker match with a helper already seen (best first)
            helped.add(hid)
            pair = (sid, hid) if sid < hid else (hid, sid)
            current = best.get(pair)
            if current is None:
                best[pair] = (score, sid, hid, need, offer.text)
                seekers[pair] = {sid}
                continue
            seekers[pair].add(sid)
            if score > current[0]:
                best[pair] = (score, sid, hid, need, offer.text)
    folded = {p.id: p.name.casefold() for p in active}

    def rank(item: tuple[tuple[str, str], tuple[float, str, str, str, str]]) -> tuple[float, bool, str, str]:
        pair, (score, sid, hid, _need, _offer) = item
        return (-score, len(seekers[pair]) < 2, folded[sid], folded[hid])

    # nsmallest is sorted(...)[:limit] (ties keep their order) without sorting everything.
    ranked = heapq.nsmallest(limit, best.items(), key=rank) if limit is not None else sorted(best.items(), key=rank)
    return [
        Introduction(by_id[sid], by_id[hid], need, offer, score, mutual=len(seekers[pair]) > 1)
        for pair, (score, sid, hid, need, offer) in ranked
    ], len(best)


# ----------------------------------------------------------------------------- giving, no ledger


@dataclass(frozen=True, slots=True)
class Giving:
    """What you gave and what came back, as two lists. Deliberately no balance: rule 4."""

    gave: list[tuple[date, str]]
    came_back: list[tuple[date, str]]


def giving(encounters: Iterable[Encounter]) -> Giving:
    """Gifts and unexpected returns in the given encounters, in their order."""
    gave: list[tuple[date, str]] = []
    came_back: list[tuple[date, str]] = []
    for encounter in encounters:
        if encounter.gave.strip():
            gave.append((encounter.date, encounter.gave))
        if encounter.received.strip():
            came_back.append((encounter.date, encounter.received))
    return Giving(gave, came_back)
