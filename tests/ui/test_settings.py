"""Settings: active platforms (with rule 5's advice), default rhythm, skills, language, theme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.widgets import Input, Select, SelectionList, Static

from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.screens import settings as settings_module
from journal.ui.screens.settings import SettingsScreen
from tests.ui.conftest import SIZE, small_journal


async def open_settings(app: JournalApp, pilot) -> SettingsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("comma")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def test_settings_show_the_current_values(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        platforms = screen.query_one("#settings-platforms", SelectionList)
        assert platforms.selected == ["LinkedIn", "e-mail"]
        assert screen.query_one("#settings-cadence", Input).value == "42"
        assert str(screen.query_one("#settings-cadence-note", Static).render()) == "every 6 weeks"
        assert "2 active platforms: good." in str(screen.query_one("#settings-platform-advice", Static).render())
        assert screen.query_one("#settings-language", Select).value == ""


async def test_save_platforms_rhythm_skills_language_and_theme(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        platforms = screen.query_one("#settings-platforms", SelectionList)
        platforms.deselect("LinkedIn")
        platforms.select("Mastodon")
        new = screen.query_one("#settings-platform-new", Input)
        new.focus()
        await pilot.press(*"Codeberg", "enter")
        await pilot.pause()
        assert new.value == ""
        assert platforms.selected == ["e-mail", "Mastodon", "Codeberg"]
        screen.query_one("#settings-cadence", Input).value = "6 weeks"
        await pilot.pause()
        assert "not a number of days" in str(screen.query_one("#settings-cadence-note", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = screen.query_one("#settings-status", Static)
        assert status.has_class("-error") and app.store.settings.default_cadence_days == 42
        screen.query_one("#settings-cadence", Input).value = "30"
        screen.query_one("#settings-skills", Input).value = "Rust, public speaking, Rust"
        screen.query_one("#settings-language", Select).value = "de"
        other_theme = next(t for t in sorted(app.available_themes) if t != app.theme)
        screen.query_one("#settings-theme", Select).value = other_theme
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        settings = app.store.settings
        assert settings.active_platforms == ["e-mail", "Mastodon", "Codeberg"]
        assert settings.default_cadence_days == 30 and settings.skills == ["Rust", "public speaking"]
        assert settings.language == "de" and settings.theme == other_theme
        assert app.theme == other_theme
        assert str(status.render()) == "Saved."


async def test_a_theme_chosen_from_the_palette_is_remembered(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        other_theme = next(t for t in sorted(app.available_themes) if t != app.theme)
        app.theme = other_theme  # what the palette's theme picker does
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.settings.theme == other_theme


async def test_the_saved_theme_is_the_apps_from_the_start(make_app: Callable[..., JournalApp]) -> None:
    """Set before the first screen is styled (a theme set later styles every widget again), and
    starting with it saves nothing."""

    def fill(store: JournalStore) -> None:
        store.save_settings(replace(store.settings, theme="textual-light"))

    app = make_app(fill)
    assert app.theme == "textual-light"
    saved = app.store.settings
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == "textual-light" and app.current_theme.dark is False
        assert app.store.settings is saved


async def test_many_platforms_earn_a_gentle_word(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        platforms = screen.query_one("#settings-platforms", SelectionList)
        for name in ("XING", "Mastodon", "GitHub"):
            platforms.select(name)
        await pilot.pause()
        advice = screen.query_one("#settings-platform-advice", Static)
        assert advice.has_class("-warning") and "5 platforms are a lot" in str(advice.render())


async def test_platforms_your_people_use_are_offered(make_app: Callable[..., JournalApp]) -> None:
    from journal.model import Person

    def fill(store) -> None:  # type: ignore[no-untyped-def]
        small_journal(store)
        store.add_person(Person(name="Eve", platforms={"Matrix": "@eve:example.org"}))

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        platforms = screen.query_one("#settings-platforms", SelectionList)
        values = [platforms.get_option_at_index(i).value for i in range(platforms.option_count)]
        assert "Matrix" in values and "Matrix" not in platforms.selected


async def test_settings_are_saved_as_you_go(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_module, "SETTINGS_DEBOUNCE", 0.5)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        skills = screen.query_one("#settings-skills", Input)
        skills.focus()
        await pilot.press(*"Rust, tax")
        await pilot.pause()
        status = screen.query_one("#settings-status", Static)
        # Not on disk yet: "Saved." is never shown for something that is not saved.
        assert app.store.settings.skills == [] and str(status.render()) != "Saved."
        await pilot.pause(0.8)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.settings.skills == ["Rust", "tax"]
        assert str(status.render()) == "Saved."


async def test_leaving_the_screen_saves_what_was_typed(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#settings-cadence", Input).focus()
        await pilot.press("backspace", "backspace", *"30")
        await pilot.press("escape")  # leaves the field: the screen keys work again
        await pilot.pause()
        assert screen.focused is None
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.id == "history"
        assert app.store.settings.default_cadence_days == 30
        assert screen.query_one("#settings-cadence", Input).value == "30"  # no "h" typed into it


async def test_quitting_saves_pending_settings(make_app: Callable[..., JournalApp], journal_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#settings-skills", Input).value = "public speaking"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    from journal.store import JournalStore

    with JournalStore.open(journal_path, app.clock, readonly=True) as store:
        assert store.settings.skills == ["public speaking"]


async def test_an_invalid_setting_stops_the_first_quit_and_stays_as_typed(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_settings(app, pilot)
        cadence = screen.query_one("#settings-cadence", Input)
        cadence.value = "soon"
        screen.query_one("#settings-skills", Input).value = "Rust"  # valid: saved all the same
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and cadence.value == "soon"
        assert any("quit again to leave without it" in n.message for n in app._notifications)
        status = str(screen.query_one("#settings-status", Static).render())
        assert status.startswith("Not saved:")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    assert app.store.settings.default_cadence_days == 42 and app.store.settings.skills == ["Rust"]


async def test_tabbing_into_a_field_does_not_select_its_text(make_app: Callable[..., JournalApp]) -> None:
    def fill(store) -> None:  # type: ignore[no-untyped-def]
        small_journal(store)
        store.save_settings(replace(store.settings, skills=["Rust", "tax returns"]))

    app = make_app(fill)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#settings-cadence", Input).focus()
        await pilot.press("tab")
        await pilot.pause()
        skills = screen.query_one("#settings-skills", Input)
        assert screen.focused is skills
        await pilot.press("x")  # one key must not wipe the list
        assert skills.value == "Rust, tax returnsx"
