"""The encounter form's logic, without a terminal: what the form holds ↔ a Draft.

The form (journal/ui/modals/encounter_form.py) only shows fields and errors; what decides
something lives here so it can be tested without Textual:

- :class:`FormValues` holds what the widgets hold, per entry field (``typed``), and the people
  picked, some of whom may be new (not yet in the journal).
- :func:`values_for_new`, :func:`values_from_encounter` and :func:`values_from_line` fill a
  form (empty, to edit, or from a quick-add line handed over with "More…").
- :func:`read_form` turns the values into a Draft, or returns every problem as ``{field: message}``
  so each field can say what is wrong. It never changes the values. The Draft then goes the
  way every entry goes (journal.entry.plan, then the store, which validates); a problem only the
  store finds comes back naming a record field, which :func:`form_field` maps to the form's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from journal.entry.fields import ENTRY_FIELDS, Draft, Typed, draft_of, fill, read, show
from journal.entry.parse import parse
from journal.entry.plan import picked, resolve
from journal.i18n import _
from journal.model import Encounter, Person, ValidationError
from journal.store import JournalStore

# The form's fields, in the order the form shows them (also the order errors are reported in).
FORM_FIELDS: tuple[str, ...] = ("people", *(spec.name for spec in ENTRY_FIELDS))
# Records name some fields differently from the form.
_RECORD_TO_FORM = {"person_ids": "people", "names": "people", "name": "people"}


def form_field(record_field: str) -> str:
    """The form field a record's field (in a ValidationError) is shown under."""
    return _RECORD_TO_FORM.get(record_field, record_field)


def _shown(draft: Draft, *, default_date: date | None) -> dict[str, Typed]:
    """Each field as the form shows it: what would be saved, defaults included."""
    if default_date is not None:
        encounter = fill(Encounter(), draft, default_date=default_date)
        draft = draft_of(encounter)
    return {spec.name: show(spec, getattr(draft, spec.name)) for spec in ENTRY_FIELDS}


def _blank() -> dict[str, Typed]:
    """An empty form: every field at the encounter's default, and no date."""
    return _shown(draft_of(Encounter()), default_date=None) | {"date": ""}


@dataclass
class FormValues:
    """What the form holds: each entry field as typed (missing ones are blank), the people picked
    (new, unsaved Person records among them), and the new people the user already agreed to add."""

    people: list[Person] = field(default_factory=list)
    typed: dict[str, Typed] = field(default_factory=dict)
    confirmed_new: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.typed = _blank() | self.typed

    def copy(self) -> FormValues:
        return FormValues(list(self.people), dict(self.typed), set(self.confirmed_new))

    def comparable(self) -> tuple[object, ...]:
        """The values that matter for "has the user changed anything?"."""
        return tuple(p.id for p in self.people), tuple((name, self.typed[name]) for name in sorted(self.typed))


def values_for_new(day: date) -> FormValues:
    return FormValues(typed=_shown(Draft(), default_date=day))


def values_from_encounter(encounter: Encounter, store: JournalStore) -> FormValues:
    people = [p for pid in encounter.person_ids if (p := store.person(pid)) is not None]
    return FormValues(people, _shown(draft_of(encounter), default_date=None))


def values_from_line(
    line: str, store: JournalStore, today: date, day: date, choices: Mapping[str, str] | None = None
) -> tuple[FormValues, list[str]]:
    """A quick-add line spread over the form's fields, and what the line held that was not understood.

    Names are resolved as in quick-add (``choices`` are those made there); unknown names become new
    (unsaved, unconfirmed) people, the form asks before saving them; names that could mean several
    people are left for the people field, with a warning. ``day`` is the date when the line names none.
    """
    draft = parse(line, today)
    people: list[Person] = []
    if draft.names:
        try:
            who, unclear = resolve(store, draft.names, choices)
        except ValidationError as error:  # a name too long to be a person: keep it as text
            draft.summary = "; ".join(filter(None, [", ".join(draft.names), draft.summary]))
            draft.warnings.append(error.message)
        else:
            people = [w.person for w in who]
            for match in unclear:  # the form's people field offers the choice
                draft.warnings.append(
                    _("“{name}” could be several people: pick them in the people field.").format(name=match.typed)
                )
    return FormValues(people, _shown(draft, default_date=day)), list(draft.warnings)


def read_form(values: FormValues, today: date) -> tuple[Draft | None, dict[str, str]]:
    """The Draft the form describes, or None and every problem found, ``{form field: message}``,
    in the form's order."""
    errors: dict[str, str] = {}
    if not values.people:
        errors["people"] = _("Pick at least one person: type a name and press enter.")
    draft = Draft()
    for spec in ENTRY_FIELDS:
        try:
            setattr(draft, spec.name, read(spec, values.typed[spec.name], today))
        except ValidationError as error:
            errors[spec.name] = error.message
    return (None, errors) if errors else (draft, {})


def unconfirmed_people(values: FormValues, store: JournalStore) -> list[Person]:
    """The new people picked whom the user has not yet agreed to add."""
    return [w.person for w in picked(store, values.people) if w.new and w.person.id not in values.confirmed_new]
