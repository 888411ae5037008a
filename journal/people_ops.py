"""People: the person page, editing, and merging two records of one person.

No textual here: the command line and the app call the same functions, so neither knows
something the other does not. Forgetting someone is in :mod:`journal.forget`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from journal import pacing
from journal.clock import timestamp
from journal.contacts import PHONE_KINDS, PLACE_KINDS, parse_partial_date, phone_key
from journal.i18n import _, ngettext
from journal.model import (
    Address,
    DateEntry,
    Email,
    Encounter,
    Person,
    Phone,
    Record,
    Relationship,
    Settings,
    ValidationError,
    Website,
    clean_list,
    clean_tags,
    compose_name,
)
from journal.search import fold
from journal.store import JournalStore
from journal.textfmt import every_phrase, format_date, last_seen_phrase, relative_day

__all__ = [
    "MergeReport",
    "PersonPage",
    "PlatformLine",
    "describe_merge",
    "edited_person",
    "format_platforms",
    "merge_people",
    "merged_person",
    "order_platforms",
    "parse_cadence",
    "parse_platforms",
    "person_page",
]


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
class ContactLine:
    """An e-mail address, phone number, website or postal address on the person page."""

    kind: str  # "email", "phone", "web", "address"
    label: str  # "e-mail · work", "phone · mobile ★"
    value: str  # what is copied or opened
    preferred: bool
    active: bool  # e-mail or phone is one of the user's active platforms (rule 5)

    @property
    def url(self) -> str | None:
        """What "open" opens: a mailto: link, or the website."""
        if self.kind == "email":
            return f"mailto:{self.value}"
        if self.kind == "web":
            return self.value if "://" in self.value else f"https://{self.value}"
        return None


@dataclass(frozen=True, slots=True)
class RelationLine:
    """A relationship as the page shows it: "introduced by Bob Schulz" on Anna's page, and
    "Anna Müller · introduced by Bob Schulz" on Bob's (``reverse``)."""

    text: str
    person_id: str  # "" for someone who is not in the journal
    reverse: bool


def _kind_words(kinds: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(_(names[k]) if k in names else k for k in kinds)


def contact_lines(person: Person, active: Iterable[str] = ()) -> list[ContactLine]:
    """E-mails, phones (preferred first within each), websites, postal addresses."""
    keys = {_platform_key(a) for a in active}
    email_active = bool(keys & {"email", "mail"})
    phone_active = bool(keys & {"phone", "telefon", "mobile", "handy"})
    lines: list[ContactLine] = []
    for email in sorted(person.emails, key=lambda e: not e.preferred):
        label = _("e-mail")
        if email.kinds:
            label += " · " + _kind_words(email.kinds, PLACE_KINDS)
        lines.append(ContactLine("email", label, email.address, email.preferred, email_active))
    for phone in sorted(person.phones, key=lambda p: not p.preferred):
        label = _("phone")
        if phone.kinds:
            label += " · " + _kind_words(phone.kinds, PHONE_KINDS)
        lines.append(ContactLine("phone", label, phone.number, phone.preferred, phone_active))
    for site in person.websites:
        label = _("web")
        if site.kinds:
            label += " · " + _kind_words(site.kinds, PLACE_KINDS)
        lines.append(ContactLine("web", label, site.url, False, False))
    for address in sorted(person.addresses, key=lambda a: not a.preferred):
        label = _("address")
        if address.kinds:
            label += " · " + _kind_words(address.kinds, PLACE_KINDS)
        lines.append(ContactLine("address", label, ", ".join(address.lines()), address.preferred, False))
    return lines


def relation_lines(store: JournalStore, person: Person) -> list[RelationLine]:
    """This person's relationships, and other people's relationships to them."""
    lines = []
    for link in person.relationships:
        other = store.person(link.person_id) if link.person_id else None
        if link.person_id and other is None:
            continue  # someone no longer in the journal
        name = other.name if other else _("{name} (not in the journal)").format(name=link.name)
        lines.append(RelationLine(f"{link.label} {name}", link.person_id, reverse=False))
    for other in store.people():
        if other.id == person.id:
            continue
        for link in other.relationships:
            if link.person_id == person.id:
                lines.append(RelationLine(f"{other.name} · {link.label} {person.name}", other.id, reverse=True))
    return lines


def maybe_same_people(store: JournalStore, person: Person) -> list[Person]:
    """People an import thought might be this one (noted on either side)."""
    ids = list(person.maybe_same)
    for other in store.people():
        if person.id in other.maybe_same and other.id not in ids:
            ids.append(other.id)
    return [p for pid in ids if pid != person.id and (p := store.person(pid)) is not None]


def dates_lines(person: Person, today: date) -> list[str]:
    """ "Birthday: 22 March 1980 (46) · in 3 days", then the other dates."""
    from journal.birthdays import date_phrase

    out = []
    if person.birthday:
        out.append(_("Birthday: {when}").format(when=date_phrase(person.birthday, today, age=True)))
    for entry in person.dates:
        out.append(
            "{label}: {when}".format(
                label=_(entry.label) if entry.label == "anniversary" else entry.label,
                when=date_phrase(entry.date, today, age=False),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class PersonPage:
    """Everything the person page shows, in the order it shows it."""

    person: Person
    platforms: list[PlatformLine]
    contacts: list[ContactLine]
    dates: list[str]
    relations: list[RelationLine]
    maybe_same: list[Person]
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
        contacts=contact_lines(person, store.settings.active_platforms),
        dates=dates_lines(person, today),
        relations=relation_lines(store, person),
        maybe_same=maybe_same_people(store, person),
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


# E-mails, phones and websites in the form: one a line, the kinds in brackets after it, a star
# for the preferred one: "anna@example.org (work) *".
_KINDS_TAIL = re.compile(r"\s*(?:\((?P<kinds>[^()]*)\))?\s*(?P<pref>\*|★)?\s*$")


def _kind_from_word(word: str) -> str:
    """A kind typed in the form, in the language shown ("mobil") or as stored ("cell")."""
    shown = {_(label).casefold(): kind for kind, label in {**PLACE_KINDS, **PHONE_KINDS}.items()}
    return shown.get(word.strip().casefold(), word.strip())


def _split_kinds(line: str) -> tuple[str, list[str], bool]:
    match = _KINDS_TAIL.search(line)
    assert match is not None  # the pattern matches the empty tail
    kinds = [_kind_from_word(k) for k in (match.group("kinds") or "").split(",") if k.strip()]
    return line[: match.start()].strip(), kinds, bool(match.group("pref"))


def _with_kinds(value: str, kinds: list[str], preferred: bool) -> str:
    out = value
    if kinds:
        out += f" ({_kind_words(kinds, {**PLACE_KINDS, **PHONE_KINDS})})"
    return out + (" *" if preferred else "")


def format_emails(emails: list[Email]) -> str:
    return "\n".join(_with_kinds(e.address, e.kinds, e.preferred) for e in emails)


def parse_emails(text: str) -> list[Email]:
    out = []
    for line in (text or "").splitlines():
        if line.strip():
            address, kinds, preferred = _split_kinds(line)
            if "@" not in address:
                raise ValidationError(
                    "emails", _("“{value}” is not an e-mail address (it has no @).").format(value=address)
                )
            out.append(Email(address, kinds, preferred))
    return out


def format_phones(phones: list[Phone]) -> str:
    return "\n".join(_with_kinds(p.number, p.kinds, p.preferred) for p in phones)


def parse_phones(text: str) -> list[Phone]:
    return [Phone(*_split_kinds(line)) for line in (text or "").splitlines() if line.strip()]


def format_websites(websites: list[Website]) -> str:
    return "\n".join(_with_kinds(w.url, w.kinds, False) for w in websites)


def parse_websites(text: str) -> list[Website]:
    return [Website(*_split_kinds(line)[:2]) for line in (text or "").splitlines() if line.strip()]


# Addresses: one a line, the parts separated by ";" in the order street; postcode; city;
# region; country, the kinds in brackets after it: "Hauptstr. 1; 10115; Berlin; ; Germany (home)".
def format_addresses(addresses: list[Address]) -> str:
    lines = []
    for a in addresses:
        parts = [a.street.replace("\n", ", "), a.postal_code, a.locality, a.region, a.country]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(_with_kinds("; ".join(parts), a.kinds, a.preferred))
    return "\n".join(lines)


def parse_addresses(text: str) -> list[Address]:
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        value, kinds, preferred = _split_kinds(line)
        parts = [p.strip() for p in value.split(";")]
        if len(parts) > 5:
            raise ValidationError(
                "addresses",
                _("“{line}”: at most five parts: street; postcode; city; region; country.").format(line=line.strip()),
            )
        parts += [""] * (5 - len(parts))
        street, postal_code, locality, region, country = parts
        out.append(Address(street, locality, region, postal_code, country, kinds=kinds, preferred=preferred))
    return out


def format_dates(dates: list[DateEntry]) -> str:
    return "\n".join(f"{d.label}: {d.date}" for d in dates)


def parse_dates(text: str) -> list[DateEntry]:
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, sep, value = line.rpartition(":")
        parsed = parse_partial_date(value)
        if not sep or not label.strip() or parsed is None:
            raise ValidationError(
                "dates",
                _("“{line}”: write each date as “label: date”, e.g. “anniversary: 2010-06-12”.").format(
                    line=line.strip()
                ),
            )
        out.append(DateEntry(label.strip(), parsed.iso()))
    return out


def parse_birthday(text: str) -> str:
    value = (text or "").strip()
    if not value:
        return ""
    parsed = parse_partial_date(value)
    if parsed is None:
        raise ValidationError(
            "birthday",
            _("“{value}” is not a date; write e.g. 1980-03-22, or 03-22 without the year.").format(value=value),
        )
    return parsed.iso()


def format_relationships(links: list[Relationship], names: dict[str, str]) -> str:
    """ "introduced by: Bob Schulz", one a line (``names``: person id → name)."""
    lines = []
    for link in links:
        name = names.get(link.person_id, "") if link.person_id else link.name
        if name:
            lines.append(f"{link.label}: {name}")
    return "\n".join(lines)


def parse_relationships(
    text: str, find: Callable[[str], list[Person]], keep: list[Relationship] | None = None
) -> list[Relationship]:
    """ "label: name" lines; ``find`` returns the people a name could mean.

    A name nobody in the journal has is kept as a name; one that two people share is an error.
    """
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, sep, name = line.rpartition(":")
        label, name = label.strip(), name.strip()
        if not sep or not label or not name:
            raise ValidationError(
                "relationships",
                _("“{line}”: write each relationship as “label: name”, e.g. “introduced by: Bob Schulz”.").format(
                    line=line.strip()
                ),
            )
        matches = find(name)
        if len(matches) > 1:
            raise ValidationError(
                "relationships",
                _("“{name}” could mean: {names}. Use more of the name.").format(
                    name=name, names=", ".join(p.name for p in matches[:5])
                ),
            )
        out.append(Relationship(label, matches[0].id) if matches else Relationship(label, name=name))
    return out


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


# Form field → (formatter of the stored value, parser of the typed text).
_CONTACT_FIELDS: dict[str, tuple[Callable[[Any], str], Callable[[str], Any]]] = {
    "emails": (format_emails, parse_emails),
    "phones": (format_phones, parse_phones),
    "websites": (format_websites, parse_websites),
    "addresses": (format_addresses, parse_addresses),
    "dates": (format_dates, parse_dates),
}
NAME_PARTS = ("name_prefix", "given_name", "additional_names", "family_name", "name_suffix")


def edited_person(person: Person, values: dict[str, Any], store: JournalStore | None = None) -> Person:
    """A copy of ``person`` with the form's ``values`` applied, normalised and validated.

    ``values`` holds raw form text; aliases and tags are comma-separated, platforms one a line,
    cadence as :func:`parse_cadence` reads it; e-mails, phones, websites, addresses, dates and
    relationships one a line (see the parse_* functions), the birthday as a date. A text left
    as it was shown keeps the stored value exactly (nothing a card had is lost by a save).
    ``store`` finds the people relationships name. Raises ValidationError (its ``field``
    names the form field) and leaves ``person`` untouched.
    """
    changes: dict[str, Any] = {}
    for name in ("name", "company", "role", "common_ground", "offers", "needs", "how_we_met", "notes", *NAME_PARTS):
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
    for name, (show, read) in _CONTACT_FIELDS.items():
        if name in values:
            raw = values[name]
            if not isinstance(raw, str):
                changes[name] = list(raw or [])
            elif raw.strip() != show(getattr(person, name)).strip():
                changes[name] = read(raw)
    if "birthday" in values:
        changes["birthday"] = parse_birthday(values["birthday"])
    if "relationships" in values:
        raw = values["relationships"]
        if not isinstance(raw, str):
            changes["relationships"] = list(raw or [])
        else:
            if raw.strip() != format_relationships(person.relationships, relation_names(store, person)).strip():
                changes["relationships"] = parse_relationships(raw, lambda name: people_named(store, name, person))
    # A structured name that spelled the old name no longer spells a new one: drop it rather
    # than export a family name the person does not have.
    if (
        "name" in changes
        and changes["name"].strip() != person.name
        and all(changes.get(p, getattr(person, p)) == getattr(person, p) for p in NAME_PARTS)
        and compose_name(*(getattr(person, p) for p in NAME_PARTS)) == person.name
    ):
        changes.update(dict.fromkeys(NAME_PARTS, ""))
    updated = replace(person, **changes)
    updated.normalise()
    updated.validate()
    # An alias equal to the name adds nothing.
    updated.aliases = [a for a in updated.aliases if fold(a) != fold(updated.name)]
    return updated


def relation_names(store: JournalStore | None, person: Person) -> dict[str, str]:
    """Id → name of the people this person's relationships link to."""
    if store is None:
        return {}
    return {link.person_id: p.name for link in person.relationships if (p := store.person(link.person_id))}


def people_named(store: JournalStore | None, name: str, besides: Person | None = None) -> list[Person]:
    """The people a name or alias is exactly (not ``besides`` themselves)."""
    if store is None:
        return []
    found = [p for pid in store.index.find_exact(name) if (p := store.person(pid))]
    return [p for p in found if besides is None or p.id != besides.id]


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
    if other.birthday and keep.birthday and other.birthday != keep.birthday:
        notes = _join_text(
            notes, _("Also recorded as {name}: born {date}").format(name=other.name, date=other.birthday)
        )
    snoozes = [d for d in (keep.snoozed_until, other.snoozed_until) if d is not None]
    phone_keys = {phone_key(p.number) for p in keep.phones}
    email_keys = {e.address.casefold() for e in keep.emails}
    links = [link for link in keep.relationships if link.person_id != other.id]
    links += [link for link in other.relationships if link.person_id != keep.id and link not in links]
    name_parts = keep if keep.has_structured_name else other
    return replace(
        keep,
        given_name=name_parts.given_name,
        additional_names=name_parts.additional_names,
        family_name=name_parts.family_name,
        name_prefix=name_parts.name_prefix,
        name_suffix=name_parts.name_suffix,
        emails=[
            *keep.emails,
            *(replace(e, preferred=False) for e in other.emails if e.address.casefold() not in email_keys),
        ],
        phones=[
            *keep.phones,
            *(replace(p, preferred=False) for p in other.phones if phone_key(p.number) not in phone_keys),
        ],
        addresses=[
            *keep.addresses,
            *(
                replace(a, preferred=False)
                for a in other.addresses
                if a.parts() not in [k.parts() for k in keep.addresses]
            ),
        ],
        birthday=keep.birthday or other.birthday,
        dates=[*keep.dates, *(d for d in other.dates if d not in keep.dates)],
        websites=[*keep.websites, *(w for w in other.websites if w.url not in [k.url for k in keep.websites])],
        relationships=links,
        uid=keep.uid or other.uid,
        maybe_same=[pid for pid in _union(keep.maybe_same, other.maybe_same) if pid not in (keep.id, other.id)],
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
    # Other people's relationships to ``other`` now point to ``keep``; "may be the same" is settled.
    for person in store.people():
        if person.id in (keep_id, other_id):
            continue
        links = [
            replace(link, person_id=keep_id) if link.person_id == other_id else link for link in person.relationships
        ]
        maybe = [keep_id if pid == other_id else pid for pid in person.maybe_same]
        if links != person.relationships or maybe != person.maybe_same:
            writes.append(replace(person, relationships=links, maybe_same=list(dict.fromkeys(maybe))))
    writes.append(replace(other, deleted=timestamp(store.clock.now())))
    store.save(*writes)
    return MergeReport(combined, other.name, moved, len(lucky))


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
