"""Reading vCard files (2.1, 3.0, 4.0) as address books really write them, byte by byte.

Why not vobject's reader: it decodes the whole file in one encoding (one Shift_JIS card among
UTF-8 ones garbles them all), refuses the whole file over one broken line, and unfolds lines
with ``StringIO.getvalue()`` once per folded line, which makes a card with a large photo take
quadratic time (a 4 MB photo over a minute). Here every step is linear in the file's size:

- lines are split once; folded lines, quoted-printable soft line breaks and the backslash
  continuation some Android versions write are joined by collecting the pieces of a logical
  line and joining them once;
- each property's value is decoded on its own: quoted-printable first, then its CHARSET, else
  UTF-8, else Windows-1252 (a stray byte spoils one value, not the file);
- each card is read on its own: a malformed one is reported with its line and reason, the
  others are read; ``#`` comment lines and empty parameters are accepted as other readers do.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from journal.i18n import _

# Properties whose value is binary (base64): their content is never decoded.
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_PROPERTY = re.compile(rb"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?\s*[;:]")
_NEWLINES = re.compile(rb"\r*\n|\r")


@dataclass
class Prop:
    name: str  # upper case
    group: str | None
    params: dict[str, list[str]]  # upper-case names; values as written (TYPE values lower-cased)
    value: str  # decoded text, not yet unescaped
    line: int

    def types(self) -> list[str]:
        return self.params.get("TYPE", [])

    def param(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    @property
    def preferred(self) -> bool:
        return "pref" in self.types() or "PREF" in self.params


@dataclass
class Card:
    line: int
    props: list[Prop] = field(default_factory=list)
    error: str | None = None  # why the card cannot be read (it is skipped)

    @property
    def version(self) -> str:
        prop = self.first("VERSION")
        return prop.value.strip() if prop else "2.1"

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def grouped(self, group: str | None, name: str) -> Prop | None:
        """The property ``name`` in the same group (Apple's item1.EMAIL / item1.X-ABLabel)."""
        if not group:
            return None
        return next((p for p in self.props if p.group == group and p.name == name), None)


@dataclass
class ReadResult:
    cards: list[Card]
    stray_lines: list[int]  # lines outside any card that were not blank
    bytes_joined: int = 0  # how many bytes the logical lines were built from (linear in the input)


def to_utf8_bytes(raw: bytes) -> bytes:
    """A UTF-16 file (with its byte-order mark) as UTF-8; anything else as it is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace").encode("utf-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:]
    return raw


def _is_qp(header: bytes) -> bool:
    return b"QUOTED-PRINTABLE" in header.upper()


def logical_lines(raw: bytes) -> Iterator[tuple[int, bytes]]:
    """(first line number, logical line) pairs: folding, soft breaks and continuations joined.

    Every physical line is looked at once and every logical line joined once.
    """
    lines = _NEWLINES.split(raw)
    if lines and lines[-1] == b"":
        lines.pop()
    i, n = 0, len(lines)
    while i < n:
        start = i
        pieces = [lines[i]]
        header_end = lines[i].find(b":")
        qp = header_end > 0 and _is_qp(lines[i][:header_end])
        i += 1
        while i < n:
            nxt = lines[i]
            last = pieces[-1]
            if nxt[:1] in (b" ", b"\t"):
                # A folded line. (A quoted-printable line folded this way keeps its soft break too.)
                if qp and last.endswith(b"="):
                    pieces[-1] = last[:-1]
                pieces.append(nxt[1:])
            elif qp and last.endswith(b"="):
                pieces[-1] = last[:-1]  # a soft line break: the value goes on, whatever it starts with
                pieces.append(nxt)
            elif last.endswith(b"\\") and not last.endswith(b"\\\\") and nxt and not _PROPERTY.match(nxt):
                # Android's vCard 2.1 writer ends a line of a multi-line value with a backslash.
                pieces[-1] = last[:-1]
                pieces.append(b"\n" + nxt)
            else:
                break
            i += 1
        yield start + 1, pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _split_unquoted(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside double quotes."""
    out: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


def _find_colon(line: bytes) -> int:
    """The colon that ends the property's name and parameters (not one inside a quoted parameter)."""
    quoted = False
    for i, byte in enumerate(line):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # :
            return i
    return -1


def parse_header(header: str) -> tuple[str | None, str, dict[str, list[str]]]:
    """ "item1.TEL;type=CELL;;PREF" → ("item1", "TEL", {"TYPE": ["cell", "pref"]})."""
    parts = _split_unquoted(header, ";")
    name = parts[0].strip()
    group, _dot, name = name.rpartition(".")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        part = part.strip()
        if not part:
            continue  # an empty parameter (";;"), as some exporters write
        key, eq, value = part.partition("=")
        if not eq:
            # vCard 2.1's bare parameters: TEL;WORK;VOICE, NOTE;QUOTED-PRINTABLE
            bare = key.upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                params.setdefault("ENCODING", []).append(bare)
            elif bare.startswith("CHARSET"):
                continue
            else:
                params.setdefault("TYPE", []).append(key.lower())
            continue
        key = key.strip().upper()
        values = [v.strip().strip('"') for v in _split_unquoted(value, ",")]
        if key == "TYPE":  # TYPE="work,voice" is a list too (RFC 6350)
            values = [part for v in values for part in v.split(",")]
        if key == "TYPE":
            values = [v.lower() for v in values]
        params.setdefault(key, []).extend(v for v in values if v)
    return (group or None), name.upper(), params


def decode_value(value: bytes, params: dict[str, list[str]]) -> str:
    """Quoted-printable first, then the CHARSET, else UTF-8, else Windows-1252."""
    encodings = [e.upper() for e in params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encodings:
        value = quopri.decodestring(value)
    charset = (params.get("CHARSET") or [""])[0].strip()
    if charset:
        try:
            return value.decode(charset, errors="replace")
        except (LookupError, ValueError):
            pass  # an unknown charset name (or none at all, "\x00"): guess as below
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return value.decode("windows-1252")
    except UnicodeDecodeError:
        return value.decode("latin-1")  # the five bytes Windows-1252 leaves undefined


def read_cards(raw: bytes) -> ReadResult:
    """Every card of a file, each with its properties or the reason it cannot be read."""
    raw = to_utf8_bytes(raw)
    cards: list[Card] = []
    stray: list[int] = []
    current: Card | None = None
    nested = 0  # a vCard 2.1 AGENT card inside a card: skipped
    binary = False  # inside a photo whose base64 lines were not folded (Outlook writes them so)
    joined = 0
    for number, line in logical_lines(raw):
        joined += len(line)
        stripped = line.strip()
        if not stripped:
            binary = False  # Outlook ends an unfolded photo with an empty line
            continue
        upper = stripped.upper()
        if upper.startswith(b"BEGIN:VCARD") and upper[11:].strip() == b"":
            if current is None:
                current = Card(number)
            else:
                nested += 1
            binary = False
            continue
        if upper.startswith(b"END:VCARD") and upper[9:].strip() == b"":
            if nested:
                nested -= 1
            elif current is not None:
                cards.append(current)
                current = None
            else:
                stray.append(number)
            binary = False
            continue
        if current is None:
            stray.append(number)
            continue
        if nested or current.error:
            continue
        if stripped.startswith(b"#"):
            continue  # a comment line
        colon = _find_colon(line)
        if colon <= 0 or not _PROPERTY.match(line):
            if binary:
                continue  # more base64 of the photo
            current.error = _("line {line} is not a vCard property").format(line=number)
            continue
        group, name, params = parse_header(line[:colon].decode("utf-8", errors="replace"))
        binary = name in BINARY
        if binary or nested:
            current.props.append(Prop(name, group, params, "", number))  # counted as "not kept", never decoded
            continue
        current.props.append(Prop(name, group, params, decode_value(line[colon + 1 :], params), number))
    if current is not None:
        current.error = _("the card has no END:VCARD")
        cards.append(current)
    return ReadResult(cards, stray, joined)


# ----------------------------------------------------------------------------------------- values


def unescape(text: str, version: str) -> str:
    """A text value's escapes: vCard 3.0/4.0 \\n \\, \\; \\\\ (and \\: as Apple and Google write
    it); 2.1 escapes only \\; (and \\\\, \\: as Android reads them)."""
    if "\\" not in text:
        return text
    out = []
    i, n = 0, len(text)
    modern = version != "2.1"
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            nxt = text[i + 1]
            if modern and nxt in "nN":
                out.append("\n")
                i += 2
                continue
            if nxt in ";\\:" or (modern and nxt in ',"'):
                out.append(nxt)
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def split_value(text: str, sep: str, version: str) -> list[str]:
    """Split at ``sep`` where it is not escaped, then unescape each part."""
    parts, buf = [], []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            buf.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return [unescape(p, version) for p in parts]
