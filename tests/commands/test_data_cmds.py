"""The backup, restore, import and export subcommands, as a user or a script calls them."""

from __future__ import annotations

import csv
import io
import shutil
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from journal import cli
from journal.clock import FixedClock
from journal.commands import data as data_cmds
from journal.model import Encounter, Person
from journal.store import JournalStore
from tests.conftest import journal_bytes, stored_document

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)
FIXTURES = Path(__file__).parent.parent / "fixtures" / "vcf"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Path:
    path = tmp_path / "journal.json"
    with JournalStore.open(path, clock) as store:
        anna = Person(
            name="Anna Müller",
            company="Stripe",
            tags=["rust"],
            platforms={"e-mail": "anna@stripe.example", "LinkedIn": "anna-mueller"},
        )
        bob = Person(name="Bob Schulz", company="Nordlicht")
        store.save(anna, bob)
        store.save(Encounter(date=date(2026, 11, 20), person_ids=[anna.id, bob.id], summary="Kaffee, Rust"))
    return path


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


# ----------------------------------------------------------------------------- backup


def test_backup_command(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    code, out, err = run(clock, "--db", str(journal), "backup")
    assert code == 0, err
    written = tmp_path / "backups" / "journal-manual-20261129-120000.json"
    assert out == f"Backup written: {written} (2 people, 1 encounters).\n"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    code, out, _err = run(clock, "--db", str(journal), "backup", str(tmp_path / "mine.json"))
    assert code == 0 and (tmp_path / "mine.json").is_file()


def test_backup_of_a_broken_journal_fails_with_2(tmp_path: Path, clock: FixedClock) -> None:
    broken = tmp_path / "journal.json"
    broken.write_text("{ nope")
    code, _out, err = run(clock, "--db", str(broken), "backup")
    assert code == 2 and "Cannot open the journal" in err
    assert broken.read_text() == "{ nope"


# ----------------------------------------------------------------------------- restore


def test_restore_with_yes(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    run(clock, "--db", str(journal), "backup", str(tmp_path / "b.json"))
    original = stored_document(journal)
    assert run(clock, "--db", str(journal), "add", "Carla Rossi: hallo")[0] == 0
    code, out, err = run(clock, "--db", str(journal), "restore", str(tmp_path / "b.json"), "--yes")
    assert code == 0, err
    assert "2 people, 1 encounters" in out
    assert "The journal as it was is saved at" in out
    assert stored_document(journal) == original
    saved = list((tmp_path / "backups").glob("journal-before-restore-*.json"))
    assert len(saved) == 1 and b"Carla Rossi" in saved[0].read_bytes()


def test_restore_without_a_terminal_needs_yes(
    journal: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(clock, "--db", str(journal), "backup", str(tmp_path / "b.json"))
    run(clock, "--db", str(journal), "add", "Carla Rossi: hallo")
    before = journal_bytes(journal)
    monkeypatch.setattr(data_cmds, "_stdin", lambda: io.StringIO("y\n"))  # not a TTY
    code, _out, err = run(clock, "--db", str(journal), "restore", str(tmp_path / "b.json"))
    assert code == 1
    assert "--yes" in err
    assert journal_bytes(journal) == before


@pytest.mark.parametrize(("answer", "restored"), [("y\n", True), ("yes\n", True), ("n\n", False), ("\n", False)])
def test_restore_asks_on_a_terminal(
    journal: Path, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, restored: bool
) -> None:
    run(clock, "--db", str(journal), "backup", str(tmp_path / "b.json"))
    run(clock, "--db", str(journal), "add", "Carla Rossi: hallo")
    before = journal_bytes(journal)
    monkeypatch.setattr(data_cmds, "_stdin", lambda: FakeTTY(answer))
    code, out, _err = run(clock, "--db", str(journal), "restore", str(tmp_path / "b.json"))
    assert "Restore this backup? [y/N]" in out
    assert (code == 0) is restored
    assert (journal_bytes(journal) != before) is restored


def test_restore_refuses_a_bad_backup_before_asking(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"meta": {"1": {"app": "netjournal", "schema": 7}}}')
    before = journal_bytes(journal)
    code, out, err = run(clock, "--db", str(journal), "restore", str(bad), "--yes")
    assert code == 1
    assert "newer netjournal (schema 7" in err
    assert out == ""
    assert journal_bytes(journal) == before
    code, _out, err = run(clock, "--db", str(journal), "restore", str(tmp_path / "missing.json"), "--yes")
    assert code == 1 and "no backup file" in err


def test_restore_while_the_journal_is_open_elsewhere(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    """The open journal (the app) shows the restored one: read again, not merged with what it had."""
    run(clock, "--db", str(journal), "backup", str(tmp_path / "b.json"))
    with JournalStore.open(journal, clock) as open_elsewhere:
        open_elsewhere.save(Person(name="Carla Rossi"))
        code, _out, err = run(clock, "--db", str(journal), "restore", str(tmp_path / "b.json"), "--yes")
        assert code == 0, err
        changes = open_elsewhere.poll()
        assert [c.source for c in changes] == ["reload"]
        assert sorted(p.name for p in open_elsewhere.people()) == ["Anna Müller", "Bob Schulz"]
        open_elsewhere.save(Person(name="Dora Öztürk"))  # it goes on writing to the restored journal
        assert open_elsewhere.compact()
    with JournalStore.open(journal, clock, readonly=True) as store:
        assert sorted(p.name for p in store.people()) == ["Anna Müller", "Bob Schulz", "Dora Öztürk"]


# ----------------------------------------------------------------------------- import


def test_import_vcards_prints_a_summary(journal: Path, clock: FixedClock) -> None:
    code, out, err = run(clock, "--db", str(journal), "import", str(FIXTURES / "several.vcf"))
    assert code == 0, err
    assert out.splitlines()[0] == "Imported several.vcf: 4 added, 0 updated, 0 skipped."
    code, out, _err = run(clock, "--db", str(journal), "people", "Käthe")
    assert out.startswith("Käthe Böhm")


def test_import_a_journal_copy(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    run(clock, "--db", str(other), "add", "Dora Öztürk: Kaffee")
    code, out, err = run(clock, "--db", str(journal), "import", str(other))
    assert code == 0, err
    assert "2 added" in out  # Dora and the encounter with her
    code, out, _err = run(clock, "--db", str(journal), "import", str(other))
    assert "0 added, 0 updated" in out and "The journal was not changed." in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", b'{"meta": oops}', "bad.json is not valid JSON (line 1"),
        ("newer.json", b'{"meta": {"1": {"app": "netjournal", "schema": 99}}}', "newer netjournal"),
        ("bad.vcf", b"FN:Anna\r\n", "bad.vcf contains no vCards"),
        ("mystery.dat", b"\x00\x01\x02", "Cannot tell what mystery.dat is"),
    ],
)
def test_import_of_a_bad_file_exits_1_and_changes_nothing(
    journal: Path, clock: FixedClock, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    before = journal_bytes(journal)
    code, out, err = run(clock, "--db", str(journal), "import", str(tmp_path / name))
    assert code == 1
    assert message in err and "Nothing was changed." in err
    assert out == ""
    assert journal_bytes(journal) == before


CORPUS = Path(__file__).parent.parent / "interop" / "corpus"


def test_import_linkedin_connections_then_find_someone(journal: Path, clock: FixedClock) -> None:
    code, out, err = run(clock, "--db", str(journal), "import", str(CORPUS / "linkedin-Connections.csv"))
    assert code == 0, err
    assert out.splitlines()[0] == "Imported linkedin-Connections.csv: 6 added, 0 updated, 1 skipped."
    code, out, _err = run(clock, "--db", str(journal), "show", "Priya")
    assert code == 0 and "LinkedIn: priya-sharma-9z8y7x" in out and "Senior Engineer" in out


def test_import_format_overrides_the_header(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    odd = tmp_path / "contacts.txt"
    odd.write_bytes((CORPUS / "outlook-de.csv").read_bytes())
    code, _out, err = run(clock, "--db", str(journal), "import", "--format", "linkedin", str(odd))
    assert code == 1 and "is not a LinkedIn CSV" in err and "Nothing was changed." in err
    code, out, err = run(clock, "--db", str(journal), "import", "--format", "outlook", str(odd))
    assert code == 0 and "1 added" in out, err


def test_people_csv_and_encounters_csv_carry_a_journal_over(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    people, encounters, fresh = tmp_path / "people.csv", tmp_path / "encounters.csv", tmp_path / "fresh.json"
    assert run(clock, "--db", str(journal), "export", "--format", "people-csv", "-o", str(people))[0] == 0
    assert run(clock, "--db", str(journal), "export", "--format", "csv", "-o", str(encounters))[0] == 0
    assert run(clock, "--db", str(fresh), "import", str(people))[1].startswith("Imported people.csv: 2 added")
    assert run(clock, "--db", str(fresh), "import", str(encounters))[1].startswith("Imported encounters.csv: 1 added")
    assert run(clock, "--db", str(fresh), "show", "Anna")[1] == run(clock, "--db", str(journal), "show", "Anna")[1]


def test_import_of_a_missing_file(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    code, _out, err = run(clock, "--db", str(journal), "import", str(tmp_path / "nope.vcf"))
    assert code == 1 and "There is no file at" in err


# ----------------------------------------------------------------------------- export


def test_export_json_to_stdout_is_a_backup(journal: Path, clock: FixedClock) -> None:
    code, out, _err = run(clock, "--db", str(journal), "export", "--format", "json")
    assert code == 0
    data = orjson.loads(out)
    assert data["backup"]["1"]["exported"] == "2026-11-29T12:00:00.000000Z"
    assert len(data["people"]) == 2


def test_export_vcf_and_csv_to_files(journal: Path, clock: FixedClock, tmp_path: Path) -> None:
    code, out, _err = run(clock, "--db", str(journal), "export", "--format", "vcf", "-o", str(tmp_path / "p.vcf"))
    assert code == 0 and out == f"Exported to {tmp_path / 'p.vcf'}.\n"
    assert stat.S_IMODE((tmp_path / "p.vcf").stat().st_mode) == 0o600
    assert (tmp_path / "p.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    code, out, _err = run(clock, "--db", str(journal), "export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(r["people"], r["summary"]) for r in rows] == [("Anna Müller; Bob Schulz", "Kaffee, Rust")]


def test_export_vcf_writes_vcard_4_by_default_and_3_when_asked(journal: Path, clock: FixedClock) -> None:
    with JournalStore.open(journal, clock) as store:
        anna = store.find_person("Anna Müller")
        assert anna is not None
        anna.birthday = "--03-22"
        anna.given_name, anna.family_name = "Anna", "Müller"
        store.save(anna)
    code, four, _err = run(clock, "--db", str(journal), "export", "--format", "vcf")
    assert code == 0 and four.count("VERSION:4.0") == 2 and "VERSION:3.0" not in four
    assert "BDAY:--0322" in four and "N:Müller;Anna;;;" in four
    code, three, _err = run(clock, "--db", str(journal), "export", "--format", "vcf", "--vcard-version", "3")
    assert code == 0 and three.count("VERSION:3.0") == 2 and "VERSION:4.0" not in three
    # vCard 3.0 has no date without a year: Apple's way, which iOS, macOS and netjournal read back.
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-22" in three
    assert "EMAIL;TYPE=internet:anna@stripe.example" in three
    with pytest.raises(SystemExit) as refused:  # the parser refuses it, with the usage line
        run(clock, "--db", str(journal), "export", "--format", "vcf", "--vcard-version", "2")
    assert refused.value.code != 0


def test_export_ics_writes_a_calendar_of_birthdays_and_follow_ups(
    journal: Path, clock: FixedClock, tmp_path: Path
) -> None:
    with JournalStore.open(journal, clock) as store:
        anna, bob = store.find_person("Anna Müller"), store.find_person("Bob Schulz")
        assert anna is not None and bob is not None
        anna.birthday = "1980-03-22"
        store.save(anna)
        store.save(Encounter(date=date(2026, 11, 28), person_ids=[bob.id], follow_up=date(2026, 12, 3)))
    target = tmp_path / "netjournal.ics"
    code, out, err = run(clock, "--db", str(journal), "export", "--format", "ics", "-o", str(target))
    assert code == 0 and out == f"Exported to {target}.\n", err
    text = target.read_bytes().decode("utf-8")  # iCalendar lines end in CRLF
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Anna Müller's birthday\r\n" in text and "RRULE:FREQ=YEARLY\r\n" in text
    assert "SUMMARY:Follow up with Bob Schulz\r\n" in text and "DTSTART;VALUE=DATE:20261203\r\n" in text


def test_export_never_overwrites_the_journal(journal: Path, clock: FixedClock) -> None:
    before = journal_bytes(journal)
    code, _out, err = run(clock, "--db", str(journal), "export", "--format", "csv", "-o", str(journal))
    assert code == 1 and "is the journal itself" in err
    assert journal_bytes(journal) == before


def test_export_then_import_into_a_fresh_journal_lists_the_same_people(
    journal: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """What a user does to move: export, import elsewhere, compare `netjournal people`."""
    for fmt in ("json", "vcf"):
        export = tmp_path / f"export.{fmt}"
        fresh = tmp_path / f"fresh-{fmt}.json"
        assert run(clock, "--db", str(journal), "export", "--format", fmt, "-o", str(export))[0] == 0
        assert run(clock, "--db", str(fresh), "import", str(export))[0] == 0
        theirs = run(clock, "--db", str(fresh), "people")[1]
        ours = run(clock, "--db", str(journal), "people")[1]
        if fmt == "json":
            assert theirs == ours
        else:  # vCards carry people, not encounters: everything but "last seen" matches

            def strip(listing: str) -> list[str]:
                return sorted(line.rsplit(" · ", 1)[0] for line in listing.splitlines())

            assert strip(theirs) == strip(ours)
        shutil.rmtree(tmp_path / "backups", ignore_errors=True)


def test_import_strict_yes_and_max_size(journal: Path, clock: FixedClock, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from journal.interop import people_import

    broken = tmp_path / "broken.vcf"
    broken.write_bytes(b"BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bob\r\n")
    code, _out, err = run(clock, "--db", str(journal), "import", "--strict", str(broken))
    assert code == 1 and "with --strict nothing was imported" in err
    code, out, _err = run(clock, "--db", str(journal), "import", str(broken))
    assert code == 0 and "1 added" in out and "the card has no END:VCARD" in out
    many = tmp_path / "many.vcf"
    many.write_text("".join(f"BEGIN:VCARD\r\nFN:P{i}\r\nEND:VCARD\r\n" for i in range(30)))
    monkeypatch.setattr(people_import, "ASK_ABOVE", 20)
    code, _out, err = run(clock, "--db", str(journal), "import", str(many))
    assert code == 1 and "would add 30 people" in err and "--yes" in err
    code, out, _err = run(clock, "--db", str(journal), "import", "--yes", str(many))
    assert code == 0 and "30 added" in out
    code, _out, err = run(clock, "--db", str(journal), "import", "--max-size", "0", str(many))
    assert code == 1 and "--max-size must be at least 1" in err
