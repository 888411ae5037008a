"""For lists of wrapped entries that start to scroll while shown (Today, the timeline, Give first).

A list counts each entry's wrapped lines at the width it has; its scrollbar, appearing as the list
fills, takes two columns. Each test compares what the list shows with what it shows after a
redraw from scratch: had the entries kept the line counts of the wider list, an entry that wraps
once more at the narrower width would lose its last line until that redraw.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widget import Widget

from journal.ui.app import JournalApp


def drawn(app: JournalApp, widget: Widget) -> list[str]:
    """The lines of the screen inside ``widget``, as the user sees them."""
    region = widget.region
    strips = list(app.screen._compositor.render_strips())[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


async def redraw_from_scratch(app: JournalApp, pilot: Pilot[None]) -> None:
    """What a later redraw does: the terminal resized and back, so every list counts its entries'
    lines again at the width it has."""
    width, height = app.size
    await pilot.resize_terminal(width + 4, height)
    await pilot.pause()
    await pilot.resize_terminal(width, height)
    await pilot.pause()
