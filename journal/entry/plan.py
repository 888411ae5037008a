"""A Draft and the people it names → a Plan: what will be saved, before anything is.

Planning is separate from saving so that the app can ask before it creates new people and the
CLI can say whom it created. A plan holds, per name, whom it means (:class:`Who`: someone in
the journal, or a new person), the encounter to save, and the give-them-time warnings (rule 6,
worked out before saving: afterwards the outreach itself would count). :func:`commit` saves the
new people and the encounter in one write; the store normalises and validates them.

Resolving a name is one step (:func:`resolve`), between parsing and planning, so a smarter
resolver (first names, aliases, initials, a choice among several) replaces only it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from journal import pacing
from journal.clock import Clock
from journal.entry.fields import Draft, fill
from journal.entry.parse import parse
from journal.i18n import _
from journal.model import Encounter, Person, ValidationError
from journal.store import JournalStore


@dataclass(frozen=True)
class Who:
    """One person an entry names: someone in the journal, or someone new, saved with it."""

    person: Person
    new: bool
    typed: str = ""  # the name as written in a line ("" when picked in the form)


@dataclass
class Plan:
    draft: Draft
    who: list[Who]
    encounter: Encounter  # stamped, normalised and validated by the store when saved
    give_them_time: list[str] = field(default_factory=list)

    @property
    def people(self) -> list[Person]:
        return [w.person for w in self.who]

    @property
    def new_people(self) -> list[Person]:
        return [w.person for w in self.who if w.new]

    @property
    def warnings(self) -> list[str]:
        """What the line held that was not understood (kept as text)."""
        return self.draft.warnings


def new_person(name: str, *, field_name: str = "people") -> Person:
    """A new, unsaved person; raises ValidationError(field_name) on a name no person can have, so
    the app never asks about adding someone it could not save."""
    person = Person(name=name)
    person.normalise()
    try:
        person.validate()
    except ValidationError as error:
        raise ValidationError(field_name, error.message) from None
    return person


def resolve(store: JournalStore, names: list[str]) -> list[Who]:
    """Whom each name means: a person whose name or alias it is exactly, else a new person.
    A name given twice means one person. Raises ValidationError("names") on an impossible name."""
    who: list[Who] = []
    for name in names:
        known = store.find_person(name)
        match = next((w for w in who if (known and w.person.id == known.id) or (w.new and w.typed == name)), None)
        if match is None:
            who.append(Who(known, False, name) if known else Who(new_person(name, field_name="names"), True, name))
    return who


def picked(store: JournalStore, people: list[Person]) -> list[Who]:
    """The people picked in the form; those not in the journal yet are new."""
    return [Who(p, store.person(p.id) is None) for p in people]


def plan_entry(
    store: JournalStore, draft: Draft, who: list[Who], today: date, *, default_date: date, base: Encounter | None = None
) -> Plan:
    """The encounter ``draft`` describes, naming ``who`` (``base`` keeps id, created and the fields
    no form shows when editing). Give-them-time warnings are worked out for new encounters only:
    an edited outreach would warn about itself."""
    encounter = fill(replace(base) if base is not None else Encounter(), draft, default_date=default_date)
    encounter.person_ids = [w.person.id for w in who]
    warnings = pacing.outreach_warnings(store, encounter, today) if base is None else []
    return Plan(draft, who, encounter, warnings)


def plan_line(
    store: JournalStore, line: str, clock: Clock, *, on: date | None = None, default_day: date | None = None
) -> Plan:
    """Quick-add: parse a line, resolve its names and plan the encounter. Raises ValidationError
    when the line names nobody (or a name no person can have).

    ``on`` forces the date (the CLI's --date); ``default_day`` is the date when the line names none
    (the app's day on screen: a `date:` clause or `!yesterday` in the line still wins). Logged for
    today without a time, the encounter gets the time of day now.
    """
    now = clock.local_now()
    today = now.date()
    draft = parse(line, today)
    if not draft.names:
        raise ValidationError(
            "names", _("Name at least one person before the colon, e.g. “Anna Müller: coffee at the fair”.")
        )
    dated = draft if on is None else replace(draft, date=on)
    result = plan_entry(store, dated, resolve(store, draft.names), today, default_date=default_day or today)
    result.draft = draft  # what the line said, as the preview and the CLI describe it
    if result.encounter.time is None and result.encounter.date == today:
        result.encounter.time = now.strftime("%H:%M")
    return result


def commit(store: JournalStore, plan: Plan) -> Encounter:
    """Save the new people and the encounter in one atomic write."""
    store.save(*plan.new_people, plan.encounter)
    return plan.encounter
