"""Rule 7, trust chance: the lucky encounter, a weighted random pick of someone to reconnect with.

Randomness enters as a ``random.Random``; ``today`` is passed in. The rules (docs/rules.md):

- Weight = days since last contact / (backed-off) wait, capped at MAX_WEIGHT: someone twice as
  overdue is twice as likely. Never contacted: NEW_WEIGHT, a modest chance.
- Weight zero: archived, snoozed, seen in the last RECENT_DAYS days, awaiting a reply to your
  outreach (until the backed-off wait has passed), or anyone the give-them-time guard would warn
  about — the lucky encounter never suggests what rule 6 advises against.
- Each person gets an independent random key from the seed (weighted sampling by exponential
  keys): the pick is the largest ``log(u) / weight``. It picks each person with probability
  weight / total, and logging an encounter with someone *else* does not change today's pick.
- Today's pick is seeded by the date; reroll n is the n-th pick of the day, never repeating an
  earlier one until everyone eligible has been shown.
"""

from __future__ import annotations

import hashlib
import math
import random
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from journal import pacing
from journal.givefirst import gave_texts, who_could_i_help
from journal.i18n import N_, _
from journal.model import Encounter, LuckyPick, Person, Settings
from journal.phrases import every_phrase, relative_day

if TYPE_CHECKING:
    from journal.store import JournalStore

# Seen this recently (days), a person is not a "reconnect".
RECENT_DAYS = 7
# Someone never contacted: about half as likely as someone exactly due.
NEW_WEIGHT = 0.5
# Beyond four rhythms overdue, more silence should not crowd everyone else out.
MAX_WEIGHT = 4.0
# A pick "led to contact" when an encounter with that person follows within this many days.
CONTACT_WITHIN_DAYS = 14


@dataclass(frozen=True, slots=True)
class LuckyEncounter:
    person: Person
    weight: float
    # The person's share of all weights: their chance of being today's pick.
    chance: float
    status: pacing.PaceStatus
    reason: str
    opener: str
    reroll: int = 0
    # How many people could have come up today (weight above zero).
    eligible: int = 0


# ----------------------------------------------------------------------------- weights


def weight(person: Person, encounters: Sequence[Encounter], settings: Settings, today: date) -> float:
    """How likely ``person`` is to be picked today; 0 means never."""
    if person.archived:
        return 0.0
    state = pacing.status(person, encounters, settings, today)
    if state.snoozed:
        return 0.0
    if state.days_since is None:
        return NEW_WEIGHT
    if state.days_since < RECENT_DAYS:
        return 0.0
    if state.awaiting_reply and not state.due:
        return 0.0
    if pacing.give_them_time(person, encounters, settings, today) is not None:
        return 0.0
    return min(state.overdue_ratio, MAX_WEIGHT)


def weights(
    people: Iterable[Person], encounters_by_person: Mapping[str, Sequence[Encounter]], settings: Settings, today: date
) -> dict[str, float]:
    """Positive weights by person id (people with weight 0 are left out)."""
    out: dict[str, float] = {}
    for person in people:
        w = weight(person, encounters_by_person.get(person.id, ()), settings, today)
        if w > 0:
            out[person.id] = w
    return out


def _uniform(salt: int, person_id: str) -> float:
    """A per-person number in (0, 1) drawn from the seed; stable whatever else is in the journal."""
    digest = hashlib.blake2b(f"{salt}:{person_id}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 1) / (2**64 + 2)


def choose(candidate_weights: Mapping[str, float], rng: random.Random, exclude: Iterable[str] = ()) -> str | None:
    """One person id, with probability proportional to its weight; None if nobody is eligible."""
    excluded = set(exclude)
    salt = rng.getrandbits(64)
    best_id: str | None = None
    best_key = -math.inf
    # Sorted so that ties (practically impossible) resolve the same way on every run.
    for person_id in sorted(candidate_weights):
        w = candidate_weights[person_id]
        if w <= 0 or person_id in excluded:
            continue
        key = math.log(_uniform(salt, person_id)) / w
        if key > best_key:
            best_id, best_key = person_id, key
    return best_id


def pick(
    people: Sequence[Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    settings: Settings,
    today: date,
    rng: random.Random,
    exclude: Iterable[str] = (),
    *,
    gave: Sequence[str] = (),
) -> LuckyEncounter | None:
    """A weighted random person to reconnect with, with a reason and an opener; None if nobody fits."""
    table = weights(people, encounters_by_person, settings, today)
    chosen = choose(table, rng, exclude)
    if chosen is None:
        return None
    person = next(p for p in people if p.id == chosen)
    return _describe(person, encounters_by_person.get(chosen, ()), settings, today, table, gave)


def _describe(
    person: Person,
    encounters: Sequence[Encounter],
    settings: Settings,
    today: date,
    table: Mapping[str, float],
    gave: Sequence[str],
    reroll: int = 0,
) -> LuckyEncounter:
    total = sum(table.values())
    w = table.get(person.id, 0.0)
    state = pacing.status(person, encounters, settings, today)
    return LuckyEncounter(
        person=person,
        weight=w,
        chance=w / total if total else 0.0,
        status=state,
        reason=reason(person, encounters, state, today),
        opener=opener(person, encounters, settings.skills, gave, today),
        reroll=reroll,
        eligible=len(table),
    )


# ----------------------------------------------------------------------------- today's pick


def day_rng(today: date, reroll: int = 0, seed: int | str | None = None) -> random.Random:
    """The generator for a day's n-th pick. String seeds hash the same on every run (no hash())."""
    base = today.isoformat() if seed is None else str(seed)
    return random.Random(f"{base}:{reroll}")


def todays_pick_from(
    people: Sequence[Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    settings: Settings,
    today: date,
    reroll: int = 0,
    *,
    seed: int | str | None = None,
    gave: Sequence[str] = (),
    shown: Sequence[str] | None = None,
) -> LuckyEncounter | None:
    """The day's pick after ``reroll`` rerolls; earlier picks of the day are skipped.

    ``shown`` are the people actually shown earlier today (the recorded picks, oldest first);
    without them the earlier picks are worked out again from today's weights. Once everyone
    eligible has been shown, the round starts again rather than showing nobody.
    """
    if reroll < 0:
        raise ValueError("reroll must be 0 or more")
    table = weights(people, encounters_by_person, settings, today)
    if not table:
        return None
    chosen: str | None
    if shown is not None:
        earlier: set[str] = set()
        for person_id in shown:
            if person_id in table:
                earlier.add(person_id)
                if len(earlier) >= len(table):
                    earlier = set()
        chosen = choose(table, day_rng(today, reroll, seed), earlier)
    else:
        sequence: list[str] = []
        chosen = None
        for n in range(reroll + 1):
            if len(sequence) >= len(table):
                sequence = []
            chosen = choose(table, day_rng(today, n, seed), sequence)
            assert chosen is not None
            sequence.append(chosen)
    assert chosen is not None
    person = next(p for p in people if p.id == chosen)
    return _describe(person, encounters_by_person.get(chosen, ()), settings, today, table, gave, reroll)


def todays_pick(
    store: JournalStore, today: date, reroll: int = 0, *, seed: int | str | None = None
) -> LuckyEncounter | None:
    return todays_pick_from(
        store.people(),
        store.encounters_by_person(),
        store.settings,
        today,
        reroll,
        seed=seed,
        gave=gave_texts(store.encounters()),
    )


# ----------------------------------------------------------------------------- the day so far


@dataclass(frozen=True, slots=True)
class LuckyToday:
    """Where the day's lucky encounter stands: the current pick and what came of it.

    ``record`` is a "shown" pick to save when the pick is new (None once it is recorded), so
    that the same pick comes back after a restart.
    """

    pick: LuckyEncounter | None
    reroll: int
    outcome: str | None = None
    record: LuckyPick | None = None


def latest_reroll(picks: Iterable[LuckyPick], today: date) -> int:
    """The highest reroll recorded for ``today`` (0 when nothing was shown yet)."""
    return max((p.reroll for p in picks if p.date == today), default=0)


def pick_to_show(
    people: Sequence[Person],
    encounters_by_person: Mapping[str, Sequence[Encounter]],
    settings: Settings,
    picks: Iterable[LuckyPick],
    today: date,
    reroll: int = 0,
    *,
    seed: int | str | None = None,
    gave: Sequence[str] = (),
) -> LuckyToday:
    """The pick to show now: the day's latest recorded one (or ``reroll``, if that is further).

    A pick already recorded for that reroll is shown again as it was, even if the day's weights
    have changed since; otherwise a new one is drawn, never one shown earlier today.
    """
    todays = [p for p in picks if p.date == today]  # oldest first
    n = max(reroll, latest_reroll(todays, today))
    shown = [p for p in todays if p.outcome == "shown"]
    recorded = next((p for p in reversed(shown) if p.reroll == n), None)
    by_id = {p.id: p for p in people}
    person = by_id.get(recorded.person_id) if recorded else None
    record: LuckyPick | None = None
    pick: LuckyEncounter | None
    if person is not None and not person.archived:
        table = weights(people, encounters_by_person, settings, today)
        pick = _describe(person, encounters_by_person.get(person.id, ()), settings, today, table, gave, n)
    else:
        earlier = [p.person_id for p in shown if p.reroll < n]
        pick = todays_pick_from(
            people, encounters_by_person, settings, today, n, seed=seed, gave=gave, shown=earlier or None
        )
        if pick is not None:
            record = LuckyPick(date=today, person_id=pick.person.id, outcome="shown", reroll=n)
    outcome = None
    if pick is not None:
        outcome = next(
            (
                p.outcome
                for p in reversed(todays)
                if p.person_id == pick.person.id and p.reroll == n and p.outcome != "shown"
            ),
            None,
        )
    return LuckyToday(pick, n, outcome, record)


def pick_to_show_for(
    store: JournalStore,
    today: date,
    reroll: int = 0,
    *,
    seed: int | str | None = None,
    also_shown: Sequence[LuckyPick] = (),
) -> LuckyToday:
    """The day's pick as the Lucky screen shows it (see :func:`pick_to_show`); ``also_shown`` are
    picks shown but not saved yet, counted as recorded."""
    return pick_to_show(
        store.people(),
        store.encounters_by_person(),
        store.settings,
        [*store.lucky_picks(), *also_shown],
        today,
        reroll,
        seed=seed,
        gave=gave_texts(store.encounters()),
    )


def record_shown(store: JournalStore, state: LuckyToday) -> LuckyToday:
    """Save ``state``'s pick if it is new, so that a restart and `netjournal lucky` show the same
    person; returns ``state`` as recorded. Raises what the save raises.

    Record before reading the chance log: a pick counts there once recorded (an encounter planned
    with that person follows it), so a log read first would leave it out until the next read."""
    if state.record is None:
        return state
    store.save(state.record)
    return replace(state, record=None)


def rerolled_for(
    store: JournalStore, today: date, state: LuckyToday, *, seed: int | str | None = None
) -> tuple[LuckyToday, list[LuckyPick]]:
    """The pick after ``state`` (as `r` on the Lucky screen), and the "shown" records to save so
    that both faces show it from now on: ``state``'s own, if it was not recorded yet, and the new one's."""
    earlier = [state.record] if state.record is not None else []
    after = pick_to_show_for(store, today, state.reroll + 1, seed=seed, also_shown=earlier)
    return after, [*earlier, *([after.record] if after.record is not None else [])]


# ----------------------------------------------------------------------------- reason and opener


def _first_item(text: str, limit: int = 80) -> str:
    """The first line or clause of free text, short enough to quote in a sentence."""
    for part in text.replace(";", "\n").splitlines():
        part = part.strip().rstrip(".")
        if part:
            return part if len(part) <= limit else part[: limit - 1].rstrip() + "…"
    return ""


def _first_name(person: Person) -> str:
    return person.name.split()[0] if person.name.split() else person.name


# Whole sentences per occasion, so that each language can phrase them its own way.
_MET_BY_OCCASION: dict[str, str] = {
    "work": N_("you met through work {when}"),
    "event": N_("you met at an event {when}"),
    "travel": N_("you met while travelling {when}"),
    "friends": N_("you met through friends {when}"),
    "hobby": N_("you met through a hobby {when}"),
    "club": N_("you met at a club {when}"),
    "neighbourhood": N_("you met in the neighbourhood {when}"),
    "everyday": N_("you met in everyday life {when}"),
    "online": N_("you met online {when}"),
}


def reason(person: Person, encounters: Sequence[Encounter], state: pacing.PaceStatus, today: date) -> str:
    """Why this person, from their own data: "you met at PyCon 2 years ago; you share cycling"."""
    past = [e for e in encounters if e.date <= today]
    parts: list[str] = []
    if past:
        first = past[0]
        when = relative_day(first.date, today)
        if first.direction == "met" and first.place:
            parts.append(_("you met at {place} {when}").format(place=first.place, when=when))
        elif first.direction == "met" and first.occasion in _MET_BY_OCCASION:
            parts.append(_(_MET_BY_OCCASION[first.occasion]).format(when=when))
        elif person.how_we_met:
            parts.append(_("how you met: {how}").format(how=_first_item(person.how_we_met)))
        else:
            parts.append(_("first in touch {when}").format(when=when))
        if state.last_contact is not None and state.last_contact != first.date:
            parts.append(_("last in touch {when}").format(when=relative_day(state.last_contact, today)))
        if state.due and state.source != "default":
            # Only a rhythm that is really theirs (set or learned) is worth quoting back.
            parts.append(_("you usually keep in touch {every}").format(every=every_phrase(state.cadence)))
    else:
        parts.append(
            _("not in touch yet")
            if not person.how_we_met
            else _("how you met: {how}").format(how=_first_item(person.how_we_met))
        )
    if person.common_ground:
        parts.append(_("you share {common}").format(common=_first_item(person.common_ground)))
    return "; ".join(parts)


# First lines, several ways of saying each thing so that two people never get the same template.
# Whole sentences, so each language phrases them its own way. {need}, {offer} and {common} are
# noun phrases from the person's page ("a Rust mentor", "Rust", "rowing").
_HELP_WITH_SKILL = (
    N_(
        "Hi {name}, are you still looking for {need}? I've done quite a bit with {offer}; "
        "shall we go through it over a coffee?"
    ),
    N_("Hey {name}, you needed {need}, didn't you? {offer} is very much my thing, so just say if I can help."),
    N_("{name}, I've been meaning to write: if you still need {need}, I know my way around {offer}."),
)
_HELP_WITH_GIFT = (
    N_(
        "Hi {name}, do you still need {need}? I've helped someone with that before ({offer}) and would gladly do it again."
    ),
    N_("Hey {name}, you mentioned {need}. I might have something for you there ({offer}); just say the word."),
)
_ASK_ABOUT_NEED = (
    N_("Hi {name}, did you ever find {need}? I've been meaning to ask."),
    N_("Hey {name}, are you still after {need}? If so, I might know someone."),
    N_("{name}! Last time you were looking for {need}. Any luck?"),
)
_COMMON = (
    N_("Hi {name}, something reminded me of what we share ({common}) and I thought of you. How have you been?"),
    N_("Hey {name}, {common}: we have that in common, and we haven't talked in far too long. How are things?"),
)
_LAST_PLACE = (
    N_("Hi {name}, the last time we saw each other was {when} ({place}), far too long ago. Fancy a coffee soon?"),
)
_HELLO = (
    N_("Hi {name}, you crossed my mind today. How are you doing?"),
    N_("Hey {name}, it's been a while! What are you up to these days?"),
)


def _choice(person: Person, today: date | None, lines: Sequence[str]) -> str:
    """One of ``lines``, the same for a person all day, different between people and days
    (a checksum of the id and the day, so no random state is involved)."""
    key = f"{person.id}:{today.toordinal() if today else 0}".encode()
    return lines[zlib.crc32(key) % len(lines)]


def opener(
    person: Person,
    encounters: Sequence[Encounter],
    skills: Sequence[str],
    gave: Sequence[str],
    today: date | None = None,
) -> str:
    """A first line to send, about what connects you, in order of preference: help with their need
    (rule 3), their need, what you share (rule 1) or where you last met, else a plain hello. Each
    has a few phrasings, chosen by person and day."""
    name = _first_name(person)
    help_matches = who_could_i_help([person], skills, gave)
    if help_matches:
        match = help_matches[0]
        # A past gift ("a tip on GDPR") is something you have shared before, not a field you know.
        helping: Sequence[str] = _HELP_WITH_SKILL if match.source == "skill" else _HELP_WITH_GIFT
        return _(_choice(person, today, helping)).format(name=name, need=match.need, offer=match.offer)
    if person.needs:
        return _(_choice(person, today, _ASK_ABOUT_NEED)).format(name=name, need=_first_item(person.needs))
    met = [e for e in encounters if e.place and (today is None or e.date <= today)]
    lines: list[str] = []
    if person.common_ground:
        lines.extend(_COMMON)
    if met and today is not None:
        lines.extend(_LAST_PLACE)
    if not lines:
        return _(_choice(person, today, _HELLO)).format(name=name)
    last = met[-1] if met else None
    return _(_choice(person, today, lines)).format(
        name=name,
        common=_first_item(person.common_ground),
        place=last.place if last else "",
        when=relative_day(last.date, today) if last and today else "",
    )


# ----------------------------------------------------------------------------- outcomes


def reached_out(
    store: JournalStore, person: Person, today: date, reroll: int = 0, *, shown: LuckyPick | None = None
) -> tuple[Encounter, LuckyPick]:
    """Log an outreach for today, marked lucky, and record the pick's outcome, in one write
    (with ``shown``, the record of the pick itself, when it was not recorded yet)."""
    encounter = Encounter(
        date=today,
        person_ids=[person.id],
        direction="outreach",
        channel="message",
        lucky=True,
        summary=_("Reached out (lucky encounter)"),
    )
    record = LuckyPick(date=today, person_id=person.id, outcome="reached_out", reroll=reroll)
    store.save(*([shown] if shown is not None else []), encounter, record)
    return encounter, record


def not_now(
    store: JournalStore, person: Person, today: date, reroll: int = 0, *, shown: LuckyPick | None = None
) -> LuckyPick:
    """Record a "not now": kept for the chance log only; it lowers no one's future chances."""
    record = LuckyPick(date=today, person_id=person.id, outcome="not_now", reroll=reroll)
    store.save(*([shown] if shown is not None else []), record)
    return record


# ----------------------------------------------------------------------------- chance log


ChanceKind = Literal["by_chance", "lucky", "pick"]
# How each kind of chance-log entry is named (English msgids, translated when shown).
CHANCE_KIND_LABELS: dict[str, str] = {
    "by_chance": N_("by chance"),
    "lucky": N_("lucky encounter"),
    "pick": N_("after a lucky pick"),
}


@dataclass(frozen=True, slots=True)
class ChanceEntry:
    """An encounter chance had a hand in; ``pick`` is the lucky pick that preceded it, if any."""

    encounter: Encounter
    kind: ChanceKind
    pick: LuckyPick | None = None

    @property
    def date(self) -> date:
        return self.encounter.date


def chance_log(
    encounters: Iterable[Encounter], picks: Iterable[LuckyPick], within_days: int = CONTACT_WITHIN_DAYS
) -> list[ChanceEntry]:
    """Encounters met by chance or logged from a lucky pick, and encounters that followed a pick
    of that person within ``within_days``; each encounter once, newest first."""
    all_encounters = list(encounters)
    entries: dict[str, ChanceEntry] = {}
    for encounter in all_encounters:
        if encounter.by_chance:
            entries[encounter.id] = ChanceEntry(encounter, "by_chance")
        elif encounter.lucky:
            entries[encounter.id] = ChanceEntry(encounter, "lucky")
    by_person: dict[str, list[Encounter]] = {}
    for encounter in sorted(all_encounters, key=lambda e: (e.date, e.time or "", e.created)):
        for pid in encounter.person_ids:
            by_person.setdefault(pid, []).append(encounter)
    for pick_record in picks:
        follow = next(
            (
                e
                for e in by_person.get(pick_record.person_id, ())
                if pick_record.date <= e.date <= pick_record.date + timedelta(days=within_days)
            ),
            None,
        )
        if follow is None:
            continue
        existing = entries.get(follow.id)
        if existing is None:
            entries[follow.id] = ChanceEntry(follow, "pick", pick_record)
        elif existing.pick is None:
            entries[follow.id] = ChanceEntry(follow, existing.kind, pick_record)
    return sorted(entries.values(), key=lambda c: (c.encounter.date, c.encounter.created), reverse=True)


def chance_log_for(store: JournalStore) -> list[ChanceEntry]:
    return chance_log(store.encounters(), store.lucky_picks())
