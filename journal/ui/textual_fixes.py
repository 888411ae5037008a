"""Work-arounds for bugs in the Textual version we pin (see pyproject.toml), applied on import.

Each one names the symptom and the test that shows it; drop it when Textual fixes the bug.
"""

from __future__ import annotations

import contextlib

from textual.screen import Screen
from textual.widgets import OptionList


def _option_list_pages_before_layout() -> None:
    """pageup/pagedown on an OptionList that has options but has not been laid out yet (shown a
    moment ago, e.g. the Due list filled by its worker and focused) raised KeyError: 0 and closed
    the app. Textual 8.2.8 builds the line index lazily, and not at all while the widget has no
    size; other moves (up, down, home, end) do not need it. Found by the monkey test;
    tests/reliability/test_regressions.py::test_page_keys_on_a_list_that_just_appeared."""
    original = OptionList._move_page
    if getattr(original, "_netjournal_fix", False):
        return

    def _move_page(self: OptionList, direction: int) -> None:  # type: ignore[misc]
        if not self.scrollable_content_region:
            return  # not laid out yet: there is no page to move by
        try:
            original(self, direction)  # type: ignore[arg-type]
        except KeyError:
            return

    _move_page._netjournal_fix = True  # type: ignore[attr-defined]
    OptionList._move_page = _move_page  # type: ignore[method-assign,assignment]


def _header_title_after_removal() -> None:
    """A screen with a Header that was closed right after it was opened (enter on a person, then
    a key that goes elsewhere, quickly) crashed the app: the Header's title watcher ran after its
    children were gone (NoMatches for HeaderTitle; Textual 8.2.8 only allows for NoScreen). Found by
    the monkey test; tests/reliability/test_regressions.py::test_a_page_closed_as_it_opens."""
    from textual.css.query import NoMatches
    from textual.dom import NoScreen
    from textual.events import Mount
    from textual.widgets import Header
    from textual.widgets._header import HeaderTitle

    if getattr(Header._on_mount, "_netjournal_fix", False):
        return

    def _on_mount(self: Header, _: Mount) -> None:
        async def set_title() -> None:
            with contextlib.suppress(NoScreen, NoMatches):  # the header was removed meanwhile
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

    _on_mount._netjournal_fix = True  # type: ignore[attr-defined]
    Header._on_mount = _on_mount  # type: ignore[method-assign]


def _remove_screens_once_mounted() -> None:
    """A screen closed while it was still opening (a dialog pushed and popped in the same moment,
    a page opened by enter and left by the next key) was taken apart while its compose and mount
    were running: its on_mount then found none of its widgets (NoMatches) and the app closed.
    Removing a closed screen now waits until it has finished mounting (at most two seconds).
    Found by the monkey test; tests/reliability/test_regressions.py::test_a_page_closed_as_it_opens."""
    import asyncio
    import contextlib

    from textual.app import App

    original = App._replace_screen
    if getattr(original, "_netjournal_fix", False):
        return

    async def _replace_screen(self: App[object], screen: Screen[object]) -> Screen[object]:
        if screen.is_running and not screen._mounted_event.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(screen._mounted_event.wait(), timeout=2)
        return await original(self, screen)

    _replace_screen._netjournal_fix = True  # type: ignore[attr-defined]
    App._replace_screen = _replace_screen  # type: ignore[method-assign]


def _broken_markup_shows_as_text() -> None:
    """Static, Label and most Textual widgets read a str as content markup, and a str that is not
    valid markup ("[/x]", "[/]") raised MarkupError while drawing and closed the app. Names, notes,
    search queries and the error messages that quote what was typed all reach such widgets, so
    one "[/" in a journal crashed a screen. Now text that is not valid markup is shown as it is.
    (Call sites that show what people typed should still pass Text or markup=False, so that
    "[b]" stays visible too.) Found by the monkey test;
    tests/reliability/test_regressions.py::test_text_that_looks_like_markup."""
    from textual.content import Content
    from textual.markup import MarkupError

    original = Content.from_markup.__func__  # type: ignore[attr-defined]
    if getattr(original, "_netjournal_fix", False):
        return

    def from_markup(cls: type[Content], markup: str | Content, **variables: object) -> Content:
        try:
            return original(cls, markup, **variables)  # type: ignore[no-any-return]
        except MarkupError:
            if isinstance(markup, str) and not variables:
                return cls(markup)
            raise

    from_markup._netjournal_fix = True  # type: ignore[attr-defined]
    Content.from_markup = classmethod(from_markup)  # type: ignore[method-assign,assignment]


def _palette_closed_while_searching() -> None:
    """The command palette searches in a worker. Closed while a search was running (a click
    outside it, escape, quitting), the search went on and then looked for the palette's list,
    which was gone: NoMatches in the worker, and the app closed. Now a search whose palette has
    closed stops quietly. Found by the monkey test (seed 1 at 120x36 ends with ctrl+p, "y" and a
    click outside the palette: it failed three runs out of three without this, passes with it;
    a shorter replay did not hit the timing)."""
    from textual import work
    from textual.command import CommandPalette
    from textual.css.query import NoMatches

    original = CommandPalette._gather_commands
    if getattr(original, "_netjournal_fix", False):
        return
    search = original.__wrapped__  # type: ignore[attr-defined]

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self: CommandPalette, search_value: str) -> None:
        try:
            await search(self, search_value)
        except NoMatches:
            if self.is_attached and self in self.app.screen_stack:
                raise  # still open: a real problem

    _gather_commands._netjournal_fix = True  # type: ignore[attr-defined]
    CommandPalette._gather_commands = _gather_commands  # type: ignore[method-assign]


def _palette_selects_once() -> None:
    """enter pressed again before the command palette had closed (fast fingers, key repeat) ran
    the selection again: the palette dismissed itself once more, which closed the screen under it,
    and a third time crashed the app (ScreenStackError). Now a palette that is no longer on the
    screen stack ignores further selections. Found by the monkey test;
    tests/reliability/test_regressions.py::test_enter_pressed_three_times_in_the_command_palette."""
    from textual.command import CommandPalette

    original = CommandPalette._select_or_command
    if getattr(original, "_netjournal_fix", False):
        return

    def _select_or_command(self: CommandPalette, event: object = None) -> None:
        if self not in self.app.screen_stack:
            if event is not None:
                event.stop()  # type: ignore[attr-defined]
            return
        original(self, event)  # type: ignore[arg-type]

    _select_or_command._netjournal_fix = True  # type: ignore[attr-defined]
    CommandPalette._select_or_command = _select_or_command  # type: ignore[method-assign,assignment]


_option_list_pages_before_layout()
_palette_closed_while_searching()
_palette_selects_once()
_broken_markup_shows_as_text()
_remove_screens_once_mounted()
_header_title_after_removal()
