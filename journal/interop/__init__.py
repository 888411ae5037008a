"""Bringing data in and out: another journal copy (JSON), vCards, a vdir of vCards, CSV.

``import_file`` / ``import_bytes`` are what the CLI and the app call; they pick the format,
run the import as one transaction and return an :class:`ImportSummary`. A file that cannot
be imported raises :class:`ImportFailed` (exit status 1) and leaves the journal as it was.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journal.i18n import _, ngettext
from journal.store import JournalError

if TYPE_CHECKING:
    from journal.interop.people_import import ImportOptions
    from journal.store import JournalStore

JSON_SUFFIXES = (".json",)
VCARD_SUFFIXES = (".vcf", ".vcard")
CSV_SUFFIXES = (".csv", ".tsv")
# What ``--format`` may name: "csv" is any CSV, told by its header; the others name the layout.
FORMATS = (
    "json",
    "vcard",
    "vdir",
    "csv",
    "linkedin",
    "google",
    "outlook",
    "thunderbird",
    "people-csv",
    "encounters-csv",
)
# What export writes: a complete backup, vCards, encounters or people as CSV, a calendar.
EXPORT_FORMATS = ("json", "vcf", "csv", "people-csv", "ics")
# What import reads at most, unless told otherwise (--max-size): a bound on memory and time.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


class ImportFailed(JournalError):
    """The file cannot be imported as it is; nothing in the journal changed."""

    exit_code = 1


@dataclass
class ImportSummary:
    """What an import did, counted for the user."""

    source: str
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    forgotten: int = 0  # incoming records cleared of people forgotten here
    # (which record or card, why it was skipped); reasons are shown grouped.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Kinds of field that were not kept (msgids, "photos") → how many cards had them.
    not_kept: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)  # why → how many (deleted or forgotten people)
    combined: int = 0  # cards that were the same person as another card of the file
    maybe_same: int = 0  # new people who share an e-mail, phone or name with someone
    shortened: int = 0  # people with a field too long to keep whole
    new_people: list[str] = field(default_factory=list)  # people an encounters import had to add

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)

    def skip(self, what: str, why: str) -> None:
        self.skipped.append((what, why))

    def lines(self) -> list[str]:
        """The summary as a few translated lines (the CLI prints them; the app shows them)."""
        counts = [
            ngettext("{n} added", "{n} added", self.added).format(n=self.added),
            ngettext("{n} updated", "{n} updated", self.updated).format(n=self.updated),
        ]
        if self.deleted:
            counts.append(
                ngettext("{n} deletion carried over", "{n} deletions carried over", self.deleted).format(n=self.deleted)
            )
        if self.unchanged:
            counts.append(ngettext("{n} unchanged", "{n} unchanged", self.unchanged).format(n=self.unchanged))
        counts.append(ngettext("{n} skipped", "{n} skipped", len(self.skipped)).format(n=len(self.skipped)))
        lines = [_("Imported {source}: {counts}.").format(source=self.source, counts=", ".join(counts))]
        if self.forgotten:
            lines.append(
                ngettext(
                    "  {n} record named or linked someone you had forgotten: they stay forgotten there too.",
                    "  {n} records named or linked someone you had forgotten: they stay forgotten there too.",
                    self.forgotten,
                ).format(n=self.forgotten)
            )
        for why, n in Counter(why for _what, why in self.skipped).items():
            examples = [what for what, reason in self.skipped if reason == why][:5]
            more = _(" and {n} more").format(n=n - len(examples)) if n > len(examples) else ""
            lines.append(
                _("  skipped {n}: {why} ({examples}{more})").format(
                    n=n, why=why, examples=", ".join(examples), more=more
                )
            )
        for why, n in self.left_out.items():
            lines.append(
                ngettext(
                    "  left out {n} person: {why} (not brought back)",
                    "  left out {n} people: {why} (not brought back)",
                    n,
                ).format(n=n, why=why)
            )
        if self.combined:
            lines.append(
                ngettext(
                    "  {n} card was another card's person and was combined with it",
                    "  {n} cards were another card's person and were combined with it",
                    self.combined,
                ).format(n=self.combined)
            )
        if self.maybe_same:
            lines.append(
                ngettext(
                    "  {n} new person shares an e-mail or phone with someone: noted as "
                    "“may be the same as” on both pages (merge them there if so)",
                    "  {n} new people share an e-mail or phone with someone: noted as "
                    "“may be the same as” on both pages (merge them there if so)",
                    self.maybe_same,
                ).format(n=self.maybe_same)
            )
        if self.shortened:
            lines.append(
                ngettext(
                    "  {n} person had a field too long to keep whole: shortened, with a note on their page",
                    "  {n} people had a field too long to keep whole: shortened, with a note on their pages",
                    self.shortened,
                ).format(n=self.shortened)
            )
        if self.new_people:
            shown = ", ".join(self.new_people[:5])
            more = _(" and {n} more").format(n=len(self.new_people) - 5) if len(self.new_people) > 5 else ""
            lines.append(
                ngettext(
                    "  {n} person was not in the journal yet and was added: {names}{more}",
                    "  {n} people were not in the journal yet and were added: {names}{more}",
                    len(self.new_people),
                ).format(n=len(self.new_people), names=shown, more=more)
            )
        if self.not_kept:
            kinds = ", ".join(f"{_(what)} ({n})" for what, n in sorted(self.not_kept.items(), key=lambda kv: -kv[1]))
            lines.append(_("  not kept: {kinds}").format(kinds=kinds))
        if not self.changed:
            lines.append(_("The journal was not changed."))
        return lines


def detect_format(name: str, raw: bytes) -> str:
    """ "json", "vcard" or "csv", by the file name, else by the first bytes."""
    suffix = Path(name).suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in VCARD_SUFFIXES:
        return "vcard"
    if suffix in CSV_SUFFIXES:
        return "csv"
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "json"
    if b"BEGIN:VCARD" in raw[:4096].upper().replace(b"\x00", b""):
        return "vcard"
    from journal.interop.csv_import import looks_like_csv

    if looks_like_csv(raw):
        return "csv"
    raise ImportFailed(
        _(
            "Cannot tell what {name} is: import reads a netjournal JSON file (.json), vCards (.vcf), "
            "a folder of vCards, or CSV from LinkedIn, Google, Outlook, Thunderbird or netjournal (.csv). "
            "Nothing was changed."
        ).format(name=name)
    )


def import_bytes(
    store: JournalStore, raw: bytes, name: str, fmt: str | None = None, options: ImportOptions | None = None
) -> ImportSummary:
    """Import a file's content into the open journal, all or nothing."""
    kind = fmt or detect_format(name, raw)
    if kind == "json":
        from journal.merge import merge_bytes

        return merge_bytes(store, raw, name)
    if kind == "vcard":
        from journal.interop.vcard import import_vcards

        return import_vcards(store, raw, name, options)
    if kind == "vdir":
        raise ImportFailed(
            _("{name} is a file; a vdir is a folder of .vcf files. Nothing was changed.").format(name=name)
        )
    from journal.interop.csv_import import import_csv

    return import_csv(store, raw, name, kind, options)


def read_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing (before reading) one larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFailed(
                _(
                    "{path} is {size} MB; import reads at most {limit} MB. If it really is an address book, "
                    "raise the limit with --max-size. Nothing was changed."
                ).format(path=path, size=round(size / 1_000_000, 1), limit=round(max_bytes / 1_000_000, 1))
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as err:
        raise ImportFailed(
            _("Cannot read {path}: {reason}. Nothing was changed.").format(path=path, reason=err.strerror or err)
        ) from None
    if len(raw) > max_bytes:  # it grew while we looked
        raise ImportFailed(
            _("{path} is larger than {limit} MB. Nothing was changed.").format(
                path=path, limit=round(max_bytes / 1_000_000, 1)
            )
        )
    return raw


def import_file(
    store: JournalStore,
    path: Path,
    fmt: str | None = None,
    options: ImportOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportSummary:
    """Import a file (or a vdir folder of vCards), all or nothing."""
    from journal.merge import journal_copy_bytes

    if path.is_dir():
        if fmt not in (None, "vdir", "vcard"):
            raise ImportFailed(
                _("{path} is a folder; only a vdir (a folder of .vcf files) can be imported from one.").format(
                    path=path
                )
            )
        from journal.interop.vdir import import_vdir

        return import_vdir(store, path, options, max_bytes)

    # A netjournal journal with its change log beside it: all of it, not only the folded part.
    whole = journal_copy_bytes(path, store.clock) if fmt in (None, "json") else None
    raw = whole if whole is not None else read_limited(path, max_bytes)
    return import_bytes(store, raw, path.name, fmt, options)


def export_bytes(store: JournalStore, fmt: str, vcard_version: str = "4.0") -> bytes:
    """The journal in ``fmt`` (one of EXPORT_FORMATS), for ``netjournal export`` and the app's Export."""
    if fmt == "json":
        from journal.backup import backup_bytes

        return backup_bytes(store)
    if fmt == "vcf":
        from journal.interop.vcard import export_vcards

        return export_vcards(store.people(), vcard_version).encode("utf-8")
    if fmt == "ics":
        from journal.interop.ics import export_ics

        return export_ics(store.people(), store.encounters(), store.encounters_by_person()).encode("utf-8")
    if fmt == "people-csv":
        from journal.interop.csv import export_people_csv

        return export_people_csv(store.people()).encode("utf-8")
    from journal.interop.csv import export_csv

    people = [*store.people(), *store.tombstones("people")]
    return export_csv(store.encounters(), people).encode("utf-8")  # type: ignore[arg-type]
