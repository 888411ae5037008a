"""vCards in and out: import address books (2.1, 3.0, 4.0), export vCard 4.0.

Parsing uses vobject's line-level reader: it unfolds lines, joins QUOTED-PRINTABLE soft line
breaks, decodes QUOTED-PRINTABLE with the CHARSET parameter, and splits groups (``item1.EMAIL``)
and parameters. Values are decoded here, per vCard version, with vobject's escape helper:
vobject's component layer treats every unknown property as a comma-separated list and keeps
only the first item ("TITLE:Chef, Boss" becomes "Chef", common in 2.1 files), and fails a
whole address book on one broken photo; we read photos not at all.

Export writes vCard 4.0 through vobject's serializer. netjournal's own fields travel as
``X-NETJOURNAL-*`` properties and platform names as ``itemN.X-NETJOURNAL-KEY``, so that an
export imports back unchanged; other address books ignore them.
"""

from __future__ import annotations

import contextlib
import io
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlparse

import vobject
from vobject.base import ContentLine, VObjectError, getLogicalLines, textLineToContentLine
from vobject.icalendar import MultiTextBehavior, stringToTextValues

from journal.i18n import _
from journal.interop import ImportFailed, ImportSummary
from journal.model import Person, ValidationError
from journal.search import fold, fold_variants
from journal.store import JournalStore

BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
KEY_PROPERTY = "X-NETJOURNAL-KEY"
TEXT_FIELDS = {  # person field ↔ our extension property
    "common_ground": "X-NETJOURNAL-COMMON-GROUND",
    "offers": "X-NETJOURNAL-OFFERS",
    "needs": "X-NETJOURNAL-NEEDS",
    "how_we_met": "X-NETJOURNAL-HOW-WE-MET",
}
CADENCE = "X-NETJOURNAL-CADENCE-DAYS"
ARCHIVED = "X-NETJOURNAL-ARCHIVED"
SNOOZED = "X-NETJOURNAL-SNOOZED-UNTIL"

EMAIL, PHONE, WEB = "e-mail", "phone", "web"
# Social profile TYPE values (Apple, Android, khard) → the platform names the app shows.
SOCIAL_NAMES = {
    "linkedin": "LinkedIn",
    "xing": "XING",
    "mastodon": "Mastodon",
    "twitter": "Twitter",
    "x": "X",
    "github": "GitHub",
    "gitlab": "GitLab",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "bluesky": "Bluesky",
    "threads": "Threads",
    "youtube": "YouTube",
    "flickr": "Flickr",
    "myspace": "MySpace",
    "sinaweibo": "Weibo",
    "skype": "Skype",
    "xmpp": "XMPP",
    "signal": "Signal",
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    "matrix": "Matrix",
}
HOSTS = {
    "linkedin.com": "LinkedIn",
    "xing.com": "XING",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "twitter.com": "Twitter",
    "x.com": "X",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
    "bsky.app": "Bluesky",
    "youtube.com": "YouTube",
}
# Platform names as _key_base() reduces them ("E-Mail 2" → "email").
# Google puts every contact into the system group "myContacts": not a tag anyone chose.
IGNORED_CATEGORIES = frozenset({"myContacts"})
_EMAIL_KEYS = ("email", "mail")
_PHONE_KEYS = ("phone", "tel", "telephone", "mobile", "cell", "handy", "telefon", "fax", "phonework", "phonehome")
_WEB_KEYS = ("web", "website", "homepage", "url", "blog")


# ----------------------------------------------------------------------------------------- reading


@dataclass
class Prop:
    name: str
    group: str | None
    params: dict[str, list[str]]
    flags: list[str]  # vCard 2.1's bare parameters: TEL;WORK;VOICE
    value: str
    line: int

    def types(self) -> list[str]:
        return [t.lower() for t in [*self.params.get("TYPE", []), *self.flags]]


@dataclass
class Card:
    line: int
    props: list[Prop] = field(default_factory=list)

    @property
    def version(self) -> str:
        prop = self.first("VERSION")
        return prop.value.strip() if prop else "3.0"

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)


def decode_bytes(raw: bytes, source: str) -> tuple[str, bool]:
    """The file as text, and whether it was Unicode (else Latin-1, fixed per property later)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), True
        except UnicodeDecodeError:
            raise ImportFailed(
                _("{source} is not readable UTF-16 text. Nothing was changed.").format(source=source)
            ) from None
    try:
        return raw.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        pass
    try:
        # Some exporters fold lines in the middle of a UTF-8 character; unfold the bytes first.
        return re.sub(rb"\r?\n[ \t]", b"", raw).decode("utf-8-sig"), True
    except UnicodeDecodeError:
        return raw.decode("latin-1"), False


def _line_error(source: str, line: int, problem: str) -> ImportFailed:
    return ImportFailed(
        _("{source}, line {line}: {problem}. Nothing was changed.").format(source=source, line=line, problem=problem)
    )


def parse_cards(text: str, source: str, *, unicode: bool = True) -> list[Card]:
    """Split a file into cards of properties; raises ImportFailed naming the line at fault."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cards: list[Card] = []
    current: Card | None = None
    nested = 0  # a 2.1 AGENT card inside a card: skipped
    in_binary = False  # inside a photo whose base64 lines were not folded (Outlook)
    for logical, number in getLogicalLines(io.StringIO(text), True):
        line_no = max(number, 1)  # vobject counts the very first line as 0
        try:
            content = textLineToContentLine(logical, number)
        except (VObjectError, ValueError, LookupError) as err:
            # ValueError/LookupError: QUOTED-PRINTABLE bytes that are not in the named CHARSET.
            if in_binary:
                continue
            problem = (
                _("this is not a vCard line")
                if isinstance(err, VObjectError)
                else _("the text cannot be decoded ({error})").format(error=err)
            )
            raise _line_error(source, line_no, problem) from None
        name = content.name
        value = content.value if isinstance(content.value, str) else ""
        in_binary = name in BINARY
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if current is None:
                current = Card(line_no)
            else:
                nested += 1
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            if current is None:
                raise _line_error(source, line_no, _("END:VCARD without BEGIN:VCARD"))
            if nested:
                nested -= 1
            else:
                cards.append(current)
                current = None
            continue
        if current is None:
            raise _line_error(source, line_no, _("text outside a vCard (expected BEGIN:VCARD)"))
        if nested or name in BINARY:
            continue  # photos and logos are not kept
        if not unicode:
            value = _fix_charset(content, value, logical)
        current.props.append(
            Prop(name, content.group, content.params, [f.upper() for f in content.singletonparams], value, line_no)
        )
    if current is not None:
        raise _line_error(source, current.line, _("this vCard has no END:VCARD"))
    if not cards:
        raise ImportFailed(_("{source} contains no vCards. Nothing was changed.").format(source=source))
    return cards


def _fix_charset(content: ContentLine, value: str, logical: str) -> str:
    """A non-UTF-8 file was read as Latin-1; re-read the value in its CHARSET (default Windows-1252)."""
    if "QUOTED-PRINTABLE" in logical.split(":", 1)[0].upper():
        return value  # vobject decoded it from its CHARSET already
    charset = (content.params.get("CHARSET") or ["windows-1252"])[0]
    try:
        return value.encode("latin-1").decode(charset)
    except (LookupError, UnicodeError):
        return value


def _escapes(version: str) -> str:
    # vCard 2.1 escapes only the separator; 3.0 and 4.0 also \n, \, and \\ (Google also "\:").
    return ";\\" if version == "2.1" else '\\;,:Nn"'


def text_value(prop: Prop, version: str) -> str:
    return stringToTextValues(prop.value, listSeparator=None, charList=_escapes(version))[0]


def list_value(prop: Prop, version: str) -> list[str]:
    return [v.strip() for v in stringToTextValues(prop.value, listSeparator=",", charList=_escapes(version))]


def fields_value(prop: Prop, version: str) -> list[str]:
    """A structured value (N, ORG): split at unescaped ';', then unescape each part."""
    parts = stringToTextValues(prop.value, listSeparator=";", charList=";")
    return [stringToTextValues(p, listSeparator=None, charList=_escapes(version))[0].strip() for p in parts]


# ----------------------------------------------------------------------------------------- cards → people


@dataclass
class CardPerson:
    """A card read as a person, plus what helps find them in the journal."""

    person: Person | None
    uid: str | None
    line: int
    label: str


def card_to_person(card: Card) -> CardPerson:
    version = card.version
    text: Callable[[Prop], str] = lambda p: text_value(p, version)  # noqa: E731
    name = _card_name(card, version)
    label = (
        _("“{name}” (line {line})").format(name=name, line=card.line)
        if name
        else _("the card at line {line}").format(line=card.line)
    )
    if not name:
        return CardPerson(None, None, card.line, label)
    org = card.first("ORG")
    title = card.first("TITLE") or card.first("ROLE")
    person = Person(
        name=name,
        company=", ".join(p for p in fields_value(org, version) if p) if org else "",
        role=text(title) if title else "",
        aliases=[a for p in card.all("NICKNAME") for a in list_value(p, version)],
        tags=[t for p in card.all("CATEGORIES") for t in list_value(p, version) if t not in IGNORED_CATEGORIES],
        notes="\n\n".join(v for p in card.all("NOTE") if (v := text(p).strip())),
        platforms=_platforms(card, version),
    )
    for attr, prop_name in TEXT_FIELDS.items():
        prop = card.first(prop_name)
        if prop:
            setattr(person, attr, text(prop))
    _extras(card, person, text)
    return CardPerson(person, _uid(card), card.line, label)


def _card_name(card: Card, version: str) -> str:
    fn = card.first("FN")
    if fn and (name := " ".join(text_value(fn, version).split())):
        return name
    n = card.first("N")
    if n:
        parts = fields_value(n, version) + [""] * 5
        family, given, additional, prefix, suffix = (" ".join(p.split(",")) for p in parts[:5])
        if name := " ".join(" ".join([prefix, given, additional, family, suffix]).split()):
            return name
    org = card.first("ORG")
    return fields_value(org, version)[0] if org else ""


def _extras(card: Card, person: Person, text: Callable[[Prop], str]) -> None:
    cadence = card.first(CADENCE)
    if cadence and text(cadence).strip().isdigit():
        person.cadence_days = int(text(cadence).strip())
    archived = card.first(ARCHIVED)
    person.archived = bool(archived and text(archived).strip().lower() in ("true", "yes", "1"))
    snoozed = card.first(SNOOZED)
    if snoozed:
        with contextlib.suppress(ValueError):  # a damaged extension field is not worth losing the card over
            person.snoozed_until = date.fromisoformat(text(snoozed).strip())


def _uid(card: Card) -> str | None:
    prop = card.first("UID")
    if not prop:
        return None
    value = prop.value.strip()
    value = value[9:] if value.lower().startswith("urn:uuid:") else value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _platforms(card: Card, version: str) -> dict[str, str]:
    keys = {p.group.lower(): text_value(p, version).strip() for p in card.all(KEY_PROPERTY) if p.group}
    found: list[tuple[str | None, str, str]] = []  # (explicit key, derived key, handle)
    for prop in card.props:
        derived = _platform_of(prop, version)
        if derived is None:
            continue
        key, handle = derived
        explicit = keys.get(prop.group.lower()) if prop.group else None
        found.append((explicit or None, key, handle))
    platforms: dict[str, str] = {}
    # Keys named explicitly (our own export) first, so derived ones never take their place.
    for explicit, _key, handle in found:
        if explicit:
            add_handle(platforms, explicit, handle)
    for explicit, key, handle in found:
        if not explicit:
            add_handle(platforms, key, handle)
    return platforms


def _platform_of(prop: Prop, version: str) -> tuple[str, str] | None:
    name = prop.name
    if name not in ("EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "IMPP"):
        return None
    handle = " ".join(text_value(prop, version).split())
    if name == "X-SOCIALPROFILE" and handle.lower().startswith("x-apple:"):
        handle = (prop.params.get("X-USER") or [handle[8:]])[0]
    if not handle:
        return None
    if name == "EMAIL":
        return EMAIL, re.sub(r"^mailto:", "", handle, flags=re.I)
    if name == "TEL":
        return PHONE, re.sub(r"^tel:", "", handle, flags=re.I)
    if name == "URL":
        return _host_platform(handle) or WEB, handle
    if name == "IMPP":
        scheme, _sep, rest = handle.partition(":")
        return SOCIAL_NAMES.get(scheme.lower(), scheme or "IM"), rest or handle
    types = [t for t in prop.types() if t not in ("pref", "internet", "work", "home", "other")]
    kind = types[0] if types else ""
    return SOCIAL_NAMES.get(kind, kind) or _host_platform(handle) or _("profile"), handle


def _host_platform(url: str) -> str | None:
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    for domain, platform in HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return platform
    return None


def add_handle(platforms: dict[str, str], key: str, handle: str) -> bool:
    """Add a handle under ``key`` (or "key 2", "key 3", … if taken); False if it is already there."""
    if any(value.casefold() == handle.casefold() for value in platforms.values()):
        return False
    candidate, n = key, 1
    while candidate in platforms:
        n += 1
        candidate = f"{key} {n}"
    platforms[candidate] = handle
    return True


# ----------------------------------------------------------------------------------------- importing


def _key_base(key: str) -> str:
    return re.sub(r"\d+$", "", re.sub(r"[^a-z0-9]", "", fold(key)))


def _is_email_key(key: str) -> bool:
    return _key_base(key).startswith(_EMAIL_KEYS)


def email_addresses(person: Person) -> list[str]:
    return [h.casefold() for k, h in person.platforms.items() if _is_email_key(k) and "@" in h]


def merge_person(existing: Person, incoming: Person) -> Person | None:
    """Fill in what the journal does not know yet; never overwrite what the user wrote.

    Returns the updated copy, or None when the card adds nothing.
    """
    merged = replace(
        existing, aliases=list(existing.aliases), tags=list(existing.tags), platforms=dict(existing.platforms)
    )
    known_names = {fold(existing.name), *(fold(a) for a in existing.aliases)}
    for alias in [incoming.name, *incoming.aliases]:
        if fold(alias) not in known_names:
            merged.aliases.append(alias)
            known_names.add(fold(alias))
    merged.tags += [t for t in incoming.tags if t not in merged.tags]
    for key, handle in incoming.platforms.items():
        add_handle(merged.platforms, key, handle)
    for attr in ("company", "role", "common_ground", "offers", "needs", "how_we_met"):
        if not getattr(merged, attr):
            setattr(merged, attr, getattr(incoming, attr))
    if incoming.notes and incoming.notes not in merged.notes:
        merged.notes = f"{merged.notes}\n\n{incoming.notes}" if merged.notes else incoming.notes
    if merged.cadence_days is None:
        merged.cadence_days = incoming.cadence_days
    merged.normalise()
    return None if merged.to_dict() == existing.to_dict() else merged


class _Import:
    """One import run: the journal's people plus the cards taken so far, saved together at the end.

    A person is found again by the same id (UID), the same folded name or alias, or the same
    e-mail. Two cards of one file with different UIDs stay two people even with one name.
    """

    def __init__(self, store: JournalStore) -> None:
        self.store = store
        self.pending: dict[str, Person] = {}  # id → the version to write
        self.added: dict[str, str | None] = {}  # id of a person added from this file → its card's UID
        self.by_name: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        for person in store.people():
            self._remember_emails(person)

    def _remember_emails(self, person: Person) -> None:
        for address in email_addresses(person):
            self.by_email.setdefault(address, person.id)

    def _remember(self, person: Person) -> None:
        self.pending[person.id] = person
        for name in (person.name, *person.aliases):
            for spelling in fold_variants(name):
                self.by_name.setdefault(spelling, person.id)
        self._remember_emails(person)

    def person(self, person_id: str) -> Person | None:
        return self.pending.get(person_id) or self.store.person(person_id)

    def find(self, person: Person, uid: str | None) -> Person | None:
        if uid and (found := self.person(uid)):
            return found
        candidates = [self.by_name.get(s) for s in fold_variants(person.name)]
        if found := self.store.find_person(person.name):
            candidates.append(found.id)
        candidates += [self.by_email.get(address) for address in email_addresses(person)]
        for pid in candidates:
            if pid and (found := self.person(pid)) and not self._other_card(pid, uid):
                return found
        return None

    def _other_card(self, person_id: str, uid: str | None) -> bool:
        """Was this person added from another card of this file, one with a different UID?"""
        other = self.added.get(person_id)
        return bool(uid and other and other != uid)

    def id_free(self, uid: str) -> bool:
        return self.person(uid) is None and all(t.id != uid for t in self.store.tombstones("people"))

    def take(self, card: CardPerson, summary: ImportSummary) -> None:
        if card.person is None:
            summary.skip(card.label, _("no name"))
            return
        person = card.person
        try:
            person.normalise()
            person.validate()
            existing = self.find(person, card.uid)
            if existing is None:
                if card.uid and self.id_free(card.uid):
                    person.id = card.uid  # keeps the link when a netjournal export comes home
                self.added[person.id] = card.uid
                self._remember(person)
                summary.added += 1
                return
            merged = merge_person(existing, person)
            if merged is None:
                summary.skip(card.label, _("already in the journal, nothing new"))
                return
            merged.validate()
            summary.updated += 1
            self._remember(merged)
        except ValidationError as err:
            summary.skip(card.label, err.message)


def import_vcards(store: JournalStore, raw: bytes, source: str) -> ImportSummary:
    """Add or update people from a .vcf file, all in one write; ImportFailed if it is malformed."""
    text, unicode = decode_bytes(raw, source)
    cards = [card_to_person(card) for card in parse_cards(text, source, unicode=unicode)]
    summary = ImportSummary(source)
    run = _Import(store)
    for card in cards:
        run.take(card, summary)
    if run.pending:
        try:
            with store.transaction():
                store.save(*run.pending.values())
        except OSError as err:
            raise ImportFailed(
                _("Could not save to {path}: {reason}. Nothing was changed.").format(
                    path=store.path, reason=err.strerror or err
                )
            ) from None
    return summary


# ----------------------------------------------------------------------------------------- exporting


def platform_property(key: str) -> str:
    """Which vCard property carries a platform handle."""
    base = _key_base(key)
    if _is_email_key(key):
        return "EMAIL"
    if base in _PHONE_KEYS:
        return "TEL"
    if base in _WEB_KEYS:
        return "URL"
    return "X-SOCIALPROFILE"


def person_to_vcard(person: Person) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("uid").value = f"urn:uuid:{person.id}" if _is_uuid(person.id) else person.id
    card.add("fn").value = person.name
    words = person.name.split()
    card.add("n").value = vobject.vcard.Name(family=words[-1] if words else "", given=" ".join(words[:-1]))
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
    # In the order vobject writes them (by property name), so that import → export is stable.
    handles = sorted(person.platforms.items(), key=lambda item: platform_property(item[0]))
    for n, (key, handle) in enumerate(handles, start=1):
        prop_name = platform_property(key)
        prop = card.add(prop_name.lower())
        prop.value = handle
        prop.group = f"item{n}"
        if prop_name == "X-SOCIALPROFILE" and (kind := re.sub(r"[^a-z0-9-]", "", key.lower())):
            prop.params["TYPE"] = [kind]
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
    return card


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def export_vcards(people: Iterable[Person]) -> str:
    """vCard 4.0 for these people (tombstones excluded by the caller), sorted by name."""
    chunks = []
    for person in sorted(people, key=lambda p: (fold(p.name), p.id)):
        chunks.append(person_to_vcard(person).serialize())
    return "".join(chunks)
