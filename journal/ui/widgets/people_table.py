"""PeopleTable: people one a line (name, company and role, tags, last seen), drawing only the rows on screen.

A ScrollView with ``render_line``, as EncounterTable: showing everyone in a journal of 50,000 people
costs one list assignment, and each frame formats only the visible rows. The cursor may be *unset*
(None): browsing everyone, no row is highlighted until ↑/↓ move onto one, so enter never opens a
person nobody chose. :meth:`openable` is the row enter may open: highlighted and on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from journal.i18n import _
from journal.model import Person
from journal.phrases import relative_day
from journal.ui.widgets.row_table import Column, RowTable, fit


def layout(width: int) -> list[Column]:
    """Column widths for a table ``width`` cells wide; tags take what is left, when that is enough."""
    name_w = max(16, min(32, width * 30 // 100))
    seen_w = 15  # "11 months ago", "vor 11 Monaten"
    company_w = max(12, min(30, width * 28 // 100))
    tags_w = width - name_w - company_w - seen_w - 4  # one space after each column
    if tags_w >= 8:
        return [Column("name", name_w), Column("company", company_w), Column("tags", tags_w), Column("seen", seen_w)]
    return [Column("name", name_w), Column("company", max(1, width - name_w - seen_w - 3)), Column("seen", seen_w)]


class PeopleTable(RowTable[Person]):
    """Rows of people with a cursor (or none); posts Selected on enter or a double click."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "people-table--header",
        "people-table--cursor",
        "people-table--cursor-blurred",
        "people-table--name",
        "people-table--archived",
        "people-table--tags",
        "people-table--seen",
        "people-table--odd",
    }
    DEFAULT_CSS = """
    PeopleTable {
        height: 1fr;
        background: $surface;
        & > .people-table--header { text-style: bold; color: $text-muted; }
        & > .people-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
            text-style: $block-cursor-text-style; }
        & > .people-table--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .people-table--name { text-style: bold; }
        & > .people-table--archived { color: $text-muted; text-style: italic; }
        & > .people-table--tags { text-style: italic; }
        & > .people-table--seen { color: $text-muted; }
        & > .people-table--odd { background: $surface-lighten-1; }
    }
    """

    cursor: reactive[int | None] = reactive[int | None](None, always_update=True, repaint=False)

    class Selected(Message):
        def __init__(self, table: PeopleTable, person: Person) -> None:
            super().__init__()
            self.table = table
            self.person = person

        @property
        def control(self) -> PeopleTable:
            return self.table

    def __init__(
        self,
        last_seen: Callable[[str], date | None],
        today: Callable[[], date],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._last_seen = last_seen
        self._today = today

    # ------------------------------------------------------------------ data

    @property
    def selected(self) -> Person | None:
        """The highlighted person (None when no row is highlighted)."""
        if self.cursor is not None and 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[Person], *, cursor: int | None = None, keep: str | None = None) -> None:
        """Show ``rows`` (not copied); the cursor goes to the row of ``keep`` if it is among the
        first rows, else to ``cursor`` (None: no row highlighted)."""
        self._rows = rows
        self._cache.clear()
        if keep is not None:
            # Only rows near the top are searched: an id among 50,000 on every refresh costs more than it saves.
            cursor = next((i for i, p in enumerate(rows[:500]) if p.id == keep), cursor)
        self._update_virtual_size()
        self.cursor = None if cursor is None or not rows else max(0, min(cursor, len(rows) - 1))
        if self.cursor is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int | None) -> int | None:
        if value is None or not self._rows:
            return None
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def on_visible(self, row: int) -> bool:
        """Whether ``row`` is drawn on screen now (not scrolled away, the table shown)."""
        top = round(self.scroll_y)
        return self.display and self.size.height > 1 and top <= row < top + self._visible_rows()

    def openable(self) -> Person | None:
        """The person enter may open: highlighted and on screen, else None."""
        person = self.selected
        return person if person is not None and self.cursor is not None and self.on_visible(self.cursor) else None

    def move(self, delta: int) -> None:
        """Move the cursor; from no highlight, ↓ starts at the first row on screen and ↑ at the last."""
        if not self._rows:
            return
        if self.cursor is None:
            top = round(self.scroll_y)
            last = min(len(self._rows), top + self._visible_rows()) - 1
            self.cursor = top if delta > 0 else last
        else:
            self.cursor = self.cursor + delta

    def action_cursor(self, delta: int) -> None:
        self.move(delta)

    def action_page(self, direction: int) -> None:
        self.move(direction * self._visible_rows())

    def action_first(self) -> None:
        if self._rows:
            self.cursor = 0

    def action_last(self) -> None:
        if self._rows:
            self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        if (person := self.openable()) is not None:
            self.post_message(self.Selected(self, person))
        elif self.cursor is not None:
            self._scroll_to_cursor()  # highlighted but scrolled away: show it first

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        row = round(self.scroll_y) + y - 1
        if row >= len(self._rows):
            return Strip.blank(width, base)
        person = self._rows[row]
        state = ("cursor" if self.has_focus else "blurred") if row == self.cursor else ""
        seen = self._last_seen(person.id)
        key = (person.id, person.updated, width, state, seen, row % 2)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._row(person, seen, width, base, state, row % 2 == 1)
            self._cache[key] = strip
        return strip

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("people-table--header")
        titles = {"name": _("Name"), "company": _("Company"), "tags": _("Tags"), "seen": _("Last seen")}
        segments = [Segment(fit(titles[c.key], c.width) + " ", style) for c in layout(width)]
        return Strip(segments).crop_extend(0, width, style)

    def _row(self, person: Person, seen: date | None, width: int, base: Style, state: str, odd: bool) -> Strip:
        name = person.name + (" " + _("(archived)") if person.archived else "")
        values = {
            "name": name,
            "company": " · ".join(x for x in (person.company, person.role) if x),
            "tags": " ".join(f"#{t}" for t in person.tags),
            "seen": relative_day(seen, self._today()) if seen is not None else _("not yet"),
        }
        styles = {
            "name": self.get_component_rich_style(
                "people-table--archived" if person.archived else "people-table--name"
            ),
            "tags": self.get_component_rich_style("people-table--tags"),
            "seen": self.get_component_rich_style("people-table--seen"),
        }
        # Layered: the column's style, then the stripe's background, then the cursor's.
        over = Style()
        if odd:
            over += Style(bgcolor=self.get_component_rich_style("people-table--odd").bgcolor)
        if state == "cursor":
            over += self.get_component_rich_style("people-table--cursor")
        elif state == "blurred":
            over += Style(bgcolor=self.get_component_rich_style("people-table--cursor-blurred").bgcolor)
        fill = base + over
        segments = []
        for column in layout(width):
            style = base + styles.get(column.key, Style()) + over
            segments.append(Segment(fit(values[column.key], column.width), style))
            segments.append(Segment(" ", fill))
        return Strip(segments).crop_extend(0, width, fill)
