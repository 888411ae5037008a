"""Every screen and dialog at 80×24 and 120×36, in English and German: one snapshot each.

The journal is the demo one (40 people, 300 encounters), written in the language shown, so the
pictures show what a user of that language sees: long German labels, long names, full lists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from journal import demo, i18n
from journal.store import JournalStore
from journal.ui.app import JournalApp
from tests.ui.rules_journal import TODAY

SCREENS = (
    "today",
    "people",
    "person",
    "history",
    "due",
    "lucky",
    "insights",
    "give-first",
    "settings",
    "help",
    "quick-add",
    "encounter-form",
)
SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
QUICK_ADD = {
    "en": "Anna Müller, Bob @ Café Kranzler #rust !event: talked about Rust; gave: intro to Carla",
    "de": "Anna Müller, Bob @ Café Kranzler #rust !veranstaltung: über Rust geredet; gab: Kontakt zu Carla",
}


def fill(language: str, store: JournalStore) -> None:
    demo.generate(store, people=40, encounters=300, seed=5, today=TODAY, language=language)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until no worker is left: a screen's loading starts once it is mounted, after the call that
    shows it, and one load can lead to another (Lucky records its pick, and the save reloads)."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not list(pilot.app.workers):
            return
    raise AssertionError(f"still working: {list(pilot.app.workers)}")


async def show(pilot, screen: str, language: str) -> None:  # type: ignore[no-untyped-def]
    app: JournalApp = pilot.app
    if screen == "person":
        anna = app.store.find_person("Anna Müller")
        assert anna is not None
        app.open_person(anna.id)
    elif screen == "help":
        app.action_help()
    elif screen == "quick-add":
        await pilot.press("ctrl+n")
        await pilot.pause()
        for char in QUICK_ADD[language]:
            await pilot.press(char)
    elif screen == "encounter-form":
        today = sorted(app.store.encounters_on(TODAY), key=lambda e: (e.time or "", e.created))
        app.open_encounter_form(encounter=today[0])
    else:
        app.go(screen)
    await settle(pilot)
    for widget in app.screen.query("*"):  # a blinking cursor is on or off by timing
        if hasattr(widget, "cursor_blink"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_at_both_sizes_in_both_languages(
    snap_compare: Callable[..., bool],
    make_app: Callable[..., JournalApp],
    screen: str,
    size: str,
    language: str,
) -> None:
    i18n.set_language(language)
    app = make_app(partial(fill, language))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=lambda pilot: show(pilot, screen, language))


# What was seen cut at 80×24, checked on the widgets themselves (the snapshots show the rest).


async def test_nothing_seen_cut_at_80_columns_is_cut(make_app: Callable[..., JournalApp]) -> None:
    from textual.widgets import Label, Static

    i18n.set_language("de")  # the longer labels
    app = make_app(partial(fill, "de"))
    async with app.run_test(size=(80, 24)) as pilot:
        for screen, selector in (("due", "#due-heading"), ("give-first", "#intro-heading")):
            app.go(screen)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            label = app.screen.query_one(selector, Label)
            shown = str(label.render())
            # The whole heading is on screen: it wraps within its pane instead of being cut.
            assert label.size.width * label.size.height >= len(shown) > 0, (screen, shown, label.size)
        app.go("history")
        await pilot.pause()
        for label in app.screen.query(".filter-label").results(Label):
            assert label.size.width >= len(str(label.render())), str(label.render())
        app.go("insights")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for selector in ("#occasions-box", "#giving-box"):
            box = app.screen.query_one(selector, Static)
            lines = box.content.build(box.content_size.width).plain.splitlines()  # type: ignore[union-attr]
            bars = [line for line in lines if "█" in line]
            assert bars and all(len(line) <= box.content_size.width for line in bars), (selector, lines)
