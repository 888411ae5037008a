"""A Draft and the people it names → a Plan: what will be saved, before anything is.

Planning is separate from saving so that the app can ask before it creates new people and the
CLI can say whom it created. A plan holds, per name, whom it means (:class:`Who`: someone in
the journal, or a new person), the encounter to save, and the give-them-time warnings (rule 6,
worked out before saving: afterwards the outreach itself would count). :func:`commit` saves the
new people and the encounter in one write; the store normalises and validates them.

Resolving names is one step (:func:`resolve`, by :func:`journal.resolve.match_name`, the same
resolver the commands use), between parsing and planning. A name can be someone in the journal
(exactly, or clearly: "Bob" → Bob Schulz), unclear (several candidates: the plan lists it in
``unclear`` and cannot be saved until the user chooses), or new. Choices come back as
``choices``: per name (:func:`choice_key`), a person's id or :data:`NEW`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from journal import pacing
from journal.clock import Clock
from journal.entry.fields import Draft, fill
from journal.entry.parse import names_only, parse
from journal.folding import fold
from journal.i18n import _, ngettext
from journal.model import Encounter, Person, ValidationError
from journal.resolve import NameMatch, match_name
from journal.store import JournalStore

# A choice for an unclear name: a new person of that name (else a person's id).
NEW = "+new"
# A new name of this many words, on a line with nothing but names, reads like a sentence
# ("Meeting with the team"), not like a name.
SENTENCE_WORDS = 3
How = Literal["exact", "clear", "picked", "new"]


@dataclass(frozen=True)
class Who:
    """One person an entry names: someone in the journal, or someone new, saved with it."""

    person: Person
    new: bool
    typed: str = ""  # the name as written in a line ("" when picked in the form)
    how: How = "exact"  # how the name was resolved: exactly, clearly, by the user's pick, or new


@dataclass
class Plan:
    draft: Draft
    who: list[Who]
    encounter: Encounter  # stamped, normalised and validated by the store when saved
    give_them_time: list[str] = field(default_factory=list)
    # Names that could mean several people: the user chooses before the plan can be saved.
    unclear: list[NameMatch] = field(default_factory=list)
    # A new name that reads like a sentence on a line of names only: ask before making it a person.
    sentence: str | None = None

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


def choice_key(name: str) -> str:
    """The key of a typed name in ``choices``: "anna", "Anna" and " anna " are one name."""
    return fold(name)


def resolve(
    store: JournalStore, names: list[str], choices: Mapping[str, str] | None = None
) -> tuple[list[Who], list[NameMatch]]:
    """Whom each name means, and the names that are unclear (see :mod:`journal.resolve`).

    ``choices`` settle names: :data:`NEW` makes a new person, a person's id picks them. A name
    given twice, or two names for one person, mean one person. Raises ValidationError("names")
    on a name no person can have.
    """
    who: list[Who] = []
    unclear: list[NameMatch] = []
    for name in names:
        choice = (choices or {}).get(choice_key(name))
        chosen = store.person(choice) if choice and choice != NEW else None
        item: Who
        if choice == NEW:
            item = Who(new_person(name, field_name="names"), True, name, "new")
        elif chosen is not None:
            item = Who(chosen, False, name, "picked")
        else:
            match = match_name(store, name)
            if match.person is not None:
                item = Who(match.person, False, name, "exact" if match.kind == "exact" else "clear")
            elif match.kind == "unclear":
                if all(choice_key(m.typed) != choice_key(name) for m in unclear):
                    unclear.append(match)
                continue
            else:
                item = Who(new_person(name, field_name="names"), True, name, "new")
        if not any(_same(w, item) for w in who):
            who.append(item)
    return who, unclear


def _same(a: Who, b: Who) -> bool:
    if a.new or b.new:
        return a.new and b.new and choice_key(a.typed) == choice_key(b.typed)
    return a.person.id == b.person.id


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
    store: JournalStore,
    line: str,
    clock: Clock,
    *,
    on: date | None = None,
    default_day: date | None = None,
    choices: Mapping[str, str] | None = None,
) -> Plan:
    """Quick-add: parse a line, resolve its names and plan the encounter. Raises ValidationError
    when the line names nobody (or a name no person can have).

    ``on`` forces the date (the CLI's --date); ``default_day`` is the date when the line names none
    (the app's day on screen: a `date:` clause or `!yesterday` in the line still wins). Logged for
    today without a time, the encounter gets the time of day now. ``choices`` settle unclear names
    (see :func:`resolve`); the plan lists those still unclear, and a new name that reads like a
    sentence.
    """
    now = clock.local_now()
    today = now.date()
    draft = parse(line, today)
    if not draft.names:
        raise ValidationError(
            "names", _("Name at least one person before the colon, e.g. “Anna Müller: coffee at the fair”.")
        )
    dated = draft if on is None else replace(draft, date=on)
    who, unclear = resolve(store, draft.names, choices)
    result = plan_entry(store, dated, who, today, default_date=default_day or today)
    result.draft = draft  # what the line said, as the preview and the CLI describe it
    result.unclear = unclear
    if names_only(line):
        result.sentence = next(
            (
                w.typed
                for w in who
                if w.how == "new"
                and len(w.typed.split()) >= SENTENCE_WORDS
                and (choices or {}).get(choice_key(w.typed)) != NEW
            ),
            None,
        )
    if result.encounter.time is None and result.encounter.date == today:
        result.encounter.time = now.strftime("%H:%M")
    return result


def resolved_names(plan: Plan) -> str:
    """Whom the names turned out to mean, where that is not plain: "Bob → Bob Schulz · anna → ?"."""
    parts = [
        _("{typed} → {name}").format(typed=w.typed, name=w.person.name)
        for w in plan.who
        if not w.new and w.typed and fold(w.typed) != fold(w.person.name)
    ]
    parts += [_("{typed} → ?").format(typed=m.typed) for m in plan.unclear]
    return " · ".join(parts)


def add_people_question(people: list[Person]) -> str:
    """What to ask before new people are added to the journal with an encounter."""
    names = ", ".join(p.name for p in people)
    return ngettext(
        "Add a new person to the journal: {names}?",
        "Add {count} new people to the journal: {names}?",
        len(people),
    ).format(count=len(people), names=names)


def commit(store: JournalStore, plan: Plan) -> Encounter:
    """Save the new people and the encounter in one atomic write (never while a name is unclear)."""
    if plan.unclear:
        raise ValidationError(
            "names", _("Choose whom “{name}” means before saving.").format(name=plan.unclear[0].typed)
        )
    store.save(*plan.new_people, plan.encounter)
    return plan.encounter
