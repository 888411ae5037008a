"""Canaries for journal/ui/textual_fixes.py: each bug reproduced on a bare Textual app.

For every work-around, the same minimal reproduction runs twice: with Textual's own method
(``unpatched``), where it must still fail as reported in docs/textual-fixes.md, and with the
work-around, where it must not. When a Textual upgrade fixes a bug, its "unpatched" canary fails:
drop that work-around (and its write-up).
"""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator

import pytest
from textual import events
from textual.app import App, ComposeResult, ScreenStackError
from textual.color import Color
from textual.command import CommandPalette, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Input, Label, OptionList, Static
from textual.worker import WorkerFailed

from journal.ui import textual_fixes

Scenario = Callable[[Pilot[None]], Awaitable[None]]
# The unpatched Header canary leaves its title watcher's coroutine behind: that is the bug.
pytestmark = pytest.mark.filterwarnings("ignore:coroutine .*set_title.* was never awaited:RuntimeWarning")


@pytest.fixture(autouse=True)
def _collect_what_the_bugs_leave() -> Iterator[None]:
    yield
    gc.collect()  # here, under the filter above, not in whichever test runs next


@pytest.fixture(params=["unpatched", "patched"])
def patched(request: pytest.FixtureRequest) -> Iterator[Callable[[str], bool]]:
    """``patched(name)``: put that fix in place (or take it out) for this test; True if in place."""
    stack: list[object] = []

    def use(name: str) -> bool:
        fix = textual_fixes.FIXES[name]
        fix.apply()
        if request.param == "unpatched":
            context = fix.unpatched()
            context.__enter__()
            stack.append(context)
        return request.param == "patched"

    yield use
    for context in reversed(stack):
        context.__exit__(None, None, None)  # type: ignore[attr-defined]


async def run(app: App[None], scenario: Scenario) -> None:
    async with app.run_test() as pilot:
        await scenario(pilot)
        await pilot.pause(0.2)


class Main(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("main")


class Hello(Provider):
    async def search(self, query: str) -> Hits:
        yield Hit(1, self.matcher(query).highlight("Hello there"), lambda: None)


class PaletteApp(App[None]):
    COMMANDS = {Hello}  # noqa: RUF012  (Textual's own class attribute)

    def on_mount(self) -> None:
        self.push_screen(Main())


def test_importing_changes_nothing_and_the_app_applies_every_fix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Textual is patched when a JournalApp is made, not when a module is imported (run in a fresh
    interpreter: in this one, earlier tests have made apps)."""
    script = f"""
from datetime import datetime, UTC
from journal.clock import FixedClock
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui import textual_fixes

fixes = textual_fixes.FIXES.values()
assert all(fix.original is None for fix in fixes), "patched on import"
clock = FixedClock(datetime(2026, 11, 29, tzinfo=UTC))
with JournalStore.open({str(tmp_path / "journal.json")!r}, clock) as store:
    JournalApp(store, clock)
for fix in fixes:
    assert fix.original is not None and fix.owner.__dict__[fix.attribute] is not fix.original, fix.name
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


async def test_option_list_page_keys_before_layout(patched: Callable[[str], bool]) -> None:
    """pagedown on an OptionList with options and a highlight that has no size yet (hidden, or
    shown a moment ago): KeyError from the line index, which is only built once laid out."""
    fixed = patched("option-list-page-keys")

    class ListApp(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*[f"option {i}" for i in range(50)])

        def on_mount(self) -> None:
            options = self.query_one(OptionList)
            options.display = False
            options.highlighted = 3
            options.action_page_down()

    async def nothing(pilot: Pilot[None]) -> None:
        await pilot.pause()

    if fixed:
        await run(ListApp(), nothing)
    else:
        with pytest.raises(KeyError):
            await run(ListApp(), nothing)


async def test_option_list_lines_counted_at_the_width_drawn(patched: Callable[[str], bool]) -> None:
    """Options added to an OptionList until it scrolls were counted at the width it had before its
    scrollbar took two columns: each option that wraps once more at the narrower width is drawn
    without its last line."""
    fixed = patched("option-list-lines-at-drawn-width")

    class ListApp(App[None]):
        CSS = "OptionList { width: 40; height: 8; }"  # 36 columns for the options, 34 with the scrollbar

        def compose(self) -> ComposeResult:
            yield OptionList("first")

    def screen_text(app: App[None]) -> str:
        return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

    app = ListApp()
    async with app.run_test() as pilot:
        options = app.query_one(OptionList)
        options.add_options(["a" * 30 + f" end{i}" for i in range(10)])  # one line in 36 columns, two in 34
        await pilot.pause()
        assert options.show_vertical_scrollbar
        assert ("end0" in screen_text(app)) is fixed


async def test_header_removed_as_it_mounts(patched: Callable[[str], bool]) -> None:
    """A screen with a Header pushed and popped at once: the Header's title watcher, set up on
    mount, runs after its HeaderTitle is gone and raises NoMatches (only NoScreen is caught)."""
    fixed = patched("header-title-after-removal")

    class Page(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()

    class HeaderApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Page())
            self.pop_screen()

    async def nothing(pilot: Pilot[None]) -> None:
        await pilot.pause()

    if fixed:
        await run(HeaderApp(), nothing)
    else:
        with pytest.raises(NoMatches, match="HeaderTitle"):
            await run(HeaderApp(), nothing)


async def test_palette_search_after_it_was_dismissed(patched: Callable[[str], bool]) -> None:
    """A key typed just before the palette was dismissed (a click outside it, escape) reaches it
    as Input.Changed after the dismissal: the search it starts finds no CommandList (NoMatches in
    the worker closes the app)."""
    fixed = patched("palette-search-after-close")

    async def type_after_dismissing(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        await asyncio.sleep(0)  # one turn of the event loop: the palette is closing, not closed
        assert palette.post_message(Input.Changed(palette.query_one(Input), "hel"))

    if fixed:
        await run(PaletteApp(), type_after_dismissing)
    else:
        with pytest.raises(WorkerFailed, match="CommandList"):
            await run(PaletteApp(), type_after_dismissing)


async def test_palette_enter_pressed_again_before_it_closed(patched: Callable[[str], bool]) -> None:
    """enter three times in quick succession on a highlighted command: each selects again, so the
    palette dismisses itself again, closing the screen below, then raising ScreenStackError."""
    fixed = patched("palette-selects-once")

    async def enter_thrice(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p", *"hel")
        await pilot.pause(0.3)
        app = pilot.app
        for _ in range(3):  # queued at once, as key repeat sends them
            key = events.Key("enter", "\r")
            key.set_sender(app)
            assert app._driver is not None
            app._driver.send_message(key)
        await pilot.pause(0.3)
        stack.extend(type(s).__name__ for s in app.screen_stack)

    stack: list[str] = []
    app = PaletteApp()
    if fixed:
        await run(app, enter_thrice)
        assert stack == ["Screen", "Main"]
    else:
        with pytest.raises(ScreenStackError):
            await run(app, enter_thrice)


async def test_screen_popped_while_it_mounts(patched: Callable[[str], bool]) -> None:
    """A dialog pushed and popped in one key handler is removed while it mounts: its on_mount
    finds none of its widgets (NoMatches)."""
    fixed = patched("replace-screen-once-mounted")

    class Dialog(ModalScreen[None]):
        def compose(self) -> ComposeResult:
            with Vertical():
                yield Static("Sure?")
                with Horizontal():
                    yield Button("No", id="no")
                    yield Button("Yes", id="yes")

        def on_mount(self) -> None:
            self.query_one("#yes", Button).focus()

    class DialogApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("main")

        def key_x(self) -> None:
            self.push_screen(Dialog())
            self.pop_screen()

    async def open_and_close(pilot: Pilot[None]) -> None:
        await pilot.press("x")

    if fixed:
        await run(DialogApp(), open_and_close)
    else:
        with pytest.raises(NoMatches, match="#yes"):
            await run(DialogApp(), open_and_close)


async def test_no_frame_is_rendered_to_be_thrown_away(patched: Callable[[str], bool]) -> None:
    """The first screen, pushed from on_mount, is laid out while the app still batches its start-up:
    its whole first frame was rendered, then dropped by App._display. It is drawn once, after."""
    fixed = patched("no-frame-while-batching")
    thrown: list[object] = []

    class StartApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Main())

        def _display(self, screen: Screen[object], renderable: object) -> None:
            if self._batch_count and renderable is not None:
                thrown.append(renderable)
            super()._display(screen, renderable)  # type: ignore[arg-type]

    app = StartApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Main)
        assert "main" in "\n".join(strip.text for strip in app.screen._compositor.render_strips())
    assert bool(thrown) is not fixed


async def test_a_theme_set_before_the_app_runs_restyles_nothing(patched: Callable[[str], bool]) -> None:
    """A theme chosen in __init__ (so that the first styling uses it) queued a restyle for the
    start: every rule parsed again, every widget styled again, before the first frame."""
    from textual.css.stylesheet import Stylesheet

    fixed = patched("no-restyle-before-start")
    reparsed: list[str] = []

    class ThemedApp(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.theme = "nord"

        def compose(self) -> ComposeResult:
            yield Label("themed")

    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append("again")
        reparse(self)

    app = ThemedApp()
    Stylesheet.reparse = counted  # type: ignore[method-assign]
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            theme = app.current_theme
            assert theme.name == "nord" and theme.background is not None
            assert app.screen.styles.background == Color.parse(theme.background)  # styled with it
            app.theme = "textual-light"  # (once it runs, a new theme restyles as before)
            await pilot.pause()
    finally:
        Stylesheet.reparse = reparse  # type: ignore[method-assign]
    assert reparsed == (["again"] if fixed else ["again", "again"])
