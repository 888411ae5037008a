"""The fields of an encounter that a person fills in, and the one mapping between their forms.

A field's value exists in three forms:

- *typed*: what the encounter form's widget holds (text; a choice's code or None; a bool);
- in a :class:`Draft`: the value read (dates as dates, tags as a list; None: not given);
- on the ``Encounter``: what is saved (a field not given takes the Encounter's own default).

:data:`ENTRY_FIELDS` lists them once; :func:`show`, :func:`read`, :func:`draft_of` and
:func:`fill` convert between the forms, field by field, so no field is ever copied by hand.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from journal import dates
from journal.i18n import N_, _
from journal.model import CHANNELS, DIRECTIONS, OCCASIONS, Day, Encounter, ValidationError, clean_tags

Kind = Literal["date", "follow_up", "time", "choice", "line", "text", "tags", "flag"]
Typed = str | bool | None


@dataclass(frozen=True)
class EntryField:
    name: str  # the Encounter attribute, the Draft attribute and the form widget's id
    kind: Kind
    choices: tuple[str, ...] = ()
    optional: bool = True  # a choice that may be left empty
    choose: str = ""  # msgid: what to do when a choice is not one of ``choices``


ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField("date", "date"),
    EntryField("time", "time"),
    EntryField("follow_up", "follow_up"),
    EntryField("occasion", "choice", OCCASIONS, choose=N_("Choose an occasion from the list.")),
    EntryField("channel", "choice", CHANNELS, optional=False, choose=N_("Choose a channel from the list.")),
    EntryField("direction", "choice", DIRECTIONS, optional=False, choose=N_("Choose who moved from the list.")),
    EntryField("place", "line"),
    EntryField("tags", "tags"),
    EntryField("by_chance", "flag"),
    EntryField("summary", "text"),
    EntryField("common_ground", "text"),
    EntryField("experience", "text"),
    EntryField("gave", "text"),
    EntryField("received", "text"),
)
FIELDS_BY_NAME: dict[str, EntryField] = {spec.name: spec for spec in ENTRY_FIELDS}


@dataclass
class Draft:
    """An encounter as entered, before it is resolved and saved: whom it names, and each entry
    field's value (None: not given, the default applies). ``warnings`` say what was not understood."""

    names: list[str] = field(default_factory=list)
    date: Day | None = None
    time: str | None = None
    follow_up: Day | None = None
    occasion: str | None = None
    channel: str | None = None
    direction: str | None = None
    place: str = ""
    tags: list[str] = field(default_factory=list)
    by_chance: bool = False
    summary: str = ""
    common_ground: str = ""
    experience: str = ""
    gave: str = ""
    received: str = ""
    warnings: list[str] = field(default_factory=list)


_TAG_SPLIT = re.compile(r"[\s,]+")
_DEFAULTS = Encounter()  # a blank encounter holds every field's default


def format_tags(tags: list[str]) -> str:
    return " ".join(f"#{t}" for t in tags)


def parse_tags(text: str) -> list[str]:
    """``#python rust, #berlin`` → ["python", "rust", "berlin"]: spaces or commas separate tags."""
    return clean_tags([t for t in _TAG_SPLIT.split(text or "") if t.strip("#")])


def show(spec: EntryField, value: object) -> Typed:
    """A Draft's value as the form shows it."""
    if spec.kind == "choice":
        return value if isinstance(value, str) else None
    if spec.kind == "flag":
        return bool(value)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if spec.kind == "tags":
        return format_tags(value)  # type: ignore[arg-type]
    return str(value)


def read(spec: EntryField, typed: Typed, today: date) -> object:
    """What the form holds → the Draft's value; raises ValidationError(spec.name, why) if it means nothing."""
    text = typed if isinstance(typed, str) else ""
    if spec.kind == "date":
        return dates.parse_date(text, today, prefer="past", field_name=spec.name)
    if spec.kind == "follow_up":
        return dates.parse_date(text, today, prefer="future", field_name=spec.name) if text.strip() else None
    if spec.kind == "time":
        return dates.parse_time(text, field_name=spec.name)
    if spec.kind == "tags":
        return parse_tags(text)
    if spec.kind == "flag":
        return bool(typed)
    if spec.kind == "choice":
        if typed in spec.choices or (typed is None and spec.optional):
            return typed
        raise ValidationError(spec.name, _(spec.choose))
    return text


def draft_of(encounter: Encounter) -> Draft:
    """An encounter's entry fields as a Draft (to edit it); the people are the caller's."""
    return Draft(**{spec.name: copy.copy(getattr(encounter, spec.name)) for spec in ENTRY_FIELDS})


def fill(encounter: Encounter, draft: Draft, *, default_date: date) -> Encounter:
    """Set every entry field of ``encounter`` from ``draft``; what the draft leaves out (None)
    takes the default (``default_date`` for the date). The store normalises and validates."""
    for spec in ENTRY_FIELDS:
        value = getattr(draft, spec.name)
        if value is None:
            value = default_date if spec.name == "date" else getattr(_DEFAULTS, spec.name)
        setattr(encounter, spec.name, copy.copy(value))
    return encounter
