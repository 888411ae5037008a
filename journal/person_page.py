"""The person page's content: contact and relation lines, dates, giving, pace, "maybe the same".

No textual here: the command line (``show``) and the app's Person screen call the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from journal import pacing
from journal.contacts import PHONE_KINDS, PLACE_KINDS
from journal.folding import platform_key
from journal.i18n import _, ngettext
from journal.model import (
    Encounter,
    Person,
)
from journal.phrases import every_phrase, format_date, last_seen_phrase, relative_day
from journal.store import JournalStore


@dataclass(frozen=True, slots=True)
class PlatformLine:
    name: str
    handle: str
    active: bool  # one of the user's few active platforms (rule 5)


def order_platforms(platforms: dict[str, str], active: Iterable[str]) -> list[PlatformLine]:
    """Handles on the user's active platforms first (in the user's order), then the rest by name."""
    rank: dict[str, int] = {}
    for i, name in enumerate(active):
        rank.setdefault(platform_key(name), i)
    lines = [PlatformLine(name, handle, platform_key(name) in rank) for name, handle in platforms.items()]
    lines.sort(key=lambda p: (not p.active, rank.get(platform_key(p.name), 0), p.name.casefold()))
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


def kind_words(kinds: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(_(names[k]) if k in names else k for k in kinds)


def contact_lines(person: Person, active: Iterable[str] = ()) -> list[ContactLine]:
    """E-mails, phones (preferred first within each), websites, postal addresses."""
    keys = {platform_key(a) for a in active}
    email_active = bool(keys & {"email", "mail"})
    phone_active = bool(keys & {"phone", "telefon", "mobile", "handy"})
    lines: list[ContactLine] = []
    for email in sorted(person.emails, key=lambda e: not e.preferred):
        label = _("e-mail")
        if email.kinds:
            label += " · " + kind_words(email.kinds, PLACE_KINDS)
        lines.append(ContactLine("email", label, email.address, email.preferred, email_active))
    for phone in sorted(person.phones, key=lambda p: not p.preferred):
        label = _("phone")
        if phone.kinds:
            label += " · " + kind_words(phone.kinds, PHONE_KINDS)
        lines.append(ContactLine("phone", label, phone.number, phone.preferred, phone_active))
    for site in person.websites:
        label = _("web")
        if site.kinds:
            label += " · " + kind_words(site.kinds, PLACE_KINDS)
        lines.append(ContactLine("web", label, site.url, False, False))
    for address in sorted(person.addresses, key=lambda a: not a.preferred):
        label = _("address")
        if address.kinds:
            label += " · " + kind_words(address.kinds, PLACE_KINDS)
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
