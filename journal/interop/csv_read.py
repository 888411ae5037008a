"""Reading CSV files as address books and spreadsheets write them.

- The text: a byte-order mark (UTF-8 or UTF-16, as older Google exports are) is honoured; else
  UTF-8; else Windows-1252, which Outlook writes on Windows (a file is one exporter's, so it is
  decoded as a whole, unlike vCards).
- The separator: a comma, or a semicolon or tab where the header uses those (Excel and
  Thunderbird in some locales).
- The header: the first row that names a known layout's columns (LinkedIn puts a "Notes:"
  preamble before it), else the first row with two or more cells.
- Quoted cells may hold commas, quotes and line breaks (CRLF or LF); every row keeps the line
  it starts on, so a skipped row can be named.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

# csv's default limit (128 KiB) refuses a long note; the import's size limit bounds the file.
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class Row:
    line: int  # the line the row starts on (1-based)
    cells: dict[str, str]  # header → value (stripped of surrounding blanks)

    def get(self, *names: str) -> str:
        """The first non-empty value among these columns."""
        for name in names:
            value = self.cells.get(name, "")
            if value:
                return value
        return ""


@dataclass
class Table:
    header: list[str]
    rows: list[Row]
    header_line: int


def decode_text(raw: bytes) -> str:
    """The file's text: by its byte-order mark, else UTF-8, else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("windows-1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # the five bytes Windows-1252 leaves undefined


def _delimiter(text: str) -> str:
    """Comma, unless the first lines clearly use semicolons or tabs."""
    head = "\n".join(text.splitlines()[:8])
    counts = {sep: head.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _clean_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).strip('"')


def read_table(text: str, is_header: Callable[[list[str]], bool] | None = None) -> Table | None:
    """The table in ``text``: its header (see the module's notes) and the rows below it.

    None when there is no row with two or more cells.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    header_line = 0
    rows: list[Row] = []
    fallback: tuple[int, list[str], int] | None = None  # (line, header, rows read so far)
    raw_rows: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        raw_rows.append((start, cells))
        start = reader.line_num + 1
    for index, (line, cells) in enumerate(raw_rows):
        names = [_clean_header(c) for c in cells]
        if header is None:
            if is_header is not None and is_header(names):
                header, header_line = _unique(names), line
                continue
            if fallback is None and sum(1 for n in names if n) >= 2:
                fallback = (line, names, index)
            continue
        rows.append(_row(line, header, cells))
    if header is None:
        if fallback is None:
            return None
        header_line, names, index = fallback
        header = _unique(names)
        rows = [_row(line, header, cells) for line, cells in raw_rows[index + 1 :]]
    rows = [row for row in rows if any(row.cells.values())]
    return Table(header, rows, header_line)


def _unique(names: list[str]) -> list[str]:
    """Header names made unique ("Title", "Title (2)"): a repeated column is read, not lost."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        if name:
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{name} ({seen[name]})"
        out.append(name)
    return out


def _row(line: int, header: list[str], cells: list[str]) -> Row:
    values: dict[str, str] = {}
    extra: list[str] = []
    for name, value in zip(header, cells, strict=False):
        value = value.strip()
        if name:
            values[name] = value
        elif value:
            extra.append(value)  # a cell under no header (Excel's stray columns)
    extra += [c.strip() for c in cells[len(header) :] if c.strip()]
    if extra:
        values[""] = " · ".join(extra)  # cells beyond the header: kept (in the notes), never dropped
    return Row(line, values)
