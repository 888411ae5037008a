"""Hanging: text whose wrapped lines are indented under their first, for entries in a list.

A long entry in a narrow column (Today's encounters, a person's timeline at 80 columns) wraps;
its continuation lines start under the entry's text, not at the margin, so each entry still reads
as one block.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


class Hanging:
    """``text`` with every line after the first indented by ``indent`` cells (and the whole block
    by ``margin``)."""

    def __init__(self, text: Text, indent: int, *, margin: int = 0) -> None:
        self.text = text
        self.indent = indent
        self.margin = margin

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.margin - self.indent)
        lines = self.text.wrap(console, width, overflow="fold")
        newline = Segment.line()
        # Segments, not Text: a Text would be wrapped once more as it is drawn (half the cost).
        for number, line in enumerate(lines):
            line.rstrip()
            pad = self.margin + (self.indent if number else 0)
            if pad:
                yield Segment(" " * pad)
            # (Text.render leaves out the line's own style when it has no spans: added here.)
            yield from Segment.apply_style(line.render(console), console.get_style(line.style) if line.style else None)
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options, self.text)
        return Measurement(inner.minimum + self.margin + self.indent, inner.maximum + self.margin + self.indent)


class Entry:
    """An entry of a list: its first line(s) ``head`` (wrapped lines under its text, ``indent``
    cells in), then ``body`` lines, each ``indent`` cells in. ``str()`` is its plain text."""

    def __init__(self, head: Text, body: list[Text], indent: int) -> None:
        self.head = head
        self.body = body
        self.indent = indent
        # Drawn once per width: a list counts every entry's lines to size itself, and counts
        # again after each resize (Textual's OptionList), a busy day has hundreds of entries.
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def __str__(self) -> str:
        return "\n".join(line.plain for line in (self.head, *self.body))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.justify, options.overflow, options.no_wrap, console.color_system)
        drawn = self._drawn.get(key)
        if drawn is None:
            parts = [Hanging(self.head, self.indent), *(Hanging(line, 0, margin=self.indent) for line in self.body)]
            drawn = self._drawn[key] = [segment for part in parts for segment in console.render(part, options)]
        yield from drawn
