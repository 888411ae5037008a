"""Work-arounds for bugs in the Textual version we pin (see pyproject.toml), applied on import.

Each one names the symptom and the test that shows it; drop it when Textual fixes the bug.
"""

from __future__ import annotations

from textual.await_complete import AwaitComplete
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


_option_list_pages_before_layout()


def _dismiss_only_itself() -> None:
    """Screen.dismiss pops whatever screen is on top. A dismiss that arrives late therefore closed
    the wrong screen: enter pressed twice in the command palette (the second dismissed the main
    screen under it, the third crashed with ScreenStackError), or a form whose save finished after
    the form was closed (InvalidStateError in the save worker: its result was set twice) or while
    help covered it (help closed, the form stayed). Now a screen no longer on the stack is not
    dismissed again, and one that is covered closes what covers it and then itself. Found by the
    monkey test; tests/reliability/test_regressions.py replays each case."""
    original = Screen.dismiss
    if getattr(original, "_netjournal_fix", False):
        return

    def dismiss(self: Screen[object], result: object = None) -> AwaitComplete:
        app = self.app
        if self not in app.screen_stack:
            return AwaitComplete.nothing()
        while app.screen is not self:
            app.pop_screen()
        return original(self, result)

    dismiss._netjournal_fix = True  # type: ignore[attr-defined]
    Screen.dismiss = dismiss  # type: ignore[method-assign,assignment]


_dismiss_only_itself()
