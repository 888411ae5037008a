"""One quick-add line → a Draft (DESIGN.md §8).

    Anna Müller, Bob Schulz @ PyCon Berlin #python #rust: talked about Rust; gave: intro to Carla

The line has a *header* (up to the first ``:`` or ``;``; a colon between digits, as in 14:30,
does not count) and a *body*. The header holds names, ``@ place`` and ``#tags``; the body is
the summary, split on ``;`` into clauses, some of which start with a key (``gave:``, ``got:``,
``follow-up:`` …). ``!keywords`` anywhere set flags.

Nothing is ever lost: ``parse`` never raises, and text it cannot place ends up in the summary
(with a warning when it looked like syntax). Decisions worth knowing:

- A line with no ``:``, ``;``, ``@`` or ``#`` is all names ("Anna Müller").
- A line starting with ``:`` has no names; ``Draft.names`` is empty and the caller must ask.
- On conflicting flags or clauses (``!work !travel``, two ``date:``) the first wins and the
  rest stays in the summary as text, with a warning.
- Header text after a ``#tag`` that is neither a tag nor a place goes to the summary, as do
  unknown ``!words`` in the header (so they never become part of a name).
- ``#tags`` in the body are collected as tags *and* stay in the summary text.
- A ``#`` glued to a digit is no tag anywhere: ``@ Café #1, Berlin`` is one place, ``room #3`` text.
- ``parse`` keeps text as typed (it only squashes whitespace); the store cleans what it saves,
  and ``journal.entry.plan.new_person`` a name that makes a new person.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from journal import dates
from journal.entry.fields import Draft
from journal.i18n import _
from journal.model import CHANNEL_LABELS, DIRECTION_LABELS, OCCASION_LABELS, ValidationError, clean_text
from journal.phrases import format_date


def _table(**groups: tuple[str, ...]) -> dict[str, str]:
    return {word: value for value, words in groups.items() for word in words}


# !keyword → (Draft attribute, value). Keys are casefolded.
OCCASION_WORDS = _table(
    work=("work", "arbeit"),
    event=("event", "veranstaltung"),
    travel=("travel", "reise"),
    friends=("friends", "freunde"),
    hobby=("hobby",),
    club=("club", "verein"),
    neighbourhood=("neighbourhood", "neighborhood", "nachbarschaft"),
    everyday=("everyday", "alltag"),
    online=("online",),
)
CHANNEL_WORDS = _table(
    in_person=("in_person", "in-person", "inperson", "person", "persönlich", "persoenlich"),
    call=("call", "phone", "anruf", "telefon", "telefonat"),
    video=("video", "videocall"),
    message=("message", "nachricht", "chat"),
    email=("email", "e-mail", "mail"),
    platform=("platform", "plattform"),
)
DIRECTION_WORDS = _table(
    met=("met", "getroffen"),
    outreach=("out", "outreach", "reached-out", "angeschrieben"),
    inbound=("in", "inbound", "reply", "antwort"),
)
CHANCE_WORDS = frozenset({"chance", "zufall", "zufällig", "zufaellig", "by-chance"})
FLAG_WORDS: frozenset[str] = (
    frozenset(OCCASION_WORDS) | frozenset(CHANNEL_WORDS) | frozenset(DIRECTION_WORDS) | CHANCE_WORDS
)

# clause key → Draft attribute.
CLAUSE_KEYS: dict[str, str] = _table(
    gave=("gave", "gab"),
    received=("got", "bekam", "received"),
    common_ground=("common", "gemeinsam"),
    experience=("exchanged", "learned", "erfahrung", "ausgetauscht"),
    follow_up=("follow-up", "followup", "wiedervorlage", "nachfassen"),
    date=("date", "on", "am", "datum"),
    time=("at", "um"),
)
NAME_SEPARATOR_WORDS = frozenset({"and", "und"})

_SYNTAX = "@#:;,!"
# The header ends at the first ';' or at the first ':' that is not inside a time like 14:30.
_HEADER_END = re.compile(r";|(?<!\d):|:(?!\d)")
# '!' or '#' only count at the start of a word, so "Hello!" and "C#" stay text, and a '#' glued
# to a digit is no tag ("Café #1", "room #3", "issue #42").
# Group 1 is one preceding space, so "met !chance." can close up to "met.".
_FLAG = re.compile(r"(\s?)(?<![^\s@#:;,])!([^\s@#:;,!]+)")
_TAG = re.compile(r"(?<![^\s@#:;,])#(?!\d)([^\s@#:;,!]*)")
_MARKER_TAG = re.compile(r"(?<![^\s@#:;,])#(?!\d)")
_MARKER = re.compile(r"@|(?<![^\s@#:;,])#(?!\d)")
# Body hashtags also need a letter, so "#-" or "#!" make no tag.
_BODY_TAG = re.compile(r"(?<![^\s@#:;,])#(?!\d)([^\s@#:;,!]*[^\W\d_][^\s@#:;,!]*)")
_NAME_SPLIT = re.compile(r"[,&]|\s(?:and|und)\s", re.IGNORECASE)
_CLAUSE = re.compile(r"\s*([^\W\d_][\w-]*)\s*:(.*)", re.DOTALL)
_ONLY_SYNTAX = re.compile(rf"[\s{re.escape(_SYNTAX)}]*")
_TRAILING_PUNCT = ".?)"


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _quote(text: str, limit: int = 40) -> str:
    # Warnings quote the user's text; a 100k-character clause must not flood the screen.
    text = _squash(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _squash(text: str) -> str:
    # Removing flags leaves double spaces; one line holds no meaningful layout.
    return " ".join(text.split())


class _Parser:
    def __init__(self, today: date) -> None:
        self.today = today
        self.draft = Draft(names=[])
        self.unknown_flags: list[str] = []
        self.header_extra: list[str] = []  # header text with no other home → summary
        self.summary: list[str] = []

    # -- flags ---------------------------------------------------------------------------
    def _apply_flag(self, word: str) -> str:
        """Set the flag ``word`` names; returns "set", "conflict" or "unknown"."""
        key = _fold(word)
        for table, attr in ((OCCASION_WORDS, "occasion"), (CHANNEL_WORDS, "channel"), (DIRECTION_WORDS, "direction")):
            if key in table:
                return self._set_once(attr, table[key], _quote("!" + word))
        if key in CHANCE_WORDS:
            self.draft.by_chance = True
            return "set"
        for candidate in (word, word.replace("-", " ")):
            try:
                day = dates.parse_date(candidate, self.today, prefer="past")
            except ValidationError:
                continue
            return self._set_once("date", day, _quote("!" + word))
        return "unknown"

    def _set_once(self, attr: str, value: object, source: str) -> str:
        current = getattr(self.draft, attr)
        if current is not None and current != value:
            what = {
                "occasion": _("occasion"),
                "channel": _("channel"),
                "direction": _("direction"),
                "date": _("date"),
                "follow_up": _("follow-up"),
                "time": _("time"),
            }[attr]
            self.draft.warnings.append(
                _("“{source}” conflicts with the {what} given earlier; kept as text.").format(source=source, what=what)
            )
            return "conflict"
        setattr(self.draft, attr, value)
        return "set"

    def _take_flags(self, text: str, *, in_header: bool) -> str:
        """Remove known ``!flags`` from ``text``; unknown ones stay (header ones go to the summary)."""

        def replace(match: re.Match[str]) -> str:
            word, flag = match[2], match[0][len(match[1]) :]
            result = self._apply_flag(word)
            if result == "set":
                return match[1] + " "
            stripped = word.rstrip(_TRAILING_PUNCT)
            if result == "unknown" and stripped and stripped != word:
                result = self._apply_flag(stripped)
                if result == "set":  # "!chance." → the flag, and the full stop stays
                    return word[len(stripped) :]
            if result == "unknown":  # conflicts were already warned about
                self.unknown_flags.append(_quote(flag))
            if in_header:
                self.header_extra.append(flag)
                return match[1] + " "
            return match[0]

        return _FLAG.sub(replace, text)

    # -- header --------------------------------------------------------------------------
    def _header(self, header: str) -> None:
        """Names up to the first '@' or '#tag'; then '@ place' and '#tag' segments."""
        header = self._take_flags(header, in_header=True)
        marker = _MARKER.search(header)
        self._names(header[: marker.start()] if marker else header)
        places: list[str] = []
        while marker:
            start = marker.start()
            if header[start] == "@":
                marker = _MARKER_TAG.search(header, start + 1)  # a place runs until a #tag
                places.append(_squash(header[start + 1 : marker.start() if marker else len(header)]))
                continue
            tag = _TAG.match(header, start)
            assert tag is not None
            self._add_tag(tag[1])
            marker = _MARKER.search(header, tag.end())
            leftover = header[tag.end() : marker.start() if marker else len(header)]
            if not _ONLY_SYNTAX.fullmatch(leftover):  # "#python talk" → "talk" goes to the summary
                self.header_extra.append(_squash(leftover))
        self.draft.place = ", ".join(p for p in places if p)

    def _names(self, text: str) -> None:
        for part in _NAME_SPLIT.split(text):
            name = _squash(part)
            if not _ONLY_SYNTAX.fullmatch(name) and name not in self.draft.names:
                self.draft.names.append(name)

    def _add_tag(self, tag: str) -> None:
        if tag and tag not in self.draft.tags:
            self.draft.tags.append(tag)

    # -- body ----------------------------------------------------------------------------
    def _body(self, body: str) -> None:
        body = self._take_flags(body, in_header=False)
        for match in _BODY_TAG.finditer(body):
            self._add_tag(match[1].rstrip(_TRAILING_PUNCT))
        for clause in body.split(";"):
            if not self._clause(clause):
                text = _squash(clause)
                if not _ONLY_SYNTAX.fullmatch(text):
                    self.summary.append(text)

    def _clause(self, clause: str) -> bool:
        """Put a ``key: value`` clause into its field; False keeps it in the summary."""
        match = _CLAUSE.match(clause)
        key = _fold(match[1]) if match else ""
        if not match or key not in CLAUSE_KEYS:
            return False
        attr, value = CLAUSE_KEYS[key], _squash(match[2])
        if attr in ("date", "follow_up"):
            return self._date_clause(attr, value, clause)
        if attr == "time":
            return self._time_clause(value, clause)
        if value:
            old = getattr(self.draft, attr)
            setattr(self.draft, attr, f"{old}; {value}" if old else value)
        return True

    def _date_clause(self, attr: str, value: str, clause: str) -> bool:
        prefer: dates.Prefer = "future" if attr == "follow_up" else "past"
        try:
            day = dates.parse_date(value, self.today, prefer=prefer, field_name=attr)
        except ValidationError as error:
            self.draft.warnings.append(
                _("{message} Kept “{clause}” in the summary.").format(message=error.message, clause=_quote(clause))
            )
            return False
        return self._set_once(attr, day, _quote(clause)) == "set"  # a conflicting clause stays text

    def _time_clause(self, value: str, clause: str) -> bool:
        try:
            time = dates.parse_time(value)
        except ValidationError as error:
            time, message = None, error.message
        else:
            message = _("Enter a time, e.g. 14:30 or 9am.")
        if time is None:
            self.draft.warnings.append(
                _("{message} Kept “{clause}” in the summary.").format(message=message, clause=_quote(clause))
            )
            return False
        return self._set_once("time", time, _quote(clause)) == "set"

    # -- all -----------------------------------------------------------------------------
    def parse(self, line: str) -> Draft:
        end = _HEADER_END.search(line)
        if end is None:
            self._header(line)
        else:
            self._header(line[: end.start()])
            self._body(line[end.end() :])
        self.draft.summary = "; ".join(self.header_extra + self.summary)
        if self.unknown_flags:
            shown = ", ".join(self.unknown_flags[:5]) + (", …" if len(self.unknown_flags) > 5 else "")
            self.draft.warnings.append(_("Unknown keywords kept as text: {words}").format(words=shown))
        return self.draft


def names_only(line: str) -> bool:
    """True when the line is all names: no ``:`` or ``;`` ends them, no ``@ place`` or ``#tag`` follows."""
    text = line if isinstance(line, str) else str(line)
    return _HEADER_END.search(text) is None and _MARKER.search(text) is None


def parse(line: str, today: date) -> Draft:
    """Read one quick-add line; never raises, never drops text (see the module docstring)."""
    return _Parser(today).parse(line if isinstance(line, str) else str(line))


def _short(text: str, limit: int = 60) -> str:
    text = clean_text(text, multiline=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(draft: Draft) -> str:
    """One line saying what will be saved, e.g. ``Anna, Bob · @ Café · #berlin · “hi” · gave: tip``."""
    parts = [_short(", ".join(draft.names)) or _("(no name)")]
    if draft.date:
        parts.append(format_date(draft.date, weekday=False) + (f" {draft.time}" if draft.time else ""))
    elif draft.time:
        parts.append(draft.time)
    if draft.place:
        parts.append("@ " + _short(draft.place))
    if draft.tags:
        parts.append(_short(" ".join("#" + t for t in draft.tags)))
    if draft.summary:
        # Translators: the summary quoted in the quick-add preview; use your language's quotation marks.
        parts.append(_("“{summary}”").format(summary=_short(draft.summary)))
    for label, value in (
        (_("gave"), draft.gave),
        (_("got"), draft.received),
        (_("in common"), draft.common_ground),
        (_("exchanged"), draft.experience),
    ):
        if value:
            parts.append(f"{label}: {_short(value)}")
    if draft.occasion:
        parts.append(_(OCCASION_LABELS[draft.occasion]))
    if draft.channel:
        parts.append(_(CHANNEL_LABELS[draft.channel]))
    if draft.direction:
        parts.append(_(DIRECTION_LABELS[draft.direction]))
    if draft.by_chance:
        parts.append(_("by chance"))
    if draft.follow_up:
        parts.append(_("follow up {date}").format(date=format_date(draft.follow_up, weekday=False)))
    return " · ".join(parts)
