"""The Lucky screen (rule 7): today's pick, reroll, reached out, not now, the guard, the chance log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from journal import lucky, pacing
from journal.clock import FixedClock
from journal.model import Encounter
from journal.store import JournalError, JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.give_them_time import GiveThemTimeModal
from journal.ui.screens.due import DueScreen
from journal.ui.screens.lucky import LuckyScreen
from tests.ui.conftest import SIZE
from tests.ui.rules_journal import TODAY, demo_journal, rules_journal
from tests.ui.test_due import names as due_names
from tests.ui.test_due import settle

SEED = 1  # make_app's JournalApp(seed=1)


async def open_lucky(app: JournalApp, pilot) -> LuckyScreen:  # type: ignore[no-untyped-def]
    await pilot.press("l")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, LuckyScreen)
    return screen


def shown(screen: LuckyScreen) -> str:
    return str(screen.query_one("#lucky-name", Static).render()).splitlines()[0]


def expected(store: JournalStore, reroll: int, earlier: list[str]) -> str:
    """The pick the domain makes for this reroll, given who was shown before today."""
    pick = lucky.todays_pick_from(
        store.people(), store.encounters_by_person(), store.settings, TODAY, reroll, seed=SEED, shown=earlier or None
    )
    assert pick is not None
    return pick.person.name


async def test_lucky_shows_todays_pick_with_reason_and_opener(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        name = shown(screen)
        assert name == lucky.todays_pick(app.store, TODAY, seed=SEED).person.name  # type: ignore[union-attr]
        state = screen.loaded.state  # type: ignore[union-attr]
        assert state.pick is not None
        assert state.pick.reason in str(screen.query_one("#lucky-reason", Static).render())
        assert state.pick.opener in str(screen.query_one("#lucky-opener", Static).render())
        # The pick shown is recorded, so that a restart shows it again.
        assert [(p.person_id, p.outcome, p.reroll) for p in app.store.lucky_picks()] == [
            (state.pick.person.id, "shown", 0)
        ]


async def test_c_copies_the_suggested_first_line(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        state = screen.loaded.state  # type: ignore[union-attr]
        assert state.pick is not None
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == state.pick.opener
        assert app.screen is screen  # copying moves nowhere
        # The chance log moved to k.
        await pilot.press("k")
        await pilot.pause()
        assert screen.focused is screen.query_one("#chance-log", OptionList)


async def test_reroll_changes_the_pick_and_a_restart_keeps_it(
    make_app: Callable[..., JournalApp], journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        first = shown(screen)
        assert first == expected(app.store, 0, [])
        await pilot.press("r")
        await settle(app, pilot)
        second = shown(screen)
        first_id = app.store.find_person(first).id  # type: ignore[union-attr]
        assert second != first and second == expected(app.store, 1, [first_id])
        await pilot.press("r")
        await settle(app, pilot)
        third = shown(screen)
        assert third not in (first, second)
        assert [p.reroll for p in app.store.lucky_picks()] == [0, 1, 2]
        assert "rerolled 2 times" in str(screen.query_one("#lucky-odds", Static).render())
    app.store.close()
    # Restart on the same journal: the day's latest pick comes back, and nothing new is recorded.
    again = JournalApp(JournalStore.open(journal_path, clock), clock, seed=SEED, animations=False)
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_lucky(again, pilot)
        assert shown(screen) == third
        assert [p.reroll for p in again.store.lucky_picks()] == [0, 1, 2]
    again.store.close()


async def test_reached_out_logs_an_outreach_in_one_key(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        name = shown(screen)
        assert name == "Bob Schulz"  # the most overdue is today's pick with this seed
        await pilot.press("o")
        await settle(app, pilot)
        bob = app.store.find_person(name)
        assert bob is not None
        encounter = app.store.encounters_with(bob.id)[-1]
        assert (encounter.date, encounter.direction, encounter.channel, encounter.lucky) == (
            TODAY,
            "outreach",
            "message",
            True,
        )
        assert [p.outcome for p in app.store.lucky_picks()] == ["shown", "reached_out"]
        # Still shown, marked as done; and Bob has left the due list.
        assert shown(screen) == name
        assert "You reached out today" in str(screen.query_one("#lucky-outcome", Static).render())
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DueScreen) and name not in due_names(app.screen)
        assert pacing.status_for(app.store, bob, TODAY).awaiting_reply


async def test_reaching_out_again_at_once_is_not_logged_twice(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        await open_lucky(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        assert sum(1 for e in app.store.encounters() if e.direction == "outreach") == 2  # Emil's + Bob's
        assert any("Already logged today" in n.message for n in app._notifications)


async def test_the_guard_warns_before_logging_and_never_blocks(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        bob = app.store.find_person(shown(screen))
        assert bob is not None
        # Meanwhile a message to Bob was logged elsewhere (quick-add, another screen).
        app.store.save(Encounter(date=TODAY, person_ids=[bob.id], direction="outreach", channel="email"))
        await settle(app, pilot)
        assert shown(screen) == bob.name  # the day's pick stays
        await pilot.press("o")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, GiveThemTimeModal)
        assert "have not heard back yet" in str(modal.query_one("#question", Static).render())
        await pilot.click("#no")  # "Not yet"
        await settle(app, pilot)
        assert len(app.store.encounters_with(bob.id)) == 2
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, GiveThemTimeModal)
        await pilot.press("enter")  # "Log it anyway" has the focus
        await settle(app, pilot)
        assert len(app.store.encounters_with(bob.id)) == 3
        assert app.store.lucky_picks()[-1].outcome == "reached_out"


async def test_not_now_records_no_penalty_and_moves_on(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        first = shown(screen)
        person = app.store.find_person(first)
        assert person is not None
        weight = lucky.weight(person, app.store.encounters_with(person.id), app.store.settings, TODAY)
        count = app.store.encounter_count()
        await pilot.press("n")
        await settle(app, pilot)
        assert [(p.person_id, p.outcome) for p in app.store.lucky_picks()][:2] == [
            (person.id, "shown"),
            (person.id, "not_now"),
        ]
        assert app.store.encounter_count() == count
        assert lucky.weight(person, app.store.encounters_with(person.id), app.store.settings, TODAY) == weight
        assert shown(screen) != first
        assert any("No harm done" in n.message for n in app._notifications)


async def test_nobody_to_suggest(make_app: Callable[..., JournalApp]) -> None:
    def seen_today(store: JournalStore) -> None:
        rules_journal(store)
        store.save(*(Encounter(date=TODAY, person_ids=[p.id]) for p in store.people()))

    app = make_app(seen_today)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        assert shown(screen) == "No lucky encounter today"
        assert "Trust chance tomorrow" in str(screen.query_one("#lucky-reason", Static).render())
        await pilot.press("o", "n", "r")
        await settle(app, pilot)
        assert app.store.lucky_picks() == []


async def test_the_chance_log_lists_chance_and_lucky_encounters(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        log = screen.query_one("#chance-log", OptionList)
        assert log.option_count == 1 and "Carla Weiß" in str(log.get_option_at_index(0).prompt)
        assert "Chance log · 1 encounter" in str(screen.query_one("#chance-heading").render())
        await pilot.press("o")
        await settle(app, pilot)
        assert log.option_count == 2
        top = str(log.get_option_at_index(0).prompt)
        assert "Bob Schulz" in top and "lucky encounter" in top


async def test_the_chance_log_drawn_with_a_pick_already_counts_it(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pick is recorded before the chance log is read, so every log drawn with a pick lists
    what followed it (a coffee planned with them) at once, on opening and after a reroll; read
    first, the log left the pick out until a later reload, and a snapshot showed either."""

    def coffee_planned_with_everyone(store: JournalStore) -> None:
        rules_journal(store)
        # Plans, not contact: the day's picks stay the same.
        store.save(
            *(Encounter(date=TODAY + timedelta(days=3), person_ids=[p.id], summary="coffee") for p in store.people())
        )

    drawn: list[tuple[str, list[str]]] = []  # (the pick shown, whose picks the chance log counts)
    show_chances = LuckyScreen._show_chances

    def spy(screen: LuckyScreen, entries: list[lucky.ChanceEntry]) -> None:
        assert screen.loaded is not None and screen.loaded.state.pick is not None
        drawn.append((screen.loaded.state.pick.person.id, [e.pick.person_id for e in entries if e.pick]))
        show_chances(screen, entries)

    monkeypatch.setattr(LuckyScreen, "_show_chances", spy)
    app = make_app(coffee_planned_with_everyone)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        assert drawn and all(d == ("id-bob", ["id-bob"]) for d in drawn), drawn
        log = screen.query_one("#chance-log", OptionList)
        top = str(log.get_option_at_index(0).prompt)
        assert "Bob Schulz" in top and "after a lucky pick" in top
        drawn.clear()
        await pilot.press("r")
        await settle(app, pilot)
        second = app.store.find_person(shown(screen))
        assert second is not None and second.id != "id-bob"
        assert drawn and all(
            (pick, sorted(logged)) == (second.id, sorted(["id-bob", second.id])) for pick, logged in drawn
        )
        assert log.option_count == 3  # Carla by chance, and the coffees after both picks


async def test_a_pick_that_cannot_be_recorded_is_shown_and_said_once(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    tries: list[str] = []

    def disk_full(store: JournalStore, state: lucky.LuckyToday) -> lucky.LuckyToday:
        tries.append(state.pick.person.id if state.pick else "")
        raise JournalError("The disk is full.")

    monkeypatch.setattr(lucky, "record_shown", disk_full)
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        assert shown(screen) == "Bob Schulz"
        app.store.save(Encounter(date=TODAY, person_ids=["id-carla"]))  # a reload
        await settle(app, pilot)
        assert tries == ["id-bob"] and app.store.lucky_picks() == []
        assert [n.message for n in app._notifications if n.title == "Not saved"] == ["The disk is full."]


async def test_chance_log_entries_keep_their_width_when_the_list_starts_to_scroll(
    make_app: Callable[..., JournalApp],
) -> None:
    """The list measures each entry's wrapped height once; had a scrollbar appearing afterwards
    narrowed the lines, each wrapped entry would lose its last line (seen at 80×24)."""
    app = make_app(rules_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lucky(app, pilot)
        log = screen.query_one("#chance-log", OptionList)
        assert not log.show_vertical_scrollbar
        width = log.scrollable_content_region.width
        app.store.save(
            *(Encounter(date=TODAY - timedelta(days=n), person_ids=["id-carla"], by_chance=True) for n in range(1, 30))
        )
        await settle(app, pilot)
        assert log.option_count == 30 and log.show_vertical_scrollbar
        assert log.scrollable_content_region.width == width


def test_lucky_snapshot(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_lucky(pilot.app, pilot)

    assert snap_compare(make_app(demo_journal), terminal_size=SIZE, run_before=open_it)


def test_lucky_reached_out_snapshot(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def reach_out(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_lucky(pilot.app, pilot)
        await pilot.press("o")
        await settle(pilot.app, pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(rules_journal), terminal_size=SIZE, run_before=reach_out)


async def test_the_command_line_shows_and_logs_the_pick_the_app_shows(
    make_app: Callable[..., JournalApp], journal_path: Path
) -> None:
    """`netjournal lucky` prints the person on the Lucky screen after its rerolls (also while the
    app is open), and `lucky --reached-out` logs that very person, which the app then shows."""
    import io

    from journal.cli import main

    def cli(*args: str) -> list[str]:
        out = io.StringIO()
        assert main(["--db", str(journal_path), *args, "--seed", str(SEED)], clock=app.clock, out=out) == 0
        return out.getvalue().splitlines()

    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        for _ in range(2):
            await pilot.press("r")
            await settle(app, pilot)
        on_screen = shown(screen)
        assert screen.loaded is not None and screen.loaded.state.reroll == 2
        assert cli("lucky")[0] == on_screen
    app.store.close()
    logged = cli("lucky", "--reached-out")
    assert logged[0] == on_screen and logged[-1] == f"Logged: you reached out to {on_screen} today."
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_lucky(app, pilot)
        assert shown(screen) == on_screen
        assert "You reached out today" in str(screen.query_one("#lucky-outcome", Static).render())
