"""The Due screen (rule 6): the list, one-key logs, the give-them-time guard, snooze; and the
give-them-time note after a quick-add outreach."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, OptionList, Static

from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.snooze import SnoozeModal
from journal.ui.screens.due import DueScreen
from tests.ui.conftest import SIZE
from tests.ui.rules_journal import TODAY, demo_journal, rules_journal


async def open_due(app: JournalApp, pilot) -> DueScreen:  # type: ignore[no-untyped-def]
    app.go("due")
    await pilot.pause()
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, DueScreen)
    return screen


async def settle(app: JournalApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Let saves and the screens' loading workers finish (a save starts a reload)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def names(screen: DueScreen) -> list[str]:
    options = screen.query_one("#due-people", OptionList)
    if not options.display:
        return []
    return [str(options.get_option_at_index(i).prompt).split(" · ")[0] for i in range(options.option_count)]


def rows(screen: DueScreen) -> list[str]:
    options = screen.query_one("#due-people", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def person_id(app: JournalApp, name: str) -> str:
    person = app.store.find_person(name)
    assert person is not None
    return person.id


def highlight(screen: DueScreen, name: str) -> None:
    screen.query_one("#due-people", OptionList).highlighted = names(screen).index(name)


def last(store: JournalStore, pid: str):  # type: ignore[no-untyped-def]
    return store.encounters_with(pid)[-1]


async def test_the_due_list_is_most_overdue_first(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        assert names(screen) == ["Bob Schulz", "Anna Müller", "Emil Roth"]
        assert rows(screen) == [
            "Bob Schulz · last seen 4 weeks ago · every week",
            "Anna Müller · last seen 5 weeks ago · every 4 weeks",
            "Emil Roth · last seen 4 weeks ago · every 10 days · 1 message unanswered",
        ]
        heading = str(screen.query_one("#due-heading").render())
        assert "3 people due for a check-in" in heading
        # The highlighted person's details beside the list: rhythm and source, last contact.
        highlight(screen, "Anna Müller")
        await pilot.pause()
        detail = str(screen.query_one("#due-person", Static).render())
        assert "every 4 weeks (set by you)" in detail and "last in touch 5 weeks ago (met)" in detail
        assert "cycling" in detail and "a Rust mentor" in detail


async def test_d_opens_the_due_screen_from_other_screens(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DueScreen)


async def test_reaching_out_takes_the_person_off_the_due_list(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        highlight(screen, "Anna Müller")
        await pilot.press("o")
        await settle(app, pilot)
        anna = person_id(app, "Anna Müller")
        encounter = last(app.store, anna)
        assert (encounter.date, encounter.direction, encounter.channel) == (TODAY, "outreach", "message")
        assert encounter.summary == "Reached out"  # History shows what it was, not a blank row
        assert names(screen) == ["Bob Schulz", "Emil Roth"]
        assert any("you reached out to Anna Müller" in n.message for n in app._notifications)


async def test_we_met_logs_a_meeting_for_today(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        assert names(screen)[0] == "Bob Schulz"
        await pilot.press("m")
        await settle(app, pilot)
        encounter = last(app.store, person_id(app, "Bob Schulz"))
        assert (encounter.date, encounter.direction, encounter.channel) == (TODAY, "met", "in_person")
        assert encounter.summary == "Met"
        assert names(screen) == ["Anna Müller", "Emil Roth"]


async def test_reaching_out_again_at_once_shows_the_warning_after_quick_add(
    make_app: Callable[..., JournalApp],
) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        highlight(screen, "Anna Müller")
        await pilot.press("o")
        await settle(app, pilot)
        # A second message right away, from the quick-add box: saved, with a gentle note.
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Anna Müller !out: one more thing"
        await pilot.press("enter")
        await settle(app, pilot)
        anna = person_id(app, "Anna Müller")
        assert [e.direction for e in app.store.encounters_with(anna)][-2:] == ["outreach", "outreach"]
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert "You reached out to Anna Müller today and have not heard back yet" in warnings[0].message
        assert warnings[0].title == "Give them time"


async def test_quick_add_of_a_meeting_or_of_someone_due_brings_no_warning(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        for line in ("Carla Weiß: lunch", "Bob Schulz !out: how was the trip?"):
            await pilot.press("ctrl+n")
            await pilot.pause()
            app.screen.query_one(Input).value = line
            await pilot.press("enter")
            await settle(app, pilot)
        assert not [n for n in app._notifications if n.severity == "warning"]


async def test_snooze_takes_someone_off_the_due_list(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SnoozeModal)
        field = modal.query_one(Input)
        assert field.value == "14"
        assert "13 Dec 2026" in str(modal.query_one("#snooze-until", Static).render())
        await pilot.press("enter")
        await settle(app, pilot)
        bob = app.store.person(person_id(app, "Bob Schulz"))
        assert bob is not None and bob.snoozed_until == date(2026, 12, 13)
        assert names(screen) == ["Anna Müller", "Emil Roth"]


async def test_snooze_refuses_odd_numbers_and_can_be_cancelled(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, SnoozeModal)
        modal.query_one(Input).value = "9999"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal
        assert "at most 3650 days" in str(modal.query_one("#snooze-until", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and names(screen)[0] == "Bob Schulz"
        assert app.store.person(person_id(app, "Bob Schulz")).snoozed_until is None  # type: ignore[union-attr]


async def test_enter_opens_the_person(make_app: Callable[..., JournalApp]) -> None:
    from journal.ui.screens.person import PersonScreen

    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_due(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == person_id(app, "Bob Schulz")


async def test_nobody_due(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        assert names(screen) == []
        assert "Nobody is due a check-in today" in str(screen.query_one("#due-empty", Static).render())
        # The keys do nothing harmful on an empty list.
        await pilot.press("o", "m", "s")
        await settle(app, pilot)
        assert app.screen is screen and app.store.encounter_count() == 0


def test_due_snapshot(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_due(pilot.app, pilot)

    assert snap_compare(make_app(demo_journal), terminal_size=SIZE, run_before=open_it)


def test_snooze_snapshot(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def snooze(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_due(pilot.app, pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(make_app(rules_journal), terminal_size=SIZE, run_before=snooze)


async def test_the_rules_screens_listen_to_the_journal_once(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        for name in ("due", "lucky", "insights", "give-first"):
            app.go(name)
            await settle(app, pilot)
            assert len(app.changed_signal._subscriptions.get(app.get_screen(name), [])) == 1, name


async def test_due_shows_the_coming_weeks_follow_ups_and_birthdays_first(
    make_app: Callable[..., JournalApp],
) -> None:
    from journal.model import Encounter, Person

    def fill(store: JournalStore) -> None:
        rules_journal(store)
        eva = store.add_person(Person(name="Eva Braun"))
        store.save(Encounter(date=TODAY - date.resolution * 3, person_ids=[eva.id], follow_up=TODAY))
        store.add_person(Person(name="Jörg Weiß", birthday="1979-12-02"))
        store.add_person(Person(name="Later Larry", birthday="1979-12-20"))  # more than a week ahead

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        box = screen.query_one("#due-reminders")
        assert box.display
        assert str(box.query_one(".reminders-list", Static).render()).splitlines() == [
            "→ Follow up with Eva Braun today",
            "✱ Jörg Weiß's birthday in 3 days (turns 47)",
        ]
        assert names(screen) == ["Bob Schulz", "Anna Müller", "Emil Roth"]  # the due list as before


async def test_due_without_follow_ups_or_birthdays_shows_no_coming_up_box(
    make_app: Callable[..., JournalApp],
) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_due(app, pilot)
        assert not screen.query_one("#due-reminders").display
