"""Snapshots of People (with a query), a person's page, the person form, and Settings."""

from __future__ import annotations

from collections.abc import Callable

from journal.model import Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from tests.ui.conftest import SIZE
from tests.ui.test_person import rich_journal


def people_journal(store: JournalStore) -> None:
    rich_journal(store)
    store.save(
        Person(name="Hans Mueller", company="Müller & Söhne", role="Tischler", tags=["woodworking", "tax"]),
        Person(name="Lena Strauß", company="Straßenbau Huber", tags=["berlin"], archived=True),
        Person(name="Zoë Dubois", company="Mistral AI", tags=["machine-learning"]),
    )


def test_people_with_a_query(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def search(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"mul")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(people_journal), terminal_size=SIZE, run_before=search)


def test_people_all(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_people(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(make_app(people_journal), terminal_size=SIZE, run_before=open_people)


def test_person_page(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_anna(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"anna m")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(people_journal), terminal_size=SIZE, run_before=open_anna)


def test_person_form(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def edit_anna(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        await pilot.press("p")
        await pilot.pause()
        app.open_person(app.store.find_person("Anna Müller").id)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(make_app(people_journal), terminal_size=SIZE, run_before=edit_anna)


def test_forget_confirmation(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def forget_anna(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        await pilot.press("p")
        await pilot.pause()
        app.open_person(app.store.find_person("Anna Müller").id)
        await pilot.pause()
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(people_journal), terminal_size=SIZE, run_before=forget_anna)


def test_settings(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_settings(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("comma")
        await pilot.pause()

    assert snap_compare(make_app(people_journal), terminal_size=SIZE, run_before=open_settings)
