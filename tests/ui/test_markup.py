"""What people type is shown as typed on every screen and dialog, never read as Textual markup.

Textual reads a str given to Static, Label, Option … as content markup: "[b]x[/b]" would show a
bold x, and "[/x]" (not valid markup) crashed the app while drawing. Every place that shows user
text passes a rich Text or markup=False; these tests fill every field with markup-looking text
and look for it, literally, on each screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from journal.model import DayNote, Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from tests.ui.conftest import SIZE

TODAY = date(2026, 11, 29)
ADA = "Ada [b]B[/b]"  # bold "B" if read as markup
BO = "Bo [/x]"  # a crash if read as markup
DI = "Di [/due]"  # due a check-in
PLACE = "[i]Kiez[/i]"
SUMMARY = "said [b]hi[/b] [/]"


def markup_journal(store: JournalStore) -> None:
    settings = store.settings
    settings.skills = ["[b]Rust[/b]"]
    settings.active_platforms = ["[b]Mastodon[/b]"]
    store.save_settings(settings)
    ada = Person(
        id="id-ada",
        name=ADA,
        company="[/co]",
        role="[u]CTO[/u]",
        tags=["[t]"],
        aliases=["[/alias]"],
        common_ground="[b]cycling[/b]",
        needs="[b]Rust[/b]",
        offers="[i]tax[/i]",
        how_we_met="[/met]",
        notes="[/notes]",
        platforms={"e-mail": "[/mail]", "[/pf]": "ada"},
        cadence_days=7,
    )
    bo = Person(id="id-bo", name=BO, company="[@click=app.quit]Co[/]", offers="[b]Rust[/b]", cadence_days=7)
    di = Person(id="id-di", name=DI, needs="[i]tax[/i]", cadence_days=7)
    store.save(
        ada,
        bo,
        di,
        Encounter(date=TODAY - timedelta(days=30), person_ids=[di.id], summary="[b]long ago[/b]"),
        Encounter(
            date=TODAY,
            time="09:00",
            person_ids=[ada.id, bo.id],
            place=PLACE,
            summary=SUMMARY,
            gave="[/gave]",
            received="[/got]",
            tags=["[tag]"],
            by_chance=True,
        ),
        Encounter(date=TODAY - timedelta(days=30), person_ids=[ada.id], summary="[b]old[/b]"),
        Encounter(date=TODAY - timedelta(days=20), person_ids=[bo.id], summary="[/older]", direction="outreach"),
        DayNote(date=TODAY, text="[/note]"),
    )


def screen_text(app: JournalApp) -> str:
    """The characters on the current screen (or dialog), as drawn."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def app(make_app: Callable[..., JournalApp]) -> JournalApp:
    return make_app(markup_journal)


def shows(app: JournalApp, *texts: str) -> None:
    drawn = screen_text(app)
    missing = [t for t in texts if t not in drawn]
    assert not missing, f"{type(app.screen).__name__} does not show {missing} literally:\n{drawn}"


async def test_today_history_and_people(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shows(app, ADA, BO, PLACE, SUMMARY, "[/note]", DI)
        app.go("history")
        await settle(pilot)
        shows(app, ADA, BO, SUMMARY, "[b]old[/b]", "[/older]")
        app.go("people")
        await settle(pilot)
        shows(app, ADA, BO, "[/co]", "#[t]")
    assert app.return_code in (None, 0)


async def test_a_persons_page(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_person("id-ada")
        await settle(pilot)
        shows(app, ADA, "[b]cycling[/b]", "[/co]", "[u]CTO[/u]", "[/met]", "[/mail]", "[i]tax[/i]", "[b]Rust[/b]")
        shows(app, "[/notes]", SUMMARY, "[b]old[/b]", "[/alias]")
    assert app.return_code in (None, 0)


async def test_due_lucky_give_first_insights_and_settings(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.go("due")
        await settle(pilot)
        shows(app, DI, "[i]tax[/i]")
        app.go("lucky")
        await settle(pilot)
        shows(app, DI)
        await pilot.press("k")  # the chance log
        await settle(pilot)
        shows(app, SUMMARY)
        app.go("give-first")
        await settle(pilot)
        shows(app, ADA, BO, DI, "[b]Rust[/b]", "[i]tax[/i]")
        app.go("insights")
        await settle(pilot)
        app.go("settings")
        await settle(pilot)
        shows(app, "[b]Rust[/b]", "[/pf]", "[b]Mastodon[/b]")
        new_platform = app.screen.query_one("#settings-platform-new", Input)
        new_platform.focus()
        new_platform.value = "[i]Fedi[/i]"
        await pilot.press("enter")
        await pilot.pause()
        assert new_platform.value == ""  # taken into the list, where it shows as typed
        shows(app, "[i]Fedi[/i]")
    assert app.return_code in (None, 0)


async def test_quick_add_the_form_and_their_questions(app: JournalApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one(Input).value = "Cy [/y] @ [i]Bar[/i] !zz[/]: [b]hey[/b]; at: [/t]"
        await pilot.pause()
        shows(app, "Cy [/y]", "@ [i]Bar[/i]", "[b]hey[/b]", "!zz[/]", "“[/t]”")
        await pilot.press("enter")  # a new person: asked first
        await pilot.pause()
        shows(app, "Cy [/y]")
        await pilot.press("y")
        await settle(pilot)
        assert any("Cy [/y]" in n.message for n in app._notifications)
        await pilot.press("e")  # edit the highlighted encounter in the form
        await settle(pilot)
        shows(app, ADA, BO, PLACE, SUMMARY, "[/gave]", "[/got]", "#[tag]")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")  # delete: the question names the people
        await pilot.pause()
        shows(app, ADA, BO)
        await pilot.press("n")
        await settle(pilot)
    assert app.return_code in (None, 0)


async def test_dialogs_that_name_people(app: JournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.go("due")
        await settle(pilot)
        await pilot.press("s")  # snooze the highlighted person
        await pilot.pause()
        shows(app, f"Snooze {DI}")
        await pilot.press("escape")
        await settle(pilot)
        app.open_person("id-ada")
        await settle(pilot)
        await pilot.press("m")  # merge: pick the other record
        await settle(pilot)
        shows(app, ADA, BO)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"bo")
        await pilot.pause(0.3)
        await settle(pilot)
        shows(app, BO)
        await pilot.press("escape")
        await settle(pilot)
        from journal.ui.modals.import_file import ImportFileModal

        app.push_screen(ImportFileModal())
        await settle(pilot)
        await pilot.press(*"/nowhere/[/x].vcf", "enter")
        await settle(pilot)
        shows(app, "[/x].vcf")
    assert app.return_code in (None, 0)
