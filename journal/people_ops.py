"""People: the person page, editing, and merging two records of one person.

No textual here: the command line and the app call the same functions, so neither knows
something the other does not. Forgetting someone is in :mod:`journal.forget`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from journal import pacing
from journal.clock import timestamp
from journal.i18n import _, ngettext
from journal.model import (
    Encounter,
    Person,
    Record,
    Settings,
    ValidationError,
    clean_list,
    clean_tags,
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
