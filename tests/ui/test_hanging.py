"""Hanging and Entry (journal.ui.widgets.hanging): wrapped lines under their entry, drawn once per width."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from journal.ui.widgets.hanging import Entry, Hanging


def console(width: int) -> Console:
    return Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)


def lines(width: int, renderable: object) -> list[list[Segment]]:
    """The renderable drawn at ``width``, a list of segments per line, styles simplified."""
    con = console(width)
    drawn = con.render_lines(renderable, con.options.update_width(width), pad=False)  # type: ignore[arg-type]
    plain = Style()
    return [list(Segment.simplify(Segment(s.text, s.style or plain) for s in line)) for line in drawn]


def by_hand(text: Text, indent: int, margin: int, width: int) -> list[list[Segment]]:
    """What Hanging should draw, built from Rich's own wrapping and Text drawing."""
    wrapped = text.wrap(console(width), max(1, width - margin - indent), overflow="fold")
    out = []
    for number, line in enumerate(wrapped):
        line.rstrip()
        padded = Text(" " * (margin + (indent if number else 0)))
        padded.append_text(line)
        out.append(padded)
    return lines(width, Text("\n").join(out))


def test_wrapped_lines_hang_under_the_first_with_their_styles() -> None:
    head = Text.assemble(
        ("12:45  ", "dim"), ("Fatima Klein", "bold"), " · ", ("work", "italic"), " · @ project room 3.14"
    )
    tags = Text("#design-systems #rust", style="italic")  # a style of the whole line, with no spans
    for width in (12, 20, 33, 80):
        assert lines(width, Hanging(head, 7)) == by_hand(head, 7, 0, width)
        assert lines(width, Hanging(tags, 0, margin=3)) == by_hand(tags, 0, 3, width)
    drawn = ["".join(s.text for s in line) for line in lines(20, Hanging(head, 7))]
    assert drawn[0].startswith("12:45  Fatima") and all(line.startswith(" " * 7) for line in drawn[1:])
    italic = [s for line in lines(30, Hanging(tags, 0, margin=3)) for s in line if "#design" in s.text]
    assert italic and all(s.style and s.style.italic for s in italic)


def test_an_entry_is_wrapped_once_per_width(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A list counts every entry's lines to size itself, and again after each resize: an entry
    remembers what it drew at a width."""
    wraps: list[int] = []
    real_wrap = Text.wrap

    def counting(self: Text, *args, **kwargs):  # type: ignore[no-untyped-def]
        wraps.append(1)
        return real_wrap(self, *args, **kwargs)

    entry = Entry(Text("Anna Müller · @ PyCon"), [Text("talked about Rust and the borrow checker"), Text("#rust")], 2)
    first = lines(24, entry)
    counted = len(wraps)
    monkeypatch.setattr(Text, "wrap", counting)
    assert lines(24, entry) == first and lines(24, entry) == first
    assert wraps == []  # drawn again at the same width: nothing wrapped again
    narrower = lines(16, entry)
    assert wraps and len(narrower) > len(first)
    assert counted == 0  # (the first drawing ran before counting started)
    assert str(entry) == "Anna Müller · @ PyCon\ntalked about Rust and the borrow checker\n#rust"
