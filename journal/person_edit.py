"""Editing a person: the person form's text fields read and written, and the edited, validated Person.

No textual here: the form shows what these functions write and saves what they read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from journal.contacts import PHONE_KINDS, PLACE_KINDS, parse_partial_date
from journal.folding import fold
from journal.i18n import _
from journal.model import (
    Address,
    DateEntry,
    Email,
    Person,
    Phone,
    Relationship,
    ValidationError,
    Website,
    clean_list,
    clean_tags,
    compose_name,
)
from journal.person_page import kind_words
from journal.store import JournalStore


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
        out += f" ({kind_words(kinds, {**PLACE_KINDS, **PHONE_KINDS})})"
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
