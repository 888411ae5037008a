"""EncounterTable: a list of encounters, one a line, that renders only the rows on screen.

A ScrollView with ``render_line``: setting 50,000 encounters costs one list assignment, and each
frame formats only the visible rows (cached until the rows, width or cursor change). Columns: date,
"by chance" mark, who, occasion, place, summary. Keys: ↑/↓, page up/down, home/end; enter selects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from journal.i18n import _
from journal.model import OCCASION_LABELS, Encounter
from journal.phrases import format_date
from journal.ui.widgets.row_table import Column, RowTable, fit

CHANCE_MARK = "✦"


def layout(width: int) -> list[Column]:
    """Column widths for a table ``width`` cells wide; the summary takes what is left.

    Below 100 cells the occasion column goes (it is the least telling), so that at 80 columns
    the summary keeps about thirty cells instead of a dozen."""
    date_w, mark_w = 15, 1
    if width < 60:
        who_w = max(8, (width - date_w - mark_w - 3) // 2)
        cols = [Column("date", date_w), Column("mark", mark_w), Column("who", who_w)]
    elif width < 100:
        cols = [
            Column("date", date_w),
            Column("mark", mark_w),
            Column("who", max(14, width * 20 // 100)),
            Column("place", max(10, width * 14 // 100)),
        ]
    else:
        who_w = max(16, min(30, width * 22 // 100))
        place_w = max(10, min(24, width * 15 // 100))
        cols = [
            Column("date", date_w),
            Column("mark", mark_w),
            Column("who", who_w),
            Column("occasion", 13),
            Column("place", place_w),
        ]
    used = sum(c.width for c in cols) + len(cols)  # one space after each column
    cols.append(Column("summary", max(1, width - used)))
    return cols


class EncounterTable(RowTable[Encounter]):
    """Rows of encounters with a cursor; posts Highlighted and Selected."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "encounter-table--header",
        "encounter-table--cursor",
        "encounter-table--cursor-blurred",
        "encounter-table--date",
        "encounter-table--chance",
        "encounter-table--who",
        "encounter-table--summary",
        "encounter-table--empty",
    }
    DEFAULT_CSS = """
    EncounterTable {
        height: 1fr;
        background: $surface;
        & > .encounter-table--header { text-style: bold; color: $text-muted; }
        & > .encounter-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
            text-style: $block-cursor-text-style; }
        & > .encounter-table--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .encounter-table--date { color: $text-muted; }
        & > .encounter-table--chance { color: $accent; text-style: bold; }
        & > .encounter-table--who { text-style: bold; }
        & > .encounter-table--summary { }
        & > .encounter-table--empty { color: $text-muted; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: EncounterTable, encounter: Encounter | None) -> None:
            super().__init__()
            self.table = table
            self.encounter = encounter

        @property
        def control(self) -> EncounterTable:
            return self.table

    class Selected(Message):
        def __init__(self, table: EncounterTable, encounter: Encounter) -> None:
            super().__init__()
            self.table = table
            self.encounter = encounter

        @property
        def control(self) -> EncounterTable:
            return self.table

    def __init__(
        self,
        names: Callable[[Sequence[str]], list[str]],
        *,
        empty: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._names = names
        self.empty_text = empty

    # ------------------------------------------------------------------ data

    @property
    def selected(self) -> Encounter | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[Encounter], *, keep: str | None = None) -> None:
        """Show ``rows`` (not copied: do not mutate); the cursor stays on ``keep`` if it is there."""
        previous = keep if keep is not None else (self.selected.id if self.selected else None)
        self._rows = rows
        self._cache.clear()
        index = 0
        if previous is not None:
            # Only the rows near the top are searched: finding an id among 50,000 on every
            # refresh would cost more than it saves; far down, the cursor keeps its number.
            for i, enc in enumerate(rows[: max(200, self.cursor + 200)]):
                if enc.id == previous:
                    index = i
                    break
            else:
                index = min(self.cursor, len(rows) - 1)
        self._update_virtual_size()
        self.cursor = max(0, min(index, len(rows) - 1))
        self.refresh()

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected))

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._visible_rows()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        if (encounter := self.selected) is not None:
            self.post_message(self.Selected(self, encounter))

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        row = round(self.scroll_y) + y - 1
        if not self._rows:
            if y == 2 and self.empty_text:
                style = self.get_component_rich_style("encounter-table--empty")
                return Strip([Segment(fit("  " + self.empty_text, width), base + style)], width)
            return Strip.blank(width, base)
        if row >= len(self._rows):
            return Strip.blank(width, base)
        enc = self._rows[row]
        state = ("cursor" if self.has_focus else "blurred") if row == self.cursor else ""
        key = (enc.id, enc.updated, width, state)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._row(enc, width, base, state)
            self._cache[key] = strip
        return strip

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("encounter-table--header")
        titles = {
            "date": _("date"),
            "mark": "",
            "who": _("who"),
            "occasion": _("occasion"),
            "place": _("place"),
            "summary": _("summary"),
        }
        segments = [Segment(fit(titles[c.key], c.width) + " ", style) for c in layout(width)]
        return Strip(segments).crop_extend(0, width, style)

    def _row(self, enc: Encounter, width: int, base: Style, state: str) -> Strip:
        values = {
            "date": format_date(enc.date),
            "mark": CHANCE_MARK if enc.by_chance else "",
            "who": ", ".join(self._names(enc.person_ids)),
            "occasion": _(OCCASION_LABELS[enc.occasion]) if enc.occasion in OCCASION_LABELS else "",
            "place": enc.place,
            "summary": enc.summary.splitlines()[0] if enc.summary else "",
        }
        styles = {
            "date": self.get_component_rich_style("encounter-table--date"),
            "mark": self.get_component_rich_style("encounter-table--chance"),
            "who": self.get_component_rich_style("encounter-table--who"),
        }
        over = None
        if state == "cursor":
            over = self.get_component_rich_style("encounter-table--cursor")
        elif state == "blurred":
            over = self.get_component_rich_style("encounter-table--cursor-blurred")
        segments = []
        for column in layout(width):
            style = base + styles.get(column.key, Style())
            if over is not None:
                style = style + over
            segments.append(Segment(fit(values[column.key], column.width), style))
            segments.append(Segment(" ", base + over if over is not None else base))
        return Strip(segments).crop_extend(0, width, base + over if over is not None else base)
