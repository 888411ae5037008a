"""Whom a typed name means: one resolver for quick-add and for every command that takes a name.

Finding candidates is the search's job (:class:`journal.search.PeopleIndex`: first names,
aliases, either umlaut spelling, initials, typos, ranked); this module decides what its hits
*mean* for a name:

- **exact**: the whole name or an alias of exactly one person, as folded ("anna muller" is
  Anna Müller). An exact full name always wins; two people with that exact name are unclear.
- **clear**: one person and no doubt. Of the people the search finds by name or alias:
  * exactly one has every word typed as a whole word of their name or an alias ("Bob" is Bob
    Schulz even with a Bobby about; "weiss" is Jürgen Weiß), or, when no one does,
  * exactly one has whole words and the last word cut short ("Anna M"), or, when no one does,
  * the best match has a typo (or run-together words) in a name of 7+ letters ("Giorgso",
    "anna muler") and is well ahead of the next.
- **unclear**: candidates to choose from, best first: two people match as well ("anna" with two
  Annas), a single word only starts a name ("Chris" may be a new Chris, not Christian; "Michael"
  is not Michaela), a word other than the last is cut short, only initials match ("amü"), a short
  name has a typo ("Marc" is not Mark), only a company, role or tag matches ("Stripe"), or every
  word has one or two letters ("k", "bo"): a short string never picks someone silently.
- **none**: no plausible match: a new person (quick-add), "no one matches" (commands).

Commands that only look someone up (``show``, ``pace``, ``snooze``) take the only candidate of an
unclear name (``lookup=True``): no new person can be meant there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from journal.folding import fold_variants
from journal.i18n import _
from journal.model import Person
from journal.phrases import last_seen_phrase
from journal.store import JournalStore

__all__ = ["CANDIDATES", "NameMatch", "candidate_line", "match_name", "unclear_message"]

Kind = Literal["exact", "clear", "unclear", "none"]

# The search scores a typo in a whole word 78 (84 − 6 per edit), the letters in order from a
# word's start 76 and more; a clear typo scores at least this.
TYPO = 76.0
# A typo is taken only in a name this long (letters typed): "Giorgso", not "Marc" for Mark.
TYPO_LETTERS = 7
# … and only this far ahead of the next candidate.
TYPO_MARGIN = 8.0
# Plausible candidates: a name or alias at least this good (two typos in a long word: 72) …
NAME_FLOOR = 72.0
# … or a company, role or tag matched at a word's start (company 98/94, tag 97.5/93.5, role 97/93).
OTHER_FLOOR = 93.0
NAME_FIELDS = frozenset({"name", "alias"})
# How many candidates an unclear name offers at most.
CANDIDATES = 8
_SEARCH = 24


@dataclass(frozen=True)
class NameMatch:
    """What a typed name means; ``person`` when exact or clear, ``candidates`` (best first) when unclear."""

    typed: str
    kind: Kind
    person: Person | None = None
    candidates: tuple[Person, ...] = ()


def match_name(store: JournalStore, typed: str, *, lookup: bool = False) -> NameMatch:
    """Whom ``typed`` means (see the module docstring). ``lookup``: the only candidate is the one."""
    name = " ".join(str(typed or "").split())
    spellings = [s.split() for s in fold_variants(name) if s]
    if not spellings:
        return NameMatch(name, "none")
    exact = store.people_named(name)
    if len(exact) == 1:
        return NameMatch(name, "exact", exact[0])
    if exact:
        return NameMatch(name, "unclear", candidates=tuple(exact[:CANDIDATES]))
    scored = [
        (hit.score, hit.field, person)
        for hit in store.index.search(name, _SEARCH)
        if (person := store.person(hit.person_id)) is not None
    ]
    scored.sort(key=lambda s: -s[0])  # stable: the index's order (word starts, recency) breaks ties
    plausible = [s for s in scored if s[0] >= (NAME_FLOOR if s[1] in NAME_FIELDS else OTHER_FLOOR)]
    if not plausible:
        return NameMatch(name, "none")
    candidates = tuple(person for _score, _field, person in plausible[:CANDIDATES])
    if any(len(word) > 2 for word in spellings[0]):  # one or two letters a word: never clear
        clear = _clear(spellings, plausible)
        if clear is not None:
            return NameMatch(name, "clear", clear)
    if lookup and len(candidates) == 1:
        return NameMatch(name, "clear", candidates[0])
    return NameMatch(name, "unclear", candidates=candidates)


_Scored = tuple[float, str, Person]


def _clear(spellings: list[list[str]], plausible: list[_Scored]) -> Person | None:
    """The one person the words clearly mean, if there is one (see the module docstring)."""
    kinds = {id(s): _word_kinds(spellings, s[2]) for s in plausible if s[1] in NAME_FIELDS}
    whole = [s for s in plausible if id(s) in kinds and all(k == "whole" for k in kinds[id(s)])]
    if whole:
        return whole[0][2] if len(whole) == 1 else None
    # "Anna M": whole words, the last one cut short (a single word cut short is "Chris": unclear).
    cut = [s for s in plausible if id(s) in kinds and len(kinds[id(s)]) > 1 and _whole_but_last(kinds[id(s)])]
    if cut:
        return cut[0][2] if len(cut) == 1 else None
    top = plausible[0]
    top_kinds = kinds.get(id(top))
    if top_kinds is None or "other" not in top_kinds or "start" in top_kinds[:-1]:
        return None  # not a name, no typo, or a word cut short that is not the last
    letters = sum(len(word) for word in spellings[0])
    runner_up = plausible[1][0] if len(plausible) > 1 else 0.0
    if top[0] >= TYPO and letters >= TYPO_LETTERS and top[0] - runner_up >= TYPO_MARGIN:
        return top[2]
    return None


def _whole_but_last(kinds: tuple[str, ...]) -> bool:
    return all(k == "whole" for k in kinds[:-1]) and kinds[-1] == "start"


def _word_kinds(spellings: list[list[str]], person: Person) -> tuple[str, ...]:
    """Per word typed: a "whole" word of the person's name or an alias, the "start" of one, or
    matched some "other" way (a typo, initials); of the query's spellings, the one closest to whole."""
    words = {w for text in (person.name, *person.aliases) for s in fold_variants(text) for w in s.split()}
    best: tuple[str, ...] = ()
    for typed in spellings:
        kinds = tuple(
            "whole" if w in words else "start" if any(x.startswith(w) for x in words) else "other" for w in typed
        )
        if not best or (kinds.count("whole"), kinds.count("start")) > (best.count("whole"), best.count("start")):
            best = kinds
    return best


def candidate_line(store: JournalStore, person: Person, today: date) -> str:
    """One candidate as a line: name (archived), company, role, last seen: enough to tell them apart."""
    name = f"{person.name} ({_('archived')})" if person.archived else person.name
    seen = last_seen_phrase(store.last_seen(person.id), today)
    return " · ".join(x for x in (name, person.company, person.role, seen) if x)


def unclear_message(store: JournalStore, match: NameMatch, today: date, *, limit: int = 5) -> str:
    """The candidates of an unclear name, one a line, for the command line."""
    lines = [_("“{name}” could mean:").format(name=match.typed)]
    lines += ["  " + candidate_line(store, p, today) for p in match.candidates[:limit]]
    if len(match.candidates) > limit:
        lines.append("  …")
    return "\n".join(lines)
