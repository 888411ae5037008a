"""Bringing people from an address book (vCards, CSV) into the journal: who is new, who is
already there, who was deleted or forgotten, and what could not be kept.

Who is the same person:
- the same card UID (a netjournal export's ``urn:uuid:`` is the person's id; another UID stands
  for an id derived from it), so a vdir or a re-import merges by UID;
- else the same name or alias (also spelled without umlauts), unless the two came from cards
  with different UIDs: two cards whose UIDs differ are never merged;
- a shared e-mail address or phone number alone is *not* identity (a family address, a switchboard):
  the card becomes a new person, and both are marked "may be the same as" for the merge action.

A deleted or forgotten person is never re-created: a card whose UID is a tombstone's id, or
(deleted, not forgotten) whose name is a deleted person's name, is left out, and the summary
says how many and why. An update only fills in what the journal does not know yet: what the
user wrote is never overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace

from journal.contacts import phone_key
from journal.folding import fold, fold_variants, platform_key
from journal.i18n import _, ngettext
from journal.interop import ImportFailed, ImportSummary
from journal.interop.cards import CardPerson, linkedin_handle, person_id_for_uid
from journal.model import MAX_ITEMS, MAX_NAME, MAX_SHORT, MAX_TEXT, Person, Relationship, ValidationError
from journal.store import JournalStore

# Above this many new people an import asks first (the CLI's --yes answers for scripts).
ASK_ABOVE = 5_000


class NeedsConfirmation(ImportFailed):
    """Too many people to add without asking; nothing was changed."""

    def __init__(self, message: str, adding: int) -> None:
        super().__init__(message)
        self.adding = adding


@dataclass
class ImportOptions:
    strict: bool = False  # any card that cannot be read: import nothing
    confirm: Callable[[int], bool] | None = None  # asked before adding more than ASK_ABOVE people
    yes: bool = False  # the answer is yes (scripts)


@dataclass
class Plan:
    """What an import will write."""

    writes: dict[str, Person] = field(default_factory=dict)
    added: set[str] = field(default_factory=set)


def _short(field_name: str, value: str, limit: int, shortened: list[str]) -> str:
    if len(value) <= limit:
        return value
    shortened.append(_("{field} ({length} characters)").format(field=field_name, length=len(value)))
    return value[: limit - 1] + "…"


def fit(person: Person, source: str) -> list[str]:
    """Shorten what is longer than the journal keeps, and say so in the person's notes.

    Returns what was shortened (empty if nothing was): a too-long field never costs the contact.
    """
    shortened: list[str] = []
    person.name = _short(_("name"), person.name, MAX_NAME, shortened)
    for name in ("given_name", "additional_names", "family_name", "name_prefix", "name_suffix"):
        setattr(person, name, _short(name.replace("_", " "), getattr(person, name), MAX_NAME, shortened))
    for name in ("company", "role", "uid"):
        setattr(person, name, _short(name, getattr(person, name), MAX_SHORT, shortened))
    person.aliases = [_short(_("alias"), a, MAX_SHORT, shortened) for a in person.aliases]
    person.tags = [_short(_("tag"), t, MAX_SHORT, shortened) for t in person.tags]
    person.platforms = {
        _short(_("platform"), k, MAX_SHORT, shortened): _short(k, v, MAX_SHORT, shortened)
        for k, v in person.platforms.items()
    }
    for email in person.emails:
        email.address = _short(_("e-mail"), email.address, MAX_SHORT, shortened)
    for phone in person.phones:
        phone.number = _short(_("phone"), phone.number, MAX_SHORT, shortened)
    for site in person.websites:
        site.url = _short(_("website"), site.url, MAX_SHORT, shortened)
    for address in person.addresses:
        for part in ("street", "locality", "region", "postal_code", "country", "po_box", "extended"):
            setattr(address, part, _short(_("address"), getattr(address, part), MAX_SHORT, shortened))
    for link in person.relationships:
        link.label = _short(_("relationship"), link.label, MAX_SHORT, shortened)
        link.name = _short(_("relationship"), link.name, MAX_NAME, shortened)
    for entry in person.dates:
        entry.label = _short(_("date"), entry.label, MAX_SHORT, shortened)
    for name in ("emails", "phones", "addresses", "dates", "websites", "relationships", "aliases", "tags"):
        items = getattr(person, name)
        if len(items) > MAX_ITEMS:
            shortened.append(_("{field} ({n} entries)").format(field=name, n=len(items)))
            setattr(person, name, items[:MAX_ITEMS])
    for name in ("common_ground", "offers", "needs", "how_we_met"):
        setattr(person, name, _short(name.replace("_", " "), getattr(person, name), MAX_TEXT, shortened))
    if shortened:
        note = _("Shortened when imported from {source}: {fields}.").format(source=source, fields=", ".join(shortened))
        person.notes = f"{person.notes}\n\n{note}" if person.notes else note
    if len(person.notes) > MAX_TEXT:
        note = _("(The notes were shortened when imported from {source}.)").format(source=source)
        person.notes = person.notes[: MAX_TEXT - len(note) - 2] + "…\n" + note
        shortened.append(_("notes"))
    return shortened


def handle_key(platform: str, handle: str) -> tuple[str, str]:
    """A platform handle as compared: "LinkedIn 2" is LinkedIn, a profile address is its handle."""
    name = platform_key(_key_base(platform))
    value = linkedin_handle(handle) if name == "linkedin" else handle.strip()
    return name, value.casefold()


def _other_handle(candidate: Person, keys: Sequence[tuple[str, str]]) -> bool:
    """Does ``candidate`` have another handle on a platform where the card has its own
    (another LinkedIn profile: another person of the same name)?"""
    for platform, handle in keys:
        name, value = handle_key(platform, handle)
        theirs = [handle_key(p, h) for p, h in candidate.platforms.items()]
        if any(n == name for n, _v in theirs) and (name, value) not in theirs:
            return True
    return False


def _key_base(key: str) -> str:
    """ "LinkedIn 2" → "LinkedIn": the number an earlier merge gave a second handle."""
    return re.sub(r"\s+\d+$", "", key)


def merge_person(existing: Person, incoming: Person) -> Person | None:
    """Fill in what the journal does not know yet; never overwrite what the user wrote.

    Returns the updated copy, or None when the card adds nothing.
    """
    merged = replace(
        existing,
        aliases=list(existing.aliases),
        tags=list(existing.tags),
        platforms=dict(existing.platforms),
        emails=list(existing.emails),
        phones=list(existing.phones),
        addresses=list(existing.addresses),
        dates=list(existing.dates),
        websites=list(existing.websites),
        relationships=list(existing.relationships),
        maybe_same=list(existing.maybe_same),
    )
    known_names = {fold(existing.name), *(fold(a) for a in existing.aliases)}
    for alias in [incoming.name, *incoming.aliases]:
        if fold(alias) not in known_names:
            merged.aliases.append(alias)
            known_names.add(fold(alias))
    merged.tags += [t for t in incoming.tags if t not in merged.tags]
    for key, handle in incoming.platforms.items():
        if any(v.casefold() == handle.casefold() for v in merged.platforms.values()):
            continue
        base, n = _key_base(key), 1
        candidate = base
        while candidate in merged.platforms:
            n += 1
            candidate = f"{base} {n}"
        merged.platforms[candidate] = handle
    emails = {e.address.casefold() for e in merged.emails}
    merged.emails += [replace(e, preferred=False) for e in incoming.emails if e.address.casefold() not in emails]
    phones = {phone_key(p.number) for p in merged.phones}
    merged.phones += [replace(p, preferred=False) for p in incoming.phones if phone_key(p.number) not in phones]
    merged.addresses += [
        replace(a, preferred=False)
        for a in incoming.addresses
        if a.parts() not in [m.parts() for m in merged.addresses]
    ]
    merged.dates += [d for d in incoming.dates if d not in merged.dates]
    merged.websites += [w for w in incoming.websites if w.url not in [m.url for m in merged.websites]]
    merged.relationships += [r for r in incoming.relationships if r not in merged.relationships]
    merged.maybe_same += [pid for pid in incoming.maybe_same if pid not in merged.maybe_same]
    if not merged.birthday:
        merged.birthday = incoming.birthday
    if not merged.has_structured_name:
        for name in ("given_name", "additional_names", "family_name", "name_prefix", "name_suffix"):
            setattr(merged, name, getattr(incoming, name))
    for attr in ("company", "role", "common_ground", "offers", "needs", "how_we_met", "uid"):
        if not getattr(merged, attr):
            setattr(merged, attr, getattr(incoming, attr))
    if incoming.notes and incoming.notes not in merged.notes:
        merged.notes = f"{merged.notes}\n\n{incoming.notes}" if merged.notes else incoming.notes
    if merged.cadence_days is None:
        merged.cadence_days = incoming.cadence_days
    if merged.snoozed_until is None:
        merged.snoozed_until = incoming.snoozed_until
    merged.normalise()
    return None if merged.to_dict() == existing.to_dict() else merged


class PeopleImport:
    """One import run: the journal's people plus the cards taken so far, written together at the end."""

    def __init__(self, store: JournalStore, source: str, options: ImportOptions | None = None) -> None:
        self.store = store
        self.source = source
        self.options = options or ImportOptions()
        self.summary = ImportSummary(source)
        self.pending: dict[str, Person] = {}  # id → the version to write
        self.added: set[str] = set()
        self.updated: set[str] = set()
        self.card_uid: dict[str, str | None] = {}  # id of a person taken from this file → its card's UID
        self.by_name: dict[str, list[str]] = {}
        self.by_contact: dict[str, list[str]] = {}
        self.by_key: dict[tuple[str, str], list[str]] = {}  # (platform, handle) → ids
        self.dead_ids = {t.id for t in store.tombstones("people")}
        self.dead_names = {
            spelling
            for t in store.tombstones("people")
            if isinstance(t, Person) and t.name
            for spelling in fold_variants(t.name)
        }
        self.related: list[tuple[str, str, str]] = []  # (person id, label, uid)
        self.combined = 0
        self.maybe_same = 0
        self.shortened = 0
        self.left_out: dict[str, int] = {}
        for person in store.people():
            self._index(person)

    # ------------------------------------------------------------------ indexes

    def _index(self, person: Person) -> None:
        for name in (person.name, *person.aliases):
            for spelling in fold_variants(name):
                ids = self.by_name.setdefault(spelling, [])
                if person.id not in ids:
                    ids.append(person.id)
        for key in self._contact_keys(person):
            ids = self.by_contact.setdefault(key, [])
            if person.id not in ids:
                ids.append(person.id)
        for platform, handle in person.platforms.items():
            ids = self.by_key.setdefault(handle_key(platform, handle), [])
            if person.id not in ids:
                ids.append(person.id)

    @staticmethod
    def _contact_keys(person: Person) -> list[str]:
        keys = ["@" + e.address.casefold() for e in person.emails]
        keys += ["tel:" + phone_key(p.number) for p in person.phones if len(phone_key(p.number)) >= 6]
        return keys

    def person(self, person_id: str) -> Person | None:
        return self.pending.get(person_id) or self.store.person(person_id)

    def _uid_of(self, person: Person) -> str | None:
        """The card UID a person stands for: the card it came from in this file, its stored UID, its id."""
        if person.id in self.card_uid:
            return self.card_uid[person.id]
        return person.uid or None

    def _conflict(self, candidate: Person, uid: str | None) -> bool:
        """Two different cards: both have UIDs, and they differ."""
        if not uid:
            return False
        other = self._uid_of(candidate)
        if other is None:
            return candidate.id in self.card_uid and person_id_for_uid(uid) != candidate.id
        return person_id_for_uid(other) != person_id_for_uid(uid)

    # ------------------------------------------------------------------ taking cards

    def left_out_as(self, why: str) -> None:
        self.left_out[why] = self.left_out.get(why, 0) + 1

    def take(self, card: CardPerson) -> None:
        if card.person is None:
            self.summary.skip(card.label, _("nothing to name them by (no name, nickname, company or e-mail)"))
            return
        person = card.person
        for what in card.not_kept:
            self.summary.not_kept[what] = self.summary.not_kept.get(what, 0) + 1
        if card.uid and person.id in self.dead_ids:
            self.left_out_as(_("deleted or forgotten in the journal"))
            return
        if self.shortened_fit(person):
            self.shortened += 1
        try:
            person.normalise()
            person.validate()
        except ValidationError as err:
            self.summary.skip(card.label, err.message)
            return
        existing = self._find(person, card.uid, card.keys)
        if existing is None:
            if not card.uid and any(s in self.dead_names for s in fold_variants(person.name)):
                self.left_out_as(_("deleted in the journal"))
                return
            self._add(person, card)
            return
        merged = merge_person(existing, person)
        if existing.id in self.added:
            self.combined += 1
        if merged is None:
            if existing.id not in self.added and existing.id not in self.updated:
                self.summary.unchanged += 1
            return
        try:
            merged.validate()
        except ValidationError as err:
            self.summary.skip(card.label, err.message)
            return
        if card.uid and not merged.uid and person_id_for_uid(card.uid) != merged.id:
            merged.uid = card.uid  # this person is that card now: a re-import finds them by it
        if existing.id not in self.added and existing.id not in self.updated:
            self.updated.add(existing.id)
            self.summary.updated += 1
        self._remember(merged, card)

    def shortened_fit(self, person: Person) -> bool:
        return bool(fit(person, self.source))

    def _find(self, person: Person, uid: str | None, keys: Sequence[tuple[str, str]] = ()) -> Person | None:
        if uid and (found := self.person(person.id)):
            return found
        for platform, handle in keys:
            for pid in self.by_key.get(handle_key(platform, handle), []):
                candidate = self.person(pid)
                if candidate is not None and not self._conflict(candidate, uid):
                    return candidate
        seen: list[str] = []
        for spelling in fold_variants(person.name):
            seen += [pid for pid in self.by_name.get(spelling, []) if pid not in seen]
        for pid in seen:
            candidate = self.person(pid)
            if candidate is not None and not self._conflict(candidate, uid) and not _other_handle(candidate, keys):
                return candidate
        return None

    def _add(self, person: Person, card: CardPerson) -> None:
        if not card.uid and self.person(person.id) is not None:
            from journal.model import new_id

            person.id = new_id()
        # A shared e-mail or phone: perhaps the same person, perhaps a family address.
        maybe: list[str] = []
        for key in self._contact_keys(person):
            maybe += [pid for pid in self.by_contact.get(key, []) if pid not in maybe]
        maybe = [
            pid
            for pid in maybe
            if pid != person.id
            and pid not in person.maybe_same
            and person.id not in getattr(self.person(pid), "maybe_same", ())  # noted on their side already
        ]
        if maybe:
            person.maybe_same = [*person.maybe_same, *maybe]
            self.maybe_same += 1
        self.added.add(person.id)
        self.summary.added += 1
        self._remember(person, card)

    def _remember(self, person: Person, card: CardPerson) -> None:
        self.pending[person.id] = person
        self.card_uid.setdefault(person.id, card.uid)
        self._index(person)
        self.related += [(person.id, label, uid) for label, uid in card.related_uids]

    # ------------------------------------------------------------------ finishing

    def _resolve_related(self) -> None:
        """RELATED pointing at a card of the file or a person of the journal becomes a link;
        one pointing nowhere is kept by its UID as a name (nothing is dropped)."""
        for pid, label, uid in self.related:
            person = self.pending.get(pid)
            if person is None:
                continue
            target = person_id_for_uid(uid)
            link = (
                Relationship(label, target)
                if self.person(target) is not None and target != pid
                else Relationship(label, name=uid)
            )
            if link not in person.relationships:
                person.relationships.append(link)

    def finish(self) -> ImportSummary:
        """Write everything in one transaction (after asking, for a very large import)."""
        summary = self.summary
        summary.combined = self.combined
        summary.maybe_same = self.maybe_same
        summary.shortened = self.shortened
        summary.left_out = dict(self.left_out)
        if self.options.strict and summary.skipped:
            raise ImportFailed(
                _("{source}: {n} of the cards could not be read ({first}); with --strict nothing was imported.").format(
                    source=self.source, n=len(summary.skipped), first=" — ".join(summary.skipped[0])
                )
            )
        self._resolve_related()
        adding = len(self.added)
        if adding > ASK_ABOVE and not self.options.yes:
            question = ngettext(
                "{source} would add {n} person to the journal.",
                "{source} would add {n} people to the journal.",
                adding,
            ).format(source=self.source, n=adding)
            if self.options.confirm is None or not self.options.confirm(adding):
                raise NeedsConfirmation(
                    question + " " + _("Nothing was changed; confirm to add them all (--yes for scripts)."), adding
                )
        if self.pending:
            try:
                with self.store.transaction():
                    self.store.save(*self.pending.values())
            except OSError as err:
                raise ImportFailed(
                    _("Could not save to {path}: {reason}. Nothing was changed.").format(
                        path=self.store.path, reason=err.strerror or err
                    )
                ) from None
        return summary


def person_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Person))
