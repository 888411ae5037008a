"""People: the person page, editing, merging two records of one person, and forgetting someone.

No textual here: the command line and the app call the same functions, so neither knows
something the other does not.

Forgetting is thorough on purpose (the journal holds private notes about other people):

- the person's record becomes a *bare* tombstone: id, created, updated, deleted, nothing else;
- an encounter with only them goes (a bare tombstone); one with others keeps the others and
  loses their id;
- their lucky picks go;
- their name, aliases and platform handles are replaced by "(forgotten)" in every text of every
  other record (summaries, what was given and received, notes, day notes, other people's
  aliases and notes, …), and any old tombstone that still mentions them is stripped bare too.

So afterwards the journal file holds no occurrence of their name; their id survives only in
tombstones, which merging two copies of a journal needs to propagate the deletion. Backups
written earlier still contain them; the confirmation says so.

Which words count as "their name" (see :func:`name_pattern`): the full name and every alias,
in any case and with or without umlauts ("Müller", "Mueller", "Muller"), also run together or
hyphenated ("anna-mueller"), with a possessive s; each capitalised word of the name on its own
("Anna said…", but not "will" for Will Rose: a single word counts only with its capital), unless another person's name or alias uses that word too, so forgetting Anna
Müller keeps Anna Schmidt's name intact; and their platform handles (an e-mail address, a phone
number) wherever they were pasted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from journal import pacing
from journal.clock import timestamp
from journal.i18n import _, ngettext
from journal.model import (
    DayNote,
    Encounter,
    Person,
    Record,
    Settings,
    ValidationError,
    clean_list,
    clean_tags,
)
from journal.search import fold, fold_variants
from journal.store import JournalStore
from journal.textfmt import every_phrase, format_date, last_seen_phrase, relative_day

__all__ = [
    "ForgetPlan",
    "ForgetReport",
    "MergeReport",
    "PersonPage",
    "PlatformLine",
    "describe_forget",
    "describe_merge",
    "edited_person",
    "forget_person",
    "format_platforms",
    "merge_people",
    "merged_person",
    "name_pattern",
    "order_platforms",
    "parse_cadence",
    "parse_platforms",
    "person_page",
    "plan_forget",
    "scrub",
]


def forgotten_text() -> str:
    """What replaces a forgotten name in texts (in the language of the moment)."""
    return _("(forgotten)")


# ============================================================================ the person page


@dataclass(frozen=True, slots=True)
class PlatformLine:
    name: str
    handle: str
    active: bool  # one of the user's few active platforms (rule 5)


def _platform_key(name: str) -> str:
    """ "E-Mail", "e-mail" and "email" are one platform."""
    return fold(name).replace(" ", "")


def order_platforms(platforms: dict[str, str], active: Iterable[str]) -> list[PlatformLine]:
    """Handles on the user's active platforms first (in the user's order), then the rest by name."""
    rank = {}
    for i, name in enumerate(active):
        rank.setdefault(_platform_key(name), i)
    lines = [PlatformLine(name, handle, _platform_key(name) in rank) for name, handle in platforms.items()]
    lines.sort(key=lambda p: (not p.active, rank.get(_platform_key(p.name), 0), p.name.casefold()))
    return lines


@dataclass(frozen=True, slots=True)
class PersonPage:
    """Everything the person page shows, in the order it shows it."""

    person: Person
    platforms: list[PlatformLine]
    pace: pacing.PaceStatus
    cadence: str  # "every 6 weeks (learned from your encounters)"
    last_seen: str  # "last seen 3 weeks ago"
    timeline: list[Encounter]  # newest first
    gave: int  # encounters in which you gave something
    came_back: int  # encounters in which something came back; never a balance (rule 4)

    @property
    def giving_line(self) -> str:
        return giving_phrase(self.gave, self.came_back)


def giving_phrase(gave: int, came_back: int) -> str:
    """ "You gave 3 times · 2 things came back": two counts, deliberately no balance (rule 4)."""
    gave_text = ngettext("You gave once", "You gave {n} times", gave).format(n=gave) if gave else _("Nothing given yet")
    back_text = (
        ngettext("{n} thing came back", "{n} things came back", came_back).format(n=came_back)
        if came_back
        else _("nothing came back yet (and that is fine)")
    )
    return f"{gave_text} · {back_text}"


def cadence_phrase(state: pacing.PaceStatus) -> str:
    source = {
        "set": _("set by you"),
        "learned": _("learned from your encounters"),
        "default": _("the default"),
    }[state.source]
    return f"{every_phrase(state.cadence)} ({source})"


def person_page(store: JournalStore, person: Person, today: date) -> PersonPage:
    encounters = store.encounters_with(person.id)
    state = pacing.status(person, encounters, store.settings, today)
    return PersonPage(
        person=person,
        platforms=order_platforms(person.platforms, store.settings.active_platforms),
        pace=state,
        cadence=cadence_phrase(state),
        last_seen=last_seen_phrase(store.last_seen(person.id), today),
        timeline=list(reversed(encounters)),
        gave=sum(1 for e in encounters if e.gave.strip()),
        came_back=sum(1 for e in encounters if e.received.strip()),
    )


def when_phrase(day: date, today: date) -> str:
    """ "3 weeks ago · Sun 8 Nov 2026": humanized first, the date for reference."""
    return f"{relative_day(day, today)} · {format_date(day)}"


# ============================================================================ editing


def parse_platforms(text: str) -> dict[str, str]:
    """One "Platform: handle" a line (or separated by ";"); raises ValidationError naming the line."""
    platforms: dict[str, str] = {}
    for raw in re.split(r"[\n;]", text or ""):
        line = raw.strip()
        if not line:
            continue
        name, sep, handle = line.partition(":")
        if not sep or not name.strip() or not handle.strip():
            raise ValidationError(
                "platforms",
                _("“{line}”: write each platform as “Platform: handle”, e.g. “LinkedIn: anna-mueller”.").format(
                    line=line
                ),
            )
        platforms[name.strip()] = handle.strip()
    return platforms


def format_platforms(platforms: dict[str, str]) -> str:
    return "\n".join(f"{name}: {handle}" for name, handle in platforms.items())


def parse_cadence(text: str) -> int | None:
    """ "" → none (learned or default); "30" or "30d" → 30 days; "6w" → 42 days."""
    value = (text or "").strip().lower()
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,5})\s*([dw]?)", value)
    if not match:
        raise ValidationError(
            "cadence_days",
            _("“{value}” is not a number of days; write e.g. 30, or 6w for six weeks.").format(value=text.strip()),
        )
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    return days


def edited_person(person: Person, values: dict[str, Any]) -> Person:
    """A copy of ``person`` with the form's ``values`` applied, normalised and validated.

    ``values`` holds raw form text; aliases and tags are comma-separated, platforms one a line,
    cadence as :func:`parse_cadence` reads it. Raises ValidationError (its ``field`` names the
    form field) and leaves ``person`` untouched.
    """
    changes: dict[str, Any] = {}
    for name in ("name", "company", "role", "common_ground", "offers", "needs", "how_we_met", "notes"):
        if name in values:
            changes[name] = values[name] or ""
    if "aliases" in values:
        changes["aliases"] = clean_list(values["aliases"])
    if "tags" in values:
        changes["tags"] = clean_tags(values["tags"])
    if "platforms" in values:
        raw = values["platforms"]
        changes["platforms"] = parse_platforms(raw) if isinstance(raw, str) else dict(raw or {})
    if "cadence_days" in values:
        raw = values["cadence_days"]
        changes["cadence_days"] = parse_cadence(raw) if isinstance(raw, str) else raw
    updated = replace(person, **changes)
    updated.normalise()
    updated.validate()
    # An alias equal to the name adds nothing.
    updated.aliases = [a for a in updated.aliases if fold(a) != fold(updated.name)]
    return updated


# ============================================================================ merging


def _join_text(mine: str, theirs: str) -> str:
    """Both texts, once: equal or contained texts are not repeated."""
    a, b = mine.strip(), theirs.strip()
    if not b or fold(b) in fold(a):
        return a
    if not a or fold(a) in fold(b):
        return b
    return f"{a}\n{b}"


def _union(first: Iterable[str], second: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in [*first, *second]:
        key = fold(item)
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def merged_person(keep: Person, other: Person) -> Person:
    """``keep`` with everything ``other`` knew added; nothing is lost.

    The other name becomes an alias; lists are united; texts are joined (not repeated); a
    platform both have with different handles keeps both handles; a company or role that
    differs goes into the notes.
    """
    aliases = _union(keep.aliases, [other.name, *other.aliases])
    aliases = [a for a in aliases if fold(a) != fold(keep.name)]
    platforms = dict(keep.platforms)
    keys = {_platform_key(k): k for k in platforms}
    for name, handle in other.platforms.items():
        key = keys.get(_platform_key(name))
        if key is None:
            platforms[name] = handle
            keys[_platform_key(name)] = name
        elif fold(handle) not in fold(platforms[key]):
            platforms[key] = f"{platforms[key]}, {handle}"
    notes = _join_text(keep.notes, other.notes)
    extra = []
    if other.company and keep.company and fold(other.company) != fold(keep.company):
        extra.append(_("company: {value}").format(value=other.company))
    if other.role and keep.role and fold(other.role) != fold(keep.role):
        extra.append(_("role: {value}").format(value=other.role))
    if extra:
        notes = _join_text(
            notes, _("Also recorded as {name}: {details}").format(name=other.name, details="; ".join(extra))
        )
    snoozes = [d for d in (keep.snoozed_until, other.snoozed_until) if d is not None]
    return replace(
        keep,
        aliases=aliases,
        company=keep.company or other.company,
        role=keep.role or other.role,
        tags=_union(keep.tags, other.tags),
        platforms=platforms,
        common_ground=_join_text(keep.common_ground, other.common_ground),
        offers=_join_text(keep.offers, other.offers),
        needs=_join_text(keep.needs, other.needs),
        how_we_met=_join_text(keep.how_we_met, other.how_we_met),
        cadence_days=keep.cadence_days or other.cadence_days,
        archived=keep.archived and other.archived,
        snoozed_until=max(snoozes) if snoozes else None,
        notes=notes,
    )


@dataclass(frozen=True, slots=True)
class MergeReport:
    kept: Person
    merged_name: str
    encounters_moved: int
    lucky_moved: int


def _two_people(store: JournalStore, keep_id: str, other_id: str) -> tuple[Person, Person]:
    keep, other = store.person(keep_id), store.person(other_id)
    if keep is None or other is None:
        raise ValidationError("person", _("That person is no longer in the journal."))
    if keep_id == other_id:
        raise ValidationError("person", _("A person cannot be merged with themselves."))
    return keep, other


def describe_merge(store: JournalStore, keep_id: str, other_id: str) -> str:
    keep, other = _two_people(store, keep_id, other_id)
    n = len(store.encounters_with(other_id))
    moves = (
        ngettext("Their {n} encounter moves to {keep}.", "Their {n} encounters move to {keep}.", n).format(
            n=n, keep=keep.name
        )
        if n
        else _("They have no encounters.")
    )
    return _(
        "Merge “{other}” into “{keep}”? {moves} “{other}” becomes an alias, and everything else "
        "recorded about them is added to {keep}'s page."
    ).format(other=other.name, keep=keep.name, moves=moves)


def merge_people(store: JournalStore, keep_id: str, other_id: str) -> MergeReport:
    """Merge ``other`` into ``keep`` in one atomic write: encounters follow, ``other`` is tombstoned."""
    keep, other = _two_people(store, keep_id, other_id)
    combined = merged_person(keep, other)
    writes: list[Record] = [combined]
    moved = 0
    for encounter in store.encounters_with(other_id):
        ids: list[str] = []
        for pid in encounter.person_ids:
            pid = keep_id if pid == other_id else pid
            if pid not in ids:
                ids.append(pid)
        writes.append(replace(encounter, person_ids=ids))
        moved += 1
    lucky = [replace(p, person_id=keep_id) for p in store.lucky_picks() if p.person_id == other_id]
    writes += lucky
    writes.append(replace(other, deleted=timestamp(store.clock.now())))
    store.save(*writes)
    return MergeReport(combined, other.name, moved, len(lucky))


# ============================================================================ forgetting

# Fields that hold ids, stamps or fixed choices, never free text.
_NOT_TEXT = frozenset(
    {
        "id",
        "created",
        "updated",
        "deleted",
        "person_ids",
        "person_id",
        "date",
        "follow_up",
        "snoozed_until",
        "time",
        "occasion",
        "channel",
        "direction",
        "outcome",
        "language",
        "theme",
        "cadence_days",
        "default_cadence_days",
        "archived",
        "by_chance",
        "lucky",
    }
)
_UMLAUTS = {"ä": "a", "ö": "o", "ü": "u"}
_LETTER = r"[^\W_]"


def _char_pattern(text: str, i: int) -> tuple[str, int]:
    """The pattern for the spelling at ``text[i:]`` and how many characters it covers."""
    ch = text[i]
    low = ch.lower()
    pair = text[i : i + 2].lower()
    if low in _UMLAUTS:
        base = _UMLAUTS[low]
        return f"(?:{low}|{base}e|{base})", 1
    if low == "ß":
        return "(?:ß|ss)", 1
    if pair in ("ae", "oe", "ue"):
        umlaut = {"ae": "ä", "oe": "ö", "ue": "ü"}[pair]
        return f"(?:{pair}|{umlaut})", 2
    if pair == "ss":
        return "(?:ss|ß)", 2
    stripped = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    if stripped and stripped != low:
        return f"(?:{re.escape(low)}|{re.escape(stripped)})", 1
    return re.escape(low), 1


def _word_pattern(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        piece, step = _char_pattern(word, i)
        out.append(piece)
        i += step
    return "".join(out)


def _term_pattern(term: str, *, capitalised: bool) -> str | None:
    """Case-insensitive pattern for a name or alias; separators may be spaces, hyphens or nothing.

    ``capitalised``: a single word of a name, which only counts when written with its capital
    (so forgetting "Will Rose" leaves "I will" alone).
    """
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", term))
    if not words:
        return None
    if not capitalised:
        return "(?i:" + r"[\s\-_.]*".join(_word_pattern(w) for w in words) + ")"
    word = words[0]
    head, step = _char_pattern(word, 0)
    if word[0].isupper():
        # The first letter keeps its capital; the rest may be in any case ("MÜLLER").
        alternatives = head[3:-1].split("|") if head.startswith("(?:") else [head]
        head = "(?:" + "|".join(a[:1].upper() + a[1:] for a in alternatives) + ")"
    return f"{head}(?i:{_word_pattern(word[step:])})"


def _words(text: str) -> set[str]:
    return {word for spelling in fold_variants(text) for word in spelling.split()}


def name_pattern(person: Person, others: Iterable[Person] = ()) -> re.Pattern[str]:
    """A regex for every way ``person`` may be named in a text (see the module docstring)."""
    taken: set[str] = set()
    for other in others:
        if other.id == person.id:
            continue
        taken |= _words(other.name)
        for alias in other.aliases:
            taken |= _words(alias)
    terms: list[tuple[int, str]] = []
    for is_alias, term in [(False, person.name), *((True, a) for a in person.aliases)]:
        words = re.findall(r"[^\W_]+", term)
        if len(words) > 1:
            pattern = _term_pattern(term, capitalised=False)
        elif words and not _words(words[0]) & taken and len(words[0]) >= 2:
            # A nickname is theirs in any case; a one-word name only with its capital ("Will", not "will").
            pattern = _term_pattern(term, capitalised=not is_alias and not words[0].islower())
        else:
            pattern = None
        if pattern:
            terms.append((len(term), pattern))
        # Each capitalised word of a name or alias on its own, unless someone else's name uses it.
        if len(words) > 1:
            for word in words:
                if len(word) >= 3 and word[0].isupper() and not _words(word) & taken:
                    part = _term_pattern(word, capitalised=True)
                    if part:
                        terms.append((len(word), part))
    for handle in person.platforms.values():
        handle = handle.strip()
        if len(handle) >= 4:
            terms.append((len(handle), f"(?i:{re.escape(handle)})"))
    if not terms:
        return re.compile(r"(?!x)x")  # matches nothing
    terms.sort(key=lambda t: -t[0])
    alternatives = "|".join(dict.fromkeys(p for _n, p in terms))
    return re.compile(rf"(?<!{_LETTER})(?:{alternatives})(?:['’]?s)?(?!{_LETTER})")


def scrub(text: str, pattern: re.Pattern[str]) -> str:
    if not text:
        return text
    return pattern.sub(forgotten_text(), text)


def _scrub_value(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, pattern)
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            new = _scrub_value(item, pattern)
            if new not in out:
                out.append(new)
        return out
    if isinstance(value, dict):
        return {k: _scrub_value(v, pattern) for k, v in value.items()}
    return value


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text_fields(cls: type) -> tuple[str, ...]:
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = _TEXT_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.name not in _NOT_TEXT)
    return names


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _scrubbed(record: Record, pattern: re.Pattern[str], *, keep: Iterable[str] = ()) -> dict[str, Any]:
    """The text fields of ``record`` that change when scrubbed: field name → new value."""
    names = _text_fields(type(record))
    if keep:
        names = tuple(name for name in names if name not in keep)
    values = [getattr(record, name) for name in names]
    # One search over all the record's texts first: most records never mention the person.
    parts: list[str] = []
    for value in values:
        if type(value) is str:
            parts.append(value)
        else:
            parts.extend(_texts(value))
    if not pattern.search("\n".join(parts)):
        return {}
    changes = {}
    for name, value in zip(names, values, strict=False):
        new = _scrub_value(value, pattern)
        if new != value:
            changes[name] = new
    return changes


def _mentions(record: Record, person_id: str, pattern: re.Pattern[str]) -> bool:
    """Does a tombstone still hold a trace of the person (their id in its links, or their name)?"""
    if record.id == person_id or person_id in getattr(record, "person_ids", ()):
        return True
    if getattr(record, "person_id", None) == person_id:
        return True
    return bool(_scrubbed(record, pattern))


def bare_tombstone(record: Record, deleted: str) -> Record:
    """A tombstone holding only id, created, updated and deleted (a day note keeps its date: it is its id)."""
    kwargs: dict[str, Any] = {"id": record.id, "created": record.created, "deleted": record.deleted or deleted}
    if isinstance(record, DayNote):
        kwargs["date"] = record.date
    return type(record)(**kwargs)


def _is_bare(record: Record) -> bool:
    blank = bare_tombstone(record, record.deleted or "")
    return replace(record, updated="") == replace(blank, updated="")


@dataclass(frozen=True, slots=True)
class ForgetPlan:
    """What forgetting a person will write, and what it amounts to."""

    person: Person
    writes: list[Record] = field(default_factory=list)
    removed_encounters: int = 0  # encounters with only them
    shared_encounters: int = 0  # encounters with others, which stay without them
    scrubbed_records: int = 0  # other records whose texts named them
    lucky_removed: int = 0
    tombstones_cleared: int = 0


@dataclass(frozen=True, slots=True)
class ForgetReport:
    name: str
    removed_encounters: int
    shared_encounters: int
    scrubbed_records: int
    lucky_removed: int
    tombstones_cleared: int
    ids: frozenset[str] = frozenset()  # every record rewritten (a UI drops these from its undo list)

    def summary(self) -> str:
        return _("Forgot {name}: {details}.").format(
            name=self.name,
            details=_forget_details(
                self.removed_encounters, self.shared_encounters, self.scrubbed_records, self.lucky_removed
            ),
        )


def plan_forget(store: JournalStore, person_id: str) -> ForgetPlan:
    """Compute (without writing) every change that forgetting ``person_id`` makes."""
    person = store.person(person_id)
    if person is None:
        raise ValidationError("person", _("That person is no longer in the journal."))
    now = timestamp(store.clock.now())
    pattern = name_pattern(person, store.people())
    writes: list[Record] = [bare_tombstone(person, now)]
    removed = shared = scrubbed = lucky = cleared = 0
    touched: set[str] = {person.id}

    for encounter in store.encounters():
        if person_id in encounter.person_ids:
            remaining = [pid for pid in encounter.person_ids if pid != person_id]
            if not remaining:
                writes.append(bare_tombstone(encounter, now))
                removed += 1
            else:
                writes.append(replace(encounter, person_ids=remaining, **_scrubbed(encounter, pattern)))
                shared += 1
            touched.add(encounter.id)
            continue
        changes = _scrubbed(encounter, pattern)
        if changes:
            writes.append(replace(encounter, **changes))
            scrubbed += 1
            touched.add(encounter.id)
    for other in store.people():
        if other.id == person_id:
            continue
        changes = _scrubbed(other, pattern, keep=("name",))
        if changes:
            writes.append(replace(other, **changes))
            scrubbed += 1
            touched.add(other.id)
    for note in store.day_notes():
        changes = _scrubbed(note, pattern)
        if changes:
            writes.append(replace(note, **changes))
            scrubbed += 1
            touched.add(note.id)
    for pick in store.lucky_picks():
        if pick.person_id == person_id:
            writes.append(bare_tombstone(pick, now))
            lucky += 1
            touched.add(pick.id)
    settings: Settings = store.settings
    changes = _scrubbed(settings, pattern)
    if changes:
        writes.append(replace(settings, **changes))
        scrubbed += 1
    for table in ("people", "encounters", "days", "lucky"):
        for tomb in store.tombstones(table):
            if tomb.id in touched or _is_bare(tomb):
                continue
            if _mentions(tomb, person_id, pattern):
                writes.append(bare_tombstone(tomb, now))
                cleared += 1
    return ForgetPlan(person, writes, removed, shared, scrubbed, lucky, cleared)


def _forget_details(removed: int, shared: int, scrubbed: int, lucky: int) -> str:
    parts = [_("their page")]
    if removed:
        parts.append(
            ngettext("{n} encounter with only them", "{n} encounters with only them", removed).format(n=removed)
        )
    if shared:
        parts.append(
            ngettext(
                "their place in {n} shared encounter (the others stay)",
                "their place in {n} shared encounters (the others stay)",
                shared,
            ).format(n=shared)
        )
    if scrubbed:
        parts.append(
            ngettext("their name in {n} other note", "their name in {n} other notes", scrubbed).format(n=scrubbed)
        )
    if lucky:
        parts.append(ngettext("{n} lucky pick", "{n} lucky picks", lucky).format(n=lucky))
    return ", ".join(parts)


def describe_forget(store: JournalStore, person_id: str) -> str:
    """The confirmation text: who goes, and what goes with them."""
    plan = plan_forget(store, person_id)
    return _(
        "Forget {name} for good? This removes {details}. Their name becomes “{forgotten}” wherever it "
        "was written. This cannot be undone; backups made before now still contain them."
    ).format(
        name=plan.person.name,
        details=_forget_details(
            plan.removed_encounters, plan.shared_encounters, plan.scrubbed_records, plan.lucky_removed
        ),
        forgotten=forgotten_text(),
    )


def forget_person(store: JournalStore, person_id: str) -> ForgetReport:
    """Remove the person and every trace of them, in one atomic write."""
    plan = plan_forget(store, person_id)
    store.save(*plan.writes)
    return ForgetReport(
        plan.person.name,
        plan.removed_encounters,
        plan.shared_encounters,
        plan.scrubbed_records,
        plan.lucky_removed,
        plan.tombstones_cleared,
        frozenset(record.id for record in plan.writes),
    )


# ============================================================================ settings

# Offered in the settings besides the platforms already in use (rule 5: choose a few of them).
COMMON_PLATFORMS: tuple[str, ...] = (
    "LinkedIn",
    "XING",
    "e-mail",
    "phone",
    "Signal",
    "WhatsApp",
    "Threema",
    "Mastodon",
    "Bluesky",
    "GitHub",
)


def platform_choices(store: JournalStore, limit: int = 20) -> list[str]:
    """The platforms to choose from: the active ones, the common ones, and those your people use most."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for person in store.people():
        for name in person.platforms:
            key = _platform_key(name)
            counts[key] = counts.get(key, 0) + 1
            spelling.setdefault(key, name)
    used = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    out: dict[str, str] = {}
    for name in [*store.settings.active_platforms, *COMMON_PLATFORMS, *(spelling[k] for k in used)]:
        out.setdefault(_platform_key(name), name)
    return list(out.values())


def edited_settings(settings: Settings, values: dict[str, Any]) -> Settings:
    """A copy of ``settings`` with the settings form's values, normalised and validated.

    ``active_platforms`` is a list; ``default_cadence_days`` text as :func:`parse_cadence` reads it;
    ``skills`` comma-separated text; ``language`` "" for the system's; ``theme`` a name or "".
    """
    changes: dict[str, Any] = {}
    if "active_platforms" in values:
        changes["active_platforms"] = list(values["active_platforms"])
    if "default_cadence_days" in values:
        days = parse_cadence(str(values["default_cadence_days"]))
        if days is None:
            raise ValidationError("default_cadence_days", _("Give a number of days, e.g. 42, or 6w."))
        changes["default_cadence_days"] = days
    if "skills" in values:
        changes["skills"] = clean_list(values["skills"])
    if "language" in values:
        changes["language"] = values["language"] or None
    if "theme" in values:
        changes["theme"] = values["theme"] or None
    updated = replace(settings, **changes)
    updated.normalise()
    updated.validate()
    return updated


# Rule 5: more active platforms than this earns a gentle word.
FEW_PLATFORMS = 3
