"""Merging two records of one person: nothing either knew is lost, and everything that pointed to
the other now points to the one kept. Forgetting someone is in :mod:`journal.forget`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from journal.clock import timestamp
from journal.contacts import phone_key
from journal.folding import fold, platform_key
from journal.i18n import _, ngettext
from journal.model import (
    Person,
    Record,
    ValidationError,
)
from journal.store import JournalStore


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
    keys = {platform_key(k): k for k in platforms}
    for name, handle in other.platforms.items():
        key = keys.get(platform_key(name))
        if key is None:
            platforms[name] = handle
            keys[platform_key(name)] = name
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
