"""One vCard read as a person: every field an address book keeps, and a list of what is not kept.

The rules (README, "Address books"): the name from FN, else N, else NICKNAME, ORG or the
e-mail address; the structured name from N as the card had it; e-mails, phones and addresses
with their kinds and the preferred one; birthday and other dates (anniversaries, Apple's and
Google's labelled dates); websites, and social profiles and instant-messaging handles (also the
older X-AIM, X-JABBER, X-SKYPE, … and Outlook's X-MS-IMADDRESS) as platforms; related people
(RELATED, Apple's and Google's related names, Evolution's and Outlook's spouse, manager and
assistant) as relationships. Photos, sounds, keys, positions, time zones and phonetic names are
not kept, and the import says so.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlparse

from journal.contacts import parse_partial_date
from journal.i18n import N_
from journal.interop.vcard_read import Card, Prop, split_value, unescape
from journal.model import Address, DateEntry, Email, Person, Phone, Relationship, Website

# netjournal's own fields, written by its export and read back by this import.
KEY_PROPERTY = "X-NETJOURNAL-KEY"
TEXT_FIELDS = {
    "common_ground": "X-NETJOURNAL-COMMON-GROUND",
    "offers": "X-NETJOURNAL-OFFERS",
    "needs": "X-NETJOURNAL-NEEDS",
    "how_we_met": "X-NETJOURNAL-HOW-WE-MET",
}
CADENCE = "X-NETJOURNAL-CADENCE-DAYS"
ARCHIVED = "X-NETJOURNAL-ARCHIVED"
SNOOZED = "X-NETJOURNAL-SNOOZED-UNTIL"
MAYBE_SAME = "X-NETJOURNAL-MAYBE-SAME-AS"
RELATED_LABEL = "X-NETJOURNAL-LABEL"  # a RELATED's own words ("introduced by"), beside its TYPE
DATE_LABEL = "X-NETJOURNAL-DATE"  # another date: X-NETJOURNAL-DATE;LABEL="name day":--06-12

# Person ids for cards whose UID is not a UUID: the same UID always gives the same id, so a
# card comes home to its person, and a deleted person's tombstone recognises it.
UID_NAMESPACE = uuid.UUID("9a3c6d3e-6a55-4b4e-9f3e-6e6574a06f75")

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
    "sip": "SIP",
    "aim": "AIM",
    "icq": "ICQ",
    "msn": "MSN",
    "ymsgr": "Yahoo",
    "yahoo": "Yahoo",
    "gtalk": "Google Talk",
    "googletalk": "Google Talk",
    "gadugadu": "Gadu-Gadu",
    "gg": "Gadu-Gadu",
    "groupwise": "GroupWise",
    "msnim": "MSN",
    "sgnl": "Signal",
    "tg": "Telegram",
    "qq": "QQ",
    "jabber": "Jabber",
    "im": "IM",
}
# The instant-messaging properties address books wrote before IMPP.
LEGACY_IM = {
    "X-AIM": "AIM",
    "X-ICQ": "ICQ",
    "X-JABBER": "Jabber",
    "X-MSN": "MSN",
    "X-YAHOO": "Yahoo",
    "X-SKYPE": "Skype",
    "X-SKYPE-USERNAME": "Skype",
    "X-QQ": "QQ",
    "X-GOOGLE-TALK": "Google Talk",
    "X-GTALK": "Google Talk",
    "X-SIP": "SIP",
    "X-MS-IMADDRESS": "IM",
    "X-GADUGADU": "Gadu-Gadu",
    "X-GROUPWISE": "GroupWise",
    "X-TWITTER": "Twitter",
    "X-WHATSAPP": "WhatsApp",
    "X-TELEGRAM": "Telegram",
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
# People named in a card who are not the card's person: Evolution's, Outlook's and others' own properties.
RELATED_PROPERTIES = {
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-EVOLUTION-MANAGER": "manager",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-MS-SPOUSE": "spouse",
    "X-MS-MANAGER": "manager",
    "X-MS-ASSISTANT": "assistant",
    "X-SPOUSE": "spouse",
    "X-MANAGER": "manager",
    "X-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-SPOUSENAME": "spouse",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
}
ANNIVERSARIES = ("ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY")
# Google puts every contact into the system group "myContacts"; older Android exports say "My Contacts".
IGNORED_CATEGORIES = frozenset({"mycontacts", "my contacts", "starred"})

# What is not kept, named for the import summary (by property).
NOT_KEPT: dict[str, str] = {
    "PHOTO": N_("photos"),
    "LOGO": N_("logos"),
    "SOUND": N_("sounds"),
    "KEY": N_("encryption keys"),
    "GEO": N_("geographic positions"),
    "TZ": N_("time zones"),
    "X-PHONETIC-FIRST-NAME": N_("phonetic names"),
    "X-PHONETIC-MIDDLE-NAME": N_("phonetic names"),
    "X-PHONETIC-LAST-NAME": N_("phonetic names"),
    "X-PHONETIC-ORG": N_("phonetic names"),
    "FBURL": N_("free/busy addresses"),
    "CALURI": N_("calendar addresses"),
    "CALADRURI": N_("calendar addresses"),
    "X-MS-TEL": N_("extra phone numbers"),
    "AGENT": N_("agents"),
    "MEMBER": N_("group members"),
    "LANG": N_("languages"),
    "GENDER": N_("genders"),
}
# Kept elsewhere, or only how the card was written: nothing a person would miss.
SILENT = frozenset(
    {
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "REV",
        "UID",
        "CLASS",
        "PROFILE",
        "NAME",
        "SOURCE",
        "MAILER",
        "X-GENERATOR",
        "SORT-STRING",
        "X-ABUID",
        "X-ABLABEL",
        "X-ABADR",
        "X-ABSHOWAS",
        "LABEL",
        "X-EVOLUTION-FILE-AS",
        "X-EVOLUTION-BLOG-URL",
        "X-MS-OL-DESIGN",
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
        "X-MOZILLA-HTML",
        "X-MOZILLA-CPT",
        "KIND",
        "X-REDUCTION",
        "X-NO",
        "X-CLASS",
        "X-GNO",
        "X-GN",
        "X-COUCHDB-APPLICATION-ANNOTATIONS",
        "X-COUCHDB-UUID",
        "X-IRMC-LUID",
        "X-LONG-STRING",
        "CLIENTPIDMAP",
        "XML",
    }
)


@dataclass
class CardPerson:
    """A card read as a person, plus what helps place them in the journal."""

    person: Person | None  # None: the card has nothing to name anyone by
    uid: str | None  # the card's UID as written
    line: int
    label: str  # "“Anna Müller” (line 12)" for the summary
    not_kept: set[str] = field(default_factory=set)  # msgids of NOT_KEPT
    # RELATED values that point at a card (urn:uuid:… or a UID): resolved once all cards are read.
    related_uids: list[tuple[str, str]] = field(default_factory=list)  # (label, uid)
    # Handles that are one person's alone (a LinkedIn profile): (platform, handle). Someone with
    # the same one is this person; someone with another one on that platform is not.
    keys: list[tuple[str, str]] = field(default_factory=list)


def linkedin_handle(value: str) -> str:
    """ "https://www.linkedin.com/in/anna-mueller-1a2b3c/" → "anna-mueller-1a2b3c"; a handle, or
    another kind of address, stays as it is."""
    match = re.match(
        r"^(?:https?://)?(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com/in/([^/?#]+)/?(?:[?#].*)?$", value.strip(), re.I
    )
    return match.group(1) if match else value.strip()


def person_id_for_uid(uid: str) -> str:
    """The person id a card's UID stands for: the UUID itself, else one derived from it."""
    value = uid.strip()
    if value.lower().startswith("urn:uuid:"):
        value = value[9:]
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(uuid.uuid5(UID_NAMESPACE, value))


def _label(card: Card, prop: Prop | None) -> str:
    """Apple's and Google's item labels: "_$!<Anniversary>!$_" → "anniversary"; own words as they are."""
    label = card.grouped(prop.group, "X-ABLABEL") if prop is not None else None
    if label is None:
        return ""
    text = unescape(label.value, card.version).strip()
    match = re.fullmatch(r"_\$!<(.*)>!\$_", text)
    return match.group(1).lower() if match else text


def _kinds(prop: Prop, card: Card) -> list[str]:
    kinds = [t for t in prop.types() if t not in ("pref", "internet", "x400", "voice") or t == "voice"]
    label = _label(card, prop)
    if label and label not in ("homepage", "other"):
        kinds.append(label.lower())
    return kinds


def card_name(card: Card) -> str:
    """FN, else N, else NICKNAME, else ORG, else the first e-mail address."""
    version = card.version
    fn = card.first("FN")
    if fn and (name := " ".join(unescape(fn.value, version).split())):
        return name
    n = card.first("N")
    if n:
        parts = (split_value(n.value, ";", version) + [""] * 5)[:5]
        family, given, additional, prefix, suffix = (" ".join(p.replace(",", " ").split()) for p in parts)
        if name := " ".join(" ".join([prefix, given, additional, family, suffix]).split()):
            return name
    for prop_name in ("NICKNAME", "ORG"):
        prop = card.first(prop_name)
        if prop:
            first = split_value(prop.value, "," if prop_name == "NICKNAME" else ";", version)[0].strip()
            if first:
                return first
    for prop in card.all("X-ANDROID-CUSTOM"):
        parts = split_value(prop.value, ";", version)
        if parts and parts[0].endswith("/nickname") and len(parts) > 1 and parts[1].strip():
            return parts[1].strip()
    email = card.first("EMAIL")
    if email:
        return re.sub(r"^mailto:", "", unescape(email.value, version).strip(), flags=re.I)
    return ""


def card_to_person(card: Card) -> CardPerson:
    """The person a card describes (``person`` is None when there is nothing to name them by)."""
    version = card.version
    text = lambda prop: unescape(prop.value, version)  # noqa: E731
    name = card_name(card)
    uid_prop = card.first("UID")
    uid = uid_prop.value.strip() if uid_prop and uid_prop.value.strip() else None
    result = CardPerson(None, uid, card.line, "")
    if not name:
        return result
    person = Person(name=name)
    if uid:
        person.id = person_id_for_uid(uid)
        if str(uuid.UUID(person.id)) != _bare_uuid(uid):
            person.uid = uid
    notes: list[str] = []
    orgs = card.all("ORG")
    titles = card.all("TITLE")
    roles = card.all("ROLE")
    for prop in card.props:
        key = prop.name
        if key == "N":
            parts = (split_value(prop.value, ";", version) + [""] * 5)[:5]
            person.family_name, person.given_name, person.additional_names, person.name_prefix, person.name_suffix = (
                p.strip() for p in parts
            )
        elif key == "NICKNAME":
            person.aliases += [a.strip() for a in split_value(prop.value, ",", version) if a.strip()]
        elif key == "EMAIL":
            address = re.sub(r"^mailto:", "", text(prop).strip(), flags=re.I)
            if address:
                person.emails.append(Email(address, _kinds(prop, card), prop.preferred))
        elif key == "TEL":
            number = re.sub(r"^tel:", "", text(prop).strip(), flags=re.I)
            if number:
                person.phones.append(Phone(number, _kinds(prop, card), prop.preferred))
        elif key == "ADR":
            parts = (split_value(prop.value, ";", version) + [""] * 7)[:7]
            po_box, extended, street, locality, region, code, country = (p.strip() for p in parts)
            person.addresses.append(
                Address(street, locality, region, code, country, po_box, extended, _kinds(prop, card), prop.preferred)
            )
        elif key == "BDAY":
            value = text(prop).strip()
            parsed = parse_partial_date(value)
            if parsed:
                person.birthday = parsed.iso()
            elif value:
                notes.append(f"BDAY: {value}")
        elif key in ANNIVERSARIES or key == "X-ABDATE" or key == DATE_LABEL:
            value = text(prop).strip()
            label = prop.param("LABEL") if key == DATE_LABEL else _label(card, prop) if key == "X-ABDATE" else ""
            label = label or "anniversary"
            parsed = parse_partial_date(value)
            if parsed:
                person.dates.append(DateEntry(label, parsed.iso()))
            elif value:
                notes.append(f"{label}: {value}")
        elif key == "URL":
            url = text(prop).strip()
            host = _host_platform(url)
            if host and host not in person.platforms:
                person.platforms[host] = url
            elif url:
                person.websites.append(Website(url, [k for k in _kinds(prop, card) if k != "homepage"]))
        elif key in ("X-SOCIALPROFILE", "IMPP") or key in LEGACY_IM:
            platform = _platform(prop, card)
            if platform:
                _add_platform(person.platforms, *platform)
        elif key == "RELATED":
            value = text(prop).strip()
            label = prop.param(RELATED_LABEL) or next((t for t in prop.types() if t != "pref"), "") or "related"
            if prop.param("VALUE").lower() == "text" or not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
                if value:
                    person.relationships.append(Relationship(label, name=value))
            else:
                result.related_uids.append((label, value))
        elif key == "X-ABRELATEDNAMES":
            value = text(prop).strip()
            if value:
                person.relationships.append(Relationship(_label(card, prop) or "related", name=value))
        elif key in RELATED_PROPERTIES:
            value = text(prop).strip()
            if value:
                person.relationships.append(Relationship(RELATED_PROPERTIES[key], name=value))
        elif key == "CATEGORIES":
            person.tags += [
                t.strip()
                for t in split_value(prop.value, ",", version)
                if t.strip() and t.strip().casefold() not in IGNORED_CATEGORIES
            ]
        elif key == "NOTE":
            if value := text(prop).replace("\r\n", "\n").strip():
                notes.append(value)
        elif key == "X-ANDROID-CUSTOM":
            _android_custom(split_value(prop.value, ";", version), person, result)
        elif key == MAYBE_SAME:
            person.maybe_same.append(person_id_for_uid(text(prop)))
        elif key in NOT_KEPT:
            result.not_kept.add(NOT_KEPT[key])
        elif (
            key in SILENT
            or key in ("FN", "ORG", "TITLE", "ROLE", KEY_PROPERTY, CADENCE, ARCHIVED, SNOOZED)
            or key in TEXT_FIELDS.values()
        ):
            pass
        elif key.startswith("X-"):
            result.not_kept.add(N_("other fields"))
        else:
            result.not_kept.add(N_("other fields"))
    person.aliases = [a for a in person.aliases if a != name]
    if not (person.family_name or person.additional_names or person.name_prefix or person.name_suffix) and (
        " ".join(person.given_name.split()) == name
    ):
        person.given_name = ""  # N holding just the whole name (netjournal's own export) has no parts
    if orgs:
        person.company = ", ".join(p for p in split_value(orgs[0].value, ";", version) if p.strip())
        for extra in orgs[1:]:
            notes.append(", ".join(p for p in split_value(extra.value, ";", version) if p.strip()))
    if titles:
        person.role = text(titles[0]).strip()
        notes += [text(t).strip() for t in titles[1:] if text(t).strip()]
        notes += [f"{text(r).strip()}" for r in roles if text(r).strip()]
    elif roles:
        person.role = text(roles[0]).strip()
        notes += [text(r).strip() for r in roles[1:] if text(r).strip()]
    person.notes = "\n\n".join(notes)
    _extensions(card, person)
    result.person = person
    return result


def _android_custom(parts: list[str], person: Person, result: CardPerson) -> None:
    """Android's own rows: nickname, relation and event are kept; others are not."""
    kind = parts[0].rsplit("/", 1)[-1] if parts else ""
    values = [*parts[1:], "", "", ""]
    if kind == "nickname" and values[0].strip():
        person.aliases.append(values[0].strip())
    elif kind == "relation" and values[0].strip():
        person.relationships.append(Relationship(values[2].strip() or "related", name=values[0].strip()))
    elif kind == "contact_event" and (parsed := parse_partial_date(values[0])):
        person.dates.append(DateEntry(values[2].strip() or "anniversary", parsed.iso()))
    else:
        result.not_kept.add(N_("Android custom fields"))


def _bare_uuid(uid: str) -> str:
    value = uid.strip()
    if value.lower().startswith("urn:uuid:"):
        value = value[9:]
    return value.lower()


def _extensions(card: Card, person: Person) -> None:
    version = card.version
    for attr, prop_name in TEXT_FIELDS.items():
        prop = card.first(prop_name)
        if prop:
            setattr(person, attr, unescape(prop.value, version))
    cadence = card.first(CADENCE)
    if cadence and cadence.value.strip().isdigit():
        person.cadence_days = int(cadence.value.strip())
    archived = card.first(ARCHIVED)
    person.archived = bool(archived and archived.value.strip().lower() in ("true", "yes", "1"))
    snoozed = card.first(SNOOZED)
    if snoozed and (parsed := parse_partial_date(snoozed.value)) and parsed.year:
        from datetime import date

        person.snoozed_until = date(parsed.year, parsed.month, parsed.day)
    # Platform names as netjournal wrote them (itemN.X-NETJOURNAL-KEY beside the handle).
    keys = {p.group.lower(): unescape(p.value, version).strip() for p in card.all(KEY_PROPERTY) if p.group}
    if keys:
        renamed: dict[str, str] = {}
        handles_by_group = {}
        for prop in card.props:
            if prop.group and prop.group.lower() in keys and prop.name in ("X-SOCIALPROFILE", "IMPP", "URL"):
                handles_by_group[prop.group.lower()] = _platform(prop, card) or (None, unescape(prop.value, version))
        for group, key in keys.items():
            found = handles_by_group.get(group)
            if found:
                renamed[key] = found[1]
        handles = set(renamed.values())
        person.platforms = {**renamed, **{k: v for k, v in person.platforms.items() if v not in handles}}
        person.websites = [w for w in person.websites if w.url not in handles]


def _host_platform(url: str) -> str | None:
    try:
        host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    for domain, platform in HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return platform
    return None


def _platform(prop: Prop, card: Card) -> tuple[str, str] | None:
    """(platform name, handle) for a social profile, IMPP or legacy IM property."""
    version = card.version
    handle = " ".join(unescape(prop.value, version).split())
    if not handle:
        return None
    if prop.name in LEGACY_IM:
        return LEGACY_IM[prop.name], re.sub(r"^(sip|xmpp|aim|skype):", "", handle, flags=re.I)
    if prop.name == "IMPP":
        scheme, sep, rest = handle.partition(":")
        if not sep:
            return "IM", handle
        kind = next((t for t in prop.param("X-SERVICE-TYPE").lower().split() if t), "") or scheme.lower()
        return SOCIAL_NAMES.get(kind, kind or "IM"), rest.lstrip("/") or handle
    # X-SOCIALPROFILE
    if handle.lower().startswith("x-apple:"):
        handle = prop.param("X-USER") or handle[8:]
    types = [t for t in prop.types() if t not in ("pref", "internet", "work", "home", "other")]
    kind = types[0] if types else ""
    return SOCIAL_NAMES.get(kind, kind) or _host_platform(handle) or "profile", handle


def _add_platform(platforms: dict[str, str], key: str, handle: str) -> None:
    """Add a handle under ``key`` ("key 2", … if taken); nothing if it is there already."""
    if any(value.casefold() == handle.casefold() for value in platforms.values()):
        return
    candidate, n = key, 1
    while candidate in platforms:
        n += 1
        candidate = f"{key} {n}"
    platforms[candidate] = handle
