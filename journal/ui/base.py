"""Shared pieces for every screen: translated key descriptions, refresh on change, save results."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer

from journal.i18n import N_, _
from journal.store import Change
from journal.ui.saving import SaveResults

# The header's icon: one that common terminal fonts and the SVG screenshots' font both have
# (Textual's default ⭘ shows as a missing-glyph box in many of them).
HEADER_ICON = "◆"

if TYPE_CHECKING:
    from journal.ui.app import JournalApp

ResultT = TypeVar("ResultT")  # what a dialog dismisses with


def translate_bindings(node: DOMNode) -> None:
    """BINDINGS hold English msgids; show them in the language chosen at start-up."""
    bindings = node._bindings
    bindings.key_to_bindings = {
        key: [
            replace(
                b,
                description=_(b.description) if b.description else "",
                tooltip=_(b.tooltip) if b.tooltip else "",
                # Letters that stand for a word ("y" for yes is "j" in German) are translated too.
                key_display=_(b.key_display) if b.key_display and b.key_display.isalpha() else b.key_display,
            )
            for b in group
        ]
        for key, group in bindings.key_to_bindings.items()
    }


# Textual's widgets that take typed input or choices: escape leaves them before it leaves the
# screen. By name, so that start-up does not import the ones its first screen does not use.
FIELDS = frozenset({"Input", "TextArea", "Select", "SelectionList", "Checkbox", "Switch", "RadioSet"})


# Where a letter types itself.
TEXT_FIELDS = frozenset({"Input", "TextArea"})


def _is_one_of(node: DOMNode | None, names: frozenset[str]) -> bool:
    return node is not None and any(
        cls.__name__ in names and cls.__module__.startswith("textual.widgets.") for cls in type(node).__mro__
    )


def is_field(node: DOMNode) -> bool:
    return _is_one_of(node, FIELDS)


def is_text_field(node: DOMNode | None) -> bool:
    return _is_one_of(node, TEXT_FIELDS)


def in_field(widget: Widget | None) -> bool:
    """Is ``widget`` a field, or inside one (a Select's open list)?"""
    return widget is not None and any(is_field(node) for node in widget.ancestors_with_self)


class JournalScreen(SaveResults, Screen[None]):
    """A full screen over the journal; ``refresh_data`` runs when the journal changes.

    `u` takes back the last change made from any screen (the app's binding, JournalApp.action_undo);
    screens that make changes show the key in their footer with a binding of their own.

    Once per save (a save notifies once with all its records), and only while the screen is shown
    (also under a dialog); a hidden screen marks itself stale and refreshes when it is shown again.

    Escape is the same everywhere: it leaves a field first (focus goes to ``home_focus``), then goes
    back one screen (JournalApp.back); Today, the root, has nowhere to go back to.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="back", tooltip=N_("Leave the field, then go back one screen")),
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)
        # Stale until first shown: screens load their data when they are first resumed.
        self._journal_stale = True
        self._refreshed_day: date | None = None

    @property
    def japp(self) -> JournalApp:
        return cast("JournalApp", self.app)

    def on_mount(self) -> None:
        # Textual runs every class's on_mount, so a subclass calling super().on_mount() would
        # subscribe twice and refresh twice per change: subscribe once.
        if not getattr(self, "_subscribed", False):
            self._subscribed = True
            self._refreshed_day = self.japp.clock.today()
            self.japp.changed_signal.subscribe(self, self._on_journal_changed)

    def _on_journal_changed(self, change: Change) -> None:
        if self.is_current:
            self._refresh_now()
        else:
            self._journal_stale = True

    def on_screen_resume(self) -> None:
        # Shown again: catch up with saves made meanwhile, or with a new day (dates read relative
        # to today); otherwise what it shows is still right.
        if self._journal_stale or self._refreshed_day != self.japp.clock.today():
            self._refresh_now()

    def _refresh_now(self) -> None:
        self._journal_stale = False
        self._refreshed_day = self.japp.clock.today()
        self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the store (cheap: it is all in memory)."""

    # ------------------------------------------------------------ escape

    def home_focus(self) -> Widget | None:
        """Where the keys go when escape leaves a field: the screen's list, or nowhere (None),
        so that the letter keys (t, h, p …) work again."""
        return None

    def action_back(self) -> None:
        if in_field(self.focused):
            home = self.home_focus()
            if home is not None and home.display and home.focusable and not in_field(home):
                home.focus()
            else:
                self.set_focus(None)
            return
        self.japp.back(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the root screen with no field to leave, escape has nothing to do: not in the footer.
        if action == "back":
            return in_field(self.focused) or self.japp.can_go_back(self)
        return True


class JournalModal(SaveResults, ModalScreen[ResultT]):
    """A dialog. Each has its own footer with its own keys (added here when ``compose`` yields
    none), not the footer of the screen behind it."""

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        from journal.ui.widgets.footer import JournalFooter

        if not any(isinstance(widget, Footer) for widget in widgets):
            widgets.append(JournalFooter())
        await super().mount_composed_widgets(widgets)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        translate_bindings(self)
        self._close_with: list[ResultT | None] = []

    def close(self, result: ResultT | None = None) -> None:
        """Dismiss with ``result`` once the work it waited for is done: at once when this dialog is
        on top; when it is on top again if something covers it (help opened while it was saving);
        not at all if it was closed meanwhile (dismissing then would close another screen)."""
        if self not in self.app.screen_stack:
            return
        if self.app.screen is self:
            self.dismiss(result)
        else:
            self._close_with = [result]

    def on_screen_resume(self) -> None:
        if self._close_with and self.app.screen is self:
            self.dismiss(self._close_with.pop())

    @property
    def japp(self) -> JournalApp:
        return cast("JournalApp", self.app)
