"""Forgetting someone for good: privacy-critical, so in one module of its own.

No textual here: the command line and the app call the same functions.

Forgetting is thorough on purpose (the journal holds private notes about other people):

- the person's record becomes a *bare* tombstone: id, created, updated, deleted, nothing else;
- an encounter with only them goes (a bare tombstone); one with others keeps the others and
  loses their id;
- their lucky picks go;
- their name, aliases and handles are replaced by "(forgotten)" in every text of every other
  record (summaries, what was given and received, notes, day notes, other people's aliases,
  notes and platform names such as "Signal (via Anna)", …), and any old tombstone that still
  mentions them is stripped bare too.

So afterwards the journal file holds no occurrence of their name; their id survives only in
tombstones, which merging two copies of a journal needs to propagate the deletion. Merging or
importing a copy made before the forgetting does not bring them back: a forgotten id's bare
tombstone is final, incoming records lose their links to it and their texts are scrubbed
(:func:`scrub_incoming`). Backups written earlier still contain them: ``netjournal backup
--purge NAME`` removes them there (:func:`purge_file`).

Which words count as "their name" (see :func:`name_pattern`): the full name and every alias of
three or more letters, as whole words (not inside "Müller-Lüdenscheidt", who is someone else),
with or without umlauts ("Müller", "Mueller", "Muller"), also run together or hyphenated
("anna-mueller"), with a possessive s; three-letter names only as written ("Ben", not "ben";
shorter ones such as "AM" are never looked for, so "am hosting" stays), longer ones in any case; each capitalised word of the name on its own
("Anna said…", but not "will" for Will Rose), unless another person's name or alias uses that
word too, so forgetting Anna Müller keeps Anna Schmidt's name intact; their platform handles
(an e-mail address) wherever they were pasted; and their phone numbers however written
("+491701234567", "0170 1234567", "0049 170 123 45 67").
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import phonenumbers

from journal.clock import timestamp
from journal.folding import fold_variants
from journal.i18n import _, ngettext
from journal.model import DayNote, Encounter, LuckyPick, Person, Record, Settings, ValidationError, is_sub_record
from journal.store import JournalError, JournalStore

__all__ = [
    "ForgetPlan",
    "ForgetReport",
    "Scrubber",
    "bare_tombstone",
    "describe_forget",
    "forget_person",
    "forgotten_text",
    "name_pattern",
    "plan_forget",
    "scrub",
    "scrub_incoming",
    "scrubber_for",
]


def forgotten_text() -> str:
    """What replaces a forgotten name in texts (in the language of the moment)."""
    return _("(forgotten)")


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


SHORT = 3  # names of this many letters count only as written ("Ben", not "ben"; "Max", not "max")
MIN_LETTERS = 3  # shorter names and aliases are never looked for in texts


def _cased_pattern(term: str) -> str | None:
    """A case-sensitive pattern for a short name as written; umlaut spellings still count."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", term))
    if not words:
        return None
    out = []
    for word in words:
        piece = []
        for ch in word:
            base = _UMLAUTS.get(ch.lower())
            if base is None:
                piece.append(re.escape(ch))
            elif ch.isupper():
                piece.append(f"(?:{ch}|{base.upper()}[eE]|{base.upper()})")
            else:
                piece.append(f"(?:{ch}|{base}e|{base})")
        out.append("".join(piece))
    return r"[\s\-_.]*".join(out)


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
        letters = sum(len(w) for w in words)
        pattern: str | None = None
        if letters < MIN_LETTERS:
            pattern = None
        elif letters <= SHORT:
            if len(words) > 1 or not _words(words[0]) & taken:
                pattern = _cased_pattern(term)
        elif len(words) > 1:
            pattern = _term_pattern(term, capitalised=False)
        elif not _words(words[0]) & taken:
            # A nickname is theirs in any case; a one-word name only with its capital ("Will", not "will").
            pattern = _term_pattern(term, capitalised=not is_alias and not words[0].islower())
        if pattern:
            terms.append((len(term), pattern))
        # Each capitalised word of a name or alias on its own, unless someone else's name uses it.
        if len(words) > 1:
            for word in words:
                if len(word) >= MIN_LETTERS and word[0].isupper() and not _words(word) & taken:
                    part = _cased_pattern(word) if len(word) <= SHORT else _term_pattern(word, capitalised=True)
                    if part:
                        terms.append((len(word), part))
    for handle in _handles(person):
        if len(handle) >= 4:
            terms.append((len(handle), f"(?i:{re.escape(handle)})"))
    if not terms:
        return re.compile(r"(?!x)x")  # matches nothing
    terms.sort(key=lambda t: -t[0])
    alternatives = "|".join(dict.fromkeys(p for _n, p in terms))
    # Whole words: not inside another word, nor a part of a hyphenated name ("Müller-Lüdenscheidt").
    return re.compile(rf"(?<!{_LETTER})(?<!{_LETTER}-)(?:{alternatives})(?:['’]?s)?(?!{_LETTER})(?!-{_LETTER})")


def _handles(person: Person) -> list[str]:
    """Their platform handles, e-mail addresses and phone numbers, as written."""
    # Only the values themselves: their kinds ("work", "cell") are everyone's words.
    found = [
        *(handle.strip() for handle in person.platforms.values()),
        *(email.address.strip() for email in person.emails),
        *(phone.number.strip() for phone in person.phones),
    ]
    return [h for h in dict.fromkeys(found) if h]


# Phone numbers written without a country code are read as German ones (the app's home): the
# handle's own country code is used when it has one.
DEFAULT_REGION = "DE"


def _phone_numbers(person: Person) -> tuple[frozenset[str], str]:
    """Their phone numbers (E.164) among their handles, and the region to read texts in."""
    numbers: set[str] = set()
    region = DEFAULT_REGION
    for handle in _handles(person):
        if sum(ch.isdigit() for ch in handle) < 6:
            continue
        try:
            number = phonenumbers.parse(handle, DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            numbers.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
            region = phonenumbers.region_code_for_number(number) or region
    return frozenset(numbers), region


@dataclass(frozen=True)
class Scrubber:
    """Finds and replaces one person's names, handles and phone numbers in texts."""

    pattern: re.Pattern[str]
    phones: frozenset[str] = frozenset()
    region: str = DEFAULT_REGION

    def _phone_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.phones or sum(ch.isdigit() for ch in text) < 6:
            return []
        spans = []
        for match in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.POSSIBLE):
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in self.phones:
                start = match.start
                while start < match.end and not (text[start].isalnum() or text[start] == "+"):
                    start += 1  # "(0170 …" keeps its bracket
                spans.append((start, match.end))
        return spans

    def search(self, text: str) -> bool:
        return bool(text) and (self.pattern.search(text) is not None or bool(self._phone_spans(text)))

    def sub(self, text: str) -> str:
        if not text:
            return text
        text = self.pattern.sub(forgotten_text(), text)
        for start, end in reversed(self._phone_spans(text)):
            text = text[:start] + forgotten_text() + text[end:]
        return text


def scrubber_for(person: Person, others: Iterable[Person] = ()) -> Scrubber:
    phones, region = _phone_numbers(person)
    return Scrubber(name_pattern(person, others), phones, region)


def scrub(text: str, scrubber: Scrubber | re.Pattern[str]) -> str:
    if isinstance(scrubber, re.Pattern):
        scrubber = Scrubber(scrubber)
    return scrubber.sub(text)


def _scrub_value(value: Any, scrubber: Scrubber) -> Any:
    if isinstance(value, str):
        return scrubber.sub(value)
    if is_sub_record(value):
        return replace(
            value, **{name: _scrub_value(getattr(value, name), scrubber) for name in value.__dataclass_fields__}
        )
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            new = _scrub_value(item, scrubber)
            if new not in out:
                out.append(new)
        return out
    if isinstance(value, dict):
        # Keys are text too: another person's "Signal (via Anna)".
        scrubbed: dict[Any, Any] = {}
        for key, item in value.items():
            new_key = scrubber.sub(key) if isinstance(key, str) else key
            new = _scrub_value(item, scrubber)
            old = scrubbed.get(new_key)
            scrubbed[new_key] = new if old is None or old == new else f"{old}, {new}"
        return scrubbed
    return value


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text_fields(cls: type) -> tuple[str, ...]:
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = _TEXT_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.name not in _NOT_TEXT)
    return names


def _texts(value: Any, *, keys: bool = True) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif is_sub_record(value):  # a person's e-mail, phone, address, relationship, …
        for name in value.__dataclass_fields__:
            yield from _texts(getattr(value, name), keys=keys)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, keys=keys)
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys and isinstance(key, str):
                yield key
            yield from _texts(item, keys=keys)


def _scrubbed(record: Record, scrubber: Scrubber, *, keep: Iterable[str] = ()) -> dict[str, Any]:
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
    if not scrubber.search("\n".join(parts)):
        return {}
    changes = {}
    for name, value in zip(names, values, strict=False):
        new = _scrub_value(value, scrubber)
        if new != value:
            changes[name] = new
    return changes


def _mentions(record: Record, person_id: str, pattern: Scrubber) -> bool:
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
    pattern = scrubber_for(person, store.people())
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
        # Links to them go too: a relationship, a "may be the same as".
        if any(link.person_id == person_id for link in other.relationships):
            changes["relationships"] = [
                link for link in changes.get("relationships", other.relationships) if link.person_id != person_id
            ]
        if person_id in other.maybe_same:
            changes["maybe_same"] = [pid for pid in other.maybe_same if pid != person_id]
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
    # The change log still holds the person's earlier versions: fold it into the document now, so
    # that neither file keeps them (the save itself is durable already; a failed fold is retried later).
    with contextlib.suppress(JournalError):
        store.compact()
    return ForgetReport(
        plan.person.name,
        plan.removed_encounters,
        plan.shared_encounters,
        plan.scrubbed_records,
        plan.lucky_removed,
        plan.tombstones_cleared,
        frozenset(record.id for record in plan.writes),
    )


# ============================================================================ merging after forgetting

Tables = Mapping[str, Mapping[str, Record]]  # table → id → record


def is_forgotten(record: Record) -> bool:
    """A person forgotten for good: a bare tombstone (a merged-away person keeps their name)."""
    return isinstance(record, Person) and record.deleted is not None and _is_bare(record)


def scrub_incoming(ours: Tables, theirs: Tables) -> tuple[dict[str, dict[str, Record]], int]:
    """``theirs`` with every trace of the people forgotten here (or there) taken out; and how many
    records that changed.

    A forgotten person's record never comes back (it arrives as a bare tombstone); encounters lose
    their link to them, and go (a bare tombstone) when nobody else was there; their lucky picks go;
    their name, handles and phone numbers are scrubbed from every incoming text, as far as this or
    the other copy still knows them. Pure: nothing is written.
    """
    forgotten: set[str] = set()
    for side in (ours, theirs):
        forgotten |= {pid for pid, person in side.get(Person.TABLE, {}).items() if is_forgotten(person)}
    if not forgotten:
        return {table: dict(records) for table, records in theirs.items()}, 0
    named = [
        person
        for side in (theirs, ours)
        for pid, person in side.get(Person.TABLE, {}).items()
        if pid in forgotten and isinstance(person, Person) and person.name
    ]
    living = [
        person
        for side in (ours, theirs)
        for person in side.get(Person.TABLE, {}).values()
        if isinstance(person, Person) and person.deleted is None and person.id not in forgotten
    ]
    scrubbers = [scrubber_for(person, living) for person in {p.id: p for p in named}.values()]
    out: dict[str, dict[str, Record]] = {}
    changed = 0
    for table, records in theirs.items():
        new_table: dict[str, Record] = {}
        for record_id, record in records.items():
            new = _without_forgotten(record, forgotten, scrubbers)
            changed += new is not record
            new_table[record_id] = new
        out[table] = new_table
    return out, changed


def _final(record: Record) -> Record:
    """A bare tombstone that wins over the record it replaces (same ``updated``, and a tombstone)."""
    stamp = record.updated or record.created
    return replace(bare_tombstone(record, stamp), updated=stamp)


def _without_forgotten(record: Record, forgotten: set[str], scrubbers: list[Scrubber]) -> Record:
    if record.id in forgotten:
        return record if _is_bare(record) else _final(record)
    if isinstance(record, LuckyPick) and record.person_id in forgotten:
        return record if _is_bare(record) else _final(record)
    if isinstance(record, Encounter) and forgotten.intersection(record.person_ids):
        remaining = [pid for pid in record.person_ids if pid not in forgotten]
        if not remaining:
            return record if _is_bare(record) else _final(record)
        record = replace(record, person_ids=remaining)
    changes: dict[str, Any] = {}
    for scrubber in scrubbers:
        current = replace(record, **changes) if changes else record
        changes.update(_scrubbed(current, scrubber, keep=("name",) if isinstance(record, Person) else ()))
    return replace(record, **changes) if changes else record
