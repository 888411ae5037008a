"""JournalFooter: what the current screen or dialog does, the important keys first when space is short.

Textual's Footer shows every binding in one row and cuts the rest off at the right edge (at 80
columns Today lost Delete, Undo, Note, Help and Quit). This one ranks the keys and leaves out the
least important until the row fits: help and quit first (a person must always see how to get help and
how to leave), then the screen's most important key, the keys that go to the other screens (shown as
one item, "t h p d l i g screens"), quick-add, the screen's other keys in the order its BINDINGS list
them, and escape. What does not fit is in Help and the command palette. In a text field, where `?` and
`q` type themselves, help and quit are shown by their other keys (F1, ctrl+q).

A dialog's footer shows the dialog's own keys only: the app's keys (screens, quit) do not work there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from journal.i18n import N_, _
from journal.ui.base import is_text_field
from journal.ui.navigation import DESTINATIONS

if TYPE_CHECKING:
    from journal.ui.app import JournalApp

# Ranks of the app's own keys; a screen's keys rank from SCREEN_FIRST on, in their BINDINGS order.
HELP_RANK = 0
SCREEN_FIRST = 1
SCREENS_RANK = 1.5  # the keys to the other screens: after a screen's most important key
QUICK_ADD_RANK = 2.5
BACK_RANK = 4.5  # the same everywhere, and in Help
QUIT_RANK = 0.5
# Keys that stand in for a single-character key while a text field has the focus.
TYPING_KEYS = ("help-f1", "quit-now")
NAVIGATION_LABEL = N_("screens")


@dataclass
class _Item:
    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    rank: float
    order: int

    @property
    def width(self) -> int:
        # Compact footer: "key description" and one cell of margin after it.
        return cell_len(self.key_display) + (1 + cell_len(self.description) if self.description else 0) + 1


class _NavigationKeys(FooterKey):
    """The keys to the other screens as one item; a click shows Help, where each is explained."""

    def on_mouse_down(self) -> None:
        self.app.simulate_key("question_mark")


class JournalFooter(Footer):
    """Compact, ranked, one row; see the module's docstring."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._laid_out_for = 0
        self._keys_waiting = False

    def _keys_now(self) -> None:
        self._keys_waiting = False
        if self.is_attached:
            self.call_later(self.recompose)

    @property
    def in_dialog(self) -> bool:
        return isinstance(self.screen, ModalScreen)

    def items(self) -> list[_Item]:
        """Every key to show, in display order, with its rank."""
        app = self.app
        items: list[_Item] = []
        # In a text field a letter types itself: the keys that are single characters do not apply.
        typing = is_text_field(self.screen.focused)
        seen_actions: set[str] = set()
        app_items: list[_Item] = []
        screen_rank = SCREEN_FIRST
        for key, (node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            stand_in = typing and binding.id in TYPING_KEYS
            if (not binding.show and not stand_in) or binding.action in seen_actions:
                continue
            if key == app.COMMAND_PALETTE_BINDING:
                continue
            if typing and len(app.get_key_display(binding)) == 1:
                continue
            seen_actions.add(binding.action)
            item = _Item(
                key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip or binding.tooltip or "",
                0,
                0,
            )
            if node is app:
                if self.in_dialog:
                    continue  # the app's keys do not work in a dialog
                item.rank = {"help": HELP_RANK, "quick_add": QUICK_ADD_RANK, "quit": QUIT_RANK}.get(
                    binding.action, SCREENS_RANK + 0.5
                )
                app_items.append(item)
            elif binding.action == "back":
                item.rank = BACK_RANK  # everywhere the same, and explained in Help
                items.append(item)
            else:
                item.rank = screen_rank
                screen_rank += 1
                items.append(item)
        if not self.in_dialog and not typing:
            keys = [app.get_key_display(Binding(d.key, "")) for d in DESTINATIONS if d.name != "settings"]
            items.append(_Item("", " ".join(keys), _(NAVIGATION_LABEL), "", True, "", SCREENS_RANK, 0))
        items.extend(sorted(app_items, key=lambda i: i.rank))
        for order, item in enumerate(items):
            item.order = order
        return items

    def fitting(self, width: int) -> list[_Item]:
        """The items to show in ``width`` cells: the least important left out first."""
        items = self.items()
        palette = 0
        shown = self.palette_binding()
        if shown is not None:
            palette = 1 + cell_len(self.app.get_key_display(shown)) + 1 + cell_len(shown.description)
        room = width - palette - 1  # a cell between the keys and the palette's
        kept: list[_Item] = []
        for item in sorted(items, key=lambda i: (i.rank, i.order)):
            if item.width <= room:  # a less important key may still fit where a wide one did not
                kept.append(item)
                room -= item.width
        return sorted(kept, key=lambda i: i.order)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        app = self.app
        if not getattr(app, "first_frame_drawn", True):
            # The keys follow the app's first frame (a dozen widgets to set up; the screen's
            # data comes first). The row is there, empty, so nothing moves when they come.
            if not self._keys_waiting:
                self._keys_waiting = True
                cast("JournalApp", app).after_first_frame(self._keys_now)
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        for item in self.fitting(width):
            if not item.key:
                yield _NavigationKeys(
                    "", item.key_display, item.description, "", tooltip=_("Press ? to see every key")
                ).data_bind(compact=Footer.compact)
                continue
            yield FooterKey(
                item.key,
                item.key_display,
                item.description,
                item.action,
                disabled=not item.enabled,
                tooltip=item.tooltip,
            ).data_bind(compact=Footer.compact)
        if (binding := self.palette_binding()) is not None:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                tooltip=binding.tooltip or binding.description,
            )

    def palette_binding(self) -> Binding | None:
        """The command palette's key, shown at the right on the main screens."""
        if not self.show_command_palette or self.in_dialog or not self.app.ENABLE_COMMAND_PALETTE:
            return None
        active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return active.binding if active is not None else None

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
