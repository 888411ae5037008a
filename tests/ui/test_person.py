"""A person's page: what it shows, editing (with inline errors), archive, merge, forget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from journal.model import Encounter, Person, Settings
from journal.store import JournalStore
from journal.ui.app import JournalApp, UndoStep
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.person_form import PersonForm
from journal.ui.modals.pick_person import PickPersonModal
from journal.ui.screens.people import PeopleScreen
from journal.ui.screens.person import PersonScreen
from journal.ui.widgets.people_table import PeopleTable
from tests.ui.conftest import SIZE, small_journal


def rich_journal(store: JournalStore) -> None:
    small_journal(store)
    anna = store.find_person("Anna Müller")
    assert anna is not None
    from dataclasses import replace

    store.save(
        replace(
            anna,
            aliases=["Anni"],
            role="Staff Engineer",
            how_we_met="PyCon 2024, at the Rust sprint",
            common_ground="cycling to work; both grew up in Leipzig",
            platforms={
                "XING": "anna.mueller",
                "Mastodon": "@anna@hachyderm.io",
                "LinkedIn": "anna-m",
                "e-mail": "anna@example.org",
            },
            offers="Rust code reviews, conference talk coaching",
            needs="a flat in Berlin-Kreuzberg",
            cadence_days=28,
        )
    )
    store.save_settings(Settings(active_platforms=["Mastodon", "e-mail"]))
    dup = store.add_person(Person(name="A. Mueller", company="Stripe", tags=["go"], platforms={"GitHub": "amueller"}))
    store.save(
        Encounter(
            date=date(2026, 10, 30),
            person_ids=[anna.id],
            occasion="work",
            channel="video",
            direction="outreach",
            summary="asked about the Rust meetup",
            gave="a tip on async traits",
        ),
        Encounter(
            date=date(2026, 9, 12),
            person_ids=[dup.id],
            occasion="travel",
            place="ICE to Hamburg",
            summary="met on the train by chance",
            by_chance=True,
        ),
    )


async def open_person(app: JournalApp, pilot, name: str) -> PersonScreen:  # type: ignore[no-untyped-def]
    person = app.store.find_person(name)
    assert person is not None
    await pilot.press("p")
    await pilot.pause()
    app.open_person(person.id)
    await pilot.pause()
    assert isinstance(app.screen, PersonScreen)
    return app.screen


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


async def test_the_page_puts_common_ground_first_and_active_platforms_first(
    make_app: Callable[..., JournalApp],
) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Anna Müller")
        assert "Anna Müller" in text_of(screen, "#person-title") and "Anni" in text_of(screen, "#person-title")
        details = screen.query_one("#person-details")
        order = [w.id for w in details.children]
        assert order.index("person-common-box") < order.index("person-facts") < order.index("person-platforms")
        assert "Leipzig" in text_of(screen, "#person-common")
        platforms = text_of(screen, "#person-platforms").splitlines()
        assert [line.split(":")[0].strip(" ★") for line in platforms[1:]] == ["Mastodon", "LinkedIn", "XING"]
        assert platforms[1].startswith("★") and not platforms[2].startswith("★")
        # The e-mail typed as a platform is an e-mail now, marked as active (rule 5).
        contacts = screen.query_one("#person-contacts", OptionList)
        assert str(contacts.get_option_at_index(0).prompt) == "★ e-mail: anna@example.org"
        assert "Rust code reviews" in text_of(screen, "#person-offers-needs")
        assert "Kreuzberg" in text_of(screen, "#person-offers-needs")
        rhythm = text_of(screen, "#person-rhythm")
        assert "every 4 weeks (set by you)" in rhythm and "last seen today" in rhythm
        assert text_of(screen, "#person-giving") == "You gave 2 times · 1 thing came back"
        timeline = screen.query_one("#person-timeline", OptionList)
        assert timeline.option_count == 2
        first = str(timeline.get_option_at_index(0).prompt)
        assert first.startswith("today · Sun 29 Nov 2026") and "with Bob Schulz" in first and "book tip" in first
        assert str(timeline.get_option_at_index(1).prompt).startswith("4 weeks ago · Fri 30 Oct 2026")


async def test_edit_shows_errors_inline_keeps_the_input_and_saves(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Bob Schulz")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#pf-aliases", Input).value = "Bobby, Herr Schulz"
        form.query_one("#pf-common_ground", TextArea).text = "woodworking"
        form.query_one("#pf-cadence_days", Input).value = "often"
        form.query_one("#pf-platforms", TextArea).text = "Signal: +49 170 1234567"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        error = form.query_one("#pf-cadence_days-error", Static)
        assert error.has_class("-shown") and "not a number of days" in str(error.render())
        assert form.query_one("#pf-cadence_days", Input).has_focus
        assert form.query_one("#pf-aliases", Input).value == "Bobby, Herr Schulz"  # nothing lost
        assert app.store.find_person("Bobby") is None
        form.query_one("#pf-cadence_days", Input).value = "3w"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        bob = app.store.find_person("Bobby")
        assert bob is not None and bob.name == "Bob Schulz" and bob.aliases == ["Bobby", "Herr Schulz"]
        assert bob.cadence_days == 21 and bob.common_ground == "woodworking"
        assert bob.platforms == {"Signal": "+49 170 1234567"}
        assert "woodworking" in text_of(screen, "#person-common")
        assert "every 3 weeks" in text_of(screen, "#person-rhythm")


async def test_escape_in_a_changed_form_asks_before_discarding(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Bob Schulz")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm) and app.screen.query_one("#pf-name", Input).value == "Bob Schulzx"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.store.find_person("Bob Schulz") is not None


async def test_archive_toggles(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Carla Weiß")
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.find_person("Carla Weiß").archived
        assert "archived" in text_of(screen, "#person-title")
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.store.find_person("Carla Weiß").archived


async def test_merge_picks_the_other_by_fuzzy_search_and_asks(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Anna Müller")
        anna_id = screen.person_id
        dup = app.store.find_person("A. Mueller")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickPersonModal)
        await pilot.press(*"a. muel")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#pick-results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert anna_id not in ids and ids[0] == dup.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Merge “A. Mueller” into “Anna Müller”?" in app.screen.question
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert app.store.person(dup.id) is None
        anna = app.store.person(anna_id)
        assert "A. Mueller" in anna.aliases and "go" in anna.tags and anna.platforms["GitHub"] == "amueller"
        assert screen.query_one("#person-timeline", OptionList).option_count == 3
        assert "A. Mueller" in text_of(screen, "#person-title")


async def test_merge_can_be_cancelled(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert len(app.store.people()) == 4


async def test_forget_names_what_goes_and_removes_every_trace(
    make_app: Callable[..., JournalApp], journal_path
) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmModal) and confirm.danger
        assert "Forget Anna Müller for good?" in confirm.question
        assert "1 encounter with only them" in confirm.question
        assert "1 shared encounter (the others stay)" in confirm.question
        await pilot.press("enter")  # the focus starts on "No": enter cancels
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen) and app.store.find_person("Anna Müller") is not None
        await pilot.press("delete")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert app.store.find_person("Anna Müller") is None
        text = journal_path.read_text()
        for form in ("Anna Müller", "Anni", "Leipzig", "anna@example.org", "Müller"):
            assert form not in text
        bob = app.store.find_person("Bob Schulz")
        shared = app.store.encounters_with(bob.id)
        assert any(e.summary == "talked about Rust" and e.person_ids == [bob.id] for e in shared)
        table = app.screen.query_one("#people-table", PeopleTable)
        assert all(p.name != "Anna Müller" for p in table.rows)


async def test_forget_drops_the_person_from_the_undo_list(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        anna = app.store.find_person("Anna Müller")
        old = app.store.encounters_with(anna.id)[0]
        with app.store.recording() as revisions:
            app.store.delete(old)
        app.undo_stack.append(UndoStep("deleted", tuple(revisions)))
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.undo_stack == []


async def test_forget_finishing_after_the_page_was_left_still_clears_the_undo_list(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page asked; the app takes the result, so leaving the page while the journal is being
    written cannot leave the forgotten person's deleted encounters ready to come back with u."""
    import threading

    from journal.ui.screens import person as person_screen

    release = threading.Event()
    real_forget = person_screen.forget_person

    def slow_forget(*args: object) -> object:
        release.wait(5)
        return real_forget(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(person_screen, "forget_person", slow_forget)
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        anna = app.store.find_person("Anna Müller")
        old = app.store.encounters_with(anna.id)[0]
        with app.store.recording() as revisions:
            app.store.delete(old)
        app.undo_stack.append(UndoStep("deleted", tuple(revisions)))
        await open_person(app, pilot, "Anna Müller")
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")  # leave the page while the journal is being written
        await pilot.pause()
        assert not isinstance(app.screen, PersonScreen)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.find_person("Anna Müller") is None
        assert app.undo_stack == []
        assert any(n.title == "Forgotten" for n in app._notifications)


async def test_going_elsewhere_keeps_a_changed_form(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_person(app, pilot, "Bob Schulz")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#pf-company", Input).value = "Zalando SE"
        app.go("today")
        await pilot.pause()
        assert app.screen is form and form.is_dirty


async def test_text_that_looks_like_markup_is_shown_as_typed(make_app: Callable[..., JournalApp]) -> None:
    """Names, notes, queries and mistakes are user text: "[/x]" must neither crash nor vanish."""

    def fill(store: JournalStore) -> None:
        small_journal(store)
        store.add_person(Person(name="Bob [/x] [b]", common_ground="[red]cycling[/red]", notes="[/]"))

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"[/x]zz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[/x]zz" in str(app.screen.query_one("#people-empty").render())
        screen = await open_person(app, pilot, "Bob [/x] [b]")
        assert "Bob [/x] [b]" in text_of(screen, "#person-title")
        assert "[red]cycling[/red]" in text_of(screen, "#person-common")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#pf-cadence_days", Input).value = "[/x]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[/x]" in str(form.query_one("#pf-cadence_days-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bob [")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()


def contact_journal(store: JournalStore) -> None:
    from dataclasses import replace

    from journal.model import Address, Email, Phone, Relationship, Website

    rich_journal(store)
    anna = store.find_person("Anna Müller")
    bob = store.find_person("Bob Schulz")
    assert anna is not None and bob is not None
    store.save(
        replace(
            anna,
            platforms={"Mastodon": "@anna@hachyderm.io"},
            emails=[Email("anna@home.example", ["home"]), Email("anna@stripe.example", ["work"], preferred=True)],
            phones=[Phone("+49 170 1234567", ["cell"], preferred=True), Phone("+49 30 123456", ["work", "fax"])],
            websites=[Website("anna.example")],
            addresses=[Address("Oranienstr. 5", "Berlin", postal_code="10997", country="Germany", kinds=["home"])],
            birthday="1990-12-02",
            relationships=[Relationship("introduced by", bob.id), Relationship("partner of", name="Maria")],
        )
    )


async def test_the_page_shows_every_contact_detail_and_copies_and_opens_them(
    make_app: Callable[..., JournalApp], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(contact_journal)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Anna Müller")
        contacts = screen.query_one("#person-contacts", OptionList)
        lines = [str(contacts.get_option_at_index(i).prompt) for i in range(contacts.option_count)]
        assert lines == [
            "★ e-mail · work: anna@stripe.example  preferred",
            "★ e-mail · home: anna@home.example",
            "  phone · mobile: +49 170 1234567  preferred",
            "  phone · work, fax: +49 30 123456",
            "  web: anna.example",
            "  address · home: Oranienstr. 5, 10997 Berlin, Germany",
        ]
        assert "Birthday: 2 Dec 1990 (35) · in 3 days" in text_of(screen, "#person-dates")
        relations = text_of(screen, "#person-relations")
        assert "introduced by Bob Schulz" in relations and "partner of Maria (not in the journal)" in relations
        # Nothing chosen: c copies the preferred e-mail, o writes to it.
        await pilot.press("c")
        assert app.clipboard == "anna@stripe.example"
        await pilot.press("o")
        assert opened == ["mailto:anna@stripe.example"]
        # The cursor on a phone: c copies the phone; o has nothing to open.
        contacts.focus()
        contacts.highlighted = 2
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard == "+49 170 1234567"
        await pilot.press("o")
        assert opened == ["mailto:anna@stripe.example"]
        contacts.highlighted = 4
        await pilot.press("o")
        assert opened[-1] == "https://anna.example"
        # Bob's page shows the relationship from the other side.
        bob = app.store.find_person("Bob Schulz")
        assert bob is not None
        await pilot.press("escape")
        await pilot.pause()
        app.open_person(bob.id)
        await pilot.pause()
        assert "Anna Müller · introduced by Bob Schulz" in text_of(app.screen, "#person-relations")


async def test_the_form_edits_contact_details_birthday_and_relationships(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rich_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_person(app, pilot, "Anna Müller")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#pf-emails", TextArea).text == "anna@example.org"
        form.query_one("#pf-phones", TextArea).text = "+49 170 1234567 (mobile) *\n030 123456 (work)"
        form.query_one("#pf-birthday", Input).value = "03-22"
        form.query_one("#pf-relationships", TextArea).text = "introduced by: Bob Schulz"
        form.query_one("#pf-given_name", Input).value = "Anna"
        form.query_one("#pf-family_name", Input).value = "Müller"
        form.query_one("#pf-birthday", Input).value = "soon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a date" in str(form.query_one("#pf-birthday-error", Static).render())
        form.query_one("#pf-birthday", Input).value = "03-22"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        anna = app.store.find_person("Anna Müller")
        bob = app.store.find_person("Bob Schulz")
        assert anna is not None and bob is not None
        assert [(p.number, p.kinds, p.preferred) for p in anna.phones] == [
            ("+49 170 1234567", ["cell"], True),
            ("030 123456", ["work"], False),
        ]
        assert anna.birthday == "--03-22" and (anna.given_name, anna.family_name) == ("Anna", "Müller")
        assert [(r.label, r.person_id) for r in anna.relationships] == [("introduced by", bob.id)]
        assert app.screen is screen and "introduced by Bob Schulz" in text_of(screen, "#person-relations")
