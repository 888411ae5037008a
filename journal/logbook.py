"""Turning a quick-add line into saved records, shared by the CLI and the app.

Planning is separate from saving so the app can ask before it creates new people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal.i18n import _
from journal.model import Encounter, Person, ValidationError
from journal.quickadd import Draft, parse, to_encounter
from journal.store import JournalStore


@dataclass
class QuickAddPlan:
    draft: Draft
    encounter: Encounter
    people: list[Person]
    new_people: list[Person] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.draft.warnings


def resolve_people(store: JournalStore, names: list[str]) -> tuple[list[Person], list[Person]]:
    """Each name is an existing person (exact name or alias) or a new, unsaved one."""
    people: list[Person] = []
    new: list[Person] = []
    for name in names:
        person = store.find_person(name) or next((p for p in new if p.name == name), None)
        if person is None:
            person = Person(name=name)
            person.normalise()
            person.validate()
            new.append(person)
        if person not in people:
            people.append(person)
    return people, new


def plan_quick_add(
    store: JournalStore, line: str, today: date, *, on: date | None = None, default_day: date | None = None
) -> QuickAddPlan:
    """Parse and resolve a line; raises ValidationError when it names nobody.

    ``on`` forces the date (the CLI's --date); ``default_day`` is the date when the line names none
    (the app's day on screen: a `date:` clause or `!yesterday` in the line still wins).
    """
    draft = parse(line, today)
    if not draft.names:
        raise ValidationError(
            "names", _("Name at least one person before the colon, e.g. “Anna Müller: coffee at the fair”.")
        )
    people, new = resolve_people(store, draft.names)
    encounter = to_encounter(draft, [p.id for p in people], on or default_day or today)
    if on is not None:
        encounter.date = on
    encounter.normalise()
    encounter.validate()
    return QuickAddPlan(draft, encounter, people, new)


def commit(store: JournalStore, plan: QuickAddPlan) -> Encounter:
    """Save the new people and the encounter in one atomic write."""
    return store.add_encounter_with_people(plan.encounter, plan.new_people)
