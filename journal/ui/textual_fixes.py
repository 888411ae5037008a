"""Work-arounds for bugs in the Textual we pin (8.2.8, see pyproject.toml), applied by JournalApp.

Only bugs of Textual itself are worked around here, each on the one method that has it, and only
once the app asks (:func:`apply`; importing this module changes nothing). Each is written up as
a report for upstream in docs/textual-fixes.md, and tests/ui/test_textual_fixes.py runs the
original method under :meth:`Fix.unpatched` and expects the bug: when a Textual upgrade makes a
canary fail, that bug is fixed upstream and its work-around can go.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from textual import work
from textual.app import App
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets._header import HeaderTitle


@dataclass
class Fix:
    """One work-around: ``owner.attribute`` replaced by what ``build`` makes of the original."""

    name: str
    owner: type
    attribute: str
    build: Callable[[Any], Any]
    original: Any = field(default=None, repr=False)

    def apply(self) -> None:
        if self.original is None:  # once, however many apps start
            self.original = self.owner.__dict__[self.attribute]
            setattr(self.owner, self.attribute, self.build(self.original))

    @contextlib.contextmanager
    def unpatched(self) -> Iterator[None]:
        """Textual's own method for a while (the canary tests)."""
        current = self.owner.__dict__[self.attribute]
        setattr(self.owner, self.attribute, self.original or current)
        try:
            yield
        finally:
            setattr(self.owner, self.attribute, current)


def _option_list_page_keys(original: Callable[[OptionList, int], None]) -> Callable[[OptionList, int], None]:
    """pageup/pagedown on an OptionList that has not been laid out (shown a moment ago) raise
    KeyError: its line index is built lazily, and not at all while the list has no size."""

    def _move_page(self: OptionList, direction: int) -> None:
        if self.scrollable_content_region:
            original(self, direction)
        # else: not laid out yet, so there is no page to move by

    return _move_page


def _option_list_lines_at_drawn_width(original: Callable[[OptionList], None]) -> Callable[[OptionList], None]:
    """An OptionList counts each option's wrapped lines once, at the width it has then, and counts
    again only when it is resized. A vertical scrollbar appearing (or going) narrows (or widens)
    the lines by its two columns without resizing the list: the options are then drawn at the new
    width into as many lines as they took at the old one, so a wrapped option loses its last line
    (or ends in a blank one), until something resizes the list."""
    counted_at: WeakKeyDictionary[OptionList, int] = WeakKeyDictionary()

    def _update_lines(self: OptionList) -> None:
        width = self.scrollable_content_region.width
        if width:
            if counted_at.get(self, width) != width:  # count every option again, as a resize does
                self._line_cache.clear()
                self._option_render_cache.clear()
            counted_at[self] = width
        original(self)

    return _update_lines


def _header_title_after_removal(original: Callable[[Header, Mount], None]) -> Callable[[Header, Mount], None]:
    """A Header removed right after it was mounted (its screen closed at once) still runs the title
    watcher it set up on mount, which raises NoMatches looking for its HeaderTitle (only NoScreen
    is allowed for)."""

    def _on_mount(self: Header, _: Mount) -> None:
        async def set_title() -> None:
            with contextlib.suppress(NoScreen, NoMatches):  # the header was removed meanwhile
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

    return _on_mount


def _palette_search_after_close(original: Any) -> Any:
    """The command palette searches in a worker; closed while a search runs, the search goes on,
    then looks for the palette's list, which is gone: NoMatches in the worker closes the app."""
    search = original.__wrapped__

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self: CommandPalette, search_value: str) -> None:
        try:
            await search(self, search_value)
        except NoMatches:
            if self.is_attached and self in self.app.screen_stack:
                raise  # still open: a real problem

    return _gather_commands


def _palette_selects_once(original: Callable[..., None]) -> Callable[..., None]:
    """enter pressed again before the command palette has closed (fast typing, key repeat) selects
    again: the palette dismisses itself once more, which closes the screen under it, and a third
    time raises ScreenStackError."""

    def _select_or_command(self: CommandPalette, event: Any = None) -> None:
        if self not in self.app.screen_stack:  # closed already
            if event is not None:
                event.stop()
            return
        original(self, event)

    return _select_or_command


def _replace_screen_once_mounted(original: Any) -> Any:
    """A screen popped while it is still mounting (pushed and popped at once, or a key that closes
    it right after the one that opened it) is removed mid-mount: its on_mount then finds none of
    its widgets (NoMatches) and the app closes. Removal now waits for the mount (at most 2 s)."""

    async def _replace_screen(self: App[object], screen: Screen[object]) -> Screen[object]:
        if screen.is_running and not screen._mounted_event.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(screen._mounted_event.wait(), timeout=2)
        return await original(self, screen)

    return _replace_screen


def _no_frame_while_batching(original: Callable[[Screen[object]], None]) -> Callable[[Screen[object]], None]:
    """A screen refreshed while the app batches its updates (as it does while it starts: the
    first screen is laid out inside that batch) renders a whole frame that App._display then
    throws away, and with it the screen's dirty regions. Now it is drawn once the batch is over."""

    def _compositor_refresh(self: Screen[object]) -> None:
        app = self.app
        if app._batch_count and not app.is_inline and self is app.screen:
            self._repaint_required = True  # the whole screen, at the next refresh after the batch
            app.call_later(self.refresh)  # (the app's own queue runs once the batch is over)
            return
        original(self)

    return _compositor_refresh


def _no_restyle_before_start(original: Callable[[App[object], str], None]) -> Callable[[App[object], str], None]:
    """A theme set before the app runs (so that the first styling uses it) also queued a restyle
    for when the app starts: every rule parsed again and every widget styled again, before the
    first frame. Before the app runs nothing is styled yet: the theme's colours go to the
    stylesheet at once (what the restyle would have begun with) and the restyle is left out."""

    def _watch_theme(self: App[object], theme_name: str) -> None:
        if self.is_running:
            original(self, theme_name)
            return
        queued = len(self._next_callbacks)
        original(self, theme_name)
        restyle = self.refresh_css
        self._next_callbacks[queued:] = [
            message
            for message in self._next_callbacks[queued:]
            if getattr(message.callback, "func", message.callback) != restyle
        ]
        self.stylesheet.set_variables(self.get_css_variables())

    return _watch_theme


FIXES: dict[str, Fix] = {
    fix.name: fix
    for fix in (
        Fix("option-list-page-keys", OptionList, "_move_page", _option_list_page_keys),
        Fix("option-list-lines-at-drawn-width", OptionList, "_update_lines", _option_list_lines_at_drawn_width),
        Fix("header-title-after-removal", Header, "_on_mount", _header_title_after_removal),
        Fix("palette-search-after-close", CommandPalette, "_gather_commands", _palette_search_after_close),
        Fix("palette-selects-once", CommandPalette, "_select_or_command", _palette_selects_once),
        Fix("replace-screen-once-mounted", App, "_replace_screen", _replace_screen_once_mounted),
        Fix("no-frame-while-batching", Screen, "_compositor_refresh", _no_frame_while_batching),
        Fix("no-restyle-before-start", App, "_watch_theme", _no_restyle_before_start),
    )
}


def apply() -> None:
    """Put every work-around in place (JournalApp does, when it is made)."""
    for fix in FIXES.values():
        fix.apply()
