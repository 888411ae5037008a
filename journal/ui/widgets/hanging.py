"""Hanging: text whose wrapped lines are indented under their first, for entries in a list.

A long entry in a narrow column (Today's encounters, a person's timeline at 80 columns) wraps;
its continuation lines start under the entry's text, not at the margin, so each entry still reads
as one block.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
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
        for number, line in enumerate(lines):
            line.rstrip()
            pad = self.margin + (self.indent if number else 0)
            out = Text(" " * pad)
            out.append_text(line)
            yield out

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

    def __str__(self) -> str:
        return "\n".join(line.plain for line in (self.head, *self.body))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Hanging(self.head, self.indent)
        for line in self.body:
            yield Hanging(line, 0, margin=self.indent)
