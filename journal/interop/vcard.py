"""vCards in and out: import address books (2.1, 3.0, 4.0), export vCard 4.0 or 3.0.

Reading is journal.interop.vcard_read (bytes → cards, card by card, linear in the file's size)
and journal.interop.cards (card → person); journal.interop.people_import places the people in
the journal. Writing goes through vobject's serializer (escaping, folding, the structured N and
ADR values).

netjournal's own fields travel as ``X-NETJOURNAL-*`` properties and platform names as
``itemN.X-NETJOURNAL-KEY``, so that an export imports back unchanged; other address books
ignore them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

import vobject
from vobject.icalendar import MultiTextBehavior

from journal.contacts import parse_partial_date
from journal.folding import fold
from journal.i18n import _
from journal.interop import ImportFailed, ImportSummary
from journal.interop.cards import (
    ARCHIVED,
    CADENCE,
    DATE_LABEL,
    KEY_PROPERTY,
    MAYBE_SAME,
    RELATED_LABEL,
    SNOOZED,
    TEXT_FIELDS,
    CardPerson,
    card_to_person,
)
from journal.interop.people_import import ImportOptions, PeopleImport
from journal.interop.vcard_read import read_cards
from journal.model import Person
from journal.store import JournalStore

VERSIONS = ("4.0", "3.0")
# Instant-messaging platforms go out as IMPP (RFC 4770/6350) with the URI scheme address books
# read (iOS, Android/DAVx5, Nextcloud, Thunderbird); other handles as X-SOCIALPROFILE.
IMPP_SCHEMES: dict[str, str] = {
    "skype": "skype",
    "xmpp": "xmpp",
    "jabber": "xmpp",
    "google talk": "gtalk",
    "sip": "sip",
    "aim": "aim",
    "icq": "icq",
    "msn": "msnim",
    "yahoo": "ymsgr",
    "qq": "qq",
    "signal": "sgnl",
    "telegram": "tg",
    "whatsapp": "whatsapp",
    "matrix": "matrix",
    "gadu-gadu": "gg",
    "groupwise": "groupwise",
    "im": "im",
}
_PLATFORM_SUFFIX = re.compile(r"\s*\(.*\)$|\s+\d+$")
# RELATED's TYPE values (RFC 6350); other labels travel in X-NETJOURNAL-LABEL only.
RELATED_TYPES = frozenset(
    {
        "contact",
        "acquaintance",
        "friend",
        "met",
        "co-worker",
        "colleague",
        "co-resident",
        "neighbor",
        "child",
        "parent",
        "sibling",
        "spouse",
        "kin",
        "muse",
        "crush",
        "date",
        "sweetheart",
        "me",
        "agent",
        "emergency",
    }
)


# ----------------------------------------------------------------------------------------- importing


def read_people(raw: bytes, source: str) -> tuple[list[CardPerson], ImportSummary]:
    """The cards of a file as people; malformed cards are in the summary's ``skipped``."""
    result = read_cards(raw)
    if not result.cards:
        raise ImportFailed(_("{source} contains no vCards. Nothing was changed.").format(source=source))
    summary = ImportSummary(source)
    people: list[CardPerson] = []
    for card in result.cards:
        if card.error:
            summary.skip(_("the card at line {line}").format(line=card.line), card.error)
            continue
        taken = card_to_person(card)
        taken.label = (
            _("“{name}” (line {line})").format(name=taken.person.name, line=card.line)
            if taken.person
            else _("the card at line {line}").format(line=card.line)
        )
        people.append(taken)
    return people, summary


def import_vcards(store: JournalStore, raw: bytes, source: str, options: ImportOptions | None = None) -> ImportSummary:
    """Add or update people from vCards, all in one write; ImportFailed if nothing can be read."""
    people, read_summary = read_people(raw, source)
    run = PeopleImport(store, source, options)
    run.summary.skipped += read_summary.skipped
    for card in people:
        run.take(card)
    return run.finish()


# ----------------------------------------------------------------------------------------- exporting


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def card_uid(person: Person) -> str:
    """The UID a person's card carries: the card's own when they came from one, else their id."""
    if person.uid:
        return person.uid
    return f"urn:uuid:{person.id}" if _is_uuid(person.id) else person.id


def _types(kinds: list[str], preferred: bool, version: str, extra: tuple[str, ...] = ()) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    types = [k for k in [*extra, *kinds] if k]
    if preferred:
        if version == "4.0":
            params["PREF"] = ["1"]
        else:
            types.append("pref")
    if types:
        params["TYPE"] = types
    return params


def _date_value(value: str, version: str) -> tuple[str, dict[str, list[str]]]:
    """A date for BDAY/ANNIVERSARY: vCard 4.0 writes "--0322" without a year; 3.0 has no such
    form, so it writes Apple's "1604-03-22" with X-APPLE-OMIT-YEAR (as iOS and macOS do)."""
    parsed = parse_partial_date(value)
    if parsed is None:
        return value, {}
    if parsed.year is not None:
        return parsed.iso(), {}
    if version == "4.0":
        return f"--{parsed.month:02d}{parsed.day:02d}", {}
    return f"1604-{parsed.month:02d}-{parsed.day:02d}", {"X-APPLE-OMIT-YEAR": ["1604"]}


def person_to_vcard(person: Person, version: str = "4.0") -> vobject.base.Component:
    """One person as a vCard 4.0 (or 3.0)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("uid").value = card_uid(person)
    card.add("fn").value = person.name
    # The structured name as the card had it; without one, the whole name as the given name
    # (which reads back as "no structured name"): never a family name guessed from the last word.
    if person.has_structured_name:
        card.add("n").value = vobject.vcard.Name(
            family=person.family_name,
            given=person.given_name,
            additional=person.additional_names,
            prefix=person.name_prefix,
            suffix=person.name_suffix,
        )
    else:
        card.add("n").value = vobject.vcard.Name(given=person.name)
    if person.aliases:
        nickname = card.add("nickname")
        nickname.behavior = MultiTextBehavior  # a comma list, like CATEGORIES
        nickname.value = list(person.aliases)
    if person.company:
        card.add("org").value = [person.company]
    if person.role:
        card.add("title").value = person.role
    if person.tags:
        card.add("categories").value = list(person.tags)
    if person.notes:
        card.add("note").value = person.notes
    for email in person.emails:
        prop = card.add("email")
        prop.value = email.address
        prop.params.update(_types(email.kinds, email.preferred, version, ("internet",) if version == "3.0" else ()))
    for phone in person.phones:
        prop = card.add("tel")
        prop.value = phone.number
        prop.params.update(_types(phone.kinds, phone.preferred, version))
    for address in person.addresses:
        prop = card.add("adr")
        prop.value = vobject.vcard.Address(
            street=address.street,
            city=address.locality,
            region=address.region,
            code=address.postal_code,
            country=address.country,
            box=address.po_box,
            extended=address.extended,
        )
        prop.params.update(_types(address.kinds, address.preferred, version))
    if person.birthday:
        value, params = _date_value(person.birthday, version)
        prop = card.add("bday")
        prop.value = value
        prop.params.update(params)
    item = 0
    for entry in person.dates:
        value, params = _date_value(entry.date, version)
        if entry.label == "anniversary":
            prop = card.add("anniversary" if version == "4.0" else "x-anniversary")
            prop.value = value
            prop.params.update(params)
            continue
        prop = card.add(DATE_LABEL.lower())
        prop.value = value
        prop.params["LABEL"] = [entry.label]
    for site in person.websites:
        prop = card.add("url")
        prop.value = site.url
        prop.params.update(_types(site.kinds, False, version))
    for link in person.relationships:
        label_type = link.label.lower() if link.label.lower() in RELATED_TYPES else None
        if link.person_id:
            prop = card.add("related")
            prop.value = f"urn:uuid:{link.person_id}" if _is_uuid(link.person_id) else link.person_id
        elif version == "4.0":
            prop = card.add("related")
            prop.value = link.name
            prop.params["VALUE"] = ["text"]
        else:
            item += 1
            prop = card.add("x-abrelatednames")
            prop.value = link.name
            prop.group = f"rel{item}"
            label = card.add("x-ablabel")
            label.value = link.label
            label.group = f"rel{item}"
            continue
        if label_type:
            prop.params["TYPE"] = [label_type]
        prop.params[RELATED_LABEL] = [link.label]
    # Platforms: in the order vobject writes them (by property name), so import → export is stable.
    # The platform's own name travels beside the handle (itemN.X-NETJOURNAL-KEY), so "Signal (via
    # Anna)" comes back as it was; other address books read the IMPP or X-SOCIALPROFILE.
    for n, (key, handle) in enumerate(person.platforms.items(), start=1):
        service = _PLATFORM_SUFFIX.sub("", key.strip())  # "Signal (via Anna)", "Skype 2" → the service
        scheme = IMPP_SCHEMES.get(service.lower())
        if scheme:
            prop = card.add("impp")
            prop.value = handle if handle.lower().startswith(scheme + ":") else f"{scheme}:{handle}"
            # Apple's spelling of the service ("GoogleTalk", "GaduGadu"): one word.
            prop.params["X-SERVICE-TYPE"] = [re.sub(r"[^A-Za-z0-9]", "", service)]
        else:
            prop = card.add("x-socialprofile")
            prop.value = handle
            if kind := re.sub(r"[^a-z0-9-]", "", key.lower()):
                prop.params["TYPE"] = [kind]
        prop.group = f"item{n}"
        label = card.add(KEY_PROPERTY.lower())
        label.value = key
        label.group = f"item{n}"
    for attr, prop_name in TEXT_FIELDS.items():
        if value := getattr(person, attr):
            card.add(prop_name.lower()).value = value
    if person.cadence_days is not None:
        card.add(CADENCE.lower()).value = str(person.cadence_days)
    if person.archived:
        card.add(ARCHIVED.lower()).value = "true"
    if person.snoozed_until is not None:
        card.add(SNOOZED.lower()).value = person.snoozed_until.isoformat()
    for pid in person.maybe_same:
        card.add(MAYBE_SAME.lower()).value = f"urn:uuid:{pid}" if _is_uuid(pid) else pid
    return card


def vcard_text(person: Person, version: str = "4.0") -> str:
    return person_to_vcard(person, version).serialize()


def export_vcards(people: Iterable[Person], version: str = "4.0") -> str:
    """vCards for these people (tombstones excluded by the caller), sorted by name."""
    chunks = []
    for person in sorted(people, key=lambda p: (fold(p.name), p.id)):
        chunks.append(person_to_vcard(person, version).serialize())
    return "".join(chunks)
