"""The encounter form's logic, without a terminal: what the user typed ↔ an Encounter.

The form (journal/ui/modals/encounter_form.py) only shows fields and errors; everything that
decides something lives here so it can be tested without Textual:

- :class:`EncounterFields` holds the form's values as typed (dates and tags as text), plus the
  people picked, some of whom may be new (not yet in the journal).
- :func:`fields_for_new`, :func:`fields_from_encounter` and :func:`fields_from_line` fill a form
  (empty, to edit, or from a quick-add line handed over with "More…").
- :func:`check` turns the values into a normalised, validated Encounter, or returns every problem
  as ``{field: message}`` so each field can say what is wrong. It never changes the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date

from journal import dates
from journal.i18n import _
from journal.logbook import resolve_people
from journal.model import CHANNELS, DIRECTIONS, OCCASIONS, Encounter, Person, ValidationError, clean_tags
from journal.quickadd import parse
from journal.store import JournalStore

# The form's fields, in the order the form shows them (also the order errors are reported in).
FORM_FIELDS: tuple[str, ...] = (
    "people",
    "date",
    "time",
    "follow_up",
    "occasion",
    "channel",
    "direction",
    "place",
    "tags",
    "by_chance",
    "summary",
    "common_ground",
    "experience",
    "gave",
    "received",
)
# Encounter.validate names some fields differently from the form.
_MODEL_TO_FORM = {"person_ids": "people"}

_TIME = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(?:h|uhr)?", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"[\s,]+")


@dataclass
class EncounterFields:
    """The form's values as typed. ``people`` may include new, unsaved Person records."""

    people: list[Person] = field(default_factory=list)
    date: str = ""
    time: str = ""
    follow_up: str = ""
    occasion: str | None = None
    channel: str = "in_person"
    direction: str = "met"
    place: str = ""
    tags: str = ""
    by_chance: bool = False
    summary: str = ""
    common_ground: str = ""
    experience: str = ""
    gave: str = ""
    received: str = ""
    # New people the user has already agreed to create (picked with "new person" and confirmed).
    confirmed_new: set[str] = field(default_factory=set)

    def copy(self) -> EncounterFields:
        return replace(self, people=list(self.people), confirmed_new=set(self.confirmed_new))

    def comparable(self) -> tuple[object, ...]:
        """The values that matter for "has the user changed anything?"."""
        return tuple(
            [p.id for p in self.people] if f.name == "people" else getattr(self, f.name)
            for f in fields(self)
            if f.name != "confirmed_new"
        )


def format_tags(tags: list[str]) -> str:
    return " ".join(f"#{t}" for t in tags)


def parse_tags(text: str) -> list[str]:
    """``#python rust, #berlin`` → ["python", "rust", "berlin"]: spaces or commas separate tags."""
    return clean_tags([t for t in _TAG_SPLIT.split(text or "") if t.strip("#")])


def parse_time(text: str) -> str | None:
    """``14:30``, ``14.30``, ``9``, ``9h``, ``14 Uhr`` → "HH:MM"; empty → None; else ValidationError."""
    value = (text or "").strip()
    if not value:
        return None
    match = _TIME.fullmatch(value)
    if match and int(match[1]) < 24 and int(match[2] or 0) < 60:
        return f"{int(match[1]):02d}:{match[2] or '00'}"
    raise ValidationError("time", _("“{value}” is not a time; use HH:MM, e.g. 14:30.").format(value=value))


def fields_for_new(day: date) -> EncounterFields:
    return EncounterFields(date=day.isoformat())


def fields_from_encounter(encounter: Encounter, store: JournalStore) -> EncounterFields:
    people = [p for pid in encounter.person_ids if (p := store.person(pid)) is not None]
    return EncounterFields(
        people=people,
        date=encounter.date.isoformat(),
        time=encounter.time or "",
        follow_up=encounter.follow_up.isoformat() if encounter.follow_up else "",
        occasion=encounter.occasion,
        channel=encounter.channel,
        direction=encounter.direction,
        place=encounter.place,
        tags=format_tags(encounter.tags),
        by_chance=encounter.by_chance,
        summary=encounter.summary,
        common_ground=encounter.common_ground,
        experience=encounter.experience,
        gave=encounter.gave,
        received=encounter.received,
    )


def fields_from_line(line: str, store: JournalStore, today: date, day: date) -> tuple[EncounterFields, list[str]]:
    """A quick-add line spread over the form's fields, and the parser's warnings.

    Unknown names become new (unsaved, unconfirmed) people; the form asks before saving them.
    ``day`` is the date when the line names none.
    """
    draft = parse(line, today)
    people: list[Person] = []
    if draft.names:
        try:
            people, _new = resolve_people(store, draft.names)
        except ValidationError as error:  # a name too long to be a person: keep it as text
            draft.summary = "; ".join(filter(None, [", ".join(draft.names), draft.summary]))
            draft.warnings.append(error.message)
    values = EncounterFields(
        people=people,
        date=(draft.date or day).isoformat(),
        time=draft.time or "",
        follow_up=draft.follow_up.isoformat() if draft.follow_up else "",
        occasion=draft.occasion,
        channel=draft.channel or "in_person",
        direction=draft.direction or "met",
        place=draft.place,
        tags=format_tags(draft.tags),
        by_chance=draft.by_chance,
        summary=draft.summary,
        common_ground=draft.common_ground,
        experience=draft.experience,
        gave=draft.gave,
        received=draft.received,
    )
    return values, list(draft.warnings)


def new_people(values: EncounterFields, store: JournalStore) -> list[Person]:
    """The people picked who are not in the journal yet."""
    return [p for p in values.people if store.person(p.id) is None]


def unconfirmed_people(values: EncounterFields, store: JournalStore) -> list[Person]:
    return [p for p in new_people(values, store) if p.id not in values.confirmed_new]


def new_person(name: str) -> Person:
    """A new, unsaved person for the picker; raises ValidationError("people") on a bad name."""
    person = Person(name=name)
    person.normalise()
    try:
        person.validate()
    except ValidationError as error:
        raise ValidationError("people", error.message) from None
    return person


def check(
    values: EncounterFields, today: date, *, base: Encounter | None = None
) -> tuple[Encounter | None, dict[str, str]]:
    """The encounter the values describe (``base`` keeps id, created and flags when editing),
    or None and every problem found, ``{form field: message}``, in the form's order."""
    errors: dict[str, str] = {}

    def attempt(name: str, fn, *args):  # type: ignore[no-untyped-def]
        try:
            return fn(*args)
        except ValidationError as error:
            errors.setdefault(name, error.message)
            return None

    if not values.people:
        errors["people"] = _("Pick at least one person: type a name and press enter.")
    day = attempt("date", lambda: dates.parse_date(values.date, today, prefer="past", field_name="date"))
    time = attempt("time", parse_time, values.time)
    follow_up = None
    if values.follow_up.strip():
        follow_up = attempt(
            "follow_up", lambda: dates.parse_date(values.follow_up, today, prefer="future", field_name="follow_up")
        )
    if values.occasion is not None and values.occasion not in OCCASIONS:
        errors["occasion"] = _("Choose an occasion from the list.")
    if values.channel not in CHANNELS:
        errors["channel"] = _("Choose a channel from the list.")
    if values.direction not in DIRECTIONS:
        errors["direction"] = _("Choose who moved from the list.")
    tags = parse_tags(values.tags)

    encounter = replace(base) if base is not None else Encounter()
    encounter.date = day or encounter.date
    encounter.time = time
    encounter.follow_up = follow_up
    encounter.person_ids = [p.id for p in values.people]
    encounter.occasion = values.occasion
    encounter.channel = values.channel
    encounter.direction = values.direction
    encounter.place = values.place
    encounter.tags = tags
    encounter.by_chance = bool(values.by_chance)
    encounter.summary = values.summary
    encounter.common_ground = values.common_ground
    encounter.experience = values.experience
    encounter.gave = values.gave
    encounter.received = values.received
    encounter.normalise()
    if not errors:
        try:
            encounter.validate()
        except ValidationError as error:
            errors[_MODEL_TO_FORM.get(error.field, error.field)] = error.message
    if errors:
        ordered = {name: errors[name] for name in FORM_FIELDS if name in errors}
        ordered.update({k: v for k, v in errors.items() if k not in ordered})
        return None, ordered
    return encounter, {}
