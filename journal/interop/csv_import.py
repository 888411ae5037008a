"""Importing CSV files: address books (LinkedIn, Google, Outlook, Thunderbird) and netjournal's
own people and encounters CSV. The layout is told by the header row (``--format`` names it
instead); people go through the same import as vCards (journal.interop.people_import), so
deleted and forgotten people stay gone, nobody is merged by a shared e-mail alone, and the
summary says what was added, updated, unchanged, skipped and not kept.

Encounters are matched by their id; their people by ``person_ids``, else by exact name or alias.
A name nobody in the journal has becomes a new person (the summary names them); a name two
people share skips the row, with the reason.
"""

from __future__ import annotations

from itertools import zip_longest

from journal.folding import fold_variants
from journal.forget import is_forgotten, scrub_incoming
from journal.i18n import N_, _
from journal.interop import ImportFailed, ImportSummary
from journal.interop.cards import CardPerson
from journal.interop.contacts_csv import LAYOUT_NAMES, ROW_READERS, detect_layout
from journal.interop.csv import is_encounters_header, is_people_header, row_to_encounter, row_to_person
from journal.interop.csv_read import Row, Table, decode_text, read_table
from journal.interop.people_import import ImportOptions, PeopleImport
from journal.model import Encounter, Person, ValidationError
from journal.store import JournalStore

CSV_FORMATS = ("linkedin", "google", "outlook", "thunderbird", "people-csv", "encounters-csv")
FORMAT_NAMES = {**LAYOUT_NAMES, "people-csv": N_("netjournal people"), "encounters-csv": N_("netjournal encounters")}
# The columns a file must have at least one of to be read as a layout named with --format.
NAME_COLUMNS: dict[str, frozenset[str]] = {
    "linkedin": frozenset({"First Name", "Last Name"}),
    "google": frozenset({"Name", "Given Name", "Family Name", "First Name", "Last Name"}),
    "outlook": frozenset({"First Name", "Last Name", "Company", "E-mail Address", "Vorname", "Nachname", "Firma"}),
    "thunderbird": frozenset({"Display Name", "First Name", "Last Name", "Primary Email"}),
    "people-csv": frozenset({"name"}),
    "encounters-csv": frozenset({"date"}),
}


def table_kind(header: list[str]) -> str | None:
    """Which CSV this header belongs to, or None."""
    if is_people_header(header):
        return "people-csv"
    if is_encounters_header(header):
        return "encounters-csv"
    return detect_layout(header)


def read_csv(raw: bytes) -> Table | None:
    return read_table(decode_text(raw), lambda names: table_kind(names) is not None)


def looks_like_csv(raw: bytes) -> bool:
    """Does this file's header name one of the layouts import knows?"""
    table = read_csv(raw[: 64 * 1024])
    return table is not None and table_kind(table.header) is not None


def import_csv(
    store: JournalStore, raw: bytes, source: str, fmt: str | None = None, options: ImportOptions | None = None
) -> ImportSummary:
    """Import a CSV file, all or nothing; ImportFailed if it is not one import can read."""
    table = read_csv(raw)
    if table is None or not table.header:
        raise ImportFailed(_("{source} holds no table. Nothing was changed.").format(source=source))
    kind = fmt if fmt not in (None, "csv") else table_kind(table.header)
    if kind is None:
        raise ImportFailed(
            _(
                "Cannot tell which address book wrote {source} (its header begins “{header}”). "
                "Name it with --format linkedin, google, outlook, thunderbird, people-csv or "
                "encounters-csv. Nothing was changed."
            ).format(source=source, header=", ".join(table.header[:4]))
        )
    if not NAME_COLUMNS[kind] & set(table.header):
        raise ImportFailed(
            _("{source} is not a {layout} CSV: its header has none of {columns}. Nothing was changed.").format(
                source=source, layout=_(FORMAT_NAMES[kind]), columns=", ".join(sorted(NAME_COLUMNS[kind]))
            )
        )
    if not table.rows:
        raise ImportFailed(_("{source} has a header but no rows. Nothing was changed.").format(source=source))
    if kind == "encounters-csv":
        return EncounterImport(store, source, options).run(table.rows)
    read = row_to_person if kind == "people-csv" else ROW_READERS[kind]
    run = PeopleImport(store, source, options)
    for row in table.rows:
        try:
            card: CardPerson = read(row)
        except ValidationError as err:
            run.summary.skip(_("the row at line {line}").format(line=row.line), err.message)
            continue
        run.take(card)
    return run.finish()


class EncounterImport:
    """One import of netjournal's encounters CSV, written in one transaction."""

    def __init__(self, store: JournalStore, source: str, options: ImportOptions | None = None) -> None:
        self.store = store
        self.source = source
        self.options = options or ImportOptions()
        self.summary = ImportSummary(source)
        tombstones = store.tombstones("people")
        self.forgotten = {t.id for t in tombstones if is_forgotten(t)}
        self.deleted = {t.id for t in tombstones}
        self.deleted_names = {
            spelling for t in tombstones if isinstance(t, Person) and t.name for spelling in fold_variants(t.name)
        }
        self.gone_encounters = {t.id for t in store.tombstones("encounters")}
        self.new_people: dict[str, Person] = {}  # a name as written → the person made for it
        self.named_forgotten: dict[str, Person] = {}  # so their names can be scrubbed from the texts

    def _label(self, row: Row, names: list[str]) -> str:
        if names:
            return _("“{name}” (line {line})").format(name=", ".join(names), line=row.line)
        return _("the row at line {line}").format(line=row.line)

    def _resolve(self, ids: list[str], names: list[str]) -> list[str] | str:
        """The ids of the encounter's people, or why the row cannot be imported."""
        out: list[str] = []
        if ids and len(names) != len(ids):
            names = []  # a name with a ";" in it: the ids say who, the names cannot be paired with them
        for pid, name in zip_longest(ids, names, fillvalue=""):
            if pid and self.store.person(pid) is not None:
                out.append(pid)
                continue
            if pid in self.forgotten:
                out.append(pid)  # taken out, with their name in the texts, by scrub_incoming
                if name:
                    self.named_forgotten[pid] = Person(id=pid, name=name)
                continue
            if pid in self.deleted or not name:
                continue
            found = [p for p in self.store.index.find_exact(name) if self.store.person(p) is not None]
            if len(found) == 1:
                out.append(found[0])
            elif len(found) > 1:
                return _("“{name}” could mean {n} people in the journal; give their ids in person_ids").format(
                    name=name, n=len(found)
                )
            elif any(spelling in self.deleted_names for spelling in fold_variants(name)):
                continue  # someone deleted in the journal
            else:
                person = self.new_people.get(name)
                if person is None:
                    person = Person(name=name)
                    if pid and pid not in self.deleted and self.store.person(pid) is None:
                        person.id = pid  # their id from the other journal: a later import finds them
                    self.new_people[name] = person
                out.append(person.id)
        return list(dict.fromkeys(out))

    def run(self, rows: list[Row]) -> ImportSummary:
        summary = self.summary
        incoming: dict[str, tuple[Row, list[str], Encounter]] = {}
        for row in rows:
            names: list[str] = []
            try:
                encounter, names, ids = row_to_encounter(row)
            except ValidationError as err:
                summary.skip(self._label(row, names), err.message)
                continue
            if encounter.id in self.gone_encounters:
                summary.left_out[_("deleted in the journal")] = summary.left_out.get(_("deleted in the journal"), 0) + 1
                continue
            resolved = self._resolve(ids, names)
            if isinstance(resolved, str):
                summary.skip(self._label(row, names), resolved)
                continue
            if not resolved:
                why = _("everyone in it was deleted or forgotten in the journal")
                summary.left_out[why] = summary.left_out.get(why, 0) + 1
                continue
            encounter.person_ids = resolved
            incoming[encounter.id] = (row, names, encounter)
        ours = {"people": {t.id: t for t in self.store.tombstones("people")}}
        theirs = {
            "people": dict(self.named_forgotten),
            "encounters": {eid: enc for eid, (_r, _n, enc) in incoming.items()},
        }
        cleaned, _changed = scrub_incoming(ours, theirs)  # type: ignore[arg-type]
        summary.forgotten = sum(1 for eid, (_r, _n, enc) in incoming.items() if cleaned["encounters"][eid] is not enc)
        writes: list[Encounter] = []
        for eid, (row, names, _encounter) in incoming.items():
            scrubbed = cleaned["encounters"][eid]
            assert isinstance(scrubbed, Encounter)
            if scrubbed.deleted is not None:
                why = _("everyone in it was deleted or forgotten in the journal")
                summary.left_out[why] = summary.left_out.get(why, 0) + 1
                continue
            try:
                scrubbed.normalise()
                scrubbed.validate()
            except ValidationError as err:
                summary.skip(self._label(row, names), err.message)
                continue
            existing = self.store.encounter(eid)
            if existing is None:
                writes.append(scrubbed)
                summary.added += 1
                continue
            merged = fill_in(existing, scrubbed)
            if merged is None:
                summary.unchanged += 1
            else:
                writes.append(merged)
                summary.updated += 1
        used = {pid for e in writes for pid in e.person_ids}
        people = [p for p in self.new_people.values() if p.id in used]
        summary.new_people = [p.name for p in people]
        if self.options.strict and summary.skipped:
            raise ImportFailed(
                _("{source}: {n} of the rows could not be read ({first}); with --strict nothing was imported.").format(
                    source=self.source, n=len(summary.skipped), first=" — ".join(summary.skipped[0])
                )
            )
        if writes:
            try:
                with self.store.transaction():
                    self.store.save(*people, *writes)
            except OSError as err:
                raise ImportFailed(
                    _("Could not save to {path}: {reason}. Nothing was changed.").format(
                        path=self.store.path, reason=err.strerror or err
                    )
                ) from None
        return summary


def fill_in(existing: Encounter, incoming: Encounter) -> Encounter | None:
    """The journal's encounter with what it lacks taken from the row (people and tags added);
    None when the row adds nothing. What the journal holds is never overwritten."""
    from dataclasses import replace

    merged = replace(existing, person_ids=list(existing.person_ids), tags=list(existing.tags))
    merged.person_ids += [pid for pid in incoming.person_ids if pid not in merged.person_ids]
    merged.tags += [t for t in incoming.tags if t not in merged.tags]
    for name in (
        "time",
        "occasion",
        "place",
        "summary",
        "common_ground",
        "experience",
        "gave",
        "received",
        "follow_up",
    ):
        if not getattr(merged, name) and getattr(incoming, name):
            setattr(merged, name, getattr(incoming, name))
    merged.by_chance = merged.by_chance or incoming.by_chance
    merged.lucky = merged.lucky or incoming.lucky
    return None if merged.to_dict() == existing.to_dict() else merged
