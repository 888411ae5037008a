"""A vdir: one vCard file per person in a folder, the layout that khard and vdirsyncer use, so
that the journal's people can be synced with a CardDAV address book (Nextcloud, iCloud,
Radicale, …) through vdirsyncer.

Export (``netjournal export --format vdir DIR``):
- each person's card is ``DIR/<UID>.vcf`` (a UID with characters unsafe in a file name gets a
  name derived from it, always the same one); a card that is already in the folder under
  another name (vdirsyncer keeps the server's names) is written back to that file;
- a file is written only when its content changes, so a sync tool sees only what changed;
- the card of someone deleted or forgotten in the journal is removed; files of cards the
  journal does not know (added on a phone and not imported yet) are left alone;
- a card changed elsewhere since netjournal last wrote it (a sync brought an edit) and holding
  something the journal lacks is not overwritten: the export keeps it and says so (import the
  folder first). What netjournal wrote last is remembered in ``DIR/.netjournal-vdir.json``.

Import (``netjournal import DIR``) reads every ``.vcf`` in the folder (or, if it has none, in
its subfolders: vdirsyncer's one folder per address book) and merges by UID, as the vCard
import does. A card deleted elsewhere does not delete anyone in the journal.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from journal.i18n import _, ngettext
from journal.interop import ImportFailed, ImportSummary, read_limited
from journal.interop.cards import card_to_person, person_id_for_uid
from journal.interop.vcard import card_uid, read_people, vcard_text
from journal.interop.vcard_read import read_cards
from journal.model import Person
from journal.storage import FOLDER_MODE, atomic_write_bytes
from journal.store import JournalError

if TYPE_CHECKING:
    from journal.interop.people_import import ImportOptions
    from journal.store import JournalStore


class ExportFailed(JournalError):
    """The vdir cannot be written (as a whole or from some card on); exit status 1."""

    exit_code = 1


SUFFIXES = (".vcf", ".vcard")
STATE_FILE = ".netjournal-vdir.json"
# vdirsyncer's safe characters for a file name made from a UID.
_SAFE = re.compile(r"[A-Za-z0-9_.+@-]+")
_NAMES = uuid.UUID("0b8f3c52-4f0e-4c61-8f3e-7a2d7c1e5b90")
_UID_LINE = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?UID(?:;[^:\r\n]*)?:(.*?)\r?$", re.I | re.M)


def file_name(uid: str) -> str:
    """The file a card of this UID gets in a new vdir: the UUID or UID itself when it is safe."""
    bare = uid[9:] if uid.lower().startswith("urn:uuid:") else uid
    if _SAFE.fullmatch(bare) and not bare.startswith("."):
        return bare + ".vcf"
    return f"{uuid.uuid5(_NAMES, uid)}.vcf"


def _uid_in(raw: bytes) -> str | None:
    """The UID of the (first) card in a file's bytes, without reading the rest of the card."""
    unfolded = re.sub(rb"\r?\n[ \t]", b"", raw)
    match = _UID_LINE.search(unfolded)
    return match.group(1).decode("utf-8", "replace").strip() or None if match else None


def _same_card(raw: bytes) -> bytes:
    """The card as lines, unfolded: sync tools write LF where netjournal writes CRLF, and may
    fold long lines elsewhere; neither is a change."""
    return re.sub(rb"\r?\n[ \t]", b"", raw).replace(b"\r\n", b"\n").strip()


def _digest(raw: bytes) -> str:
    return hashlib.sha256(_same_card(raw)).hexdigest()


def _card_files(folder: Path) -> list[Path]:
    """The card files of a folder (not hidden ones: temp files, the state file)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()]


# ----------------------------------------------------------------------------------------- exporting


@dataclass
class VdirExport:
    """What an export to a vdir did, for the user."""

    folder: Path
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: list[str] = field(default_factory=list)  # files changed elsewhere, left as they are

    def lines(self) -> list[str]:
        total = self.written + self.unchanged + len(self.kept)
        lines = [
            ngettext(
                "Exported {n} person to {folder}: {written} written, {unchanged} unchanged, {removed} removed.",
                "Exported {n} people to {folder}: {written} written, {unchanged} unchanged, {removed} removed.",
                total,
            ).format(n=total, folder=self.folder, written=self.written, unchanged=self.unchanged, removed=self.removed)
        ]
        if self.kept:
            shown = ", ".join(self.kept[:5]) + (
                _(" and {n} more").format(n=len(self.kept) - 5) if len(self.kept) > 5 else ""
            )
            lines.append(
                ngettext(
                    "  {n} card was changed elsewhere and holds what the journal lacks; it was left as it is "
                    "({files}). Import the folder first (netjournal import {folder}), then export again.",
                    "  {n} cards were changed elsewhere and hold what the journal lacks; they were left as they "
                    "are ({files}). Import the folder first (netjournal import {folder}), then export again.",
                    len(self.kept),
                ).format(n=len(self.kept), files=shown, folder=self.folder)
            )
        return lines


def _read_state(folder: Path) -> dict[str, str]:
    try:
        data = orjson.loads((folder / STATE_FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return (
        {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(files, dict) else {}
    )


def _adds_something(raw: bytes, person: Person) -> bool:
    """Does the card in ``raw`` hold something the journal's ``person`` lacks?"""
    from journal.interop.people_import import merge_person

    cards = read_cards(raw).cards
    if not cards or cards[0].error:
        return True  # unreadable: not ours to overwrite
    theirs = card_to_person(cards[0]).person
    if theirs is None:
        return False
    theirs.normalise()
    return merge_person(person, theirs) is not None


def export_vdir(people: list[Person], deleted_ids: set[str], folder: Path, version: str = "4.0") -> VdirExport:
    """Write one card per person into ``folder`` (created if missing); see the module's notes."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    except OSError as err:
        raise ExportFailed(
            _("Cannot make the folder {path}: {reason}. Nothing was written.").format(
                path=folder, reason=err.strerror or err
            )
        ) from None
    if not folder.is_dir():
        raise ExportFailed(_("{path} is not a folder. Nothing was written.").format(path=folder))
    result = VdirExport(folder)
    state = _read_state(folder)
    # Which files hold which person's card now (by UID), whatever their names.
    existing: dict[str, list[Path]] = {}
    contents: dict[Path, bytes] = {}
    for path in _card_files(folder):
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        uid = _uid_in(raw)
        if uid:
            contents[path] = raw
            existing.setdefault(person_id_for_uid(uid), []).append(path)
    new_state: dict[str, str] = {}
    taken = {path for paths in existing.values() for path in paths}
    try:
        for person in people:
            payload = vcard_text(person, version).encode("utf-8")
            # Their card is the file with their card's UID. Another file with that UID, or with
            # their own id as UID (the card they had before an import gave them another one),
            # is the same person twice: it goes once it holds nothing the journal lacks, so
            # that no UID is in the folder twice.
            uid_key = person_id_for_uid(card_uid(person))
            theirs = list(dict.fromkeys([*existing.get(uid_key, []), *existing.get(person.id, [])]))
            known = theirs[0] if theirs else None
            for extra in theirs[1:]:
                old_card = contents[extra]
                if state.get(extra.name) != _digest(old_card) and _adds_something(old_card, person):
                    result.kept.append(extra.name)
                else:
                    extra.unlink(missing_ok=True)
                    result.removed += 1
            if known is not None:
                path = known
            else:
                path = folder / file_name(card_uid(person))
                if path in taken or path.exists():  # another card's file by chance: never overwrite it
                    path = folder / f"{uuid.uuid5(_NAMES, card_uid(person) + '/' + person.id)}.vcf"
            taken.add(path)
            old = contents.get(path)
            if old is not None and _same_card(old) == _same_card(payload):
                result.unchanged += 1
                new_state[path.name] = _digest(payload)
                continue
            if old is not None and state.get(path.name) != _digest(old) and _adds_something(old, person):
                result.kept.append(path.name)
                if path.name in state:
                    new_state[path.name] = state[path.name]
                continue
            atomic_write_bytes(path, payload)
            result.written += 1
            new_state[path.name] = _digest(payload)
        for pid in deleted_ids:
            for gone in existing.get(pid, []):
                with contextlib.suppress(FileNotFoundError):
                    gone.unlink()
                result.removed += 1
        # Files netjournal wrote for people it still has stay remembered; others are forgotten.
        atomic_write_bytes(
            folder / STATE_FILE, orjson.dumps({"app": "netjournal", "files": new_state}, option=orjson.OPT_SORT_KEYS)
        )
    except OSError as err:
        raise ExportFailed(
            _("Could not write into {path}: {reason}. The cards written so far are complete; export again.").format(
                path=folder, reason=err.strerror or err
            )
        ) from None
    return result


# ----------------------------------------------------------------------------------------- importing


def vdir_files(folder: Path) -> list[Path]:
    """The card files of a vdir, or of its address books (subfolders) when it holds none itself."""
    files = _card_files(folder)
    if files:
        return files
    with contextlib.suppress(OSError):
        for sub in sorted(folder.iterdir()):
            if sub.is_dir() and not sub.name.startswith("."):
                files += _card_files(sub)
    return files


def import_vdir(
    store: JournalStore, folder: Path, options: ImportOptions | None = None, max_bytes: int = 256 * 1024 * 1024
) -> ImportSummary:
    """Add and update people from every card in the folder, all in one write, merging by UID."""
    from journal.interop.people_import import PeopleImport

    files = vdir_files(folder)
    if not files:
        raise ImportFailed(
            _("{path} holds no .vcf files (nor do its subfolders). Nothing was changed.").format(path=folder)
        )
    run = PeopleImport(store, str(folder), options)
    budget = max_bytes
    for path in files:
        raw = read_limited(path, budget)
        budget -= len(raw)
        name = str(path.relative_to(folder))
        try:
            people, summary = read_people(raw, name)
        except ImportFailed as err:
            run.summary.skip(name, err.message)
            continue
        run.summary.skipped += [(f"{name}: {what}", why) for what, why in summary.skipped]
        for card in people:
            card.label = f"{name}: {card.label}"
            run.take(card)
    return run.finish()
