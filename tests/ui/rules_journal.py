"""Journals for the Due, Lucky, Insights and Give first screens (fixed date: Sunday 29 Nov 2026).

``rules_journal``: a hand-made journal whose figures can be checked by hand.
``demo_journal``: a realistic generated one (journal.demo) for snapshots.
"""

from __future__ import annotations

from datetime import date, timedelta

from journal.model import Encounter, Person
from journal.store import JournalStore

TODAY = date(2026, 11, 29)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def rules_journal(store: JournalStore) -> None:
    """Three people due (Bob most overdue; Anna before Emil on a tie, having waited longer), one
    seen lately, one never contacted, one snoozed, one archived; you know Rust. People have fixed
    ids, so the lucky pick (seeded per person id) is the same on every run."""
    settings = store.settings
    settings.skills = ["Rust", "tax returns"]
    store.save_settings(settings)
    anna = Person(
        id="id-anna",
        name="Anna Müller",
        company="Stripe",
        role="Engineer",
        cadence_days=28,
        common_ground="cycling",
        needs="a Rust mentor",
        platforms={"e-mail": "anna@example.org"},
    )
    bob = Person(id="id-bob", name="Bob Schulz", company="Zalando", cadence_days=7, offers="Rust mentoring")
    carla = Person(id="id-carla", name="Carla Weiß", cadence_days=30, needs="help with her tax returns")
    emil = Person(id="id-emil", name="Emil Roth", cadence_days=10, offers="tax returns")
    frida = Person(id="id-frida", name="Frida Nie", how_we_met="Carla's birthday party")
    gustav = Person(id="id-gustav", name="Gustav Alt", cadence_days=7, archived=True)
    hanna = Person(id="id-hanna", name="Hanna Schlaf", cadence_days=7, snoozed_until=TODAY + timedelta(days=3))
    store.save(
        anna,
        bob,
        carla,
        emil,
        frida,
        gustav,
        hanna,
        Encounter(date=ago(730), person_ids=[anna.id], place="PyCon", occasion="event"),
        Encounter(
            date=ago(35),
            person_ids=[anna.id],
            occasion="event",
            place="Rust meetup",
            gave="a tip on Rust books",
            received="an intro to her team",
        ),
        Encounter(date=ago(28), person_ids=[bob.id], occasion="work", gave="code review"),
        Encounter(date=ago(2), person_ids=[carla.id], occasion="neighbourhood", by_chance=True, summary="same train"),
        Encounter(date=ago(60), person_ids=[emil.id], occasion="club"),
        Encounter(date=ago(25), person_ids=[emil.id], direction="outreach", channel="message"),
        Encounter(date=ago(40), person_ids=[gustav.id]),
        Encounter(date=ago(60), person_ids=[hanna.id], occasion="friends"),
    )


def demo_journal(store: JournalStore) -> None:
    """A lively generated journal: 40 people, 300 encounters over six years."""
    from journal import demo

    demo.generate(store, people=40, encounters=300, seed=5, today=TODAY)
