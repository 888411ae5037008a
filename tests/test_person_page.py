"""person_page: what the person page shows."""

from __future__ import annotations

from datetime import date

from journal.model import Encounter, Person
from journal.person_page import giving_phrase, order_platforms, person_page
from journal.store import JournalStore

TODAY = date(2026, 11, 29)


def test_active_platforms_come_first_in_the_users_order() -> None:
    lines = order_platforms({"XING": "x", "Mastodon": "@m", "E-Mail": "e@x", "LinkedIn": "l"}, ["LinkedIn", "email"])
    assert [(p.name, p.active) for p in lines] == [
        ("LinkedIn", True),
        ("E-Mail", True),
        ("Mastodon", False),
        ("XING", False),
    ]


def test_person_page_counts_giving_without_a_balance(store: JournalStore) -> None:
    anna = store.add_person(Person(name="Anna", platforms={"XING": "a", "LinkedIn": "b"}))
    store.save(
        Encounter(date=date(2026, 11, 1), person_ids=[anna.id], gave="a tip"),
        Encounter(date=date(2026, 11, 15), person_ids=[anna.id], gave="an intro", received="a book"),
    )
    page = person_page(store, anna, TODAY)
    assert (page.gave, page.came_back) == (2, 1)
    assert [e.date for e in page.timeline] == [date(2026, 11, 15), date(2026, 11, 1)]
    assert page.platforms[0].name == "LinkedIn"
    assert page.last_seen == "last seen 2 weeks ago"
    assert page.cadence == "every 6 weeks (the default)"
    assert page.giving_line == "You gave 2 times · 1 thing came back"
    assert giving_phrase(0, 0) == "Nothing given yet · nothing came back yet (and that is fine)"
